"""The annual audit (年度审核): start a run, evaluate a whole region in chunks, store the results.

A run is cut into chunks of employers (id ranges, ``AUDIT_CHUNK_EMPLOYERS`` each).  Before the
chunks, the database finds the certificates held at two or more employers in the year, once
(``quota.audit.selectors.shared_certificates``); each chunk then reads only its own employers'
reports and lines (streamed), gets the other employers' claims on its certificates from that
list, evaluates them in memory (``quota.audit.services.evaluate``) and replaces its own results
in one transaction (``quota.audit.services.write``).  The last step adds the chunks' counts up.
The chunks run one after the other in this process (``audit_execute``: eager mode, tests, the
demo) or spread over Celery workers as a chord (``quota.audit.tasks``); the findings are the
same either way, and the same as one pass over everything (``audit_execute_whole``).

What happens when a worker, the database or the broker fails on the way is in
``quota.audit.services.recovery``.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.permissions import Decision, require_decision
from quota.audit.choices import AuditStatus
from quota.audit.models import AuditFinding, AuditResult, AuditRun  # noqa: F401 — tests patch these here
from quota.audit.selectors import EmployerRange, audit_chunks, audit_dataset, shared_certificates
from quota.audit.services.evaluate import PolicyResolver, audit_evaluate
from quota.audit.services.recovery import audit_enqueue, audit_fail, too_many_attempts
from quota.audit.services.write import CHUNKS, chunk_write, run_finish

logger = logging.getLogger(__name__)

MIN_DATA_YEAR = 2015  # 财税〔2015〕72号 applies from 2015-10-01

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


def _set_progress(run_id: int, percent: int) -> None:
    AuditRun.objects.filter(pk=run_id).update(progress=min(100, max(0, percent)), heartbeat_at=timezone.now())


@contextmanager
def _failure_recorded(run_id: int):
    """A failure is recorded on the run for the auditor (the traceback goes to the log), except
    a database error, which is raised for the task to retry."""
    try:
        yield
    except DATABASE_ERRORS:
        raise  # quota.audit.tasks retries; when it gives up it fails the run
    except Exception as error:
        logger.exception("audit run %s failed", run_id)
        AuditRun.objects.filter(pk=run_id).update(
            status=AuditStatus.FAILED, error=f"审核失败：{error}"[:2000], finished_at=timezone.now()
        )


@dataclass
class AuditPlan:
    """A started run cut into chunks: each chunk's employer range and the claims of other
    employers on the certificates its employers hold (found once, by the database)."""

    run_id: int
    chunks: list[EmployerRange]
    outside_claims: list[list[dict]]


def _begin(run_id: int) -> AuditRun | None:
    """Mark the run running and count the attempt; None when there is nothing to do (the run is
    gone, or was started ``AUDIT_MAX_ATTEMPTS`` times: then it fails)."""
    run = AuditRun.objects.filter(pk=run_id).first()
    if run is None:
        return None  # deleted while queued
    if run.attempts >= settings.AUDIT_MAX_ATTEMPTS:
        audit_fail(run_id=run_id, reason=too_many_attempts(run.attempts))
        return None
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
    return run


def _expect_chunks(run_id: int, total: int) -> None:
    # Chunks record their counts here (quota.audit.services.write); an earlier attempt's are dropped.
    AuditRun.objects.filter(pk=run_id).update(counts={CHUNKS: {"total": total, "done": {}}})


def audit_prepare(*, run_id: int) -> AuditPlan | None:
    """Start (or restart) a run: cut it into chunks of ``AUDIT_CHUNK_EMPLOYERS`` employers and
    find the certificates held at two or more employers (one GROUP BY over the year's lines).
    None when there is nothing to do (see ``_begin``) or the planning failed (recorded)."""
    run = _begin(run_id)
    if run is None:
        return None
    with _failure_recorded(run_id):
        paths = list(run.regions.values_list("path", flat=True))
        chunks = audit_chunks(
            data_year=run.data_year, region_paths=paths, employers_per_chunk=settings.AUDIT_CHUNK_EMPLOYERS
        )
        shared = shared_certificates(data_year=run.data_year, region_paths=paths)
        _expect_chunks(run_id, len(chunks))
        _set_progress(run_id, 10)
        return AuditPlan(run_id, chunks, shared.outside_claims_by_chunk(chunks))
    return None


def audit_chunk(*, run_id: int, number: int, employers: EmployerRange, outside_claims: list[dict]) -> bool:
    """Evaluate one chunk and write its results; idempotent (a retry replaces them).  False when
    the run is no longer running (it failed elsewhere, or was restarted by the sweeper)."""
    run = AuditRun.objects.filter(pk=run_id, status=AuditStatus.RUNNING).first()
    if run is None:
        return False
    with _failure_recorded(run_id):
        paths = list(run.regions.values_list("path", flat=True))
        data = audit_dataset(
            data_year=run.data_year, region_paths=paths, employers=employers, outside_claims=outside_claims
        )
        evaluation = audit_evaluate(data, policy_for=PolicyResolver(run.data_year + 1))
        return chunk_write(run_id=run_id, number=number, employers=employers, evaluation=evaluation)
    return False


def audit_finalize(*, run_id: int) -> AuditRun | None:
    """After the last chunk: add up the chunks' counts and mark the run done (once)."""
    with _failure_recorded(run_id):
        run_finish(run_id=run_id)
    return AuditRun.objects.filter(pk=run_id).first()


def audit_execute(*, run_id: int) -> AuditRun | None:
    """Compute (or recompute) one run in this process, chunk after chunk; idempotent.  The
    Celery task spreads the chunks over workers instead (``quota.audit.tasks``).  Every execution
    counts as an attempt; a run started ``AUDIT_MAX_ATTEMPTS`` times fails."""
    plan = audit_prepare(run_id=run_id)
    if plan is not None:
        for number, (employers, claims) in enumerate(zip(plan.chunks, plan.outside_claims, strict=True)):
            if not audit_chunk(run_id=run_id, number=number, employers=employers, outside_claims=claims):
                break
        else:
            audit_finalize(run_id=run_id)
    return AuditRun.objects.filter(pk=run_id).first()


def audit_execute_whole(*, run_id: int) -> AuditRun | None:
    """The audit in one pass over the whole scope (everything in memory at once), as it ran
    before the chunks: kept as the reference the chunked audit must equal (tests, benchmark)."""
    run = _begin(run_id)
    if run is not None:
        with _failure_recorded(run_id):
            paths = list(run.regions.values_list("path", flat=True))
            data = audit_dataset(data_year=run.data_year, region_paths=paths)
            _set_progress(run_id, 10)
            evaluation = audit_evaluate(data, policy_for=PolicyResolver(run.data_year + 1))
            _expect_chunks(run_id, 1)
            chunk_write(run_id=run_id, number=0, employers=EmployerRange(0, None), evaluation=evaluation)
            run_finish(run_id=run_id)
    return AuditRun.objects.filter(pk=run_id).first()
