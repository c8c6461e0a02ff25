"""The inbox, the channels each user chose, the development outbox, password-reset codes and
sign-language video bookings."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from backend.accounts.scoping import ScopedQuerySet

from .choices import BookingStatus, Channel, ContactMethod, NotificationKind, TimeSlot


class Notification(models.Model):
    """A message in a user's 消息 inbox; other channels (SMS, e-mail) carry copies of it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="收件人",
    )
    kind = models.CharField("类型", max_length=24, choices=NotificationKind.choices)
    title = models.CharField("标题", max_length=120)
    body = models.TextField("内容", blank=True)
    url = models.CharField("相关页面", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    # Claimed by one conditional UPDATE before the copies go out: a redelivered task
    # (acks_late) finds it set and sends nothing twice.
    copies_sent_at = models.DateTimeField("副本发送时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"


class NotificationPreference(models.Model):
    """The channels one user wants for one kind of message. No row: inbox only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name="用户",
    )
    kind = models.CharField("类型", max_length=24, choices=NotificationKind.choices)
    sms = models.BooleanField("短信", default=False)
    email = models.BooleanField("电子邮件", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "通知方式"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"


class OutboxMessage(models.Model):
    """Every SMS and e-mail the outbox sender "sent" (development, demo and tests): staff read
    the codes here in the admin instead of a phone."""

    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    to = models.CharField("收件地址", max_length=254)
    subject = models.CharField("主题", max_length=200, blank=True)
    body = models.TextField("内容")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "发件箱（开发用）"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.to}"


class PasswordResetCode(models.Model):
    """A 6-digit code sent to the account's phone or e-mail; only its hash is kept. It expires
    after PASSWORD_RESET_CODE_MINUTES and after PASSWORD_RESET_MAX_ATTEMPTS wrong tries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="用户"
    )
    code_hash = models.CharField(max_length=128, editable=False)
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    expires_at = models.DateTimeField("过期时间")
    attempts = models.PositiveSmallIntegerField("错误次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "密码重设验证码"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class SignLanguageBookingQuerySet(ScopedQuerySet):
    """The requester reads their own bookings; every auditor reads all of them (the 残联 service
    desk arranges interpreters for the whole city); administrators all."""

    user_path = "requester"
    auditors_read_all = True


class SignLanguageBooking(models.Model):
    """A request for a sign-language video session with the service desk (the footer's promise)."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_language_bookings",
        verbose_name="预约人",
    )
    wanted_date = models.DateField("希望日期")
    slot = models.CharField("时段", max_length=10, choices=TimeSlot.choices)
    topic = models.CharField("想咨询的事情", max_length=200)
    contact_method = models.CharField("联系方式", max_length=8, choices=ContactMethod.choices)
    contact_detail = models.CharField("联系号码或账号", max_length=100)
    status = models.CharField(
        "状态", max_length=10, choices=BookingStatus.choices, default=BookingStatus.PENDING
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    handled_at = models.DateTimeField("安排时间", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="安排人",
    )

    objects = SignLanguageBookingQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "手语视频预约"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", handled_at__isnull=True)
                | Q(status="handled", handled_at__isnull=False),
                name="booking_handled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} {self.wanted_date} {self.get_slot_display()}"
