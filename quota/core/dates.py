"""Calendar helpers for month-by-month counting (63号: counted month by month)."""

from __future__ import annotations

import calendar
from datetime import date


def month_end(year: int, month: int) -> date:
    """The last day of a calendar month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def age_on(birth_date: date, day: date) -> int:
    """Completed years of age on ``day`` (a 29 February birthday counts from 1 March)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday
