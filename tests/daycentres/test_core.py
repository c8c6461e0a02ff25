"""Pure rules: exact distributions (remainder rule), 运营奖补 from the policy data, eligibility."""

from datetime import date
from decimal import Decimal

import pytest

from daycentres.core.distribution import distribute
from daycentres.core.eligibility import CertificateFacts, EmploymentFacts, TrainingFacts, check_eligibility
from daycentres.core.rules import load_rules, months_in_year, operating_subsidy

D = Decimal
TODAY = date(2025, 6, 30)
VALID = CertificateFacts(status="valid", grade=4, valid_until=None)
SEVERE = CertificateFacts(status="valid", grade=2, valid_until=None)


def test_thirds_of_a_hundred_add_up_with_the_leftover_cent_to_the_first_member():
    shares = distribute(D("100.00"), [("a", D(1)), ("b", D(1)), ("c", D(1))])
    assert [s.amount for s in shares] == [D("33.34"), D("33.33"), D("33.33")]


def test_leftover_cents_go_to_the_largest_cut_off_fractions_not_the_list_order():
    # exact: 10 × 1/7 = 1.428…, 10 × 2/7 = 2.857…, 10 × 4/7 = 5.714… → floors 1.42, 2.85, 5.71 (9.98)
    # fractions 0.0857, 0.0714, 0.0428 (in cents) → the two cents go to a and b.
    shares = distribute(D("10.00"), [("a", D(1)), ("b", D(2)), ("c", D(4))])
    assert [s.amount for s in shares] == [D("1.43"), D("2.86"), D("5.71")]
    assert sum(s.amount for s in shares) == D("10.00")


def test_hours_with_decimals_split_exactly_and_zero_hours_get_nothing():
    shares = distribute(D("1234.56"), [("a", D("7.5")), ("b", D("0")), ("c", D("12.25"))])
    assert [s.amount for s in shares] == [D("468.82"), D("0.00"), D("765.74")]
    assert sum(s.amount for s in shares) == D("1234.56")


@pytest.mark.parametrize("amount", ["0.01", "0.02", "999.99", "100000.00"])
def test_any_split_adds_up_to_the_amount(amount):
    weights = [(i, D(w)) for i, w in enumerate(["3", "1", "1", "7", "0.5", "2.25"])]
    assert sum(s.amount for s in distribute(D(amount), weights)) == D(amount)


def test_distribution_refuses_fractions_of_a_cent_and_zero_weights():
    with pytest.raises(ValueError):
        distribute(D("1.005"), [("a", D(1))])
    with pytest.raises(ValueError):
        distribute(D("1.00"), [("a", D(0))])


def test_every_rule_has_a_source_and_the_unknown_local_figures_are_unconfirmed():
    rules = load_rules()
    assert {"centre_per_member", "centre_per_project", "startup", "flexible_insurance"} <= set(rules)
    assert all(rule.source for rule in rules.values())
    assert rules["startup"].status_label == "未确认"


def test_operating_subsidy_counts_member_months_pro_rata_and_completed_projects():
    rules = load_rules()
    # 2,000 × 17 / 12 = 2,833.333… and 1,000 × 2 → 4,833.33 (rounded once, at the end)
    result = operating_subsidy(year=2025, member_months=17, completed_projects=2, rules=rules)
    assert result.total == D("4833.33")
    assert [line.amount for line in result.lines] == [D("2833.33"), D("2000.00")]
    assert result.unconfirmed


def test_a_month_counts_when_the_member_was_on_the_roll_on_the_fifteenth():
    assert months_in_year(date(2025, 3, 15), None, 2025) == 10
    assert months_in_year(date(2025, 3, 16), date(2025, 5, 14), 2025) == 1
    assert months_in_year(date(2020, 1, 1), date(2024, 12, 31), 2025) == 0


def test_startup_needs_a_current_real_name_job_at_the_declared_business():
    job = EmploymentFacts(credit_code="91320585MA1XXXXX0X", start_date=date(2024, 1, 1), end_date=None)
    ok = check_eligibility(
        kind="startup_subsidy",
        today=TODAY,
        certificate=VALID,
        employments=(job,),
        business_credit_code="91320585MA1XXXXX0X",
    )
    assert ok.eligible
    other = check_eligibility(
        kind="startup_subsidy",
        today=TODAY,
        certificate=VALID,
        employments=(job,),
        business_credit_code="X" * 18,
    )
    assert not other.eligible and "实名制就业" in other.failures[0]


def test_a_startup_older_than_three_years_is_not_eligible():
    job = EmploymentFacts(credit_code="C" * 18, start_date=date(2021, 1, 1), end_date=None)
    result = check_eligibility(
        kind="startup_subsidy",
        today=TODAY,
        certificate=VALID,
        employments=(job,),
        business_credit_code="C" * 18,
    )
    assert result.failures == ["创业已超过3年"]


def test_flexible_insurance_subsidy_is_for_grades_one_and_two_without_an_employer():
    assert check_eligibility(kind="flexible_insurance_subsidy", today=TODAY, certificate=SEVERE).eligible
    grade3 = CertificateFacts(status="valid", grade=3, valid_until=None)
    assert not check_eligibility(kind="flexible_insurance_subsidy", today=TODAY, certificate=grade3).eligible
    employed = EmploymentFacts(credit_code="C" * 18, start_date=date(2025, 1, 1), end_date=None)
    result = check_eligibility(
        kind="flexible_insurance_subsidy", today=TODAY, certificate=SEVERE, employments=(employed,)
    )
    assert result.failures == ["实名制记录显示在用人单位就业，不属于灵活就业"]


def test_a_cancelled_or_unlisted_certificate_fails_every_kind():
    cancelled = CertificateFacts(status="cancelled", grade=1, valid_until=None)
    expired = CertificateFacts(status="valid", grade=1, valid_until=date(2025, 6, 29))
    for cert in (None, cancelled, expired):
        result = check_eligibility(kind="flexible_insurance_subsidy", today=TODAY, certificate=cert)
        assert not result.eligible and result.checks[0].rule == "certificate_valid"


def test_training_subsidy_needs_a_training_finished_in_the_last_year_and_assessment_a_certificate():
    course = TrainingFacts(
        record_id=1, kind="skills_training", end_date=date(2025, 5, 1), certificate_obtained=False
    )
    old = TrainingFacts(
        record_id=2, kind="skills_training", end_date=date(2024, 6, 1), certificate_obtained=False
    )
    exam = TrainingFacts(
        record_id=3, kind="skills_assessment", end_date=date(2025, 5, 1), certificate_obtained=False
    )
    facts = {"today": TODAY, "certificate": VALID, "trainings": (course, old, exam)}
    assert check_eligibility(kind="training_subsidy", training_record_id=1, **facts).eligible
    assert not check_eligibility(kind="training_subsidy", training_record_id=2, **facts).eligible
    assert not check_eligibility(kind="training_subsidy", training_record_id=3, **facts).eligible
    assert not check_eligibility(kind="skill_certificate_subsidy", training_record_id=3, **facts).eligible
