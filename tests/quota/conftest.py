"""Fixtures for the quota Django tests (tests/quota/core is pure and has its own)."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from backend.accounts.choices import Role

from .factories import make_employer, make_user


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    """Throttle counters live in the cache; each test starts with none."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; these tests create many users and never test hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def employer_a(db):
    return make_employer(name="甲公司")


@pytest.fixture
def employer_b(db):
    return make_employer(name="乙公司")


@pytest.fixture
def staff_a(employer_a):
    return make_user(Role.EMPLOYER, employer=employer_a)


@pytest.fixture
def staff_b(employer_b):
    return make_user(Role.EMPLOYER, employer=employer_b)


@pytest.fixture
def auditor(db):
    """An auditor for 太仓市 (all demo towns lie below it)."""
    return make_user(Role.AUDITOR, regions=["320585"])


@pytest.fixture
def outside_auditor(db):
    """An auditor for one town only (城厢镇 is 320585100; employers default there) — use
    沙溪镇 320585101 so the default employers are outside."""
    return make_user(Role.AUDITOR, regions=["320585101"])


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, is_staff=True)


@pytest.fixture
def seeker(db):
    return make_user(Role.SEEKER)
