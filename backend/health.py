"""Liveness and readiness for load balancers and orchestrators: ``/healthz`` and ``/readyz``.

``/healthz`` says the process answers. It touches neither the database nor the cache, so an
outage of either never makes an orchestrator restart web processes that are fine.

``/readyz`` checks what requests need and reports each component as "ok" or "error: <class>":

* ``database`` — ``SELECT 1``. Its failure is a **503**: without the database no page works.
* ``cache`` — a set/get round trip. Its failure is still a 200, "degraded": without Redis the
  throttles fail open and everything else works (backend/accounts/signin/throttles.py).
* ``broker`` — a kombu connection, only when ``CELERY_BROKER_URL`` is set. Also "degraded", not a
  503: only the actions that enqueue work (audit runs, index rebuilds) need it, and taking every
  web process out of the load balancer would stop the rest of the site as well.

Only the exception's class is shown: the endpoints are public and a driver's message names hosts
and ports. The full error goes to the log.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {"database": _run("database", _database), "cache": _run("cache", _cache)}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _run("broker", _broker)
    if checks["database"] != "ok":
        return JsonResponse({"status": "error", "checks": checks}, status=503)
    status = "ok" if all(result == "ok" for result in checks.values()) else "degraded"
    return JsonResponse({"status": status, "checks": checks})


class HealthMiddleware:
    """Answer the two probes before sessions, authentication and CommonMiddleware's host check.

    A probe that carries a session cookie would otherwise load the session and its user from the
    database on ``/healthz``; one that addresses the process by IP would get a 400 for its Host.
    The routes are in backend/urls.py as well, so that ``reverse`` and the route-access test know
    them. Placed after SecurityMiddleware, whose HTTPS redirect exempts them (settings)."""

    PATHS = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.PATHS.get(request.path_info)
        return view(request) if view is not None else self.get_response(request)


def _run(name: str, check) -> str:
    try:
        check()
    except Exception as exc:  # any failure means "not usable", whatever the driver raised
        logger.warning("readiness check %s failed", name, exc_info=True)
        return f"error: {type(exc).__name__}"
    return "ok"


def _database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise LookupError("the cache lost a value it had just stored")
    finally:
        cache.delete(key)


def _broker() -> None:
    from backend.celery import app

    # The broker's own settings (transport options, TLS) with a short timeout and no retries.
    timeouts = {"socket_connect_timeout": BROKER_TIMEOUT_SECONDS, "socket_timeout": BROKER_TIMEOUT_SECONDS}
    with app.connection_for_write(
        url=settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS, transport_options=timeouts
    ) as connection:
        connection.ensure_connection(max_retries=0)
