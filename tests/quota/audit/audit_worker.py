"""A real Celery worker for test_audit_worker_kill.py: ``python -m tests.quota.audit.audit_worker``.

Configured by the environment (DATABASE_URL, CELERY_BROKER_URL, CELERY_VISIBILITY_TIMEOUT_SECONDS)
like any worker, consuming only AUDIT_TEST_QUEUE.  AUDIT_TEST_PAUSE_SECONDS makes every run pause
after its first progress step (10 %), so the test can kill the worker in the middle of an audit;
with AUDIT_TEST_PAUSE_ONCE=1 only the first run of this process pauses (the retry then goes on).
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
django.setup()

from backend.celery import app  # noqa: E402
from quota.audit.services import run as audit  # noqa: E402

pause = float(os.environ.get("AUDIT_TEST_PAUSE_SECONDS", "0"))
pause_once = os.environ.get("AUDIT_TEST_PAUSE_ONCE") == "1"
paused: list[int] = []
if pause:
    progress = audit._set_progress

    def paused_progress(run_id: int, percent: int) -> None:
        progress(run_id, percent)
        if percent == 10 and not (pause_once and paused):
            paused.append(run_id)
            time.sleep(pause)

    audit._set_progress = paused_progress

if __name__ == "__main__":
    queue = os.environ["AUDIT_TEST_QUEUE"]
    # solo pool: one process, so SIGKILL kills the very process that runs the task.
    app.worker_main(
        ["worker", "--pool=solo", "-Q", queue, "-n", f"{queue}-{os.getpid()}@%h", "-l", "INFO",
         "--without-gossip", "--without-mingle", "--without-heartbeat"]
    )  # fmt: skip
