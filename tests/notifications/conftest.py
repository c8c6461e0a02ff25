import pytest

from matching.services.index import index_reset_process_state


@pytest.fixture(autouse=True)
def _matcher_isolation(settings, tmp_path):
    """Application events go through the matching services: a private index for each test."""
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()


@pytest.fixture(autouse=True)
def _fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
