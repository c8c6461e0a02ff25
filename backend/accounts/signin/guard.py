"""Who may try to sign in or register right now: the limits in front of the password check.

* per client address: every sign-in attempt on the page (the API has DRF's "login" scope) and
  every registration submitted;
* per username, from all addresses together: failed sign-ins (pages and API share the count), so
  a botnet cannot spread guesses over many addresses below axes' (username, address) lockout.

A username limit could be used to keep the owner out; a browser that has signed in as that user
before carries a signed "known device" cookie and is exempt (OWASP, "Slow down online guessing
attacks with device cookies"). It still meets the address limit and axes.
"""

import hashlib
import unicodedata

from django.core import signing

from .clientip import client_ip
from .throttles import limit_hit, limit_reached

LOGIN_THROTTLED = "登录尝试过于频繁，为保护账号安全，请稍后再试。如需帮助，请拨打服务热线 0512-53520000。"
REGISTER_THROTTLED = "注册提交过于频繁，请一小时后再试。如需帮助，请拨打服务热线 0512-53520000。"

DEVICE_COOKIE = "known_device"
DEVICE_MAX_AGE = 30 * 24 * 3600
_DEVICE_SALT = "backend.accounts.signin.known-device"


def _username_key(username: str) -> str:
    # Every spelling that could reach the same account shares one count.
    return unicodedata.normalize("NFKC", username or "").strip().casefold()


def login_address_limited(request) -> bool:
    """Count a sign-in attempt from this client address; True when over THROTTLE_LOGIN."""
    return limit_hit("login", client_ip(request))


def login_username_limited(request, username: str) -> bool:
    """Whether failed sign-ins for ``username`` have used up THROTTLE_LOGIN_USERNAME (not counted
    here; a known device of the user is never limited)."""
    if _known_device(request, username):
        return False
    return limit_reached("login_username", _username_key(username))


def login_failed(request, username: str) -> None:
    if not _known_device(request, username):
        limit_hit("login_username", _username_key(username))


def registration_limited(request) -> bool:
    """Count a registration submitted from this client address; True when over THROTTLE_REGISTER."""
    return limit_hit("register", client_ip(request))


def _device_tag(username: str) -> str:
    return hashlib.sha256(_username_key(username).encode()).hexdigest()[:24]


def remember_device(response, username: str) -> None:
    """After a successful sign-in: mark this browser as one the user signs in from."""
    value = signing.dumps({"u": _device_tag(username)}, salt=_DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE, value, max_age=DEVICE_MAX_AGE, httponly=True, samesite="Lax", secure=_secure()
    )


def _known_device(request, username: str) -> bool:
    raw = getattr(request, "COOKIES", {}).get(DEVICE_COOKIE)
    if not raw or not username:
        return False
    try:
        data = signing.loads(raw, salt=_DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return False
    return isinstance(data, dict) and data.get("u") == _device_tag(username)


def _secure() -> bool:
    from django.conf import settings

    return settings.SESSION_COOKIE_SECURE
