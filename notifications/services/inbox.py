"""Writes to the inbox. Every event in the platform that tells a person something calls
``notification_send``; the inbox row is always written, other channels follow the user's choice."""

import logging

from django.db import transaction
from django.utils import timezone

from ..addresses import address_for
from ..choices import Channel, NotificationKind
from ..models import Notification
from ..senders import OutgoingMessage, SendFailed, get_sender
from .preferences import channels_for

logger = logging.getLogger(__name__)


def notification_send(
    *, recipient, kind: NotificationKind | str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Put a message in ``recipient``'s inbox (and, once committed, on the channels they chose)."""
    note = Notification(recipient=recipient, kind=kind, title=title[:120], body=body, url=url)
    note.full_clean()
    note.save()
    transaction.on_commit(lambda: _deliver_copies(note.pk))
    return note


def notification_send_many(*, recipients, kind, title: str, body: str = "", url: str = "") -> int:
    """The same message to several users (all staff of an employer); returns how many."""
    count = 0
    for user in recipients:
        notification_send(recipient=user, kind=kind, title=title, body=body, url=url)
        count += 1
    return count


def _deliver_copies(notification_id: int) -> None:
    # In a worker when a broker is configured, in-process otherwise; after the commit, so a
    # rolled-back event never reaches a phone.
    from ..tasks import deliver_copies_task

    deliver_copies_task.delay(notification_id)


def notification_deliver(*, notification_id: int) -> list[str]:
    """Send the SMS / e-mail copies the recipient chose for this kind; returns the channels used.

    At most once: one conditional UPDATE claims the message before anything is sent, so a task
    delivered twice (acks_late after a worker died) sends nothing the second time. A channel
    without an address (no phone on record) is skipped; a provider failure is logged and the
    inbox copy remains."""
    claimed = Notification.objects.filter(pk=notification_id, copies_sent_at__isnull=True).update(
        copies_sent_at=timezone.now()
    )
    if not claimed:
        return []
    note = Notification.objects.select_related("recipient", "recipient__person").get(pk=notification_id)
    sent = []
    for channel in channels_for(user=note.recipient, kind=note.kind):
        to = address_for(note.recipient, channel)
        if not to:
            continue
        body = note.body if channel == Channel.EMAIL else f"【太仓残疾人就业平台】{note.title}"
        try:
            get_sender().send(OutgoingMessage(channel=channel, to=to, subject=note.title, body=body))
        except SendFailed:
            logger.warning("notification %s: %s copy not accepted by the provider", note.pk, channel)
            continue
        sent.append(str(channel))
    return sent


def notification_mark_read(*, user, ids=None, all_unread: bool = False) -> int:
    """Mark the user's own messages read (the given ids, or every unread one); returns how many.
    Ids of other users' messages are ignored, never an error that would confirm they exist."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if not all_unread:
        qs = qs.filter(pk__in=list(ids or []))
    return qs.update(read_at=timezone.now())
