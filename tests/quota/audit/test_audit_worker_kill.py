"""A real Celery worker is killed (SIGKILL) in the middle of an audit: Redis hands the task to a
second worker after the visibility timeout (5 s here), and the run finishes once, with the
results an uninterrupted run computes. And a worker's database connection is really cut
mid-audit: the task retries on a new connection and the run finishes once.

Needs PostgreSQL (the worker, another process, reads the test database; SQLite's in-memory test
database is invisible to it) and Redis (AUDIT_FAULT_REDIS_URL, default db 11 of the local
Redis).  On the PostgreSQL leg an unreachable Redis fails the test; it is never skipped.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
import redis
from celery import Celery
from django.db import connection

from quota.audit.models import AuditRun
from quota.audit.services.run import audit_execute, audit_start

from .outcomes import outcome_of, small_dataset

pytestmark = [
    pytest.mark.postgres(reason="a worker process cannot see the in-memory SQLite test database"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REDIS_URL = os.environ.get("AUDIT_FAULT_REDIS_URL", "redis://127.0.0.1:6379/11")
VISIBILITY_SECONDS = 5
ROOT = Path(__file__).resolve().parents[3]


def database_url() -> str:
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(queue: str, *, pause: float, log: Path, pause_once: bool = False) -> subprocess.Popen:
    env = {
        "AUDIT_TEST_PAUSE_ONCE": "1" if pause_once else "0",
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY_SECONDS),
        "AUDIT_TEST_QUEUE": queue,
        "AUDIT_TEST_PAUSE_SECONDS": str(pause),
    }
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "tests.quota.audit.audit_worker"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=out,
        )


def wait_for(predicate, *, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"{what} within {seconds} s; worker log:\n{log.read_text(errors='replace')[-4000:]}")


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


@contextmanager
def own_queue(prefix: str):
    """A queue of its own on the real broker: (redis client, queue name, ids of the tasks sent).
    ``audit_start`` sends there while the block runs; the queue is removed afterwards."""
    broker = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    broker.ping()  # Redis down on the PostgreSQL leg: a failure, not a skip
    queue = f"{prefix}-{uuid.uuid4().hex[:8]}"
    sender = Celery("sender", broker=REDIS_URL, set_as_current=False)
    sent: list[str] = []

    def enqueue(*, run_id: int) -> bool:  # audit_start's hand-off, through the real broker
        sent.append(sender.send_task("quota.tasks.audit_run_task", args=[run_id], queue=queue).id)
        return True

    try:
        with mock.patch("quota.audit.services.run.audit_enqueue", enqueue):
            yield broker, queue, sent
    finally:
        sender.close()
        broker.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def assert_same_results_as_an_uninterrupted_run(run, auditor) -> None:
    with mock.patch("quota.audit.services.run.audit_enqueue"):
        uninterrupted = audit_start(data_year=2025, by=auditor)
    audit_execute(run_id=uninterrupted.pk)
    assert outcome_of(run) == outcome_of(uninterrupted)


def test_a_worker_killed_mid_audit_hands_the_run_to_another_worker_which_finishes_it_once(auditor, tmp_path):
    small_dataset()
    log = tmp_path / "workers.log"
    workers = []
    with own_queue("audit-kill") as (broker, queue, sent):
        try:
            workers.append(start_worker(queue, pause=60, log=log))
            run = audit_start(data_year=2025, by=auditor)
            running = AuditRun.objects.filter(pk=run.pk, status="running", progress=10)
            wait_for(running.exists, seconds=20, what="the first worker did not start the run", log=log)
            delivered = time.monotonic()  # within 0.2 s, plus the first progress step

            workers[0].send_signal(signal.SIGKILL)
            assert workers[0].wait(timeout=10) == -signal.SIGKILL
            assert AuditRun.objects.get(pk=run.pk).status == "running"  # nobody will tell the run

            # A worker looks for expired messages when it starts and every 10 s after: start the
            # second one once the message has expired, so it finds it at once.
            time.sleep(max(0.0, delivered + VISIBILITY_SECONDS + 0.5 - time.monotonic()))
            workers.append(start_worker(queue, pause=0, log=log))
            done = AuditRun.objects.filter(pk=run.pk, status="done")
            wait_for(done.exists, seconds=35, what="the task was not delivered again and finished", log=log)
            # Acknowledged: neither waiting in the queue nor held unacknowledged for a third delivery.
            unacked = b"".join(broker.hvals("unacked"))
            assert (broker.llen(queue), sent[0].encode() in unacked) == (0, False)
        finally:
            for worker in workers:
                stop(worker)

    run.refresh_from_db()
    assert (run.status, run.progress, run.error, run.attempts) == ("done", 100, "", 2)
    assert_same_results_as_an_uninterrupted_run(run, auditor)


def test_a_database_connection_cut_mid_audit_is_retried_and_the_run_finishes_once(auditor, tmp_path):
    """The worker's own PostgreSQL connection is really cut (pg_terminate_backend, what a
    database restart does to it) while the run is at 10 %: the next query fails, the task is
    retried after 5 s on a new connection and the run finishes once with the uninterrupted
    results — never left "running"."""
    small_dataset()
    log = tmp_path / "worker.log"
    with own_queue("audit-cut") as (_broker, queue, _sent):
        worker = start_worker(queue, pause=4, pause_once=True, log=log)
        try:
            run = audit_start(data_year=2025, by=auditor)
            running = AuditRun.objects.filter(pk=run.pk, status="running", progress=10)
            wait_for(running.exists, seconds=20, what="the worker did not start the run", log=log)

            with connection.cursor() as cursor:  # every session of this database but the test's own
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                (cut,) = cursor.fetchone()
            assert cut >= 1, "the worker held no connection to cut"

            done = AuditRun.objects.filter(pk=run.pk, status__in=["done", "failed"])
            wait_for(
                done.exists, seconds=40, what="the run neither finished nor failed after the cut", log=log
            )
            assert "Retry in 5s" in log.read_text(errors="replace")
        finally:
            stop(worker)

    run.refresh_from_db()
    assert (run.status, run.progress, run.error, run.attempts) == ("done", 100, "", 2)
    assert_same_results_as_an_uninterrupted_run(run, auditor)
