"""DRF throttles and small cache counters for the pages, all keyed on ``client_ip``.

DRF's own ``get_ident`` trusts the whole ``X-Forwarded-For`` header when ``NUM_PROXIES`` is unset,
so any client could pick its own counter. Every throttle the project uses derives from
``ClientAddressMixin``; ``NUM_PROXIES`` is set as well for any DRF class used directly.

Without the cache (Redis down, refusing or timing out) every throttle here **fails open**: the
request is allowed and a WARNING names the throttle. Refusing instead would shut everybody out of
sign-in and the calculator because a counter is missing, and letting the error through was a 500.
Passwords stay guarded: django-axes keeps its failed attempts in the database
(``AxesDatabaseHandler``, the default), so its lockout works without Redis. The cache's socket
timeouts (``REDIS_TIMEOUT_SECONDS``) bound what a frozen Redis costs a request.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError
from rest_framework import throttling

from .clientip import client_ip

logger = logging.getLogger(__name__)

# What the production cache (Django's RedisCache on redis-py) raises when Redis is unreachable,
# times out or refuses writes; redis-py wraps socket errors in these.
CACHE_ERRORS = (RedisError,)


def _fail_open(throttle: str, exc: Exception) -> None:
    logger.warning("throttle %s not applied: cache unavailable (%s: %s)", throttle, type(exc).__name__, exc)


class ClientAddressMixin:
    """Keys on the real client address, and lets the request through when the cache fails."""

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as exc:
            _fail_open(f"{type(self).__name__}[{getattr(self, 'scope', None)}]", exc)
            return True


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    """DRF's scoped throttle (``throttle_scope`` on the view) keyed on the real client address."""


class ClientRateThrottle(ClientAddressMixin, throttling.SimpleRateThrottle):
    """Base for page throttles that reuse an API rate (set ``scope``)."""


def rate(scope: str) -> tuple[int, int]:
    """(requests, seconds) for a scope of ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``, read by
    DRF's own parser so pages and API agree on what "10/min" means."""
    return throttling.SimpleRateThrottle.parse_rate(
        None, settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope]
    )


def _key(scope: str, ident: str, window: int) -> str:
    # Hashed: usernames may hold characters a cache key must not, and need not sit in Redis in clear.
    digest = hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}:{window}"


def _window(seconds: int) -> int:
    return int(time.time() // seconds)


def limit_reached(scope: str, ident: str) -> bool:
    """Whether ``ident`` has used up its allowance for ``scope`` in the current window (no count)."""
    allowed, seconds = rate(scope)
    try:
        used = cache.get(_key(scope, ident, _window(seconds))) or 0
    except CACHE_ERRORS as exc:
        _fail_open(scope, exc)
        return False
    return used >= allowed


def limit_hit(scope: str, ident: str) -> bool:
    """Count one request of ``ident`` for ``scope``; True when it is over the allowance.

    A fixed window counted with the cache's atomic ``incr`` (Redis INCR in production), so
    parallel requests cannot slip past the limit the way a read-modify-write history can.
    """
    allowed, seconds = rate(scope)
    key = _key(scope, ident, _window(seconds))
    try:
        cache.add(key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds + 1)
            count = 1
    except CACHE_ERRORS as exc:
        _fail_open(scope, exc)
        return False
    return count > allowed
