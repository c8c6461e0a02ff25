"""Writes to the inbox. Every event in the platform that tells a person something calls
``notification_send``; the inbox row is always written, other channels follow the user's choice."""

from django.db import transaction

from ..choices import NotificationKind
from ..models import Notification


def notification_send(
    *, recipient, kind: NotificationKind | str, title: str, body: str = "", url: str = ""
) -> Notification:
    """Put a message in ``recipient``'s inbox (and, once committed, on the channels they chose)."""
    note = Notification(recipient=recipient, kind=kind, title=title[:120], body=body, url=url)
    note.full_clean()
    note.save()
    transaction.on_commit(lambda: _deliver_copies(note.pk))
    return note


def _deliver_copies(notification_id: int) -> None:
    # Channel delivery (SMS / e-mail through the pluggable sender) is wired in by the notifications
    # work of issue 14; until then the inbox is the only channel.
    return None
