"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from . import factories


@pytest.fixture(autouse=True)
def _fresh_throttles(settings, request):
    """Throttle counters live in the cache: start every test with none. Login lockouts (axes) are
    switched off except in tests marked `throttle`, which test them."""
    from django.core.cache import cache

    cache.clear()
    if "throttle" not in request.keywords:
        settings.AXES_ENABLED = False


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def make():
    return factories


def pytest_collection_modifyitems(config, items):
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL); SQLite ignores row locks")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip_pg)
