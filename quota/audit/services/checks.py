"""The audit's per-report and cross-employer checks over rows fetched in bulk (no queries here).

A stored roster line becomes a ``quota.core.RosterLine`` exactly as the report workflow builds it
(``quota.selectors.reports._core_line``: certificate from the registry, contract months, insured
months, months other employers already count), so the audit's levy equals the report preview.
Identifiers are decrypted in memory only, to let the core read category and grade; they are
never stored, logged or shown.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

from backend.accounts.crypto import DecryptionError, cipher
from backend.accounts.models import Person
from quota.choices import RosterCertificateKind
from quota.core import (
    CertMonths,
    Finding,
    Policy,
    QuotaCoreError,
    ReportInput,
    compute_levy,
    find_double_counting,
    find_large_changes,
    find_missing_reports,
    find_roster_exceeds_headcount,
    findings_for_line,
)
from quota.core import RosterLine as CoreLine
from quota.selectors import roster_line_contract_months
from quota.selectors.verified_facts import VerifiedFacts


@dataclass
class EmployerOutcome:
    """One employer's figures in a run (exact until written)."""

    employer_id: int
    report_id: int | None
    status: str
    employee_count: Fraction | None = None
    counted_disabled: Fraction | None = None
    ratio: Fraction | None = None
    levy_due: Decimal | None = None
    exempt: bool = False
    total_wages: Decimal | None = None
    person_months: int = 0
    error: str = ""
    findings_count: int = 0
    max_severity: str = ""


@dataclass(frozen=True)
class FindingRow:
    """A finding ready to be stored."""

    employer_id: int
    report_id: int | None
    roster_line_id: int | None
    kind: str
    severity: str
    message: str
    related_employer_ids: tuple[int, ...] = ()


def headcount_of(employee_count, monthly_headcounts) -> Fraction | None:
    """N from a stored report row: the annual average, or the 12 month-end counts ÷ 12, exact."""
    if monthly_headcounts is not None:
        return sum((Fraction(Decimal(str(value))) for value in monthly_headcounts), Fraction(0)) / 12
    return None if employee_count is None else Fraction(employee_count)


def _decrypt(line: dict, field: str) -> str:
    token = line[f"person__{field}_enc"]
    # Same associated data as Person.aad, without building a model instance per line.
    return (
        cipher().decrypt(token, Person.aad(SimpleNamespace(uid=line["person__uid"]), field)) if token else ""
    )


def core_line(line: dict, elsewhere: frozenset[int], facts: VerifiedFacts, credit_code: str) -> CoreLine:
    """The engine's roster line for a fetched row (mirrors quota.selectors.reports._core_line)."""
    veteran = line["certificate_kind"] == RosterCertificateKind.VETERAN
    grade = json.loads(_decrypt(line, "disability") or "{}").get("grade") if veteran else None
    return CoreLine(
        str(line["id"]),
        certificate_no=_decrypt(line, "certificate") or None,
        veteran=veteran,
        veteran_grade=grade,
        months=frozenset(line["months"] or []),
        monthly_wage=line["monthly_wage"],
        on_establishment=line["on_establishment"],
        contract_months=roster_line_contract_months(line["contract_start"], line["contract_end"]),
        **facts.line_facts(
            certificate_bidx=line["certificate_bidx"],
            kind=line["certificate_kind"],
            credit_code=credit_code,
            resident_bidx=line["person__resident_id_bidx"],
            declared=line["insured_months"],
        ),
        certificate_valid_until=line["person__certificate_valid_until"],
        birth_date=line["person__birth_date"],
        sex=line["person__sex"],
        counted_elsewhere_months=elsewhere,
        dispatched=line["dispatched"],
        counts_here=line["counts_here"],
    )


def _line_finding(finding: Finding, line: dict, employer_id: int) -> FindingRow:
    return FindingRow(
        employer_id=employer_id,
        report_id=line["report_id"],
        roster_line_id=line["id"],
        kind=finding.kind,
        severity=finding.severity,
        message=f"名册第{line['line_no']}行：{finding.message}",
        related_employer_ids=tuple(sorted(int(key) for key in finding.related)),
    )


