"""Demo inbox messages for the demo accounts, so `make run` shows the inbox with read and unread
messages. Idempotent: a message is added once (recognised by recipient and title). The events of
the other seeders (report approvals, application moves) add their own messages as they run."""

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User

from .choices import NotificationKind
from .models import Notification
from .services.inbox import notification_send

# username → [(kind, title, body, url, read)]
MESSAGES = {
    "seeker": [
        (
            NotificationKind.APPLICATION_STATUS,
            "您申请的「在线客服（打字）」：单位已查看",
            "单位已查看您的申请，请留意后续通知。",
            "/me/applications/",
            False,
        ),
        (
            NotificationKind.SAVED_SEARCH,
            "有 3 个新岗位符合您的求职意向",
            "打开“为你推荐”查看。",
            "/me/matched/",
            False,
        ),
        (
            NotificationKind.ACCOUNT,
            "欢迎使用太仓市残疾人就业服务平台",
            "可以在“我的消息”里选择是否同时用短信接收通知。",
            "/me/notifications/settings/",
            True,
        ),
    ],
    "employer": [
        (
            NotificationKind.LEVY_DEADLINE,
            "按比例就业年报请在10月31日前提交",
            "逾期未申报的单位按未安排残疾人就业计算保障金。",
            "/employer/quota/",
            False,
        ),
        (
            NotificationKind.APPLICATION_STATUS,
            "有新的求职申请",
            "请在“岗位管理”中查看申请人。",
            "/employer/applications/",
            True,
        ),
    ],
    "auditor": [
        (
            NotificationKind.ACCOUNT,
            "有新的手语视频预约待安排",
            "请在“手语视频预约”中查看并联系预约人。",
            "/auditor/sign-language/",
            False,
        ),
    ],
}


@transaction.atomic
def seed(stdout=None) -> dict:
    created = 0
    for username, messages in MESSAGES.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for kind, title, body, url, read in messages:
            if Notification.objects.filter(recipient=user, title=title).exists():
                continue
            note = notification_send(recipient=user, kind=kind, title=title, body=body, url=url)
            if read:
                Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())
            created += 1
    return {"notifications": created}
