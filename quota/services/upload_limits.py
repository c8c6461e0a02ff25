"""Upload limits: the roster file's limits from settings, and the upload handler that refuses an
oversized request body from its Content-Length, before the body is read.

Django parses a multipart body the first time anything reads ``request.POST`` or ``FILES`` — for a
page that is the CSRF middleware, before the view runs — and spools files over
FILE_UPLOAD_MAX_MEMORY_SIZE to disk.  A size check in the view therefore comes after a 60 MB body
is already on disk.  ``LimitedUploadHandler`` (first in settings.FILE_UPLOAD_HANDLERS) decides
before that:

* a view declares its limit with ``@upload_limit(...)``; a body over it is not stored at all: the
  form fields in front of the file (the CSRF token) are parsed, the file is dropped, and the view
  asks ``upload_refusal(request)`` and answers with a Chinese message naming the limit;
* any multipart body over settings.UPLOAD_MAX_REQUEST_BYTES is refused outright
  (RequestDataTooBig → the 400 page / the API's 400), whatever the view.

OWASP ASVS 5.0 V5.2.1: accept only files of a size the application can process.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from quota.core.file_checks import FileLimits, too_large_message

# Room for the form's other fields and the multipart headers around the one file.
FORM_OVERHEAD = 64 * 1024
# A body up to this many times the limit is read and thrown away (never stored), so that the
# browser, which is still sending, receives the page that explains; a larger one is not read at
# all (the connection is closed — the client may then only see "connection reset").
DRAIN_FACTOR = 4


def roster_limits() -> FileLimits:
    """The roster file's limits: settings.ROSTER_UPLOAD_MAX_BYTES and any overrides in
    settings.ROSTER_IMPORT_LIMITS (field names of ``FileLimits``; tests scale them down)."""
    overrides = dict(getattr(settings, "ROSTER_IMPORT_LIMITS", None) or {})
    overrides.setdefault("max_file_bytes", settings.ROSTER_UPLOAD_MAX_BYTES)
    return FileLimits(**overrides)


def upload_limit(limit: int | Callable[[], int]):
    """Declare the largest file a view (a function view or a DRF action) accepts.  ``limit`` may be
    a callable, read at each request (so that settings changes apply)."""

    def decorate(view):
        view.upload_max_bytes = limit
        return view

    return decorate


def _declared_limit(request) -> int | None:
    match = getattr(request, "resolver_match", None)
    func = getattr(match, "func", None)
    limit = getattr(func, "upload_max_bytes", None)
    if limit is None and hasattr(func, "cls"):
        # A DRF view: the limit sits on the action (viewsets) or the method handler (APIView).
        method = request.method.lower()
        name = (getattr(func, "actions", None) or {}).get(method, method)
        limit = getattr(getattr(func.cls, name, None), "upload_max_bytes", None)
    return limit() if callable(limit) else limit


class LimitedUploadHandler(FileUploadHandler):
    """Stores nothing itself: it refuses, and passes accepted data on to the next handler."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = None
        self.refused = ""
        self.drain = True

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.UPLOAD_MAX_REQUEST_BYTES:
            raise RequestDataTooBig(f"上传内容超过{settings.UPLOAD_MAX_REQUEST_BYTES}字节，未读取")
        self.limit = _declared_limit(self.request) if self.request is not None else None
        if self.limit is not None and content_length > self.limit + FORM_OVERHEAD:
            self.refused = too_large_message(self.limit)
            self.drain = content_length <= DRAIN_FACTOR * self.limit
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.refused:
            # The fields before the file are kept; the file and everything after it are dropped.
            raise StopUpload(connection_reset=not self.drain)

    def receive_data_chunk(self, raw_data, start):
        if self.limit is not None and start + len(raw_data) > self.limit:
            # The whole body was within the limit plus FORM_OVERHEAD, but this file is not.
            self.refused = too_large_message(self.limit)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_refusal(request) -> str:
    """The Chinese reason the upload handler dropped this request's file, or ""."""
    handlers = request.upload_handlers  # a DRF Request passes this through to Django's
    return next((h.refused for h in handlers if isinstance(h, LimitedUploadHandler) and h.refused), "")
