"""Writing an audit's results: one chunk's at a time, idempotently, and the run's totals at the end.

A chunk owns the results and findings of its employer range in its run.  Writing a chunk deletes
what that range holds and inserts the new rows in one transaction, so a chunk redone after a
crash (a Celery retry, ``acks_late`` redelivery, the sweeper restarting the run) leaves exactly
one set of rows.  The chunk's counts are recorded on the run under the same transaction; the run
is done when every chunk has reported and ``run_finish`` has added them up.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from quota.audit.choices import AuditStatus
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.audit.selectors import EmployerRange
from quota.audit.services.evaluate import Evaluation
from quota.core import to_decimal

CHUNKS = "chunks"  # the key of the chunks' progress in AuditRun.counts while the run is running
RESULT_BATCH, FINDING_BATCH = 1000, 2000


def _result(run_id: int, o) -> AuditResult:
    return AuditResult(
        run_id=run_id,
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


def _finding(run_id: int, f) -> AuditFinding:
    return AuditFinding(
        run_id=run_id,
        employer_id=f.employer_id,
        report_id=f.report_id,
        roster_line_id=f.roster_line_id,
        kind=f.kind,
        severity=f.severity,
        message=f.message[:300],
        related_employers=list(f.related_employer_ids),
    )


@transaction.atomic
def chunk_write(*, run_id: int, number: int, employers: EmployerRange, evaluation: Evaluation) -> bool:
    """Replace the chunk's results and findings and record its counts; False (nothing written)
    when the run stopped running meanwhile."""
    in_range = employers.q("employer_id")
    AuditFinding.objects.filter(in_range, run_id=run_id).delete()
    AuditResult.objects.filter(in_range, run_id=run_id).delete()
    AuditResult.objects.bulk_create(
        [_result(run_id, o) for o in evaluation.outcomes.values()], batch_size=RESULT_BATCH
    )
    AuditFinding.objects.bulk_create(
        [_finding(run_id, f) for f in evaluation.findings], batch_size=FINDING_BATCH
    )
    # The run's row is locked last, for a moment: chunks write their rows in parallel and only
    # take turns to record their counts.
    run = AuditRun.objects.select_for_update().filter(pk=run_id, status=AuditStatus.RUNNING).first()
    if run is None or CHUNKS not in run.counts:
        transaction.set_rollback(True)
        return False
    chunks = run.counts[CHUNKS]
    chunks["done"][str(number)] = evaluation.counts
    run.progress = 10 + 85 * len(chunks["done"]) // max(chunks["total"], 1)
    run.heartbeat_at = timezone.now()
    run.save(update_fields=["counts", "progress", "heartbeat_at"])
    return True


def merge_counts(parts: list[dict]) -> dict:
    """The run's counts from its chunks' counts (the same figures one pass would give)."""
    total = {
        key: 0 for key in ("employers", "reports", "roster_lines", "findings", "employers_with_findings")
    }
    severities: dict[str, int] = {}
    kinds: dict[str, int] = {}
    levy = Decimal("0")
    for part in parts:
        for key in total:
            total[key] += part[key]
        for name, count in part["by_severity"].items():
            severities[name] = severities.get(name, 0) + count
        for name, count in part["by_kind"].items():
            kinds[name] = kinds.get(name, 0) + count
        levy += Decimal(part["levy_due_total"])
    return {**total, "by_severity": severities, "by_kind": kinds, "levy_due_total": format(levy, "f")}


@transaction.atomic
def run_finish(*, run_id: int) -> bool:
    """Mark the run done with its totals once every chunk has written; False otherwise."""
    run = AuditRun.objects.select_for_update().filter(pk=run_id, status=AuditStatus.RUNNING).first()
    if run is None or CHUNKS not in run.counts:
        return False
    chunks = run.counts[CHUNKS]
    if len(chunks["done"]) < chunks["total"]:
        return False  # a chunk is missing: its retry (or the sweeper) comes back here
    parts = [chunks["done"][str(number)] for number in range(chunks["total"])]
    run.status, run.progress, run.error = AuditStatus.DONE, 100, ""
    run.counts = merge_counts(parts)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "progress", "error", "counts", "finished_at"])
    return True
