import pytest

from matching.services.index import index_reset_process_state


@pytest.fixture(autouse=True)
def _matcher_isolation(settings, tmp_path):
    """Own index directory and a fresh in-process matcher per test (as tests/matching)."""
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()
