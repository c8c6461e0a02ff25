"""Celery tasks of the annual audit (registered through ``quota.tasks``, which Celery autodiscovers).

The task names keep their ``quota.tasks.`` prefix: the beat schedule and messages already queued
refer to them by name.
"""

import logging

from celery import Task, shared_task
from django.conf import settings

from quota.audit.services.recovery import audit_fail, audit_sweep, database_gave_up
from quota.audit.services.run import DATABASE_ERRORS, audit_execute

logger = logging.getLogger(__name__)


class AuditRunTask(Task):
    """Never leaves a run "running" when it gives up: a failure that escapes the task (the
    database retries are used up) is written on the run with a reason for the auditor."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        run_id = args[0] if args else kwargs.get("run_id")
        try:
            audit_fail(run_id=run_id, reason=database_gave_up(self.request.retries))
        except DATABASE_ERRORS:  # still away: the sweeper finds the run by its old heartbeat
            logger.exception("audit run %s: could not record the failure", run_id)


@shared_task(
    base=AuditRunTask,
    name="quota.tasks.audit_run_task",
    acks_late=True,
    reject_on_worker_lost=True,
    # A database restart mid-task: wait 5 s, 10 s, 20 s … (no jitter: the README says so).
    autoretry_for=DATABASE_ERRORS,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=False,
    max_retries=settings.AUDIT_TASK_MAX_RETRIES,
)
def audit_run_task(run_id: int) -> str:
    """Compute one audit run.  Idempotent: a re-delivered task (the worker died after starting,
    ``acks_late``) recomputes and atomically replaces the run's results."""
    run = audit_execute(run_id=run_id)
    return run.status if run is not None else "missing"


@shared_task(name="quota.tasks.audit_sweep_task", acks_late=True)
def audit_sweep_task() -> dict:
    """Re-send forgotten audit runs; sent by `celery -A backend beat` (CELERY_BEAT_SCHEDULE)."""
    report = audit_sweep()
    return {"requeued": report.requeued, "failed": report.failed, "unsent": report.unsent}
