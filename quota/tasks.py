"""Celery tasks of the quota app (in-process/eager unless CELERY_BROKER_URL is set)."""

from celery import shared_task

from .services.audit import audit_execute


@shared_task(name="quota.tasks.audit_run_task", acks_late=True, reject_on_worker_lost=True)
def audit_run_task(run_id: int) -> str:
    """Compute one audit run.  Idempotent: a re-delivered task (the worker died after starting,
    ``acks_late``) recomputes and atomically replaces the run's results."""
    run = audit_execute(run_id=run_id)
    return run.status if run is not None else "missing"
