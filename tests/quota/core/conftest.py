"""Fixtures for the pure quota core; builders live in ``factories``."""

import pytest

from .factories import make_policy


@pytest.fixture
def policy():
    """The Jiangsu defaults (r = 1.5 %, tiered reduction on, levy year 2025)."""
    return make_policy()
