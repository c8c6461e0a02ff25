"""Reads of the inbox and bookings."""

from django.db.models import F

from .models import Notification, SignLanguageBooking


def inbox_for(*, user):
    """The user's own messages, unread first, then newest first."""
    return Notification.objects.filter(recipient=user).order_by(
        F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def bookings_visible_to(*, user):
    return SignLanguageBooking.objects.visible_to(user).select_related("requester")
