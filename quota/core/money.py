"""Exact money arithmetic.

Every amount is kept as an exact ``Fraction`` while it is being computed and is
rounded exactly once, at the very end, by :func:`round_money`.  Rounding is
half-up to 0.01 yuan — a platform convention [A] (quota-rules.md, "Rounding").
Binary floats are refused everywhere: 0.1 + 0.2 is not 0.3 in a float.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

Number = Decimal | Fraction | int

CENT_PLACES = 2


def to_fraction(value: Number) -> Fraction:
    """Convert a Decimal, Fraction or int to an exact Fraction; refuse floats."""
    # bool is an int subclass: a True where an amount belongs is a bug, not 1 yuan.
    if isinstance(value, bool | float):
        raise TypeError(f"金额必须使用 Decimal 或 Fraction，不能使用 {type(value).__name__}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("金额必须是有限数值")
        return Fraction(value)  # exact: a Decimal is a finite decimal fraction
    raise TypeError(f"不支持的数值类型：{type(value).__name__}")


def _round_half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact fraction half away from zero (Decimal's ROUND_HALF_UP)."""
    scaled = abs(value) * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    sign = "-" if value < 0 and whole else ""
    # Building from a string is exact and ignores the decimal context precision.
    return Decimal(f"{sign}{whole}E-{places}")


def round_money(value: Decimal | Fraction | int) -> Decimal:
    """Round an exact amount to 0.01 yuan, half up; the one rounding step for money.

    >>> round_money(Fraction(1, 8))
    Decimal('0.13')
    """
    return _round_half_up(to_fraction(value), CENT_PLACES)


def to_decimal(value: Fraction | Decimal | int, places: int) -> Decimal:
    """Round an exact value to ``places`` decimal places (half up) for display only."""
    if places < 0:
        raise ValueError("places must be >= 0")
    return _round_half_up(to_fraction(value), places)
