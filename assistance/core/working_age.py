"""Working age for outreach: 16 up to the statutory retirement date (2025 reform).

The 实名制 outreach list shows people of working age who are not employed. The lower bound is
the legal minimum working age (劳动法 第十五条: 16); the upper bound is the reformed retirement
date of ``quota.core.retirement``. Women's original age is 50 (workers) by default, as in the
quota policy [A]; outreach errs on neither side once a region's policy sets another value.
"""

from __future__ import annotations

from datetime import date

from quota.core.retirement import DEFAULT_RETIREMENT_SCHEDULES, add_months, retirement_date

WORKING_AGE_MIN = 16
ORIGINAL_RETIREMENT_AGE = {"M": 60, "F": 50}


def of_working_age(
    birth: date,
    sex: str,
    *,
    on: date,
    original_ages: dict[str, int] = ORIGINAL_RETIREMENT_AGE,
    schedules=DEFAULT_RETIREMENT_SCHEDULES,
) -> bool:
    """The person is at least 16 on ``on`` and has not reached the retirement date."""
    if add_months(birth, WORKING_AGE_MIN * 12) > on:
        return False
    original = original_ages.get(sex)
    if original is None:
        return True  # no recorded sex: no retirement rule to apply, keep them on the list
    return on < retirement_date(birth, sex, original, schedules)
