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
    ASSISTANCE = "assistance", "就业援助（个案、测评）"


class Channel(models.TextChoices):
    """Where a copy of a message (or a one-time code) goes besides the inbox."""

    SMS = "sms", "短信"
    EMAIL = "email", "电子邮件"


class ContactMethod(models.TextChoices):
    """How a person wants the sign-language service to get back to them."""

    TEXT = "text", "文字（微信或在线文字）"
    SMS = "sms", "短信"
    VIDEO = "video", "手语视频通话"


class TimeSlot(models.TextChoices):
    """The service desk's sign-language video hours (工作日)."""

    MORNING = "morning", "上午 9:00–11:30"
    AFTERNOON = "afternoon", "下午 14:00–16:30"


class BookingStatus(models.TextChoices):
    PENDING = "pending", "待安排"
    HANDLED = "handled", "已安排"
