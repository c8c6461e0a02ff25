"""One client address for throttles and lockouts: REMOTE_ADDR, or the address the trusted proxies
saw (TRUSTED_PROXY_COUNT). A client's own X-Forwarded-For never decides whose counter it uses."""

import pytest
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def _request(remote="203.0.113.9", xff=None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("count", "remote", "xff", "expected"),
    [
        (0, "203.0.113.9", None, "203.0.113.9"),
        (0, "203.0.113.9", "1.2.3.4", "203.0.113.9"),  # no proxy trusted: the header is ignored
        (1, PROXY, "198.51.100.7", "198.51.100.7"),
        (1, PROXY, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own part is on the left
        (2, PROXY, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, PROXY, None, PROXY),  # no header: the direct peer
        (1, PROXY, "not-an-address", PROXY),  # garbage never reaches a GenericIPAddressField
        (1, PROXY, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_number_of_proxies(settings, count, remote, xff, expected):
    from backend.accounts.signin.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(_request(remote, xff)) == expected


def _api_views():
    """Every DRF view class reachable from the URL resolver."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                cls = getattr(pattern.callback, "cls", None)
                if cls is not None and issubclass(cls, APIView):
                    yield cls

    return set(walk(get_resolver().url_patterns))


def test_every_throttle_keys_on_the_client_address_not_on_the_header(settings):
    from frontend.views.quota_public import CalculatorPageThrottle

    settings.TRUSTED_PROXY_COUNT = 0
    classes = {CalculatorPageThrottle}
    for view in _api_views():
        classes.update(view.throttle_classes)
    assert len(classes) > 1  # the walk found the API's throttles
    request = _request("203.0.113.9", "1.2.3.4")
    for cls in classes:
        assert cls().get_ident(request) == "203.0.113.9", cls


@pytest.mark.throttle
def test_a_forged_forwarded_for_does_not_escape_the_api_login_throttle(api, make, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "2/min"})
    user = make.make_seeker()
    answers = [
        api.post(
            "/api/v1/auth/login",
            {"username": user.username, "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(3)
    ]
    assert answers == [401, 401, 429]


@pytest.mark.throttle
def test_behind_a_trusted_proxy_each_client_has_its_own_api_counter(api, make, monkeypatch, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "1/min"})
    user = make.make_seeker()

    def attempt(xff):
        return api.post(
            "/api/v1/auth/login",
            {"username": user.username, "password": "wrong"},
            format="json",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=xff,
        ).status_code

    assert attempt("198.51.100.1") == 401
    assert attempt("198.51.100.2") == 401  # another client behind the same proxy
    assert attempt("7.7.7.7, 198.51.100.1") == 429  # the first client, with a forged prefix


def test_axes_sees_the_same_client_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_ip_address(_request(PROXY, "6.6.6.6, 198.51.100.7")) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_ip_address(_request(PROXY, "6.6.6.6, 198.51.100.7")) == PROXY
