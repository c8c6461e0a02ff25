"""The audit runs as an idempotent Celery task, started on commit, with progress and errors."""

from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from celery import Celery
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import Role
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.audit.services.run import audit_execute, audit_start
from quota.audit.tasks import audit_run_task

from .factories import filed_report, make_employer, make_line, make_person, make_user


def test_audit_task_is_declared_acks_late_and_reject_on_worker_lost():
    """The options are declared on the task itself, not only inherited from the project's Celery
    settings: bound to an app whose defaults are the opposite, the task keeps both.  (A real
    worker killed mid-task and the message delivered again: test_audit_worker_kill.py.)"""
    assert (audit_run_task.name, audit_run_task.acks_late, audit_run_task.reject_on_worker_lost) == (
        "quota.tasks.audit_run_task",
        True,
        True,
    )
    probe = Celery("probe", set_as_current=False)
    probe.conf.update(task_acks_late=False, task_reject_on_worker_lost=False)
    probe.finalize()
    declared = probe.tasks["quota.tasks.audit_run_task"]
    assert (declared.name, declared.acks_late, declared.reject_on_worker_lost) == (
        "quota.tasks.audit_run_task",
        True,
        True,
    )
    other = probe.tasks["celery.backend_cleanup"]  # the probe's defaults do apply to other tasks
    assert (other.acks_late, other.reject_on_worker_lost) == (False, False)


def test_start_enqueues_the_task_only_when_the_transaction_commits(
    db, auditor, django_capture_on_commit_callbacks
):
    filed_report(make_employer(), persons=[make_person()])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = audit_start(data_year=2025, by=auditor)
    assert AuditRun.objects.get(pk=run.pk).status == "queued"
    assert len(callbacks) == 1

    callbacks[0]()  # the commit happens: the (eager) task runs

    run.refresh_from_db()
    assert (run.status, run.progress, run.error) == ("done", 100, "")
    assert run.started_at is not None and run.finished_at >= run.started_at
    assert list(run.regions.values_list("code", flat=True)) == ["320585"]


def test_running_a_run_again_replaces_its_results_instead_of_adding(db, auditor, run_audit):
    employer = make_employer()
    report = filed_report(employer)
    make_line(report, make_person(), monthly_wage=Decimal("100.00"))
    run = run_audit(by=auditor)
    first = set(AuditResult.objects.filter(run=run).values_list("pk", flat=True))

    audit_run_task.delay(run.pk)  # a re-delivered message

    assert AuditResult.objects.filter(run=run).count() == 1
    assert AuditFinding.objects.filter(run=run).count() == 1
    assert set(AuditResult.objects.filter(run=run).values_list("pk", flat=True)).isdisjoint(first)
    run.refresh_from_db()
    assert run.counts["findings"] == 1


def test_a_crash_while_writing_keeps_the_previous_results_and_records_the_error(db, auditor, run_audit):
    filed_report(make_employer(), persons=[make_person()])
    run = run_audit(by=auditor)
    with mock.patch(
        "quota.audit.services.run.AuditFinding.objects.bulk_create", side_effect=RuntimeError("disk full")
    ):
        audit_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == "failed" and "disk full" in run.error
    assert AuditResult.objects.filter(run=run).count() == 1  # the old results, untouched


def test_employers_outside_the_auditors_regions_are_not_audited(db, run_audit):
    town_auditor = make_user(Role.AUDITOR, regions=["320585101"])
    inside = filed_report(make_employer(region_code="320585101"))
    filed_report(make_employer(region_code="320585100"))

    run = run_audit(by=town_auditor)

    assert list(AuditResult.objects.filter(run=run).values_list("report_id", flat=True)) == [inside.pk]


def test_a_shared_certificate_outside_the_scope_is_still_found_without_naming_the_other_employer(
    db, run_audit
):
    town_auditor = make_user(Role.AUDITOR, regions=["320585101"])
    person = make_person()
    inside = make_employer(region_code="320585101")
    make_line(filed_report(inside), person)
    make_line(filed_report(make_employer(region_code="320585100", name="外镇公司")), person)

    run = run_audit(by=town_auditor)

    found = AuditFinding.objects.get(run=run, kind="double_counting")
    assert found.employer_id == inside.pk
    assert "外镇公司" not in found.message and "其他 1 家单位" in found.message


def test_only_auditors_start_audits(db, admin_user, staff_a):
    for user in (admin_user, staff_a):
        with pytest.raises(PermissionDenied):
            audit_start(data_year=2025, by=user)


@pytest.mark.parametrize("year", [2014, 2027, "2025", True])
def test_data_year_must_be_a_past_or_current_year(db, auditor, year):
    with time_machine.travel("2026-11-29 12:00 +0800"), pytest.raises(ValidationError) as error:
        audit_start(data_year=year, by=auditor)
    assert "data_year" in error.value.message_dict


def test_an_auditor_without_regions_cannot_start(db):
    with pytest.raises(ValidationError):
        audit_start(data_year=2025, by=make_user(Role.AUDITOR))


def test_a_region_without_policy_is_an_error_on_that_employer_not_the_run(db, auditor, run_audit):
    from quota.models import QuotaPolicy

    QuotaPolicy.objects.filter(levy_year_from__lte=2026, levy_year_to__gte=2026).delete()
    filed_report(make_employer(), persons=[make_person()])

    run = run_audit(by=auditor)

    assert run.status == "done"
    result = AuditResult.objects.get(run=run)
    assert result.levy_due is None and "2026 年度（征收年度）的政策参数" in result.error
