from decimal import Decimal

from quota.core import (
    CertMonths,
    assess_line,
    cert_months_from_lines,
    find_double_counting,
    find_large_changes,
    find_missing_reports,
    find_roster_exceeds_headcount,
    findings_for_line,
)

from .factories import make_line, make_policy


def test_same_certificate_same_month_at_two_employers_is_flagged_for_both():
    findings = find_double_counting(
        [
            CertMonths("A", "a1", "ID1", frozenset({1, 2, 3})),
            CertMonths("B", "b7", "ID1", frozenset({3, 4})),
            CertMonths("C", "c1", "ID2", frozenset({3})),
        ]
    )
    assert [(f.kind, f.severity, f.employer_key, f.line_id, f.related) for f in findings] == [
        ("double_counting", "high", "A", "a1", ("B",)),
        ("double_counting", "high", "B", "b7", ("A",)),
    ]
    assert "3月" in findings[0].message and "挂靠" in findings[0].message


def test_same_certificate_in_different_months_is_a_job_change_not_a_finding():
    lines = [
        CertMonths("A", "a1", "ID1", frozenset(range(1, 7))),
        CertMonths("B", "b1", "ID1", frozenset(range(7, 13))),
    ]
    assert find_double_counting(lines) == []


def test_same_employer_listing_a_certificate_twice_is_a_duplicate():
    lines = [CertMonths("A", "a1", "ID1", frozenset({1})), CertMonths("A", "a2", "ID1", frozenset({1, 2}))]
    findings = find_double_counting(lines)
    assert {(f.kind, f.line_id) for f in findings} == {
        ("duplicate_in_roster", "a1"),
        ("duplicate_in_roster", "a2"),
    }


def test_large_change_over_half_is_flagged_forty_percent_is_not():
    previous = {"A": (Decimal(100), Decimal(1000000)), "B": (Decimal(100), Decimal(1000000))}
    current = {
        "A": (Decimal(151), Decimal(1000000)),
        "B": (Decimal(140), Decimal(600000)),
        "C": (Decimal(1), 1),
    }
    findings = find_large_changes(current, previous)
    assert [(f.employer_key, f.kind) for f in findings] == [("A", "large_change")]
    assert "在职职工人数" in findings[0].message and "51.0%" in findings[0].message


def test_exactly_fifty_percent_is_not_more_than_fifty():
    assert find_large_changes({"A": (Decimal(50), 1)}, {"A": (Decimal(100), 1)}) == []


def test_growth_from_zero_is_flagged():
    findings = find_large_changes({"A": (Decimal(10), 1)}, {"A": (Decimal(0), 1)})
    assert "从0增加" in findings[0].message


def test_missing_reports_are_the_previous_filers_absent_now():
    findings = find_missing_reports({"A", "B", "C"}, {"B", "D"})
    assert [f.employer_key for f in findings] == ["A", "C"]
    assert all(f.kind == "missing_report" for f in findings)


def test_roster_larger_than_headcount_is_flagged():
    findings = find_roster_exceeds_headcount({"A": Decimal(2), "B": Decimal(2)}, {"A": 36, "B": 24})
    assert [f.employer_key for f in findings] == ["A"]


def test_line_reasons_become_findings_with_severity():
    policy = make_policy()
    low_pay = assess_line(make_line("x", monthly_wage=Decimal("100")), policy, 2024)
    assert [(f.kind, f.severity, f.line_id) for f in findings_for_line(low_pay, "A")] == [
        ("below_minimum_wage", "high", "x")
    ]
    from datetime import date

    expired = assess_line(make_line("y", certificate_valid_until=date(2024, 3, 31)), policy, 2024)
    assert [(f.kind, f.severity) for f in findings_for_line(expired, "A")] == [("expired", "medium")]
    assert findings_for_line(assess_line(make_line("z"), policy, 2024), "A") == []


def test_assessed_rosters_feed_the_double_counting_check():
    from .factories import make_certificate

    policy, cert = make_policy(), make_certificate(seq="321")
    roster_a = [assess_line(make_line("a1", certificate_no=cert, months=frozenset({5, 6})), policy, 2024)]
    roster_b = [
        assess_line(make_line("b1", certificate_no=cert + "B1", months=frozenset({6, 7})), policy, 2024)
    ]
    rows = cert_months_from_lines("A", roster_a) + cert_months_from_lines("B", roster_b)
    assert [(f.employer_key, f.message) for f in find_double_counting(rows)] == [
        ("A", "同一残疾人证在6月同时被其他 1 家单位计入，可能存在挂靠"),
        ("B", "同一残疾人证在6月同时被其他 1 家单位计入，可能存在挂靠"),
    ]
