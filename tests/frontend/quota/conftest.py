"""Fixtures for the quota pages: two employers with staff, a registered disabled person, and
reports built with the quota domain's factories."""

from decimal import Decimal

import pytest
from django.test import Client

from backend.accounts.choices import Role
from tests.quota.factories import make_employer, make_person, make_report, make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; these tests create many users and never test hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def employer_a(db):
    return make_employer(name="太仓甲精密机械有限公司")


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
def client_a(staff_a):
    return signed_in(staff_a)


@pytest.fixture
def client_b(staff_b):
    return signed_in(staff_b)


@pytest.fixture
def person(db):
    return make_person(name="王小明", grade=4)


@pytest.fixture
def report_a(employer_a, staff_a):
    """A 2024 draft: N = 200 (annual average), wages 4,000,000 → average 20,000."""
    return make_report(
        employer_a, by=staff_a, data_year=2024, employee_count=Decimal("200"), total_wages=Decimal("4000000")
    )


@pytest.fixture
def report_b(employer_b, staff_b):
    return make_report(employer_b, by=staff_b, data_year=2024)
