"""Fixtures for the indicators app: two auditors of different towns, a person in each town."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from backend.accounts.choices import Role
from tests.factories import make_person
from tests.quota.factories import make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def auditor(db):
    """城厢镇 (320585100) only."""
    return make_user(Role.AUDITOR, regions=["320585100"])


@pytest.fixture
def other_auditor(db):
    """沙溪镇 (320585101) only."""
    return make_user(Role.AUDITOR, regions=["320585101"])


@pytest.fixture
def city_auditor(db):
    return make_user(Role.AUDITOR, regions=["320585"])


@pytest.fixture
def admin_user(db):
    return make_user(Role.ADMIN, is_staff=True)


@pytest.fixture
def person(db):
    return make_person(name="王芳", region_code="320585100")


@pytest.fixture
def other_person(db):
    return make_person(name="李强", region_code="320585101", birth=date(1990, 2, 2))
