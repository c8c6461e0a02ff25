import pytest

from matching.services.index import index_reset_process_state


@pytest.fixture(autouse=True)
def _matcher_isolation(settings, tmp_path):
    """A fresh in-process matcher per test, reading the index log on every query, with its
    files in the test's own directory."""
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login
