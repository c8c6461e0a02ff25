"""Audit runs survive their faults: no committed run is left without a task, none runs forever.

Three mechanisms, each covering what the others cannot:

* **Hand-off**: ``audit_start`` commits the run as queued, then sends the task (on commit).  A
  broker that refuses the message is logged, not raised: the run waits for the sweeper.
* **Retries**: a database error inside the task is retried with backoff
  (``quota.audit.tasks.audit_run_task``); when the retries are used up the run fails with a reason.
* **Sweeper** (``audit_sweep``, every few minutes from ``celery -A backend beat``, or
  ``manage.py sweep_audit_runs``): re-sends a run queued too long (its message was lost or never
  sent) or running with an old heartbeat (its worker died and its message is gone), and fails a
  run that was started ``AUDIT_MAX_ATTEMPTS`` times.

A worker killed mid-task needs none of these: its message was never acknowledged and Redis
hands it to another worker after ``CELERY_VISIBILITY_TIMEOUT_SECONDS``.  Running a run twice is
harmless: its results are replaced as a whole.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from quota.audit.choices import AuditStatus
from quota.audit.models import AuditRun

logger = logging.getLogger(__name__)

UNFINISHED = (AuditStatus.QUEUED, AuditStatus.RUNNING)


def too_many_attempts(attempts: int) -> str:
    return (
        f"审核已启动 {attempts} 次仍未完成（处理程序多次中断），系统已停止重试。"
        "请稍后重新发起审核；如仍失败，请联系管理员。"
    )


def database_gave_up(retries: int) -> str:
    return (
        f"审核过程中数据库连接中断，已自动重试 {retries} 次仍未成功。"
        "请稍后重新发起审核；如仍失败，请联系管理员。"
    )


def audit_enqueue(*, run_id: int) -> bool:
    """Send the run's task; False (logged) when the broker refuses it.  The run stays queued
    and the sweeper sends it again after ``AUDIT_SWEEP_QUEUED_MINUTES``."""
    from quota.audit.tasks import audit_run_task  # the task module imports the services

    try:
        audit_run_task.delay(run_id)
    except Exception:  # kombu's OperationalError, a refused connection, a full Redis …
        logger.exception("audit run %s: could not send its task; the sweeper will send it again", run_id)
        return False
    return True


def audit_fail(*, run_id: int, reason: str) -> bool:
    """Mark an unfinished run failed with ``reason`` (shown to the auditor).  A run that finished
    meanwhile is left alone: one conditional UPDATE."""
    updated = AuditRun.objects.filter(pk=run_id, status__in=UNFINISHED).update(
        status=AuditStatus.FAILED, error=reason, finished_at=timezone.now()
    )
    if updated:
        logger.error("audit run %s failed: %s", run_id, reason)
    return bool(updated)


@dataclass
class SweepReport:
    """What one sweep did, by run id."""

    requeued: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    unsent: list[int] = field(default_factory=list)  # re-queued, but the broker refused again


def audit_sweep(*, now: datetime | None = None) -> SweepReport:
    """Re-send every run that was forgotten, fail those started too often (see the module)."""
    now = now or timezone.now()
    queued_before = now - timedelta(minutes=settings.AUDIT_SWEEP_QUEUED_MINUTES)
    stale_before = now - timedelta(minutes=settings.AUDIT_SWEEP_STALE_MINUTES)
    # Runs created before heartbeats existed count from their creation.
    forgotten = (
        AuditRun.objects.annotate(last_seen=Coalesce("heartbeat_at", "created_at"))
        .filter(
            Q(status=AuditStatus.QUEUED, last_seen__lt=queued_before)
            | Q(status=AuditStatus.RUNNING, last_seen__lt=stale_before)
        )
        .order_by("pk")
        .values_list("pk", "status", "heartbeat_at", "attempts")
    )
    report = SweepReport()
    for run_id, status, heartbeat_at, attempts in forgotten:
        if attempts >= settings.AUDIT_MAX_ATTEMPTS:
            if audit_fail(run_id=run_id, reason=too_many_attempts(attempts)):
                report.failed.append(run_id)
            continue
        # Claim the run with one conditional UPDATE: a worker that wrote a heartbeat meanwhile,
        # or a second sweeper, makes the count 0 and the run is left to them.
        claimed = AuditRun.objects.filter(pk=run_id, status=status, heartbeat_at=heartbeat_at).update(
            status=AuditStatus.QUEUED, heartbeat_at=now
        )
        if not claimed:
            continue
        logger.warning("audit run %s (%s, %s attempts) re-queued by the sweeper", run_id, status, attempts)
        report.requeued.append(run_id)
        if not audit_enqueue(run_id=run_id):
            report.unsent.append(run_id)
    return report
