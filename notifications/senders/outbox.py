"""The development provider: messages are stored, not sent."""

from ..models import OutboxMessage
from . import OutgoingMessage


class OutboxSender:
    """Writes each message to ``OutboxMessage`` (readable in the admin)."""

    def send(self, message: OutgoingMessage) -> None:
        row = OutboxMessage(
            channel=message.channel, to=message.to, subject=message.subject, body=message.body
        )
        row.full_clean()
        row.save()
