from decimal import Decimal
from fractions import Fraction

import pytest

from quota.core import round_money, to_decimal, to_fraction
from quota.core.display import format_count, format_money, format_months, format_percent, format_rate


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(1, 8), Decimal("0.13")),  # 0.125: half goes up
        (Fraction(-1, 8), Decimal("-0.13")),  # half away from zero, like ROUND_HALF_UP
        (Decimal("0.004"), Decimal("0.00")),
        (Decimal("0.005"), Decimal("0.01")),
        (Fraction(2, 3), Decimal("0.67")),
        (Decimal("10000"), Decimal("10000.00")),
        (0, Decimal("0.00")),
        (Fraction(-1, 1000), Decimal("0.00")),
    ],
)
def test_round_money_rounds_half_up_to_cents(value, expected):
    result = round_money(value)
    assert result == expected
    assert result.as_tuple().exponent == -2


def test_round_money_never_returns_negative_zero():
    assert str(round_money(Fraction(-1, 1000))) == "0.00"


def test_round_money_is_exact_beyond_decimal_context_precision():
    huge = Fraction(10**30) + Fraction(1, 200)
    assert round_money(huge) == Decimal("1" + "0" * 30 + ".01")


@pytest.mark.parametrize("bad", [0.1, True])
def test_floats_and_bools_are_refused(bad):
    with pytest.raises(TypeError):
        round_money(bad)


def test_to_decimal_keeps_requested_places():
    assert to_decimal(Fraction(1, 3), 4) == Decimal("0.3333")
    assert str(to_decimal(Fraction(1, 100), 6)) == "0.010000"


def test_to_fraction_is_exact_for_decimal_strings():
    assert to_fraction(Decimal("0.1")) + to_fraction(Decimal("0.2")) == Fraction(3, 10)


def test_display_helpers():
    assert format_money(Decimal("40000")) == "40,000.00"
    assert format_money(Fraction(162500, 3)) == "约54,166.67"
    assert format_count(Fraction(3, 2)) == "1.5"
    assert format_count(Fraction(1201, 12)) == "约100.0833"
    assert format_count(Decimal("100")) == "100"
    assert format_percent(Fraction(1, 100)) == "1.0000%"
    assert format_rate(Decimal("0.015")) == "1.5%"
    assert format_months(frozenset({1, 2, 3, 7, 9, 10})) == "1至3月、7月、9至10月"
