from django.db import models


class NotificationKind(models.TextChoices):
    """What a message is about; each user chooses the channels per kind (inbox always)."""

    APPLICATION_STATUS = "application_status", "申请状态变化"
    INTERVIEW_INVITATION = "interview_invitation", "面试邀请"
    REPORT_RETURNED = "report_returned", "年报退回修改"
    REPORT_REVIEWED = "report_reviewed", "年报审核结果"
    LEVY_DEADLINE = "levy_deadline", "保障金申报缴纳期限"
    CREDIT_DECISION = "credit_decision", "信用（失信）决定"
    SAVED_SEARCH = "saved_search", "订阅的新岗位"
    ACCOUNT = "account", "账号安全"
