from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from quota.core import assess_line

from .factories import make_certificate, make_line, make_policy

YEAR = 2024


def assess(**overrides):
    return assess_line(make_line(**overrides), make_policy(), YEAR)


def codes(result):
    return [reason.code for reason in result.reasons]


def test_eligible_grade_four_all_year_counts_one():
    result = assess()
    assert result.counted
    assert (result.weight, result.months_counted, result.contribution) == (1, 12, Fraction(1))
    assert result.reasons == ()


def test_grade_read_from_certificate_number_gives_weight_two():
    result = assess(certificate_no=make_certificate(grade=1, category=1))
    assert (result.grade, result.category, result.weight, result.contribution) == (1, 1, 2, Fraction(2))


def test_certificate_grade_wins_over_explicit_grade():
    result = assess(certificate_no=make_certificate(grade=1), grade=4)
    assert result.weight == 2
    assert codes(result) == ["grade_mismatch"]


def test_explicit_grade_used_without_certificate():
    result = assess(certificate_no=None, grade=2, birth_date=date(1985, 1, 1), sex="F")
    assert (result.weight, result.contribution, result.person_key) == (2, Fraction(2), None)


def test_grade_three_counts_once():
    assert assess(certificate_no=make_certificate(grade=3)).weight == 1


def test_part_year_grade_two_july_to_december_contributes_exactly_one():
    result = assess(certificate_no=make_certificate(grade=2), months=frozenset(range(7, 13)))
    assert result.contribution == Fraction(1)
    assert result.months == frozenset(range(7, 13))


@pytest.mark.parametrize(("grade", "weight"), [(1, 2), (3, 2), (4, 1), (8, 1)])
def test_veteran_certificate_weight(grade, weight):
    result = assess(
        certificate_no="军残字第000123号", veteran=True, veteran_grade=grade, birth_date=date(1980, 5, 1)
    )
    assert result.counted and result.veteran
    assert result.weight == weight
    assert result.category is None


@pytest.mark.parametrize("grade", [None, 0, 9])
def test_veteran_grade_outside_one_to_eight_is_invalid(grade):
    result = assess(certificate_no="军残字第000123号", veteran=True, veteran_grade=grade)
    assert not result.counted
    assert codes(result) == ["veteran_grade_invalid"]


def test_invalid_certificate_is_not_counted_and_says_why():
    result = assess(certificate_no="11010519491231002X01")
    assert not result.counted
    assert result.contribution == 0
    assert codes(result) == ["invalid_certificate"]
    assert "残疾类别" in result.reasons[0].message


def test_missing_certificate_and_grade_is_not_counted():
    assert codes(assess(certificate_no=None)) == ["invalid_certificate"]


@pytest.mark.parametrize(("valid_until", "months"), [(date(2024, 6, 30), 6), (date(2024, 6, 29), 5)])
def test_expired_certificate_counts_only_months_wholly_before_expiry(valid_until, months):
    result = assess(certificate_valid_until=valid_until)
    assert result.counted
    assert result.months == frozenset(range(1, months + 1))
    assert codes(result) == ["expired"]
    assert result.reasons[0].months == frozenset(range(months + 1, 13))


def test_certificate_expired_before_the_year_is_not_counted():
    result = assess(certificate_valid_until=date(2023, 12, 31))
    assert not result.counted
    assert codes(result) == ["expired"]


def test_pay_below_minimum_wage_is_not_counted():
    result = assess(monthly_wage=Decimal("2489.99"))
    assert not result.counted
    assert codes(result) == ["below_minimum_wage"]
    assert "2490" in result.reasons[0].message


def test_pay_exactly_minimum_wage_counts():
    assert assess(monthly_wage=Decimal("2490")).counted


@pytest.mark.parametrize("contract_months", [None, 0, 11])
def test_contract_under_one_year_is_not_counted(contract_months):
    result = assess(contract_months=contract_months)
    assert not result.counted
    assert codes(result) == ["short_contract"]


def test_contract_of_exactly_one_year_counts_and_establishment_needs_none():
    assert assess(contract_months=12).counted
    assert assess(contract_months=None, on_establishment=True).counted


def test_insurance_missing_counts_only_insured_months():
    result = assess(insured_months=frozenset(range(1, 13)) - {3, 4})
    assert result.counted
    assert result.months_counted == 10
    assert result.contribution == Fraction(10, 12)
    assert codes(result) == ["insurance_missing"]
    assert result.reasons[0].months == frozenset({3, 4})
    assert "3至4月" in result.reasons[0].message


def test_months_counted_elsewhere_are_dropped():
    result = assess(counted_elsewhere_months=frozenset({1, 2, 3}))
    assert result.months == frozenset(range(4, 13))
    assert codes(result) == ["counted_elsewhere"]


def test_dispatched_worker_counted_by_the_other_party_is_not_counted_here():
    result = assess(dispatched=True, counts_here=False)
    assert not result.counted
    assert codes(result) == ["dispatched_counts_elsewhere"]
    assert assess(dispatched=True, counts_here=True).counted


def test_all_blocking_reasons_are_reported_together():
    result = assess(monthly_wage=Decimal("100"), contract_months=3)
    assert set(codes(result)) == {"below_minimum_wage", "short_contract"}


def test_man_reaching_sixty_in_july_counts_january_to_july():
    # Turns 60 on 15 July 2024: on 1 July he is still 59 [A: age on the 1st of the month].
    result = assess(certificate_no=make_certificate(birth=date(1964, 7, 15), seq="011"))
    assert result.months == frozenset(range(1, 8))
    assert codes(result) == ["outside_working_age"]


def test_woman_reaching_fifty_counts_until_her_birthday_month():
    result = assess(certificate_no=make_certificate(birth=date(1974, 3, 10), seq="022"))
    assert result.months == frozenset({1, 2, 3})


def test_teenager_counts_from_the_month_of_the_sixteenth_birthday():
    result = assess(certificate_no=make_certificate(birth=date(2008, 5, 1), seq="011"))
    assert result.months == frozenset(range(5, 13))


def test_retired_all_year_is_not_counted():
    result = assess(certificate_no=make_certificate(birth=date(1950, 1, 1), seq="011"))
    assert not result.counted
    assert codes(result) == ["outside_working_age"]


def test_retirement_age_is_a_parameter():
    line = make_line(certificate_no=make_certificate(birth=date(1974, 3, 10), seq="022"))
    assert assess_line(line, make_policy(retirement_age_female=55), YEAR).months_counted == 12


def test_unknown_birth_date_is_counted_with_a_note():
    result = assess(certificate_no=None, grade=4)
    assert result.counted
    assert codes(result) == ["age_unverified"]


def test_month_conditions_combine_without_double_dropping():
    result = assess(insured_months=frozenset(range(1, 11)), certificate_valid_until=date(2024, 10, 31))
    assert result.months == frozenset(range(1, 11))
    assert codes(result) == ["expired", "insurance_missing"]
