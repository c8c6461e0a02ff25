"""Which policy row applies to a region in a levy year — the one rule, as plain data.

The rule (quota-rules.md, "The levy" 7; ``quota.models.policy``): walk the region's path from
the most specific region up (town → county → city → province); the first region with a row whose
period covers the levy year wins, as a whole row.  Within one region the later start wins (the
admin form refuses overlapping periods, so this only settles rows that overlap anyway), and of
two rows with the same start the one with the larger key (the later-created row) wins, so the
answer never depends on the order the database returned the rows in.

Used by the report workflow (``quota.selectors.policy_row_for``) and by the annual audit
(``quota.audit.services.run.PolicyResolver``), so the two can never disagree.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyPeriod:
    """One policy row as the rule needs it: its region, its levy years, and a key to find it."""

    key: Hashable  # the row's id (a later-created row has a larger id)
    region_code: str
    levy_year_from: int
    levy_year_to: int | None = None  # None: open-ended

    def covers(self, levy_year: int) -> bool:
        return self.levy_year_from <= levy_year and (
            self.levy_year_to is None or levy_year <= self.levy_year_to
        )


def region_codes_of(path: str) -> list[str]:
    """The codes of a materialised region path ("32/3205/320585/"), province first."""
    return [code for code in path.split("/") if code]


def latest_per_region(periods: Iterable[PolicyPeriod], levy_year: int) -> dict[str, PolicyPeriod]:
    """For each region, the row that applies there itself in ``levy_year`` (later start, then
    larger key wins).  Resolve many regions against one result: ``resolve_in(best, codes)``."""
    best: dict[str, PolicyPeriod] = {}
    for period in periods:
        if not period.covers(levy_year):
            continue
        current = best.get(period.region_code)
        if current is None or (period.levy_year_from, period.key) > (current.levy_year_from, current.key):
            best[period.region_code] = period
    return best


def resolve_in(best: dict[str, PolicyPeriod], region_codes: Sequence[str]) -> PolicyPeriod | None:
    """The most specific region on ``region_codes`` (province first) that has a row in ``best``."""
    for code in reversed(region_codes):
        if code in best:
            return best[code]
    return None


def resolve_policy(
    periods: Iterable[PolicyPeriod], region_codes: Sequence[str], levy_year: int
) -> PolicyPeriod | None:
    """The row that applies to the region whose path is ``region_codes`` (province first) in
    ``levy_year``, or None when no region on the path has a row covering that year."""
    return resolve_in(latest_per_region(periods, levy_year), region_codes)
