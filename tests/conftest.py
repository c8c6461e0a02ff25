"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py.

``TEST_CLOCK`` moves the clock for the whole session, to prove that no test depends on the real
date: ``TEST_CLOCK=2028-02-29 make test`` (a bare date means 09:30 in Asia/Shanghai) or an ISO
datetime with its offset, e.g. ``TEST_CLOCK=2029-01-01T07:00+08:00`` (already the new year in
Shanghai, still the old one in UTC). The clock keeps ticking from there; tests that need a
particular day travel again inside it with time-machine.
"""

import os
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from rest_framework.test import APIClient

from . import factories


def session_clock(value: str) -> datetime:
    """The moment ``TEST_CLOCK`` names; refuses anything that is not an ISO date or datetime."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise pytest.UsageError(
            f"TEST_CLOCK={value!r}: give a date (2028-02-29) or an ISO datetime"
        ) from None
    if len(value) == 10:  # a bare date
        moment = datetime.combine(moment.date(), time(9, 30))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Asia/Shanghai"))
    return moment


def pytest_configure(config):
    value = os.environ.get("TEST_CLOCK", "").strip()
    if value:
        traveller = time_machine.travel(session_clock(value), tick=True)
        traveller.start()
        config.stash[_CLOCK] = traveller


def pytest_unconfigure(config):
    traveller = config.stash.get(_CLOCK, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    if _CLOCK in config.stash:
        return f"clock moved by TEST_CLOCK: the session starts at {datetime.now().astimezone().isoformat()}"
    return None


_CLOCK = pytest.StashKey[time_machine.travel]()


def pytest_terminal_summary(terminalreporter):
    """Lines a test asked to have printed (user property "summary_line"): report properties travel
    from pytest-xdist workers to the main process, their stdout does not."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", ()):
                if name == "summary_line":
                    terminalreporter.write_line(value)


@pytest.fixture(autouse=True)
def _fresh_throttles(settings, request):
    """Throttle counters live in the cache: start every test with none. Login lockouts (axes) are
    switched off except in tests marked `throttle`, which test them."""
    from django.core.cache import cache

    cache.clear()
    if "throttle" not in request.keywords:
        settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _roster_staging_dir(settings, tmp_path_factory):
    """Roster files waiting for confirmation go to a temporary directory, never the repo's var/."""
    settings.ROSTER_IMPORT_STAGING_DIR = tmp_path_factory.mktemp("roster-staging")


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
    for item in items:
        marker = item.get_closest_marker("postgres")
        if marker is not None and connection.vendor != "postgresql":
            why = marker.kwargs.get("reason", "SQLite ignores row locks")
            item.add_marker(pytest.mark.skip(reason=f"needs PostgreSQL (set DATABASE_URL); {why}"))
