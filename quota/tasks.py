"""Celery tasks of the quota app (in-process/eager unless CELERY_BROKER_URL is set)."""

import logging

from celery import Task, shared_task
from django.conf import settings

from .services.audit import DATABASE_ERRORS, audit_execute
from .services.audit_recovery import audit_fail, audit_sweep, database_gave_up

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


@shared_task(name="quota.tasks.nightly_recheck_task", acks_late=True)
def nightly_recheck_task() -> dict:
    """The nightly round (CELERY_BEAT_SCHEDULE): re-check the current data year against the
    verified facts, close postings past their closing date, compact the match index."""
    from matching.services.index import index_rebuild
    from matching.services.postings import posting_close_expired

    from .services.recheck import current_data_year, rosters_recheck

    run = rosters_recheck(data_year=current_data_year(), reason="每日复核")
    closed = posting_close_expired()
    snapshot = index_rebuild(reuse=True)
    return {"recheck_run": run.pk if run else None, "postings_closed": closed, "index_snapshot": snapshot.pk}
