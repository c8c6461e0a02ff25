"""Celery tasks of the quota app (in-process/eager unless CELERY_BROKER_URL is set)."""

from celery import shared_task

# Celery's autodiscovery imports ``<app>.tasks`` only: the audit's tasks register from here.
from quota.audit.tasks import AuditRunTask, audit_run_task, audit_sweep_task  # noqa: F401


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
