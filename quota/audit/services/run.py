"""The annual audit (年度审核): start a run, evaluate a whole region set-based, store the results.

Set-based: ``quota.audit.selectors.audit_dataset`` reads every report, roster line and
certificate claim of the year in a handful of queries; the policy rows are read once; everything
else happens in Python dicts with the pure checks of ``quota.core`` — never one query per
employer.  The run's results are replaced as a whole in one transaction, so re-running a run
(a Celery retry after a killed worker, ``acks_late``) leaves exactly one set of results.

What happens when a worker, the database or the broker fails on the way is in
``quota.audit.services.recovery``.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from backend.accounts.models import Region, User
from backend.accounts.permissions import Decision, require_decision
from quota.audit.choices import AuditStatus, ResultStatus
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.audit.selectors import AuditData, audit_dataset
from quota.audit.services.checks import EmployerOutcome, FindingRow, cross_findings, evaluate_report
from quota.audit.services.recovery import audit_enqueue, audit_fail, too_many_attempts
from quota.choices import FILED_STATUSES, ReportStatus
from quota.core import CertMonths, Policy, to_decimal
from quota.core.policy_resolution import latest_per_region, region_codes_of, resolve_in
from quota.selectors.policy import policy_missing_message, policy_of_row, policy_period, policy_rows_covering
from quota.selectors.verified_facts import VerifiedFacts

logger = logging.getLogger(__name__)

MIN_DATA_YEAR = 2015  # 财税〔2015〕72号 applies from 2015-10-01
PROGRESS_STEPS = 5  # progress is written at most this many times while reports are evaluated
SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1}


# The database went away (a restart, a dropped connection): the task retries with backoff
# instead of recording a failure it could not write anyway.
DATABASE_ERRORS = (OperationalError, InterfaceError)


@transaction.atomic
def audit_start(*, data_year: int, by: User) -> AuditRun:
    """Queue the audit of ``data_year`` over the auditor's regions; the task is sent on commit.

    A broker that refuses the message is logged, not raised: the run is committed as queued and
    the sweeper sends it later, so the auditor never sees an error page for it."""
    require_decision(by, Decision.AUDIT_RUN)  # the run covers the auditor's own regions
    current = timezone.localdate().year
    if (
        not isinstance(data_year, int)
        or isinstance(data_year, bool)
        or not MIN_DATA_YEAR <= data_year <= current
    ):
        raise ValidationError({"data_year": f"数据年度应在{MIN_DATA_YEAR}至{current - 1}年之间"})
    if data_year == current:
        # A year still running has no final head count, wages or roster months: its audit
        # would list every employer as short (issue 14).
        raise ValidationError(
            {
                "data_year": f"{data_year}年度还没有结束，职工人数、工资和名册尚不完整，"
                f"请在{data_year + 1}年1月1日以后核查；现在可以核查{data_year - 1}年度及以前"
            }
        )
    regions = list(by.regions.all())
    if not regions:
        raise ValidationError({"data_year": "您还没有负责的区域，无法发起审核，请联系管理员"})
    run = AuditRun(data_year=data_year, created_by=by, heartbeat_at=timezone.now())
    run.full_clean()
    run.save()
    run.regions.set(regions)
    transaction.on_commit(lambda: audit_enqueue(run_id=run.pk))
    return run


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


def _set_progress(run_id: int, percent: int) -> None:
    AuditRun.objects.filter(pk=run_id).update(progress=min(100, max(0, percent)), heartbeat_at=timezone.now())


@transaction.atomic
def _replace_results(run: AuditRun, evaluation: Evaluation) -> None:
    """Swap in the new results and findings at once (readers never see a half-written run)."""
    run = AuditRun.objects.select_for_update().get(pk=run.pk)
    AuditFinding.objects.filter(run=run).delete()
    AuditResult.objects.filter(run=run).delete()
    AuditResult.objects.bulk_create(
        [
            AuditResult(
                run=run,
                employer_id=o.employer_id,
                report_id=o.report_id,
                status=o.status,
                employee_count=None if o.employee_count is None else to_decimal(o.employee_count, 4),
                counted_disabled=None if o.counted_disabled is None else to_decimal(o.counted_disabled, 4),
                ratio=None if o.ratio is None else to_decimal(o.ratio, 6),
                levy_due=o.levy_due,
                exempt=o.exempt,
                findings_count=o.findings_count,
                max_severity=o.max_severity,
                error=o.error[:300],
            )
            for o in evaluation.outcomes.values()
        ],
        batch_size=1000,
    )
    AuditFinding.objects.bulk_create(
        [
            AuditFinding(
                run=run,
                employer_id=f.employer_id,
                report_id=f.report_id,
                roster_line_id=f.roster_line_id,
                kind=f.kind,
                severity=f.severity,
                message=f.message[:300],
                related_employers=list(f.related_employer_ids),
            )
            for f in evaluation.findings
        ],
        batch_size=2000,
    )
    run.status, run.progress, run.error = AuditStatus.DONE, 100, ""
    run.counts = evaluation.counts
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "progress", "error", "counts", "finished_at"])


def audit_execute(*, run_id: int) -> AuditRun | None:
    """Compute (or recompute) one run; idempotent.  A failure is recorded on the run, except a
    database error, which is raised for the task to retry.  Every execution counts as an attempt;
    a run started ``AUDIT_MAX_ATTEMPTS`` times (a run that keeps killing its worker) fails."""
    run = AuditRun.objects.filter(pk=run_id).first()
    if run is None:
        return None  # deleted while queued
    if run.attempts >= settings.AUDIT_MAX_ATTEMPTS:
        audit_fail(run_id=run_id, reason=too_many_attempts(run.attempts))
        run.refresh_from_db()
        return run
    now = timezone.now()
    AuditRun.objects.filter(pk=run_id).update(
        status=AuditStatus.RUNNING,
        progress=0,
        error="",
        started_at=now,
        finished_at=None,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
    )
    try:
        paths = list(run.regions.values_list("path", flat=True))
        data = audit_dataset(data_year=run.data_year, region_paths=paths)
        _set_progress(run_id, 10)
        evaluation = audit_evaluate(
            data,
            policy_for=PolicyResolver(run.data_year + 1),
            progress=lambda percent: _set_progress(run_id, percent),
        )
        _set_progress(run_id, 90)
        _replace_results(run, evaluation)
    except DATABASE_ERRORS:
        raise  # quota.audit.tasks.audit_run_task retries; when it gives up it fails the run
    except Exception as error:  # recorded for the auditor; the traceback goes to the log
        logger.exception("audit run %s failed", run_id)
        AuditRun.objects.filter(pk=run_id).update(
            status=AuditStatus.FAILED, error=f"审核失败：{error}"[:2000], finished_at=timezone.now()
        )
    run.refresh_from_db()
    return run
