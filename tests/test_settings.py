"""Settings run with no environment, refuse production without secrets, and pass the deploy check."""

import base64
import json
import os
import re
import runpy
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KEY = base64.b64encode(b"k" * 32).decode()
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-3f9a8b7c6d5e4f3a2b1c0d",
    "ALLOWED_HOSTS": "jiuye.taicang.gov.cn",
    "FIELD_ENCRYPTION_KEYS": f"prod1:{KEY}",
    "BLIND_INDEX_KEY": base64.b64encode(b"b" * 32).decode(),
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_its_secrets():
    result = _manage("check", env_overrides={"DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert "SECRET_KEY, ALLOWED_HOSTS, FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY" in result.stderr


def test_production_refuses_the_development_keys():
    env = dict(
        PRODUCTION_ENV,
        FIELD_ENCRYPTION_KEYS="dev1:" + base64.b64encode(b"development-field-key-32-bytes!!").decode(),
    )
    result = _manage("check", env_overrides=env)
    assert result.returncode != 0 and "development encryption keys" in result.stderr


def test_bad_key_material_fails_loudly():
    result = _manage("check", env_overrides=dict(PRODUCTION_ENV, BLIND_INDEX_KEY="not-base64!"))
    assert result.returncode != 0 and "BLIND_INDEX_KEY must be base64" in result.stderr


def test_deploy_check_passes_with_the_documented_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_with_no_environment_at_all():
    result = _manage("check")
    assert result.returncode == 0, result.stderr


def test_every_model_change_has_its_migration():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_setting_read_from_the_environment_is_documented():
    source = (ROOT / "backend" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M)
    )
    assert read - documented == set()


# --- timeouts: PostgreSQL (libpq OPTIONS) and gunicorn ---------------------------------------------

PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PRINT_OPTIONS = (
    "import json; from django.conf import settings; print(json.dumps(settings.DATABASES['default']))"
)


def _database_settings(**env):
    result = _manage("shell", "-c", PRINT_OPTIONS, env_overrides=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_connections_have_connect_and_statement_timeouts_and_keepalives():
    options = _database_settings(DATABASE_URL=PG_URL)["OPTIONS"]
    assert options == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=30000",
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
    }


def test_the_timeouts_come_from_the_environment_and_the_database_url_wins():
    options = _database_settings(
        DATABASE_URL=PG_URL + "?keepalives_idle=7",
        DB_CONNECT_TIMEOUT_SECONDS="3",
        DB_STATEMENT_TIMEOUT_SECONDS="900",
        DB_KEEPALIVES_IDLE_SECONDS="60",
        DB_KEEPALIVES_INTERVAL_SECONDS="5",
        DB_KEEPALIVES_COUNT="4",
    )["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=900000"
    assert (options["keepalives_interval"], options["keepalives_count"]) == (5, 4)
    assert str(options["keepalives_idle"]) == "7"


def test_sqlite_keeps_its_own_options():
    assert _database_settings()["OPTIONS"] == {"timeout": 20}


def test_a_negative_statement_timeout_is_refused():
    result = _manage("check", env_overrides={"DB_STATEMENT_TIMEOUT_SECONDS": "-1"})
    assert result.returncode != 0 and "DB_STATEMENT_TIMEOUT_SECONDS" in result.stderr


def _postgres_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _postgres_running(), reason="needs PostgreSQL on 127.0.0.1:5432")
def test_postgresql_cancels_a_statement_that_runs_past_the_timeout():
    script = (
        "from django.db import connection, OperationalError\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])\n"
        "try:\n"
        "    cursor.execute('SELECT pg_sleep(5)'); print('finished')\n"
        "except OperationalError as exc:\n"
        "    print(type(exc.__cause__).__name__)\n"
    )
    env = {"DATABASE_URL": PG_URL, "DB_STATEMENT_TIMEOUT_SECONDS": "1"}
    result = _manage("shell", "-c", script, env_overrides=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["1s", "QueryCanceled"]  # after the shell's import notice


def test_a_database_that_accepts_but_never_answers_fails_within_the_connect_timeout():
    """A frozen server: the kernel completes the TCP handshake, nobody answers libpq. Without a
    connect timeout this waits forever (here: until the subprocess' own 120 s limit)."""
    script = (
        "import time\n"
        "from django.db import connection\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    connection.ensure_connection()\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, round(time.monotonic() - start))\n"
    )
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"postgres://postgres@127.0.0.1:{silent.getsockname()[1]}/frozen"
        env = {"DATABASE_URL": url, "DB_CONNECT_TIMEOUT_SECONDS": "2"}
        result = _manage("shell", "-c", script, env_overrides=env)
    assert result.returncode == 0, result.stderr
    name, seconds = result.stdout.split()[-2:]
    assert name == "OperationalError"
    assert 2 <= int(seconds) < 10


def _gunicorn_config(monkeypatch, **env):
    for name in ("DB_CONNECT_TIMEOUT_SECONDS", "DB_STATEMENT_TIMEOUT_SECONDS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_outlasts_a_connect_and_a_statement(monkeypatch):
    config = _gunicorn_config(monkeypatch)
    assert config["timeout"] > 5 + 30
    assert config["graceful_timeout"] > 30 and config["keepalive"] > 0 and config["workers"] >= 1
    config = _gunicorn_config(monkeypatch, DB_STATEMENT_TIMEOUT_SECONDS="120")
    assert config["timeout"] > 5 + 120


def test_gunicorn_refuses_a_timeout_a_statement_could_outlast(monkeypatch):
    with pytest.raises(SystemExit, match="GUNICORN_TIMEOUT"):
        _gunicorn_config(monkeypatch, GUNICORN_TIMEOUT="30")


def test_every_gunicorn_setting_read_from_the_environment_is_documented():
    source = (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    read = set(re.findall(r'(?:_int\(|environ\.get\()"([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M)
    )
    assert {"GUNICORN_TIMEOUT", "GUNICORN_WORKERS"} <= read
    assert read - documented == set()


def test_the_brokers_visibility_timeout_comes_from_the_environment():
    """A killed worker's task runs again after this long (kombu's default is an hour)."""
    show = "from backend.celery import app; print(app.conf.broker_transport_options['visibility_timeout'])"
    default = _manage("shell", "-c", show)
    changed = _manage("shell", "-c", show, env_overrides={"CELERY_VISIBILITY_TIMEOUT_SECONDS": "5"})
    assert (default.stdout.split()[-1], changed.stdout.split()[-1]) == ("900", "5")


@pytest.mark.parametrize(
    "env",
    [
        {"AUDIT_TASK_MAX_RETRIES": "9"},  # one database outage would use up the run's attempts
        {"AUDIT_MAX_ATTEMPTS": "3", "AUDIT_TASK_MAX_RETRIES": "2"},
        {"AUDIT_SWEEP_STALE_MINUTES": "0"},
        {"CELERY_VISIBILITY_TIMEOUT_SECONDS": "0"},
    ],
)
def test_audit_recovery_settings_that_cannot_work_are_refused(env):
    result = _manage("check", env_overrides=env)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr
