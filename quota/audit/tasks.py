"""Celery tasks of the annual audit (registered through ``quota.tasks``, which Celery autodiscovers).

``audit_run_task`` plans a run and hands its chunks to the workers as a chord: one
``audit_chunk_task`` per employer range, then ``audit_finish_task`` adds the counts up.  All
three are idempotent and acknowledged late, so a killed worker's task simply runs again.  A
chord needs a result backend to know when the chunks are done (``CELERY_RESULT_BACKEND``);
without one, and in eager mode, the run task does the chunks itself, one after the other.

The task names keep their ``quota.tasks.`` prefix: the beat schedule and messages already queued
refer to them by name.
"""

import logging

from celery import Task, chord, shared_task
from django.conf import settings

from quota.audit.selectors import EmployerRange
from quota.audit.services.recovery import audit_fail, audit_sweep, database_gave_up
from quota.audit.services.run import (
    DATABASE_ERRORS,
    audit_chunk,
    audit_execute,
    audit_finalize,
    audit_prepare,
)

logger = logging.getLogger(__name__)

# A database restart mid-task: wait 5 s, 10 s, 20 s … (no jitter: the README says so).
RETRYING = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": DATABASE_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": False,
    "max_retries": settings.AUDIT_TASK_MAX_RETRIES,
}


class AuditRunTask(Task):
    """Never leaves a run "running" when it gives up: a failure that escapes the task (the
    database retries are used up) is written on the run with a reason for the auditor."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        run_id = args[0] if args else kwargs.get("run_id")
        try:
            audit_fail(run_id=run_id, reason=database_gave_up(self.request.retries))
        except DATABASE_ERRORS:  # still away: the sweeper finds the run by its old heartbeat
            logger.exception("audit run %s: could not record the failure", run_id)


def _fans_out(task: Task) -> bool:
    """Chunks go to other workers only from a real worker with a result backend to join them."""
    return not task.request.is_eager and bool(task.app.conf.result_backend)


@shared_task(bind=True, base=AuditRunTask, name="quota.tasks.audit_run_task", **RETRYING)
def audit_run_task(self, run_id: int) -> str:
    """Compute one audit run.  Idempotent: a re-delivered task (the worker died after starting,
    ``acks_late``) plans the run again and every chunk replaces its own results."""
    if not _fans_out(self):
        run = audit_execute(run_id=run_id)
        return run.status if run is not None else "missing"
    plan = audit_prepare(run_id=run_id)
    if plan is None:
        return "not started"
    # The chunks go to the queue this task came from: the workers that serve this project.
    queue = (self.request.delivery_info or {}).get("routing_key") or None
    header = [
        audit_chunk_task.si(run_id, number, employers.after, employers.upto, claims).set(queue=queue)
        for number, (employers, claims) in enumerate(zip(plan.chunks, plan.outside_claims, strict=True))
    ]
    chord(header)(audit_finish_task.si(run_id).set(queue=queue))
    return f"{len(header)} chunks"


@shared_task(base=AuditRunTask, name="quota.tasks.audit_chunk_task", **RETRYING)
def audit_chunk_task(run_id: int, number: int, after: int, upto: int | None, outside_claims: list) -> bool:
    """Evaluate and write one chunk of a run (``quota.audit.services.run.audit_chunk``)."""
    return audit_chunk(
        run_id=run_id, number=number, employers=EmployerRange(after, upto), outside_claims=outside_claims
    )


@shared_task(base=AuditRunTask, name="quota.tasks.audit_finish_task", **RETRYING)
def audit_finish_task(run_id: int) -> str:
    """The chord's callback: add the chunks' counts up and mark the run done."""
    run = audit_finalize(run_id=run_id)
    return run.status if run is not None else "missing"


@shared_task(name="quota.tasks.audit_sweep_task", acks_late=True)
def audit_sweep_task() -> dict:
    """Re-send forgotten audit runs; sent by `celery -A backend beat` (CELERY_BEAT_SCHEDULE)."""
    report = audit_sweep()
    return {"requeued": report.requeued, "failed": report.failed, "unsent": report.unsent}
