"""How many disabled employees an employer still has to hire this year to meet the quota.

Shortfall = N × r − D (72号 第八条).  A hire who starts on the first day of month s works months
s…12, so (monthly counting, 63号; D = Σ weight × months ÷ 12 [A]) adds weight × (13 − s) ÷ 12
to D — and, being staff, (13 − s) ÷ 12 to N, which raises the target by r × (13 − s) ÷ 12.
Each hire therefore closes (weight − r) × (13 − s) ÷ 12 of the gap.  A 残疾人证 of grade 1 or 2
counts ``severe_weight`` (2, 72号 第七条), every other eligible person 1.

"By when" is the first day of the latest month s at which that number of hires still closes
the gap [A]: the platform counts a month only when the person is on the job the whole month, so
a start on the 1st is the safe reading.  Pure: today, the ratio and the weights are arguments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

__all__ = ["HireOption", "HiresNeeded", "hires_needed"]


@dataclass(frozen=True)
class HireOption:
    """Hiring only people of one weight: how many, and the latest start date that still works."""

    weight: int
    hires: int
    start_by: date
    months: int  # months each hire counts when starting on ``start_by``


@dataclass(frozen=True)
class HiresNeeded:
    gap: Fraction  # max(0, N × r − D), before any hire
    met: bool  # nothing to close (or exempt)
    exempt: bool
    year_over: bool  # no whole month of the data year is left to start in
    earliest_start: date | None
    options: tuple[HireOption, ...]


def _first_start_month(data_year: int, today: date) -> int | None:
    """The first month a hire starting from ``today`` can work in full (13 when none is left)."""
    if today.year < data_year:
        return 1
    if today.year > data_year:
        return None
    month = today.month if today.day == 1 else today.month + 1
    return month if month <= 12 else None


def hires_needed(
    *,
    headcount: Fraction,
    counted: Fraction,
    ratio: Fraction,
    data_year: int,
    today: date,
    severe_weight: int = 2,
    exempt: bool = False,
) -> HiresNeeded:
    """How many hires close the gap for ``data_year`` (severe-grade and other options), and by
    when they must start.  ``headcount`` is N, ``counted`` the weighted D, ``ratio`` r."""
    headcount, counted, ratio = Fraction(headcount), Fraction(counted), Fraction(ratio)
    gap = max(Fraction(0), headcount * ratio - counted)
    first = _first_start_month(data_year, today)
    earliest = date(data_year, first, 1) if first is not None else None
    if exempt or gap == 0 or first is None:
        return HiresNeeded(gap, exempt or gap == 0, exempt, first is None, earliest, ())
    options = []
    for weight in sorted({severe_weight, 1}, reverse=True):
        per_month = Fraction(weight) - ratio  # what one hire closes per month worked, × 12
        if per_month <= 0:
            continue
        months = 13 - first
        hires = math.ceil(gap * 12 / (per_month * months))
        # The latest start month at which ``hires`` people still close the gap.
        needed_months = math.ceil(gap * 12 / (per_month * hires))
        start = 13 - needed_months
        options.append(HireOption(weight, hires, date(data_year, start, 1), needed_months))
    return HiresNeeded(gap, False, False, False, earliest, tuple(options))
