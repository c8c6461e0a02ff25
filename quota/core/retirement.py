"""The statutory retirement age under the 2025 gradual retirement reform.

全国人民代表大会常务委员会《关于实施渐进式延迟法定退休年龄的决定》(2024-09-13) and its
《国务院关于渐进式延迟法定退休年龄的办法》, in force from 2025-01-01 [S]: the original
retirement age rises by one month for every ``step_months`` months of birth date, counted from
the first birth month the reform reaches (``start``), up to ``cap_months`` extra months.  A person
born in the k-th month after the start month (k = 0 for the start month itself) retires at the
original age plus ``min(cap, k // step + 1)`` months; anyone born earlier keeps the original age.

The schedules are policy data (``Policy.retirement_schedules``) with their source, so an
administrator can correct them per region and period like every other parameter.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .errors import PolicyError

__all__ = [
    "DEFAULT_RETIREMENT_SCHEDULES",
    "REFORM_SOURCE",
    "RetirementSchedule",
    "add_months",
    "parse_schedules",
    "retirement_age_months",
    "retirement_date",
    "schedules_as_data",
]

REFORM_SOURCE = (
    "全国人民代表大会常务委员会《关于实施渐进式延迟法定退休年龄的决定》（2024年9月13日）；"
    "《国务院关于渐进式延迟法定退休年龄的办法》（2025年1月1日起施行）[S]"
)


@dataclass(frozen=True)
class RetirementSchedule:
    """One row of the reform: who it applies to and how fast the age rises."""

    sex: str  # "M" or "F"
    original_age: int  # years, before the reform
    start_year: int  # the first birth month the reform reaches
    start_month: int
    step_months: int  # one extra month per this many months of birth date
    cap_months: int  # at most this many extra months
    source: str = REFORM_SOURCE

    def __post_init__(self) -> None:
        if self.sex not in ("M", "F"):
            raise PolicyError("延迟退休过渡办法中的性别应为 M 或 F")
        for name, low, high in (
            ("original_age", 17, 100),
            ("start_year", 1900, 2100),
            ("start_month", 1, 12),
            ("step_months", 1, 120),
            ("cap_months", 0, 240),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise PolicyError(f"延迟退休过渡办法中的“{name}”应为{low}至{high}之间的整数")
        if not isinstance(self.source, str):
            raise PolicyError("延迟退休过渡办法的来源应为文字")

    def extra_months(self, birth: date) -> int:
        """Months added to the original age for someone born on ``birth``."""
        k = (birth.year - self.start_year) * 12 + (birth.month - self.start_month)
        return 0 if k < 0 else min(self.cap_months, k // self.step_months + 1)


# The three schedules of the 办法 (附件 对照表), exactly as the rule states them.
DEFAULT_RETIREMENT_SCHEDULES: tuple[RetirementSchedule, ...] = (
    # Men: 60 → 63, one month per 4 months of birth date, from those born in January 1965.
    RetirementSchedule("M", 60, 1965, 1, 4, 36),
    # Women whose original age is 55 (cadres): 55 → 58, one month per 4 months, from January 1970.
    RetirementSchedule("F", 55, 1970, 1, 4, 36),
    # Women whose original age is 50 (workers): 50 → 55, one month per 2 months, from January 1975.
    RetirementSchedule("F", 50, 1975, 1, 2, 60),
)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _schedule(
    schedules: Iterable[RetirementSchedule], sex: str, original_age: int
) -> RetirementSchedule | None:
    return next((s for s in schedules if s.sex == sex and s.original_age == original_age), None)


def retirement_age_months(
    birth: date,
    sex: str,
    original_age: int,
    schedules: Iterable[RetirementSchedule] = DEFAULT_RETIREMENT_SCHEDULES,
) -> int:
    """The retirement age in months: the original age, plus the reform's extra months when a
    schedule covers this sex and original age (none does, e.g., for an age set by hand)."""
    schedule = _schedule(schedules, sex, original_age)
    return original_age * 12 + (schedule.extra_months(birth) if schedule else 0)


def retirement_date(
    birth: date,
    sex: str,
    original_age: int,
    schedules: Iterable[RetirementSchedule] = DEFAULT_RETIREMENT_SCHEDULES,
) -> date:
    """The day the person reaches the (reformed) statutory retirement age."""
    return add_months(birth, retirement_age_months(birth, sex, original_age, schedules))


def format_age_months(months: int) -> str:
    """An age in months in plain Chinese: 734 → "61周岁2个月", 720 → "60周岁"."""
    years, rest = divmod(months, 12)
    return f"{years}周岁{rest}个月" if rest else f"{years}周岁"


_KEYS = ("sex", "original_age", "start", "step_months", "cap_months", "source")


def schedules_as_data(schedules: Iterable[RetirementSchedule]) -> list[dict]:
    """JSON-safe rows (start as "YYYY-MM"), the form stored with the policy."""
    return [
        {
            "sex": s.sex,
            "original_age": s.original_age,
            "start": f"{s.start_year:04d}-{s.start_month:02d}",
            "step_months": s.step_months,
            "cap_months": s.cap_months,
            "source": s.source,
        }
        for s in schedules
    ]


def parse_schedules(value: Iterable[Mapping | RetirementSchedule] | None) -> tuple[RetirementSchedule, ...]:
    """Schedules from stored rows (see :func:`schedules_as_data`); PolicyError on a bad row."""
    if value is None:
        return DEFAULT_RETIREMENT_SCHEDULES
    if isinstance(value, str | bytes | Mapping):
        raise PolicyError("延迟退休过渡办法应为一组记录")
    result = []
    for row in value:
        if isinstance(row, RetirementSchedule):
            result.append(row)
            continue
        if not isinstance(row, Mapping) or set(row) - set(_KEYS) or not set(_KEYS[:-1]) <= set(row):
            raise PolicyError(f"延迟退休过渡办法的每条记录应含有：{'、'.join(_KEYS)}")
        start = row["start"]
        parts = start.split("-") if isinstance(start, str) else []
        if len(parts) != 2 or not all(part.isascii() and part.isdigit() for part in parts):
            raise PolicyError(f"延迟退休过渡办法的起始出生年月应写成 1965-01，不能是“{start}”")
        result.append(
            RetirementSchedule(
                row["sex"],
                row["original_age"],
                int(parts[0]),
                int(parts[1]),
                row["step_months"],
                row["cap_months"],
                row.get("source", REFORM_SOURCE),
            )
        )
    keys = [(s.sex, s.original_age) for s in result]
    if len(set(keys)) != len(keys):
        raise PolicyError("延迟退休过渡办法中同一性别和原退休年龄只能有一条记录")
    return tuple(result)
