"""Pure audit checks over rows already fetched in bulk; each is O(n) with dicts.

The set-based audit fetches every report, roster and certificate-month in a
handful of queries and hands plain tuples here; nothing here touches a database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .display import format_count, format_months, format_percent
from .eligibility import LineResult
from .money import Number, to_fraction

HIGH, MEDIUM, LOW = "high", "medium", "low"


@dataclass(frozen=True)
class Finding:
    """One audit finding; ``related`` names other employers involved, if any."""

    kind: str
    severity: str  # "high" | "medium" | "low"
    employer_key: str
    line_id: str | None
    message: str
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertMonths:
    """The months one employer counts one certificate (``cert_key``: the holder's resident ID)."""

    employer_key: str
    line_id: str
    cert_key: str
    months: frozenset[int]


def cert_months_from_lines(employer_key: str, lines: Iterable[LineResult]) -> list[CertMonths]:
    """The certificate-months one employer's assessed roster counts, for :func:`find_double_counting`."""
    return [
        CertMonths(employer_key, line.line_id, line.person_key, line.months)
        for line in lines
        if line.counted and line.person_key
    ]


def find_double_counting(lines: Iterable[CertMonths]) -> list[Finding]:
    """Flag a certificate counted by two employers in the same month (挂靠; 63号).

    Different months are fine (a change of job).  The same employer listing the
    certificate twice for one month is reported as ``duplicate_in_roster``.
    """
    claims: dict[tuple[str, int], list[CertMonths]] = defaultdict(list)
    for line in lines:
        for month in line.months:
            claims[(line.cert_key, month)].append(line)
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)  # (employer, line) -> months
    others: dict[tuple[str, str], set[str]] = defaultdict(set)
    repeated: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (_, month), holders in claims.items():
        if len(holders) < 2:
            continue
        per_employer = Counter(holder.employer_key for holder in holders)
        for holder in holders:
            key = (holder.employer_key, holder.line_id)
            if len(per_employer) > 1:
                shared[key].add(month)
                others[key].update(set(per_employer) - {holder.employer_key})
            if per_employer[holder.employer_key] > 1:
                repeated[key].add(month)
    findings = []
    for key in sorted(shared.keys() | repeated.keys()):
        employer, line_id = key
        if key in shared:
            when, count = format_months(frozenset(shared[key])), len(others[key])
            message = f"同一残疾人证在{when}同时被其他 {count} 家单位计入，可能存在挂靠"
            findings.append(
                Finding("double_counting", HIGH, employer, line_id, message, tuple(sorted(others[key])))
            )
        if key in repeated:
            message = (
                f"同一残疾人证在本单位名册中重复填写，{format_months(frozenset(repeated[key]))}只能计一次"
            )
            findings.append(Finding("duplicate_in_roster", MEDIUM, employer, line_id, message))
    return findings


def find_roster_exceeds_headcount(
    headcounts: Mapping[str, Number], roster_person_months: Mapping[str, int]
) -> list[Finding]:
    """Flag employers whose roster (person-months ÷ 12) exceeds their N.

    Disabled staff are part of N, so more roster person-years than N means the
    headcount is under-reported or the roster is inflated.
    """
    findings = []
    for employer in sorted(roster_person_months):
        n = to_fraction(headcounts.get(employer, 0))
        years = Fraction(roster_person_months[employer], 12)
        if years > n:
            message = f"名册折算人数 {format_count(years)} 人超过申报的在职职工人数 {format_count(n)} 人"
            findings.append(Finding("roster_exceeds_headcount", HIGH, employer, None, message))
    return findings


def find_large_changes(
    current: Mapping[Hashable, tuple[Number, Number]],
    previous: Mapping[Hashable, tuple[Number, Number]],
    threshold: Decimal = Decimal("0.5"),
) -> list[Finding]:
    """Flag a change of more than ``threshold`` (50 %) in N or in total wages year on year."""
    limit = to_fraction(threshold)
    findings = []
    for key in sorted(current.keys() & previous.keys(), key=str):
        for label, now, before in zip(("在职职工人数", "工资总额"), current[key], previous[key], strict=True):
            now, before = to_fraction(now), to_fraction(before)
            if before == now:
                continue
            change = abs(now - before) / before if before else None  # from zero: always notable
            if change is None or change > limit:
                shown = "从0增加" if change is None else f"变化{format_percent(change, 1)}"
                message = f"{label}与上年相比{shown}，请核实"
                findings.append(Finding("large_change", MEDIUM, str(key), None, message))
    return findings


def find_missing_reports(filed_previous: set[Hashable], filed_current: set[Hashable]) -> list[Finding]:
    """Flag employers that filed last year but not this year."""
    return [
        Finding("missing_report", MEDIUM, str(key), None, "上年已申报，本年度尚未申报")
        for key in sorted(filed_previous - filed_current, key=str)
    ]


# Severity of each ineligibility reason.  Unpaid insurance and 挂靠 feed the
# credit rules (一般失信), so they are high; informational notes are low.
REASON_SEVERITY = {
    "below_minimum_wage": HIGH,
    "insurance_missing": HIGH,
    "insurance_not_on_record": HIGH,
    "certificate_mismatch": HIGH,
    "certificate_pending": MEDIUM,
    "counted_elsewhere": HIGH,
    "invalid_certificate": MEDIUM,
    "expired": MEDIUM,
    "short_contract": MEDIUM,
    "outside_working_age": MEDIUM,
    "veteran_grade_invalid": MEDIUM,
    "duplicate_in_roster": MEDIUM,
    "dispatched_counts_elsewhere": LOW,
    "not_employed": LOW,
    "grade_mismatch": LOW,
    "age_unverified": LOW,
    "sex_unknown": LOW,
}


def findings_for_line(line_result: LineResult, employer_key: str) -> list[Finding]:
    """Turn a line's reasons into findings (below minimum wage → high, expired → medium …)."""
    return [
        Finding(
            reason.code,
            REASON_SEVERITY.get(reason.code, LOW),
            employer_key,
            line_result.line_id,
            reason.message,
        )
        for reason in line_result.reasons
    ]
