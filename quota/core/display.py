"""Formatting exact values for people: money, head counts and percentages.

Display rounding never feeds back into a calculation; a value that is not exact
at the shown precision is marked "约" (approximately) so a reader can tell.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .money import Number, to_decimal, to_fraction

COUNT_PLACES = 4
RATIO_PLACES = 2  # 实际比例 on the auditors' pages and in their exports: "1.23%"


def _plain(value: Decimal) -> str:
    """Fixed-point text without trailing zeros ("1.5", "100", never "1E+2")."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _approx(value: Number, places: int) -> tuple[Decimal, str]:
    exact = to_fraction(value)
    shown = to_decimal(exact, places)
    return shown, "" if Fraction(shown) == exact else "约"


def format_money(value: Number, *, grouping: bool = True) -> str:
    """Yuan with two places, e.g. "40,000.00"; prefixed "约" when rounded."""
    shown, prefix = _approx(value, 2)
    return prefix + (format(shown, ",f") if grouping else format(shown, "f"))


def format_amount(value: Decimal) -> str:
    """An amount exactly as entered, with thousands separators ("5,950,000")."""
    return format(value, ",f")


def format_count(value: Number) -> str:
    """A head count with at most four places and no trailing zeros ("1.5", "约100.0833")."""
    shown, prefix = _approx(value, COUNT_PLACES)
    return prefix + _plain(shown)


def format_percent(value: Number, places: int = 4) -> str:
    """A ratio as a percentage with fixed places: Fraction(1, 100) -> "1.0000%"."""
    return format(to_decimal(to_fraction(value) * 100, places), "f") + "%"


def format_rate(value: Decimal) -> str:
    """A policy rate as a short percentage: Decimal("0.015") -> "1.5%"."""
    return _plain(value * 100) + "%"


def format_months(months: frozenset[int] | set[int]) -> str:
    """Calendar months in plain Chinese, runs joined: {1,2,3,7} -> "1至3月、7月"."""
    runs: list[list[int]] = []
    for month in sorted(months):
        if runs and month == runs[-1][-1] + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return "、".join(f"{run[0]}至{run[-1]}月" if len(run) > 1 else f"{run[0]}月" for run in runs)


def format_year_range(first: int, last: int | None) -> str:
    """The levy years a policy row covers, in words: "2026年起（长期有效，直到有新的政策）",
    "仅2026年" or "2023年至2027年" (never "2026年至2026年")."""
    if last is None:
        return f"{first}年起（长期有效，直到有新的政策）"
    if last == first:
        return f"仅{first}年"
    return f"{first}年至{last}年"
