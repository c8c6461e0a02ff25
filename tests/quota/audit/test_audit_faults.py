"""Audit runs survive their faults (in-process): the database drops mid-task, the broker refuses
the message, a worker vanishes.  The run always ends done or failed with a reason, never
"queued" or "running" for ever.  The real-worker test (SIGKILL) is test_audit_worker_kill.py."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
import time_machine
from celery.signals import task_retry
from django.conf import settings
from django.core.management import call_command
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from backend.celery import app
from quota.audit.models import AuditRun
from quota.audit.services.recovery import audit_sweep
from quota.audit.services.run import audit_dataset, audit_execute
from quota.audit.tasks import audit_run_task

from .outcomes import outcome_of, small_dataset

RETRIES = settings.AUDIT_TASK_MAX_RETRIES


def dataset_failing(times: int | None, error=OperationalError):
    """``audit_dataset`` that loses its connection ``times`` times (None: always), then reads."""
    calls = {"n": 0}

    def read(**kwargs):
        calls["n"] += 1
        if times is None or calls["n"] <= times:
            raise error("server closed the connection unexpectedly")
        return audit_dataset(**kwargs)

    return mock.patch("quota.audit.services.run.audit_dataset", side_effect=read)


@pytest.fixture
def like_a_worker():
    """Eager tasks, but handled the way a worker handles them: a retry runs again (at once, the
    countdown is not slept), a final failure calls ``on_failure`` and is not raised at the caller
    (with ``task_eager_propagates`` Celery raises its internal ``Retry`` instead of retrying)."""
    before = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = before


# --- the task: database errors are retried with backoff, then fail the run with a reason ---


def test_the_task_declares_retries_with_backoff_for_database_errors():
    assert audit_run_task.autoretry_for == (OperationalError, InterfaceError)
    assert (audit_run_task.retry_backoff, audit_run_task.retry_jitter) == (5, False)
    assert audit_run_task.max_retries == settings.AUDIT_TASK_MAX_RETRIES == 4
    assert settings.AUDIT_MAX_ATTEMPTS > settings.AUDIT_TASK_MAX_RETRIES + 1


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_dropped_database_connection_is_retried_and_the_run_completes(
    db, auditor, run_audit, like_a_worker, error
):
    small_dataset()
    expected = outcome_of(run_audit(by=auditor))

    delays = []

    def retried(sender=None, reason=None, **kwargs):
        if sender.name == audit_run_task.name:
            delays.append(reason.when)

    task_retry.connect(retried)
    try:
        with dataset_failing(times=2, error=error):
            run = run_audit(by=auditor)
    finally:
        task_retry.disconnect(retried)

    assert delays == [5, 10]  # in a worker; eagerly the retry runs at once
    assert (run.status, run.progress, run.error, run.attempts) == ("done", 100, "", 3)
    assert outcome_of(run) == expected


def test_when_the_database_stays_away_the_run_fails_with_the_reason_instead_of_running(
    db, auditor, run_audit, like_a_worker
):
    small_dataset()
    with dataset_failing(times=None):
        run = run_audit(by=auditor)

    assert run.status == "failed" and run.finished_at is not None
    assert run.error == (
        f"审核过程中数据库连接中断，已自动重试 {RETRIES} 次仍未成功。请稍后重新发起审核；如仍失败，请联系管理员。"
    )
    assert run.attempts == RETRIES + 1


def test_a_run_started_too_often_fails_instead_of_running_again(db, auditor, run_audit):
    """A run that kills its worker every time is redelivered by the broker for ever; the attempts
    counter ends the loop."""
    small_dataset()
    run = run_audit(by=auditor)
    AuditRun.objects.filter(pk=run.pk).update(status="running", attempts=settings.AUDIT_MAX_ATTEMPTS)

    run = audit_execute(run_id=run.pk)

    assert run.status == "failed" and run.attempts == settings.AUDIT_MAX_ATTEMPTS
    assert run.error.startswith(f"审核已启动 {settings.AUDIT_MAX_ATTEMPTS} 次仍未完成")


# --- the hand-off: a committed run always leads to a task ---


def test_a_broker_that_is_down_leaves_the_run_queued_without_an_error_page_and_the_sweeper_sends_it(
    db, auditor, django_capture_on_commit_callbacks
):
    from tests.frontend.audit.conftest import signed_in

    small_dataset()
    client = signed_in(auditor)
    with (
        mock.patch.object(audit_run_task, "delay", side_effect=BrokerDown("Error 111 connecting")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(reverse("frontend:audit_runs"), {"data_year": 2025})

    run = AuditRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("frontend:audit_run", args=[run.pk])
    assert (run.status, run.attempts) == ("queued", 0)

    assert audit_sweep().requeued == []  # too early: the message may still be on its way
    out = StringIO()
    with time_machine.travel(
        timezone.now() + timedelta(minutes=settings.AUDIT_SWEEP_QUEUED_MINUTES, seconds=1)
    ):
        call_command("sweep_audit_runs", stdout=out)  # eager: the task runs here

    run.refresh_from_db()
    assert (run.status, run.progress, run.attempts) == ("done", 100, 1)
    assert out.getvalue() == "重新排队 1 次审核，标记失败 0 次审核\n"


def test_the_sweeper_requeues_a_run_whose_heartbeat_stopped_and_leaves_live_ones_alone(
    db, auditor, run_audit
):
    now = timezone.now()
    stale, alive, fresh_queue, done = (run_audit(by=auditor) for _ in range(4))
    minutes = settings.AUDIT_SWEEP_STALE_MINUTES
    AuditRun.objects.filter(pk=stale.pk).update(
        status="running", attempts=1, heartbeat_at=now - timedelta(minutes=minutes + 1)
    )
    AuditRun.objects.filter(pk=alive.pk).update(
        status="running", attempts=1, heartbeat_at=now - timedelta(minutes=minutes - 1)
    )
    AuditRun.objects.filter(pk=fresh_queue.pk).update(
        status="queued", heartbeat_at=now - timedelta(minutes=1)
    )

    with mock.patch.object(audit_run_task, "delay") as delay:
        report = audit_sweep(now=now)

    assert (report.requeued, report.failed) == ([stale.pk], [])
    delay.assert_called_once_with(stale.pk)
    stale.refresh_from_db()
    assert (stale.status, stale.heartbeat_at) == ("queued", now)  # not swept again until N minutes pass
    assert [r.status for r in AuditRun.objects.filter(pk__in=[alive.pk, fresh_queue.pk, done.pk]).order_by("pk")] == [
        "running", "queued", "done",
    ]  # fmt: skip
    with mock.patch.object(audit_run_task, "delay") as delay:
        assert audit_sweep(now=now).requeued == []


def test_a_run_whose_heartbeat_stopped_after_k_attempts_fails_and_the_auditor_reads_why(
    db, auditor, run_audit
):
    from tests.frontend.audit.conftest import signed_in

    run = run_audit(by=auditor)
    k = settings.AUDIT_MAX_ATTEMPTS
    AuditRun.objects.filter(pk=run.pk).update(
        status="running", progress=25, attempts=k, heartbeat_at=timezone.now() - timedelta(hours=1)
    )

    with mock.patch.object(audit_run_task, "delay") as delay:
        report = audit_sweep()

    assert (report.requeued, report.failed) == ([], [run.pk])
    delay.assert_not_called()
    run.refresh_from_db()
    reason = f"审核已启动 {k} 次仍未完成（处理程序多次中断），系统已停止重试。请稍后重新发起审核；如仍失败，请联系管理员。"
    assert (run.status, run.error) == ("failed", reason)
    page = signed_in(auditor).get(reverse("frontend:audit_run", args=[run.pk])).content.decode()
    assert reason in page and "状态：失败" in page


def test_beat_sends_the_sweep_and_redis_redelivers_a_killed_workers_task_within_the_visibility_timeout():
    entry = settings.CELERY_BEAT_SCHEDULE["sweep-audit-runs"]
    assert entry["task"] in app.tasks and entry["schedule"] == timedelta(
        minutes=settings.AUDIT_SWEEP_EVERY_MINUTES
    )
    assert app.conf.broker_transport_options == {"visibility_timeout": 15 * 60, "unacked_restore_throttle": 1}
