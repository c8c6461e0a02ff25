"""Sign-in and registration pages are throttled by client address (and sign-in by username), and
django-axes locks (username, real client address) with a cool-off — never a username for everyone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.throttle]

PROXY = "10.0.0.1"
THROTTLED = "登录尝试过于频繁"


@pytest.fixture
def rates(settings):
    """Small limits for the scopes under test; the rest as configured. The clock stands still in
    the middle of a counting window, so a slow run does not cross into the next one."""
    traveller = time_machine.travel(datetime(2026, 5, 4, 10, 20, 30, tzinfo=UTC), tick=False)
    traveller.start()

    def set_rates(**scopes):
        rest = dict(settings.REST_FRAMEWORK)
        rest["DEFAULT_THROTTLE_RATES"] = {**rest["DEFAULT_THROTTLE_RATES"], **scopes}
        settings.REST_FRAMEWORK = rest

    yield set_rates
    traveller.stop()


def login(client, username, password, **extra):
    return client.post("/login/", {"username": username, "password": password}, **extra)


def test_login_page_is_throttled_by_client_address(client, make, rates):
    rates(login="3/min")
    for n in range(3):
        assert login(client, f"nobody{n}", "wrong").status_code == 200
    user = make.make_seeker()
    refused = login(client, user.username, make.PASSWORD)
    assert refused.status_code == 429
    assert THROTTLED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # another address is not affected
    assert login(client, user.username, make.PASSWORD, REMOTE_ADDR="198.51.100.5").status_code == 302


def test_login_page_is_throttled_by_username_from_many_addresses(client, make, rates):
    rates(login_username="3/hour")
    user = make.make_seeker()
    for n in range(3):
        assert login(client, user.username, "wrong", REMOTE_ADDR=f"198.51.100.{n}").status_code == 200
    refused = login(Client(), user.username, make.PASSWORD, REMOTE_ADDR="198.51.100.99")
    assert refused.status_code == 429 and THROTTLED in refused.content.decode()
    # the username is counted however it is spelled
    assert (
        login(Client(), user.username.upper() + " ", "wrong", REMOTE_ADDR="198.51.100.98").status_code == 429
    )


def test_the_username_limit_does_not_lock_out_the_owners_known_browser(make, rates):
    """Many addresses failing for one username must not deny its owner service (OWASP device
    cookies): a browser that signed in as the user before keeps its way in."""
    rates(login_username="3/hour")
    user = make.make_seeker()
    owner = Client(REMOTE_ADDR="203.0.113.10")
    assert login(owner, user.username, make.PASSWORD).status_code == 302
    owner.post("/logout/")
    for n in range(5):
        login(Client(), user.username, "wrong", REMOTE_ADDR=f"198.51.100.{n}")
    assert login(Client(), user.username, make.PASSWORD, REMOTE_ADDR="198.51.100.50").status_code == 429
    assert login(owner, user.username, make.PASSWORD).status_code == 302


def test_api_login_shares_the_username_limit(api, make, rates):
    rates(login_username="2/hour")
    user = make.make_seeker()
    for n in range(2):
        response = api.post(
            "/api/v1/auth/login",
            {"username": user.username, "password": "wrong"},
            format="json",
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 401
    refused = api.post(
        "/api/v1/auth/login",
        {"username": user.username, "password": make.PASSWORD},
        format="json",
        REMOTE_ADDR="198.51.100.77",
    )
    assert refused.status_code == 429
    assert refused.json()["detail"] == "请求过于频繁，请稍后再试。"


def test_seeker_registration_page_is_throttled_by_client_address(client, rates):
    rates(register="2/hour")
    for _ in range(2):
        assert client.post("/register/seeker/", {"name": ""}).status_code == 200
    refused = client.post("/register/seeker/", {"name": ""})
    assert refused.status_code == 429
    assert "注册提交过于频繁" in refused.content.decode()
    assert client.post("/register/seeker/", {"name": ""}, REMOTE_ADDR="198.51.100.3").status_code == 200


def test_behind_one_trusted_proxy_failures_from_a_do_not_lock_the_user_at_b(client, make, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = make.make_seeker()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    locked = login(
        client, user.username, make.PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    assert locked.status_code == 429
    other = Client()
    response = login(
        other, user.username, make.PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert response.status_code == 302 and "_auth_user_id" in other.session


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, make, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = make.make_seeker()
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(
            client, user.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 198.51.100.1"
        )
    again = login(
        client, user.username, make.PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.1"
    )
    assert again.status_code == 429


def test_lockout_is_a_cool_off_never_permanent(client, make, settings):
    assert settings.AXES_COOLOFF_TIME and settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    user = make.make_seeker()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user.username, "wrong")
    assert login(client, user.username, make.PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)):
        assert login(client, user.username, make.PASSWORD).status_code == 302
