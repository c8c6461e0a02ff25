"""Events in the platform put messages in the right inboxes (and only there)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from matching.services import application_create
from matching.services.applications import application_transition, application_withdraw
from notifications.choices import NotificationKind
from notifications.models import Notification
from notifications.services.deadlines import levy_deadline_remind
from quota.choices import ReportStatus
from quota.services.reports import report_approve, report_return
from tests.matching import factories as mf
from tests.quota import factories as qf
from tests.quota.audit.factories import open_case

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")


def _inbox(user, kind=None):
    qs = Notification.objects.filter(recipient=user)
    return list(qs.filter(kind=kind) if kind else qs)


@pytest.fixture
def applied():
    posting = mf.make_posting(title="包装工")
    hr = posting.employer.memberships.get().user
    seeker = mf.make_seeker_user()
    mf.make_profile(seeker.person)
    return hr, seeker, application_create(user=seeker, posting=posting)


def test_seeker_is_told_when_the_employer_moves_the_application(applied):
    hr, seeker, application = applied
    application_transition(user=hr, application=application, status="viewed")
    (note,) = _inbox(seeker, NotificationKind.APPLICATION_STATUS)
    assert "包装工" in note.title and "单位已查看" in note.title
    assert note.url == "/me/applications/"
    assert _inbox(hr) == []


def test_interview_invitation_is_left_to_the_employer_pipeline(applied):
    hr, seeker, application = applied
    application_transition(user=hr, application=application, status="viewed")
    application_transition(user=hr, application=application, status="interview")
    assert len(_inbox(seeker, NotificationKind.APPLICATION_STATUS)) == 1  # the "viewed" one only


def test_employer_staff_are_told_when_a_seeker_withdraws(applied):
    hr, seeker, application = applied
    application_withdraw(user=seeker, application=application)
    (note,) = _inbox(hr, NotificationKind.APPLICATION_STATUS)
    assert "撤回" in note.title and note.url == f"/employer/applications/{application.pk}/"


@pytest.fixture
def submitted():
    employer = qf.make_employer()
    staff = qf.make_user(employer=employer)
    other_employer_staff = qf.make_user(employer=qf.make_employer())
    report = qf.make_report(employer, by=staff, status=ReportStatus.SUBMITTED)
    auditor = qf.make_user("auditor", regions=["320585"])
    return staff, other_employer_staff, report, auditor


def test_employer_staff_are_told_of_a_returned_report_with_the_reasons(submitted):
    staff, outsider, report, auditor = submitted
    report_return(report=report, by=auditor, reasons="职工人数与社保记录不符")
    (note,) = _inbox(staff, NotificationKind.REPORT_RETURNED)
    assert "退回" in note.title and "职工人数与社保记录不符" in note.body
    assert note.url == f"/employer/quota/{report.pk}/"
    assert _inbox(outsider) == []


def test_employer_staff_are_told_when_the_report_is_approved(submitted):
    staff, outsider, report, auditor = submitted
    report_approve(report=report, by=auditor)
    (note,) = _inbox(staff, NotificationKind.REPORT_REVIEWED)
    assert "审核通过" in note.title


def test_a_credit_notice_reaches_the_employer_staff(submitted):
    staff, outsider, report, auditor = submitted
    open_case(report.employer, by=auditor)
    (note,) = _inbox(staff, NotificationKind.CREDIT_DECISION)
    assert "陈述申辩" in note.title and note.url == "/employer/credit/"
    assert _inbox(outsider) == []


def test_levy_deadline_reminds_only_employers_without_a_submitted_report(settings):
    settings.LEVY_DECLARATION_DEADLINE = (10, 31)
    settings.LEVY_REMINDER_DAYS = [1, 7, 30]
    late, done = qf.make_employer(), qf.make_employer()
    late_staff, done_staff = qf.make_user(employer=late), qf.make_user(employer=done)
    qf.make_report(late, by=late_staff, data_year=2025, status=ReportStatus.RETURNED)
    qf.make_report(done, by=done_staff, data_year=2025, status=ReportStatus.SUBMITTED)
    sent = levy_deadline_remind(today=date(2026, 10, 25))
    assert sent >= 1
    (note,) = _inbox(late_staff, NotificationKind.LEVY_DEADLINE)
    assert "2025年度" in note.title and "2026年10月31日" in note.title and "7天" in note.title
    assert _inbox(done_staff) == []


def test_levy_deadline_reminder_is_sent_once_per_stage(settings):
    settings.LEVY_DECLARATION_DEADLINE = (10, 31)
    settings.LEVY_REMINDER_DAYS = [1, 7, 30]
    staff = qf.make_user(employer=qf.make_employer())
    levy_deadline_remind(today=date(2026, 10, 25))
    levy_deadline_remind(today=date(2026, 10, 26))  # same stage (7 days)
    assert len(_inbox(staff, NotificationKind.LEVY_DEADLINE)) == 1
    levy_deadline_remind(today=date(2026, 10, 31))  # the last stage
    assert len(_inbox(staff, NotificationKind.LEVY_DEADLINE)) == 2
    assert levy_deadline_remind(today=date(2026, 11, 1)) == 0


def test_levy_deadline_command_uses_the_clock(settings, capsys):
    settings.LEVY_DECLARATION_DEADLINE = (10, 31)
    settings.LEVY_REMINDER_DAYS = [30]
    staff = qf.make_user(employer=qf.make_employer())
    with time_machine.travel(datetime(2026, 10, 2, 9, 0, tzinfo=TZ), tick=False):
        call_command("remind_levy_deadline")
    assert len(_inbox(staff, NotificationKind.LEVY_DEADLINE)) == 1
    assert "已发送" in capsys.readouterr().out


def test_levy_deadline_task_is_scheduled_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["levy-deadline-reminders"]
    assert entry["task"] == "notifications.tasks.levy_deadline_task"
