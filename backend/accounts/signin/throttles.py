"""DRF throttles and small cache counters for the pages, all keyed on ``client_ip``.

DRF's own ``get_ident`` trusts the whole ``X-Forwarded-For`` header when ``NUM_PROXIES`` is unset,
so any client could pick its own counter. Every throttle the project uses derives from
``ClientAddressMixin``; ``NUM_PROXIES`` is set as well for any DRF class used directly.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework import throttling

from .clientip import client_ip


class ClientAddressMixin:
    def get_ident(self, request):
        return client_ip(request)


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    """DRF's scoped throttle (``throttle_scope`` on the view) keyed on the real client address."""


class ClientRateThrottle(ClientAddressMixin, throttling.SimpleRateThrottle):
    """Base for page throttles that reuse an API rate (set ``scope``)."""


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate(scope: str) -> tuple[int, int]:
    """(requests, seconds) for a scope of ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``."""
    text = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope]
    count, _, period = text.partition("/")
    return int(count), _PERIODS[period[:1]]


def _key(scope: str, ident: str, window: int) -> str:
    # Hashed: usernames may hold characters a cache key must not, and need not sit in Redis in clear.
    digest = hashlib.sha256(f"{scope}\0{ident}".encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}:{window}"


def _window(seconds: int) -> int:
    return int(time.time() // seconds)


def limit_reached(scope: str, ident: str) -> bool:
    """Whether ``ident`` has used up its allowance for ``scope`` in the current window (no count)."""
    allowed, seconds = rate(scope)
    return (cache.get(_key(scope, ident, _window(seconds))) or 0) >= allowed


def limit_hit(scope: str, ident: str) -> bool:
    """Count one request of ``ident`` for ``scope``; True when it is over the allowance.

    A fixed window counted with the cache's atomic ``incr`` (Redis INCR in production), so
    parallel requests cannot slip past the limit the way a read-modify-write history can.
    """
    allowed, seconds = rate(scope)
    key = _key(scope, ident, _window(seconds))
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    return count > allowed
