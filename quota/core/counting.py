"""Counting the whole roster: D = Σ weight × months counted ÷ 12, exact.

The monthly convention is [A] on top of 63号 ("counted month by month").  A
person listed twice in one roster is counted once per month: the same
certificate may not be counted twice for the same month (98号; 63号).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction

from .display import format_months
from .eligibility import LineResult, Reason, assess_line
from .inputs import RosterLine
from .policy import Policy


def count_roster(roster: Iterable[RosterLine], policy: Policy, data_year: int) -> tuple[LineResult, ...]:
    """Assess every line, then remove months where one person is listed twice.

    When two lines of one person overlap, the line with the higher weight (then
    the smaller ``line_id``) keeps the month, so the total never depends on the
    order of the roster.
    """
    results = [assess_line(line, policy, data_year) for line in roster]
    by_person: dict[str, list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if result.counted and result.person_key:
            by_person[result.person_key].append(index)
    for indexes in by_person.values():
        if len(indexes) < 2:
            continue
        claimed: dict[int, str] = {}  # month -> line_id that counts it
        for index in sorted(indexes, key=lambda i: (-results[i].weight, results[i].line_id)):
            results[index] = _drop_claimed(results[index], claimed)
    return tuple(results)


def _drop_claimed(result: LineResult, claimed: dict[int, str]) -> LineResult:
    overlap = frozenset(month for month in result.months if month in claimed)
    for month in result.months - overlap:
        claimed[month] = result.line_id
    if not overlap:
        return result
    others = "、".join(sorted({claimed[month] for month in overlap}))
    message = f"同一残疾人在名册中重复填写（见第 {others} 行），{format_months(overlap)}只计一次"
    months = result.months - overlap
    return replace(
        result,
        counted=bool(months),
        months=months,
        months_counted=len(months),
        contribution=Fraction(result.weight * len(months), 12),
        reasons=(*result.reasons, Reason("duplicate_in_roster", message, overlap)),
    )


def counted_total(lines: Iterable[LineResult], *, weighted: bool = True) -> Fraction:
    """D: weighted person-years counted, or unweighted when ``weighted`` is False."""
    if weighted:
        return sum((line.contribution for line in lines), Fraction(0))
    return sum((line.unweighted_contribution for line in lines if line.counted), Fraction(0))
