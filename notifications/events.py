"""The platform's events that tell someone something, in the words they read in the inbox.

Domain services call one function here inside their transaction (the inbox row commits or rolls
back with the event; copies by SMS / e-mail leave after the commit). The interview invitation is
sent by the employer pipeline itself (NotificationKind.INTERVIEW_INVITATION), so the status
change to 邀请面试 is not announced twice here.
"""

from django.urls import reverse

from backend.accounts.models import User

from .choices import NotificationKind
from .services.inbox import notification_send, notification_send_many


def _staff_of(employer_id: int):
    return User.objects.filter(memberships__employer_id=employer_id, is_active=True).distinct()


def application_status_changed(application) -> None:
    """The employer moved an application: tell the seeker (not for 邀请面试, see above)."""
    from matching.choices import ApplicationStatus

    if application.status == ApplicationStatus.INTERVIEW:
        return
    posting = application.posting
    label = application.get_status_display()
    for user in User.objects.filter(person_id=application.seeker.person_id, is_active=True):
        notification_send(
            recipient=user,
            kind=NotificationKind.APPLICATION_STATUS,
            title=f"您申请的「{posting.title}」：{label}",
            body=f"{posting.employer.name}已将您的申请状态改为「{label}」。",
            url=reverse("frontend:my_applications"),
        )


def application_withdrawn(application) -> None:
    """The seeker withdrew: tell the employer's staff."""
    posting = application.posting
    notification_send_many(
        recipients=_staff_of(posting.employer_id),
        kind=NotificationKind.APPLICATION_STATUS,
        title=f"一位求职者撤回了对「{posting.title}」的申请",
        url=reverse("frontend:employer_application", args=[application.pk]),
    )


def _report_url(report) -> str:
    return reverse("frontend:quota_report", args=[report.pk])


def report_returned(report) -> None:
    notification_send_many(
        recipients=_staff_of(report.employer_id),
        kind=NotificationKind.REPORT_RETURNED,
        title=f"{report.data_year}年度按比例就业年报被退回，请修改后重新提交",
        body=f"退回原因：{report.return_reasons}",
        url=_report_url(report),
    )


def report_approved(report) -> None:
    notification_send_many(
        recipients=_staff_of(report.employer_id),
        kind=NotificationKind.REPORT_REVIEWED,
        title=f"{report.data_year}年度按比例就业年报已审核通过",
        body="可在年报页面查看审核结果和保障金金额。",
        url=_report_url(report),
    )


def credit_decided(*, employer_id: int, title: str, body: str = "") -> None:
    """A credit notice or decision about an employer (告知, 认定, 异议, 撤销或修复)."""
    notification_send_many(
        recipients=_staff_of(employer_id),
        kind=NotificationKind.CREDIT_DECISION,
        title=title,
        body=body,
        url=reverse("frontend:employer_credit"),
    )
