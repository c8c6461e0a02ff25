"""Reminders of the levy declaration deadline to employers that have not submitted yet."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from backend.accounts.choices import EmployerStatus
from backend.accounts.models import Employer, User

from ..choices import NotificationKind
from ..core.deadlines import declaration_deadline, reminder_stage
from ..models import Notification
from .inbox import notification_send


def levy_deadline_remind(*, today=None) -> int:
    """Remind the staff of every active employer whose report for the data year being declared
    (last year) is missing, a draft or returned; returns how many messages were sent.

    Idempotent per stage: the message's title names the deadline and the stage, and a user who
    already has it is skipped, so a second run the same day (beat and a manual run, or a
    redelivered task) sends nothing new."""
    from quota.choices import EDITABLE_STATUSES
    from quota.models import QuotaReport

    today = today or timezone.localdate()
    deadline = declaration_deadline(today, settings.LEVY_DECLARATION_DEADLINE)
    stage = reminder_stage(today, deadline, tuple(settings.LEVY_REMINDER_DAYS))
    if stage is None:
        return 0
    data_year = today.year - 1
    done = QuotaReport.objects.filter(data_year=data_year).exclude(status__in=EDITABLE_STATUSES)
    employers = Employer.objects.filter(status=EmployerStatus.ACTIVE).exclude(
        pk__in=done.values("employer_id")
    )
    title = f"{data_year}年度按比例就业年报请于{deadline:%Y年%m月%d日}前提交（还剩{stage}天内）"
    sent = 0
    for employer in employers.iterator():
        staff = User.objects.filter(memberships__employer=employer, is_active=True).distinct()
        for user in staff:
            if Notification.objects.filter(
                recipient=user, kind=NotificationKind.LEVY_DEADLINE, title=title
            ).exists():
                continue
            notification_send(
                recipient=user,
                kind=NotificationKind.LEVY_DEADLINE,
                title=title,
                body=(
                    f"{employer.name}尚未提交{data_year}年度的按比例就业年报。逾期未申报的单位按未安排残疾人就业计算保障金，"
                    "并可能加收滞纳金。"
                ),
                url=reverse("frontend:quota_reports"),
            )
            sent += 1
    return sent
