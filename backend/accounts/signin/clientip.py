"""The client's address: computed here once, used by every throttle, django-axes and the logs.

Behind ``TRUSTED_PROXY_COUNT`` reverse proxies each proxy appends the address it received the
request from to ``X-Forwarded-For``, so the N-th entry from the right was written by our own
outermost proxy and everything further left came from the client, who can write anything there.
With no trusted proxy (the default) the header is ignored. The rule is DRF's ``NUM_PROXIES`` rule,
so DRF's own ``get_ident`` and this function agree.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address of the client that sent ``request`` (always a valid IP literal or "")."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            candidate = addresses[-min(count, len(addresses))]
            if _is_ip(candidate):
                return candidate
    return remote


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
