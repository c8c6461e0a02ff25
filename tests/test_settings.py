"""Settings run with no environment, refuse production without secrets, and pass the deploy check."""

import base64
import os
import subprocess
import sys
from pathlib import Path

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
    import re

    source = (ROOT / "backend" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', source))
    documented = set(
        re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(encoding="utf-8"), re.M)
    )
    assert read - documented == set()
