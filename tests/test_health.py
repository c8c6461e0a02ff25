"""/healthz answers without the database or the cache; /readyz reports each component and is a 503
only when the database is down (backend/health.py)."""

import socket

import pytest
from django.db.utils import OperationalError

from backend import health

REDIS = ("127.0.0.1", 6379)


def closed_port() -> int:
    """A local port nothing listens on: bound by us a moment ago, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url: str) -> dict:
    options = {"socket_connect_timeout": 1, "socket_timeout": 1}
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": options,
        }
    }


def redis_running() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


needs_redis = pytest.mark.skipif(not redis_running(), reason="needs Redis on 127.0.0.1:6379")


# --- /healthz: no database, no cache ------------------------------------------------------------


def test_healthz_answers_without_touching_the_database(client, settings):
    """No django_db mark: pytest-django makes any database access raise. A stale session cookie
    would make the session and user middleware read the database; the probe never reaches them."""
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key-of-a-signed-in-browser"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_a_page_with_that_cookie_does_need_the_database(client, settings):
    """The control for the test above: the same request to a page fails without the database."""
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-session-key-of-a-signed-in-browser"
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        client.get("/help/")


def test_healthz_answers_for_a_host_outside_allowed_hosts(client):
    """Orchestrators probe a process by its address, not by the site's name."""
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200


def test_probes_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


# --- /readyz -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_readyz_is_ok_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
def test_readyz_is_degraded_not_down_without_the_cache(client, settings, caplog):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "error: ConnectionError"},
    }
    assert "readiness check cache failed" in caplog.text


@needs_redis
@pytest.mark.django_db
def test_readyz_round_trips_through_a_real_redis(client, settings):
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/15")
    assert client.get("/readyz").json()["checks"]["cache"] == "ok"


def test_readyz_is_503_without_the_database(client, monkeypatch):
    def database_down():
        raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: timeout expired')

    monkeypatch.setattr(health, "_database", database_down)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body == {"status": "error", "checks": {"database": "error: OperationalError", "cache": "ok"}}
    assert "10.0.0.5" not in response.content.decode()  # the driver's message stays in the log


def test_readyz_is_503_when_the_database_cannot_be_reached_at_all(client):
    """No django_db mark: every database access raises, as with the server gone."""
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error: ")


@pytest.mark.django_db
def test_readyz_reports_a_broker_that_does_not_answer_as_degraded(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"] == "error: OperationalError"


@needs_redis
@pytest.mark.django_db
def test_readyz_checks_a_broker_that_answers(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"
    response = client.get("/readyz")
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "ok"}}
