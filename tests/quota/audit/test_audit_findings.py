"""Every finding kind of the annual audit, with its severity and plain-Chinese explanation."""

from datetime import date
from decimal import Decimal

import pytest

from backend.accounts.crypto import cipher
from quota.audit.models import AuditFinding, AuditResult
from quota.choices import ReportStatus

from .factories import filed_report, make_employer, make_line, make_person, make_report


def findings(run, employer):
    return list(
        AuditFinding.objects.filter(run=run, employer=employer).values_list("kind", "severity", "message")
    )


@pytest.fixture
def employer(db):
    return make_employer(name="丙公司")


def test_an_eligible_roster_gives_exact_figures_and_no_findings(employer, auditor, run_audit):
    # N = 100, average wage 59,500 (under 2 × 124,000), one grade-4 all year: D = 1, p = 1 %
    # → (1.5 − 1) × 59,500 × 50 % = 14,875.00 (quota-rules.md E1 shape).
    report = filed_report(employer, persons=[make_person()])

    run = run_audit(by=auditor)

    result = AuditResult.objects.get(run=run, employer=employer)
    assert (result.report_id, result.status) == (report.pk, "submitted")
    assert result.employee_count == Decimal("100.0000")
    assert result.counted_disabled == Decimal("1.0000")
    assert result.ratio == Decimal("0.010000")
    assert result.levy_due == Decimal("14875.00")
    assert (result.exempt, result.findings_count, result.max_severity) == (False, 0, "")
    assert findings(run, employer) == []


@pytest.mark.parametrize(
    ("line_overrides", "person_overrides", "kind", "severity", "text"),
    [
        ({"monthly_wage": Decimal("2000.00")}, {}, "below_minimum_wage", "high", "低于当地最低工资标准2490"),
        (
            {"contract_start": date(2025, 1, 1), "contract_end": date(2025, 6, 30)},
            {},
            "short_contract",
            "medium",
            "合同期限6个月",
        ),
        (
            {"insured_months": list(range(1, 11))},
            {},
            "insurance_missing",
            "high",
            "11至12月未足额缴纳社会保险",
        ),
        ({}, {"valid_until": date(2025, 6, 30)}, "expired", "medium", "7至12月不计入"),
        ({}, {"birth": date(1960, 1, 1)}, "outside_working_age", "medium", "不在就业年龄段"),
    ],
)
def test_each_ineligible_line_is_a_finding_naming_the_condition(
    employer, auditor, run_audit, line_overrides, person_overrides, kind, severity, text
):
    report = filed_report(employer)
    line = make_line(report, make_person(**person_overrides), **line_overrides)

    run = run_audit(by=auditor)

    found = AuditFinding.objects.get(run=run, employer=employer)
    assert (found.kind, found.severity, found.roster_line_id, found.report_id) == (
        kind,
        severity,
        line.pk,
        report.pk,
    )
    assert found.message.startswith("名册第1行：") and text in found.message
    result = AuditResult.objects.get(run=run, employer=employer)
    assert (result.findings_count, result.max_severity) == (1, severity)


def test_an_unreadable_certificate_number_is_an_invalid_certificate(employer, auditor, run_audit):
    person = make_person()
    # A number the registry would refuse today (category "X"), as if stored by an old import.
    person.certificate_enc = cipher().encrypt("32058519850301001XX4", person.aad("certificate"))
    person.save(update_fields=["certificate_enc"])
    make_line(filed_report(employer), person)

    run = run_audit(by=auditor)

    assert [(k, s) for k, s, _ in findings(run, employer)] == [("invalid_certificate", "medium")]
    assert AuditResult.objects.get(run=run, employer=employer).counted_disabled == Decimal("0")


def test_roster_larger_than_headcount_is_flagged(employer, auditor, run_audit):
    filed_report(employer, employee_count=Decimal("2"), persons=[make_person(), make_person(), make_person()])

    run = run_audit(by=auditor)

    ((kind, severity, message),) = findings(run, employer)
    assert (kind, severity) == ("roster_exceeds_headcount", "high")
    assert message == "名册折算人数 3 人超过申报的在职职工人数 2 人"


def test_headcount_moving_more_than_half_is_flagged_wages_moving_exactly_half_are_not(
    employer, auditor, run_audit
):
    make_report(employer, data_year=2024, status=ReportStatus.APPROVED, employee_count=Decimal("100"))
    filed_report(employer, employee_count=Decimal("151"), total_wages=Decimal("2975000"))

    run = run_audit(by=auditor)

    # N: 100 → 151 is 51 % (flagged); wages 5,950,000 → 2,975,000 is exactly 50 % (not more).
    assert findings(run, employer) == [("large_change", "medium", "在职职工人数与上年相比变化51.0%，请核实")]


def test_wages_moving_more_than_half_are_flagged(employer, auditor, run_audit):
    make_report(employer, data_year=2024, status=ReportStatus.APPROVED, total_wages=Decimal("5950000"))
    filed_report(employer, total_wages=Decimal("2975000.00") - Decimal("0.01"))

    run = run_audit(by=auditor)

    assert findings(run, employer) == [("large_change", "medium", "工资总额与上年相比变化50.0%，请核实")]


def test_employer_that_filed_last_year_but_not_this_year_is_missing(employer, auditor, run_audit):
    make_report(employer, data_year=2024, status=ReportStatus.APPROVED)
    drafting = make_employer()
    make_report(drafting, data_year=2024, status=ReportStatus.SUBMITTED)
    make_report(drafting, data_year=2025)  # still a draft: not filed

    run = run_audit(by=auditor)

    assert findings(run, employer) == [("missing_report", "medium", "上年已申报，本年度尚未申报")]
    missing = AuditResult.objects.get(run=run, employer=employer)
    assert (missing.status, missing.report_id, missing.levy_due, missing.findings_count) == (
        "missing",
        None,
        None,
        1,
    )
    draft = AuditResult.objects.get(run=run, employer=drafting)
    assert draft.status == "draft" and draft.report_id is not None


def test_a_returned_report_is_audited_too(employer, auditor, run_audit):
    filed_report(employer, status=ReportStatus.RETURNED, persons=[make_person()])

    run = run_audit(by=auditor)

    assert AuditResult.objects.get(run=run, employer=employer).status == "returned"


def test_a_veteran_of_grade_three_counts_twice(employer, auditor, run_audit):
    filed_report(employer, employee_count=Decimal("200"), persons=[make_person(veteran_grade=3)])

    run = run_audit(by=auditor)

    result = AuditResult.objects.get(run=run, employer=employer)
    assert (result.counted_disabled, result.ratio) == (Decimal("2.0000"), Decimal("0.010000"))
