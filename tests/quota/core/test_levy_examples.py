"""Worked examples E1–E6 of quota-rules.md (r = 1.5 %, tiered reduction in force)."""

from decimal import Decimal
from fractions import Fraction

from quota.core import compute_levy

from .factories import make_certificate, make_line, make_policy, make_report


def test_e1_dispatched_worker_counted_at_the_user_levy_halved():
    policy = make_policy(social_average_wage=Decimal("20000"))
    line = make_line(dispatched=True, counts_here=True)
    report = make_report(employee_count=Decimal(100), total_wages=Decimal("5950000"), roster=(line,))
    result = compute_levy(policy, report)
    assert result.counted_disabled == 1
    assert result.ratio == Fraction(1, 100)
    assert result.shortfall == Fraction(1, 2)
    assert result.average_wage == 59500
    assert result.wage_cap == 40000
    assert result.wage_base == 40000
    assert result.gross_levy == 20000
    assert result.payable_share == Fraction(1, 2)
    assert result.levy_due == Decimal("10000.00")


def test_e2_no_disabled_staff_pays_ninety_percent():
    policy = make_policy(social_average_wage=Decimal("20000"))
    result = compute_levy(policy, make_report(employee_count=Decimal(200), total_wages=Decimal("4000000")))
    assert result.shortfall == 3
    assert result.wage_base == 20000  # under the 40,000 cap
    assert result.payable_share == Fraction(9, 10)
    assert result.levy_due == Decimal("54000.00")


def test_e3_enterprise_of_thirty_is_exempt():
    result = compute_levy(
        make_policy(), make_report(employee_count=Decimal(30), total_wages=Decimal("3000000"))
    )
    assert result.exempt
    assert "不超过30人" in result.exempt_reason
    assert result.payable_share == 0
    assert result.levy_due == Decimal("0.00")


def test_e4_boundary_of_one_percent_pays_half():
    policy = make_policy(social_average_wage=Decimal("60000"))
    report = make_report(
        employee_count=Decimal(200), total_wages=Decimal("20000000"), roster=(make_line(), make_line())
    )
    result = compute_levy(policy, report)
    assert result.counted_disabled == 2
    assert result.ratio == Fraction(1, 100)
    assert result.shortfall == 1
    assert result.wage_base == 100000
    assert result.payable_share == Fraction(1, 2)
    assert result.levy_due == Decimal("50000.00")


def test_e5_grade_one_counts_double_and_meets_the_quota():
    policy = make_policy(social_average_wage=Decimal("60000"))
    roster = (make_line(certificate_no=make_certificate(grade=1, seq="901")), make_line())
    report = make_report(employee_count=Decimal(200), total_wages=Decimal("20000000"), roster=roster)
    result = compute_levy(policy, report)
    assert result.counted_disabled == 3
    assert result.shortfall == 0
    assert result.payable_share == 0
    assert result.levy_due == Decimal("0.00")


def test_e6_four_hundred_staff_four_disabled():
    policy = make_policy(social_average_wage=Decimal("60000"))
    roster = tuple(make_line() for _ in range(4))
    report = make_report(employee_count=Decimal(400), total_wages=Decimal("44000000"), roster=roster)
    result = compute_levy(policy, report)
    assert result.counted_disabled == 4
    assert result.shortfall == 2
    assert result.wage_base == 110000
    assert result.gross_levy == 220000
    assert result.payable_share == Fraction(1, 2)
    assert result.levy_due == Decimal("110000.00")
