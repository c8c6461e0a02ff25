"""A checked roster file kept between the page that shows what the import will do and the
employer's confirmation: the browser cannot send the file again, so the server keeps it.

Files sit in settings.ROSTER_IMPORT_STAGING_DIR (private, never served) under a random name
that only the employer's session knows; the import reads and removes the file, and anything
left for an hour (an abandoned confirmation) is removed by the next staging.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

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
    path = _path(token)
    with open(path, "xb") as out:
        for chunk in file.chunks() if hasattr(file, "chunks") else [file.read()]:
            out.write(chunk)
    path.chmod(0o600)
    return token


def roster_staged(*, token: str, name: str) -> SimpleUploadedFile | None:
    """The staged file as an upload named ``name`` (its suffix tells CSV from xlsx), or None."""
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return SimpleUploadedFile(name, path.read_bytes())


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
