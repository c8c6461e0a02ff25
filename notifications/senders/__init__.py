"""Pluggable delivery of SMS and e-mail.

A provider is any class with ``send(message: OutgoingMessage) -> None`` (the ``Sender``
protocol below) that raises ``SendFailed`` when the provider refuses the message. Which class is
used is the ``NOTIFICATION_SENDER`` setting (environment variable of the same name):

* ``outbox`` (the default): ``OutboxSender`` stores every message in the ``OutboxMessage`` table,
  shown in the admin as "发件箱（开发用）" — development, the demo and the tests read codes there;
* a dotted path ``package.module.Class`` to a provider of your own (an SMS gateway, SMTP …),
  constructed without arguments; it reads its own credentials from the environment.

The outbox lets anyone with admin access read password-reset codes: production needs a real
provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class OutgoingMessage:
    """One SMS (``subject`` unused) or e-mail to one address."""

    channel: str  # notifications.choices.Channel
    to: str
    body: str
    subject: str = ""


class SendFailed(Exception):
    """The provider did not accept the message (the caller logs it; the inbox copy stays)."""


class Sender(Protocol):
    def send(self, message: OutgoingMessage) -> None: ...


ALIASES = {"outbox": "notifications.senders.outbox.OutboxSender"}


@lru_cache(maxsize=4)
def _sender_for(path: str) -> Sender:
    try:
        cls = import_string(ALIASES.get(path, path))
    except ImportError as exc:
        raise ImproperlyConfigured(f"NOTIFICATION_SENDER={path!r} cannot be imported: {exc}") from exc
    return cls()


def get_sender() -> Sender:
    """The configured provider (read per call, so tests can override the setting)."""
    return _sender_for(settings.NOTIFICATION_SENDER)
