"""Sign-language video bookings: anyone signed in asks; the service desk (auditors and
administrators) arranges and marks them handled."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts import permissions

from ..choices import BookingStatus, ContactMethod, NotificationKind, TimeSlot
from ..models import SignLanguageBooking
from .inbox import notification_send

# How far ahead the desk plans its interpreters.
BOOKING_HORIZON_DAYS = 60


def _check_date(wanted: date | None, today: date) -> str | None:
    if wanted is None:
        return "请选择希望的日期"
    if wanted <= today:
        return "希望日期应在今天之后，请选择明天或以后的工作日"
    if wanted > today + timedelta(days=BOOKING_HORIZON_DAYS):
        return f"只能预约{BOOKING_HORIZON_DAYS}天以内的日期，请选择更近的日期"
    if wanted.weekday() >= 5:
        return "手语视频服务只在工作日（周一至周五）提供，请选择工作日"
    return None


def booking_create(
    *, by, wanted_date: date | None, slot: str, topic: str, contact_method: str, contact_detail: str
) -> SignLanguageBooking:
    """A new request from ``by``; every problem is reported at once, keyed by field."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("请先登录再预约")
    errors: dict[str, str] = {}
    if message := _check_date(wanted_date, timezone.localdate()):
        errors["wanted_date"] = message
    if slot not in TimeSlot.values:
        errors["slot"] = "请选择上午或下午时段"
    topic = (topic or "").strip()
    if not topic:
        errors["topic"] = "请简单写下想咨询的事情，例如“怎样申请岗位”"
    elif len(topic) > 200:
        errors["topic"] = "想咨询的事情最多200字，请精简后再提交"
    if contact_method not in ContactMethod.values:
        errors["contact_method"] = "请选择联系方式：文字、短信或手语视频通话"
    contact_detail = (contact_detail or "").strip()
    if not contact_detail:
        errors["contact_detail"] = "请填写联系号码或账号（手机号、微信号或视频通话号码）"
    elif len(contact_detail) > 100:
        errors["contact_detail"] = "联系号码或账号最多100个字符"
    if errors:
        raise ValidationError(errors)
    booking = SignLanguageBooking(
        requester=by,
        wanted_date=wanted_date,
        slot=slot,
        topic=topic,
        contact_method=contact_method,
        contact_detail=contact_detail,
    )
    booking.full_clean()
    booking.save()
    return booking


def require_service_desk(user) -> None:
    if not (permissions.is_auditor(user) or permissions.is_admin(user)):
        raise PermissionDenied("只有服务窗口的工作人员可以安排手语视频预约")


@transaction.atomic
def booking_handle(*, booking: SignLanguageBooking, by) -> SignLanguageBooking:
    """Mark a booking arranged and tell the requester in their inbox. Handling twice is refused
    (one conditional UPDATE: two staff clicking together cannot both succeed)."""
    require_service_desk(by)
    now = timezone.now()
    done = SignLanguageBooking.objects.filter(pk=booking.pk, status=BookingStatus.PENDING).update(
        status=BookingStatus.HANDLED, handled_at=now, handled_by=by
    )
    if not done:
        raise ValidationError({"status": "这条预约已经安排过了"})
    booking.refresh_from_db()
    notification_send(
        recipient=booking.requester,
        kind=NotificationKind.ACCOUNT,
        title=f"手语视频预约已安排：{booking.wanted_date:%m月%d日} {booking.get_slot_display()}",
        body=f"工作人员会按您选择的方式（{booking.get_contact_method_display()}）与您联系。",
        url="/sign-language/mine/",
    )
    return booking
