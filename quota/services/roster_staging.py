"""A checked roster file kept between the page that shows what the import will do and the
employer's confirmation: the browser cannot send the file again, so the server keeps it.

Files sit in settings.ROSTER_IMPORT_STAGING_DIR (private, never served) under a random name
that only the employer's session knows; the import reads and removes the file, and anything
left for an hour (an abandoned confirmation) is removed by the next staging. A roster holds
certificate numbers and names, so the file is stored encrypted like the registry's own fields
(AES-256-GCM with the field keys, bound to its token: security.md "Sensitive data").
"""

import base64
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.crypto import DecryptionError, cipher

MAX_AGE_SECONDS = 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def _directory() -> Path:
    directory = Path(settings.ROSTER_IMPORT_STAGING_DIR)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def _path(token: str) -> Path | None:
    # The token comes back from the session; checked anyway, so it can never name another path.
    return _directory() / f"{token}.upload" if _TOKEN.fullmatch(token or "") else None


def roster_stage(*, file) -> str:
    """Keep ``file`` (already checked against the upload limit) and return its token."""
    _remove_old()
    token = secrets.token_urlsafe(32)
    if hasattr(file, "seek"):
        file.seek(0)
    content = b"".join(file.chunks() if hasattr(file, "chunks") else [file.read()])
    sealed = cipher().encrypt(base64.b64encode(content).decode("ascii"), _aad(token))
    path = _path(token)
    with open(path, "x", encoding="ascii") as out:
        out.write(sealed)
    path.chmod(0o600)
    return token


def _aad(token: str) -> str:
    return f"roster-staging:{token}"


def roster_staged(*, token: str, name: str) -> SimpleUploadedFile | None:
    """The staged file as an upload named ``name`` (its suffix tells CSV from xlsx), or None."""
    path = _path(token)
    if path is None or not path.is_file():
        return None
    try:
        content = base64.b64decode(cipher().decrypt(path.read_text(encoding="ascii"), _aad(token)))
    except (DecryptionError, ValueError):
        return None  # written with a key no longer configured, or not ours: check the file again
    return SimpleUploadedFile(name, content)


def roster_unstage(*, token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_old() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for path in _directory().glob("*.upload"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue  # removed meanwhile by another process
