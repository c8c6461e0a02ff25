"""The real URLs plus three views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from backend.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("bad input")


def _crash(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-errors/403/", _forbidden),
    path("test-errors/400/", _suspicious),
    path("test-errors/500/", _crash),
    path("api/v1/test-errors/500/", _crash),
    *urlpatterns,
]
