"""Data that lives outside the repository (``../shared/data``): skipped on a developer machine that
lacks it, a failure where it is required.

CI sets ``REQUIRE_SHARED_DATA=1`` (like ``REQUIRE_BROWSER=1`` for chromium), so a test that needs
the occupation classification can never turn green by quietly skipping there.
"""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CSCO_PATH = Path(os.environ.get("CSCO22_PATH", REPO.parent / "shared" / "data" / "csco22.csv"))


def shared_data_required() -> bool:
    return os.environ.get("REQUIRE_SHARED_DATA") == "1"


def require_csco() -> Path:
    """The path of the 2022 occupation classification, or skip (fail when it is required)."""
    if CSCO_PATH.exists():
        return CSCO_PATH
    message = f"the occupation classification is not at {CSCO_PATH} (set CSCO22_PATH or add ../shared/data)"
    if shared_data_required():
        pytest.fail(f"REQUIRE_SHARED_DATA=1 but {message}")
    pytest.skip(message)
