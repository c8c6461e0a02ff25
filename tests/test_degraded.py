"""Without Redis the site degrades instead of failing: the throttles fail open with a warning that
names them, and django-axes' lockout, kept in the database, still locks
(backend/accounts/signin/throttles.py).

The cache is a real RedisCache pointed at a closed port, so every cache call raises the
ConnectionError production would see."""

import logging

import pytest

from tests.frontend.quota.test_calculator_page import form_data
from tests.test_health import closed_port, redis_cache

pytestmark = [pytest.mark.django_db, pytest.mark.throttle]

THROTTLES = "backend.accounts.signin.throttles"


@pytest.fixture
def redis_down(settings, caplog):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    caplog.set_level(logging.WARNING, logger=THROTTLES)
    return caplog


def warnings_about(caplog, name: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == THROTTLES and r.levelno == logging.WARNING and name in r.getMessage()
    ]


def test_redis_down_really_fails_for_the_cache(redis_down):
    """The premise of the tests below: the cache raises, it does not silently answer."""
    from django.core.cache import cache
    from redis.exceptions import ConnectionError

    with pytest.raises(ConnectionError):
        cache.get("anything")


def test_api_login_works_and_warns_that_its_throttles_are_off(api, make, redis_down):
    user = make.make_seeker()
    response = api.post(
        "/api/v1/auth/login", {"username": user.username, "password": make.PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["token"]
    assert warnings_about(redis_down, "ScopedRateThrottle[login]")  # DRF's address throttle
    assert warnings_about(redis_down, "login_username")  # the per-username limit


def test_a_wrong_password_is_still_a_401_not_a_500(api, make, redis_down):
    user = make.make_seeker()
    response = api.post("/api/v1/auth/login", {"username": user.username, "password": "wrong"}, format="json")
    assert response.status_code == 401
    assert response.json()["detail"] == "用户名或密码不正确。"


def test_the_login_page_signs_in(client, make, redis_down):
    user = make.make_seeker()
    response = client.post("/login/", {"username": user.username, "password": make.PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert warnings_about(redis_down, "login")


def test_axes_still_locks_out_without_redis(client, make, settings, redis_down):
    """The lockout that guards passwords keeps its attempts in the database."""
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
    user = make.make_seeker()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": user.username, "password": "wrong"})
    locked = client.post("/login/", {"username": user.username, "password": make.PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_api_calculator_answers(api, redis_down):
    body = {"data_year": 2024, "org_type": "enterprise", "employee_count": "200", "total_wages": "4000000"}
    response = api.post("/api/v1/quota/calculate", body, format="json")
    assert response.status_code == 200
    assert response.json()["levy_due"] == "54000.00"
    assert warnings_about(redis_down, "ScopedRateThrottle[calculator]")


def test_calculator_page_answers(client, redis_down):
    response = client.post("/quota/calculator/", form_data())
    assert response.status_code == 200
    text = response.content.decode()
    assert "<strong>54,000.00 元</strong>" in text
    assert "计算次数过多" not in text
    assert warnings_about(redis_down, "CalculatorPageThrottle[calculator]")


def test_registration_is_not_refused_for_want_of_a_counter(client, redis_down):
    assert client.post("/register/seeker/", {"name": ""}).status_code == 200
    assert warnings_about(redis_down, "register")
