"""Automatic re-checks (issue 10 §5): by hand, after an import, after a resubmission, nightly."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from quota.audit.choices import RunTrigger
from quota.choices import ReportStatus
from quota.models import AuditFinding, AuditRun
from quota.services.recheck import rosters_recheck, rosters_recheck_after_import
from quota.services.reports import report_return, report_submit, report_update_figures
from quota.tasks import nightly_recheck_task
from tests.factories import make_certificate_record, make_insurance_records

from .conftest import client_for
from .factories import make_employer, make_line, make_person, make_report, make_user

YEAR = 2025


@pytest.fixture
def filed(db):
    employer = make_employer()
    staff = make_user("employer", employer=employer)
    report = make_report(employer, by=staff, data_year=YEAR, status=ReportStatus.SUBMITTED)
    person = make_person(verified=False)
    line = make_line(report, person)
    return employer, staff, report, person, line


def test_the_command_runs_a_city_wide_recheck_that_finds_the_unverified_certificate(
    filed, capsys, django_capture_on_commit_callbacks
):
    employer, staff, report, person, line = filed
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recheck_rosters", "--year", str(YEAR))
    run = AuditRun.objects.get()
    assert (run.trigger, run.created_by, run.status) == (RunTrigger.RECHECK, None, "done")
    assert AuditFinding.objects.filter(run=run, roster_line=line, kind="certificate_pending").exists()
    assert f"{YEAR}年度复核 #{run.pk}" in capsys.readouterr().out


def test_a_queued_recheck_is_not_queued_twice(filed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = rosters_recheck(data_year=YEAR, reason="一")
        second = rosters_recheck(data_year=YEAR, reason="二")
    assert first is not None and second is None


def test_a_registry_import_rechecks_the_years_of_the_rosters_it_touches(
    filed, django_capture_on_commit_callbacks
):
    employer, staff, report, person, line = filed
    record = make_certificate_record(person.decrypt("certificate"), name=person.name)
    with django_capture_on_commit_callbacks(execute=True):
        touched = rosters_recheck_after_import(data_import=record.source)
    assert touched == 1
    run = AuditRun.objects.get(trigger=RunTrigger.RECHECK)
    assert not AuditFinding.objects.filter(run=run, kind="certificate_pending").exists()
    assert run.results.get(employer=employer).counted_disabled == Decimal("1")


def test_an_import_that_touches_no_filed_roster_rechecks_nothing(db):
    person = make_person(verified=False)
    record = make_certificate_record(person.decrypt("certificate"))
    assert rosters_recheck_after_import(data_import=record.source) == 0
    assert not AuditRun.objects.exists()


def test_an_insurance_import_rechecks_the_employers_year(filed, django_capture_on_commit_callbacks):
    employer, staff, report, person, line = filed
    make_certificate_record(person.decrypt("certificate"))
    (record, *_) = make_insurance_records(employer, person, year=YEAR, months=range(1, 7))
    with django_capture_on_commit_callbacks(execute=True):
        assert rosters_recheck_after_import(data_import=record.source) == 1
    run = AuditRun.objects.get(trigger=RunTrigger.RECHECK)
    finding = AuditFinding.objects.get(run=run, kind="insurance_not_on_record")
    assert "7至12月" in finding.message


def test_a_resubmitted_report_is_rechecked_and_removed_lines_lose_their_findings(
    filed, django_capture_on_commit_callbacks
):
    employer, staff, report, person, line = filed
    with django_capture_on_commit_callbacks(execute=True):
        call_command("recheck_rosters", "--year", str(YEAR))
    assert AuditFinding.objects.filter(roster_line=line).exists()
    auditor = make_user("auditor", regions=["320585"])
    report_return(report=report, by=auditor, reasons="第1行证件未核验，请核对")
    line.delete()
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=report, by=staff)
    latest = AuditRun.objects.filter(trigger=RunTrigger.RECHECK).order_by("-id").first()
    assert latest.status == "done" and "重新提交" in latest.trigger_reason
    assert not AuditFinding.objects.filter(run=latest, kind="certificate_pending").exists()


def test_the_nightly_task_rechecks_closes_expired_postings_and_compacts_the_index(
    db, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = nightly_recheck_task.apply().get()
    assert set(result) == {"recheck_run", "postings_closed", "index_snapshot"}
    assert result["index_snapshot"] is not None
    assert "nightly-recheck" in settings.CELERY_BEAT_SCHEDULE


def test_the_report_history_names_who_when_why_and_the_fields_changed(filed):
    employer, staff, report, person, line = filed
    auditor = make_user("auditor", regions=["320585"])
    report_return(report=report, by=auditor, reasons="职工人数与社保记录不符")
    report_update_figures(report=report, by=staff, employee_count=Decimal("120"))
    for user in (staff, auditor):
        response = client_for(user).get(f"/api/v1/quota/reports/{report.pk}/history/")
        assert response.status_code == 200, response.content
        newest, returned = response.json()[:2]
        assert newest["reason"] == "修改人数和工资"
        (change,) = newest["changes"]
        assert (change["field"], change["old"], change["new"]) == ("employee_count", "100.0000", "120.0000")
        assert returned["reason"].startswith("退回：职工人数与社保记录不符")
        assert {change["field"] for change in returned["changes"]} == {"status", "return_reasons"}
    outsider = make_user("employer", employer=make_employer())
    assert client_for(outsider).get(f"/api/v1/quota/reports/{report.pk}/history/").status_code == 404
