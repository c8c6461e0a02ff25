"""Edge cases listed in quota-rules.md, plus exactness and input checks."""

from decimal import Decimal
from fractions import Fraction

import pytest

from quota.core import PolicyError, compute_levy

from .factories import make_certificate, make_line, make_policy, make_report

SOCIAL = Decimal("60000")  # cap 120,000: never binds at an average of 100,000


def levy(roster=(), policy=None, **report):
    if "total_wages" not in report:  # an average wage of 100,000
        report["total_wages"] = Decimal(100000) * report.get("employee_count", Decimal(100))
    return compute_levy(
        policy or make_policy(social_average_wage=SOCIAL), make_report(roster=roster, **report)
    )


def test_enterprise_of_thirty_one_is_not_exempt():
    result = levy(employee_count=Decimal(31))
    assert not result.exempt
    assert result.shortfall == Fraction(93, 200)  # 0.465
    assert result.levy_due == Decimal("41850.00")  # 0.465 × 100,000 × 90 %


def test_fractional_headcount_just_over_thirty_is_not_exempt():
    assert not levy(employee_count=Decimal("30.01")).exempt


def test_monthly_headcounts_averaging_thirty_are_exempt():
    counts = (Decimal(29),) * 6 + (Decimal(31),) * 6
    result = levy(employee_count=None, monthly_headcounts=counts, total_wages=Decimal(3000000))
    assert result.employee_count == 30
    assert result.exempt


@pytest.mark.parametrize("org_type", ["government", "institution", "social_org", "private_non_enterprise"])
def test_non_enterprise_of_thirty_is_not_exempt(org_type):
    result = levy(employee_count=Decimal(30), org_type=org_type)
    assert not result.exempt
    assert result.shortfall == Fraction(45, 100)
    assert result.levy_due == Decimal("40500.00")  # 0.45 × 100,000 × 90 %


def test_exactly_the_quota_pays_nothing():
    result = levy(employee_count=Decimal(200), roster=tuple(make_line() for _ in range(3)))
    assert result.ratio == Fraction(3, 200)
    assert result.tier == "quota_met"
    assert result.payable_share == 0
    assert result.levy_due == Decimal("0.00")


def test_just_below_one_percent_pays_ninety_percent():
    roster = (make_line(), make_line(months=frozenset(range(1, 12))))
    result = levy(employee_count=Decimal(200), roster=roster)
    assert result.counted_disabled == Fraction(23, 12)
    assert result.ratio < Fraction(1, 100)
    assert result.payable_share == Fraction(9, 10)
    # (3 − 23/12) × 100,000 × 0.9 = 97,500 exactly
    assert result.levy_due == Decimal("97500.00")


def test_average_wage_exactly_twice_social_average_uses_own_average():
    policy = make_policy(social_average_wage=Decimal("20000"))
    result = levy(policy=policy, employee_count=Decimal(200), total_wages=Decimal("8000000"))
    assert result.average_wage == result.wage_cap == 40000
    assert result.wage_base == result.average_wage
    assert result.levy_due == Decimal("108000.00")
    assert any("未超过上限" in step for step in result.steps)


def test_average_wage_one_cent_over_twice_is_capped():
    policy = make_policy(social_average_wage=Decimal("20000"))
    result = levy(policy=policy, employee_count=Decimal(100), total_wages=Decimal("4000001"))
    assert result.average_wage == Fraction(400000100, 10000)
    assert result.wage_base == 40000


def test_report_social_average_wage_overrides_policy():
    result = levy(employee_count=Decimal(100), social_average_wage=Decimal("10000"))
    assert result.wage_cap == 20000
    assert result.wage_base == 20000


def test_unknown_social_average_wage_computes_without_cap_and_says_so():
    result = levy(policy=make_policy(), employee_count=Decimal(100), total_wages=Decimal("59500000"))
    assert result.wage_cap is None
    assert result.wage_cap_unknown
    assert result.wage_base == 595000
    assert any("无法核对2倍上限" in step for step in result.steps)


def test_n_from_twelve_monthly_headcounts_stays_exact():
    counts = (Decimal(100),) * 11 + (Decimal(101),)
    roster = (make_line(),)
    policy = make_policy(social_average_wage=Decimal("40000"))
    result = levy(
        roster, policy, employee_count=None, monthly_headcounts=counts, total_wages=Decimal("6005000")
    )
    assert result.employee_count == Fraction(1201, 12)
    assert result.required_count == Fraction(1201, 800)
    assert result.shortfall == Fraction(401, 800)  # 0.50125
    assert result.average_wage == 60000
    assert result.ratio == Fraction(12, 1201)  # just under 1 %
    assert result.payable_share == Fraction(9, 10)
    assert result.levy_due == Decimal("27067.50")


def test_rounding_happens_once_at_the_end():
    # D = 5/12: shortfall 13/12 is not a finite decimal.  Rounding it to 4 places
    # first would give 1.0833 × 50,000 × 0.9 = 48,748.50.
    roster = (make_line(months=frozenset(range(1, 6))),)
    result = levy(roster, employee_count=Decimal(100), total_wages=Decimal("5000000"))
    assert result.shortfall == Fraction(13, 12)
    assert result.levy_due == Decimal("48750.00")


