"""AES-256-GCM field encryption and an HMAC-SHA256 blind index (security.md, "Sensitive data").

A token is ``v1:<key id>:<base64(nonce || ciphertext+tag)>``. The associated data binds the
ciphertext to its row and field, so a value copied into another row fails to decrypt. Keys come
from settings (FIELD_ENCRYPTION_KEYS / BLIND_INDEX_KEY), never from SECRET_KEY; the first key
encrypts, every listed key decrypts, which is how keys rotate.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

VERSION = "v1"


class DecryptionError(Exception):
    """A stored value cannot be read with the configured keys: wrong key, or tampered data."""


class FieldCipher:
    def __init__(self, keys: dict[str, bytes], current: str):
        self._keys = {kid: AESGCM(key) for kid, key in keys.items()}
        self._current = current

    def encrypt(self, plaintext: str, aad: str) -> str:
        nonce = os.urandom(12)  # random 96-bit nonce per value, as GCM requires
        sealed = self._keys[self._current].encrypt(nonce, plaintext.encode(), aad.encode())
        return f"{VERSION}:{self._current}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, aad: str) -> str:
        try:
            version, kid, payload = token.split(":", 2)
        except ValueError as exc:
            raise DecryptionError("不是加密数据") from exc
        if version != VERSION or kid not in self._keys:
            raise DecryptionError(f"没有密钥 {kid!r} 可以解密该数据")
        raw = base64.b64decode(payload)
        try:
            return self._keys[kid].decrypt(raw[:12], raw[12:], aad.encode()).decode()
        except InvalidTag as exc:
            raise DecryptionError(f"密钥 {kid!r} 无法解密该数据（密钥错误或数据被篡改）") from exc


@lru_cache(maxsize=1)
def _cipher(keys: tuple[tuple[str, bytes], ...], current: str) -> FieldCipher:
    return FieldCipher(dict(keys), current)


def cipher() -> FieldCipher:
    """The cipher for the current settings (re-read so tests may override the keys)."""
    return _cipher(tuple(settings.FIELD_ENCRYPTION_KEYS.items()), settings.FIELD_ENCRYPTION_CURRENT_KEY)


def blind_index(value: str, purpose: str) -> str:
    """Keyed hash for exact lookup and uniqueness; `purpose` separates e.g. IDs from certificates.

    Only for high-cardinality values: a blind index of a category or grade would reveal it.
    """
    message = f"{purpose}:{value}".encode()
    return hmac.new(settings.BLIND_INDEX_KEY, message, hashlib.sha256).hexdigest()


def mask_identifier(value: str) -> str:
    """An identifier of unknown kind, masked by its shape (see ``masks``, the one place that
    decides; a certificate's category and grade digits are never shown)."""
    from .masks import mask_any

    return mask_any(value)
