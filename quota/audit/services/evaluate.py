"""Evaluating an audit's data in memory: the policy of each region, the per-report checks, the
cross-employer checks and the counts — no queries (the data comes from ``quota.audit.selectors``).

The same evaluation runs over a whole scope (one pass) or over one chunk of employers with the
claims of the others passed in, and gives the same rows either way: every check is per employer
or per certificate, and a chunk holds all of its employers' lines and every claim on their
certificates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from backend.accounts.models import Region
from quota.audit.choices import ResultStatus
from quota.audit.selectors import AuditData
from quota.audit.services.checks import EmployerOutcome, FindingRow, cross_findings, evaluate_report
from quota.choices import FILED_STATUSES, ReportStatus
from quota.core import CertMonths, Policy
from quota.core.policy_resolution import latest_per_region, region_codes_of, resolve_in
from quota.selectors.policy import policy_missing_message, policy_of_row, policy_period, policy_rows_covering
from quota.selectors.verified_facts import VerifiedFacts

PROGRESS_STEPS = 5  # progress is written at most this many times while reports are evaluated
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}


class PolicyResolver:
    """Every region's policy for one levy year from ONE query of the policy rows.

    The rule is ``quota.core.policy_resolution`` — the same function ``policy_row_for`` uses for
    one report — applied to every row covering the year; results are memoised per region.
    """

    def __init__(self, levy_year: int):
        self.levy_year = levy_year
        rows = policy_rows_covering(levy_year)
        self._rows = {row.pk: row for row in rows}
        self._best = latest_per_region(map(policy_period, rows), levy_year)
        self._cache: dict[int, Policy | str] = {}

    def __call__(self, region: Region) -> Policy | str:
        """The core Policy, or a Chinese message saying why there is none."""
        if region.pk not in self._cache:
            self._cache[region.pk] = self._resolve(region)
        return self._cache[region.pk]

    def _resolve(self, region: Region) -> Policy | str:
        chosen = resolve_in(self._best, region_codes_of(region.path))
        if chosen is None:
            return policy_missing_message(region, self.levy_year)
        try:
            return policy_of_row(self._rows[chosen.key], self.levy_year)
        except ValidationError as error:
            return error.messages[0]


@dataclass
class Evaluation:
    """What one run produces, before it is written."""

    outcomes: dict[int, EmployerOutcome] = field(default_factory=dict)
    findings: list[FindingRow] = field(default_factory=list)
    counts: dict = field(default_factory=dict)


def audit_evaluate(
    data: AuditData, *, policy_for: Callable[[Region], Policy | str], progress=None
) -> Evaluation:
    """Evaluate every report of ``data`` (no queries): per-line eligibility, the levy, then the
    cross-employer checks (挂靠, roster vs headcount, large changes, missing reports)."""
    lines_by_report: dict[int, list[dict]] = {}
    for line in data.lines:
        lines_by_report.setdefault(line["report_id"], []).append(line)
    claims = _claims(data)
    by_cert: dict[str, list[CertMonths]] = {}
    for claim in claims:
        by_cert.setdefault(claim.cert_key, []).append(claim)
    evaluation = Evaluation()
    facts = data.facts or VerifiedFacts(data.data_year)
    filed = [row for row in data.reports if row["status"] != ReportStatus.DRAFT]
    milestones = {len(filed) * step // PROGRESS_STEPS for step in range(1, PROGRESS_STEPS + 1)}
    for index, report in enumerate(filed, start=1):
        policy = policy_for(data.regions[report["employer__region_id"]])
        lines = lines_by_report.get(report["id"], [])
        outcome, findings = evaluate_report(report, lines, policy, by_cert, data.data_year, facts)
        evaluation.outcomes[report["employer_id"]] = outcome
        evaluation.findings.extend(findings)
        if progress and index in milestones:
            progress(10 + 75 * index // max(len(filed), 1))
    evaluation.findings.extend(cross_findings(data, evaluation.outcomes, claims))
    # A line flagged 挂靠 also lost those months as "counted elsewhere": one finding is enough.
    shared = {f.roster_line_id for f in evaluation.findings if f.kind == "double_counting"}
    evaluation.findings = [
        f for f in evaluation.findings if not (f.kind == "counted_elsewhere" and f.roster_line_id in shared)
    ]
    _add_missing(data, evaluation)
    _count(data, evaluation)
    return evaluation


def _claims(data: AuditData) -> list[CertMonths]:
    """Certificate-months that count somewhere: lines of filed reports that count at their
    employer (a dispatched worker the agreement places elsewhere makes no claim)."""
    filed = {row["id"] for row in data.reports if row["status"] in FILED_STATUSES}
    claims = [
        CertMonths(str(row["report__employer_id"]), f"out:{row['id']}", row["certificate_bidx"], _months(row))
        for row in data.outside_claims
    ]
    employer_of = {row["id"]: row["employer_id"] for row in data.reports}
    for line in data.lines:
        if line["report_id"] in filed and line["counts_here"]:
            employer = str(employer_of[line["report_id"]])
            claims.append(CertMonths(employer, str(line["id"]), line["certificate_bidx"], _months(line)))
    return claims


def _months(row: dict) -> frozenset[int]:
    return frozenset(row["months"] or [])


def _add_missing(data: AuditData, evaluation: Evaluation) -> None:
    """Employers that filed last year but not this year get a row (status draft or missing)."""
    drafts = {row["employer_id"]: row["id"] for row in data.reports if row["status"] == ReportStatus.DRAFT}
    for finding in evaluation.findings:
        if finding.kind == "missing_report" and finding.employer_id not in evaluation.outcomes:
            draft = drafts.get(finding.employer_id)
            evaluation.outcomes[finding.employer_id] = EmployerOutcome(
                employer_id=finding.employer_id,
                report_id=draft,
                status=ResultStatus.DRAFT if draft else ResultStatus.MISSING,
            )


def _count(data: AuditData, evaluation: Evaluation) -> None:
    by_employer: dict[int, list[FindingRow]] = {}
    for finding in evaluation.findings:
        by_employer.setdefault(finding.employer_id, []).append(finding)
    for employer_id, outcome in evaluation.outcomes.items():
        found = by_employer.get(employer_id, [])
        outcome.findings_count = len(found)
        outcome.max_severity = max((f.severity for f in found), key=SEVERITY_RANK.__getitem__, default="")
    severities, kinds = {}, {}
    for finding in evaluation.findings:
        severities[finding.severity] = severities.get(finding.severity, 0) + 1
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    total_levy = sum(
        (o.levy_due for o in evaluation.outcomes.values() if o.levy_due is not None), Decimal("0")
    )
    evaluation.counts = {
        "employers": len(evaluation.outcomes),
        "reports": sum(1 for row in data.reports if row["status"] != ReportStatus.DRAFT),
        "roster_lines": len(data.lines),
        "findings": len(evaluation.findings),
        "employers_with_findings": sum(1 for o in evaluation.outcomes.values() if o.findings_count),
        "by_severity": severities,
        "by_kind": kinds,
        "levy_due_total": format(total_levy, "f"),
    }