def evaluate_report(
    report: dict,
    lines: list[dict],
    policy: Policy | str,
    claims: dict[str, list[CertMonths]],
    year: int,
    facts: VerifiedFacts,
) -> tuple[EmployerOutcome, list[FindingRow]]:
    """The levy and the per-line eligibility findings of one filed report."""
    employer_id = report["employer_id"]
    outcome = EmployerOutcome(
        employer_id=employer_id,
        report_id=report["id"],
        status=report["status"],
        employee_count=headcount_of(report["employee_count"], report["monthly_headcounts"]),
        total_wages=report["total_wages"],
    )
    key, findings, roster, by_id = str(employer_id), [], [], {}
    for line in lines:
        if line["dispatched"] and not line["counts_here"]:
            pass  # counted at the agency: not part of this employer's N either
        else:
            outcome.person_months += len(line["months"] or [])
        elsewhere = frozenset().union(
            *(claim.months for claim in claims.get(line["certificate_bidx"], ()) if claim.employer_key != key)
        )
        try:
            roster.append(core_line(line, elsewhere, facts, report["employer__credit_code"]))
            by_id[str(line["id"])] = line
        except (DecryptionError, ValueError, QuotaCoreError):
            message = f"名册第{line['line_no']}行：人员证件信息无法读取或格式有误，本次未计入，请核对登记信息"
            findings.append(
                FindingRow(employer_id, report["id"], line["id"], "person_unreadable", "high", message)
            )
    if isinstance(policy, str):
        outcome.error = policy
        return outcome, findings
    if outcome.employee_count is None or report["total_wages"] is None:
        outcome.error = "申报数据不完整（缺少职工人数或工资总额），无法计算保障金"
        return outcome, findings
    try:
        result = compute_levy(
            policy,
            ReportInput(
                year,
                report["employer__org_type"],
                employee_count=report["employee_count"],
                monthly_headcounts=None
                if report["monthly_headcounts"] is None
                else tuple(Decimal(str(value)) for value in report["monthly_headcounts"]),
                total_wages=report["total_wages"],
                roster=tuple(roster),
            ),
        )
    except QuotaCoreError as error:
        outcome.error = error.message_zh
        return outcome, findings
    outcome.counted_disabled, outcome.ratio = result.counted_disabled, result.ratio
    outcome.levy_due, outcome.exempt = result.levy_due, result.exempt
    for line_result in result.lines:
        for finding in findings_for_line(line_result, key):
            findings.append(_line_finding(finding, by_id[line_result.line_id], employer_id))
    return outcome, findings


def cross_findings(data, outcomes: dict[int, EmployerOutcome], claims: list[CertMonths]) -> list[FindingRow]:
    """挂靠 across employers, roster larger than N, >50 % moves from last year, missing reports."""
    rows: list[FindingRow] = []
    line_by_id = {str(line["id"]): line for line in data.lines}
    for finding in find_double_counting(claims):
        line = line_by_id.get(finding.line_id)
        if line is not None:  # outside the scope: that region's auditor sees it
            rows.append(_line_finding(finding, line, int(finding.employer_key)))

    def employer_row(finding: Finding) -> FindingRow:
        employer_id = int(finding.employer_key)
        outcome = outcomes.get(employer_id)
        report_id = outcome.report_id if outcome else None
        return FindingRow(employer_id, report_id, None, finding.kind, finding.severity, finding.message)

    headcounts = {str(e): o.employee_count for e, o in outcomes.items() if o.employee_count is not None}
    person_months = {str(e): o.person_months for e, o in outcomes.items() if str(e) in headcounts}
    current = {
        str(e): (o.employee_count, o.total_wages)
        for e, o in outcomes.items()
        if o.employee_count is not None and o.total_wages is not None
    }
    previous = {}
    for row in data.previous:
        n = headcount_of(row["employee_count"], row["monthly_headcounts"])
        if n is not None and row["total_wages"] is not None:
            previous[str(row["employer_id"])] = (n, row["total_wages"])
    found = [
        *find_roster_exceeds_headcount(headcounts, person_months),
        *find_large_changes(current, previous),
        *find_missing_reports({str(row["employer_id"]) for row in data.previous}, {str(e) for e in outcomes}),
    ]
    rows.extend(employer_row(finding) for finding in found)
    return rows
