"""The outcome of assessing one roster line, and why."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Reason:
    """Why a line was not counted, or counted for fewer months (``months`` dropped)."""

    code: str
    message: str
    months: frozenset[int] = frozenset()


@dataclass(frozen=True)
class LineResult:
    """The outcome for one roster line; ``contribution`` = weight × months ÷ 12, exact.

    ``grade`` is the 残疾人证 grade (1–4), or the 残疾军人证 grade (1–8) when
    ``veteran`` is set; ``category`` is None for veterans and explicit grades.
    """

    line_id: str
    counted: bool
    weight: int
    months_counted: int
    contribution: Fraction
    category: int | None
    grade: int | None
    reasons: tuple[Reason, ...]
    months: frozenset[int] = frozenset()  # the months actually counted
    person_key: str | None = None  # holder's resident ID (or certificate text), for de-duplication
    veteran: bool = False

    @property
    def unweighted_contribution(self) -> Fraction:
        """Person-years without the severe-disability weight."""
        return Fraction(self.months_counted, 12)