def test_not_counted_lines_do_not_reduce_the_levy():
    roster = (make_line(monthly_wage=Decimal("1000")), make_line(contract_months=6))
    result = levy(roster, employee_count=Decimal(100))
    assert result.counted_disabled == 0
    assert result.levy_due == Decimal("135000.00")
    assert "2 人未计入" in result.steps[2]


def test_same_person_twice_in_one_roster_counts_once_per_month():
    cert = make_certificate(grade=2, seq="777")
    roster = (make_line("a", certificate_no=cert), make_line("b", certificate_no=cert + "B1"))
    result = levy(roster, employee_count=Decimal(100))
    assert result.counted_disabled == 2
    by_id = {line.line_id: line for line in result.lines}
    assert by_id["a"].counted and not by_id["b"].counted
    assert by_id["b"].reasons[-1].code == "duplicate_in_roster"


def test_a_full_width_copy_of_a_certificate_is_the_same_person():
    # NFKC first (issue 10 §1): "３２０５…" is "3205…", so the calculator counts the person once.
    cert = make_certificate(grade=4, seq="779")
    copy = "".join(chr(ord(char) + 0xFEE0) for char in cert)
    roster = (make_line("a", certificate_no=cert), make_line("b", certificate_no=copy))
    result = levy(roster, employee_count=Decimal(100))
    assert result.counted_disabled == 1
    assert [line.reasons[-1].code for line in result.lines if not line.counted] == ["duplicate_in_roster"]


def test_overlapping_duplicate_keeps_the_months_not_yet_counted():
    cert = make_certificate(grade=4, seq="778")
    roster = (
        make_line("a", certificate_no=cert, months=frozenset(range(1, 7))),
        make_line("b", certificate_no=cert, months=frozenset(range(4, 13))),
    )
    result = levy(roster, employee_count=Decimal(100))
    assert result.counted_disabled == 1
    assert result.lines[1].months == frozenset(range(7, 13))


@pytest.mark.parametrize(("levy_year", "due"), [(2019, "60000.00"), (2028, "60000.00"), (2027, "54000.00")])
def test_levy_year_outside_2020_to_2027_pays_the_full_amount(levy_year, due):
    policy = make_policy(levy_year=levy_year, tiered_reduction=None, social_average_wage=Decimal("20000"))
    report = make_report(data_year=levy_year - 1, employee_count=Decimal(200), total_wages=Decimal("4000000"))
    result = compute_levy(policy, report)
    assert result.levy_due == Decimal(due)
    if levy_year != 2027:
        assert result.tier == "no_reduction"
        assert result.payable_share == 1
        assert "不适用分档减缴" in result.steps[-2]


def test_policy_of_another_year_is_refused():
    with pytest.raises(PolicyError) as error:
        compute_levy(make_policy(levy_year=2025), make_report(data_year=2025))
    assert "2024年数据" in error.value.message_zh


def test_government_with_no_staff_owes_nothing():
    result = levy(employee_count=Decimal(0), org_type="government", total_wages=Decimal(0))
    assert result.ratio == 0
    assert result.tier == "no_staff"
    assert result.levy_due == Decimal("0.00")


def test_ratio_can_use_unweighted_count_when_policy_says_so():
    policy = make_policy(social_average_wage=SOCIAL, ratio_uses_weighted_count=False)
    roster = (make_line(certificate_no=make_certificate(grade=1, seq="555")),)
    result = levy(roster, policy, employee_count=Decimal(150))
    assert result.counted_disabled == 2
    assert result.ratio == Fraction(1, 150)  # unweighted: below 1 %
    assert result.payable_share == Fraction(9, 10)
    assert result.levy_due == Decimal("22500.00")  # (2.25 − 2) × 100,000 × 0.9


def test_insurance_gap_reduces_d_partially():
    roster = (make_line(insured_months=frozenset(range(1, 7))),)
    result = levy(roster, employee_count=Decimal(100))
    assert result.counted_disabled == Fraction(1, 2)
    assert result.shortfall == 1
    assert "1 人部分月份未计入" in result.steps[2]


def test_display_dict_formats_every_figure():
    policy = make_policy(social_average_wage=Decimal("20000"))
    report = make_report(employee_count=Decimal(100), total_wages=Decimal("5950000"), roster=(make_line(),))
    shown = compute_levy(policy, report).as_display_dict()
    assert shown["levy_due"] == "10000.00"
    assert shown["ratio"] == "0.010000"
    assert shown["ratio_percent"] == "1.0000%"
    assert shown["employee_count"] == "100.0000"
    assert shown["shortfall"] == "0.5000"
    assert shown["wage_cap"] == "40000.00"
    assert shown["payable_share_percent"] == "50%"
    assert all(isinstance(value, str) for value in shown.values())
