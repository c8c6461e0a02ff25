"""Start-up self-test of the encryption keys.

A canary row is written with the first key the platform ever used; at start-up (wsgi/asgi, the
`check` command, `migrate`) every canary must decrypt with the configured keys, otherwise the
process refuses to start rather than failing on the first person's page.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .crypto import DecryptionError, cipher

CANARY_PLAINTEXT = "taicang-key-canary"


def canary_aad(key_id: str) -> str:
    return f"keycanary:{key_id}"


def ensure_canary() -> None:
    """Record a canary for the current key (idempotent)."""
    from django.conf import settings

    from .models import KeyCanary

    kid = settings.FIELD_ENCRYPTION_CURRENT_KEY
    if not KeyCanary.objects.filter(key_id=kid).exists():
        KeyCanary.objects.create(key_id=kid, token=cipher().encrypt(CANARY_PLAINTEXT, canary_aad(kid)))


def verify_encryption_keys() -> None:
    """Raise ImproperlyConfigured if a stored canary cannot be decrypted with the configured keys."""
    from .models import KeyCanary

    try:
        canaries = list(KeyCanary.objects.all())
    except DatabaseError:
        return  # tables not migrated yet: nothing is encrypted yet either
    for canary in canaries:
        try:
            value = cipher().decrypt(canary.token, canary_aad(canary.key_id))
        except DecryptionError as exc:
            raise ImproperlyConfigured(
                f"Encryption key check failed for key id {canary.key_id!r}: {exc}. "
                "FIELD_ENCRYPTION_KEYS must include the key the data was encrypted with."
            ) from exc
        if value != CANARY_PLAINTEXT:
            raise ImproperlyConfigured(
                f"Encryption key canary {canary.key_id!r} decrypted to the wrong value"
            )
