"""When to remind an employer of the levy declaration deadline (pure: no Django)."""

from __future__ import annotations

from datetime import date


def declaration_deadline(today: date, month_day: tuple[int, int]) -> date:
    """This year's deadline: the levy for data year Y is declared in year Y+1 (quota-rules.md,
    "The levy" 7), inside the certification window that typically closes 31 October."""
    month, day = month_day
    return date(today.year, month, day)


def reminder_stage(today: date, deadline: date, days_before: tuple[int, ...]) -> int | None:
    """The reminder due today: the smallest of ``days_before`` not smaller than the days left,
    so a missed run still reminds at the next stage and a stage is never sent for the wrong day.
    None once the deadline has passed or while it is further away than every stage."""
    left = (deadline - today).days
    if left < 0:
        return None
    stages = sorted(d for d in days_before if d >= left)
    return stages[0] if stages else None
