"""Fixtures for the audit and decision tests."""

import pytest

from quota.audit.models import AuditRun
from quota.audit.services.run import audit_start


@pytest.fixture
def run_audit(django_capture_on_commit_callbacks):
    """Start an audit the way the API does and run its task (eager) when the transaction commits."""

    def run(*, by, data_year: int = 2025) -> AuditRun:
        with django_capture_on_commit_callbacks(execute=True):
            run = audit_start(data_year=data_year, by=by)
        run.refresh_from_db()
        return run

    return run


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded evidence goes to a fresh MEDIA_ROOT per test, never into the work tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reviewer(db):
    """A second auditor (人社局) for 太仓市: approves what ``auditor`` (残联) proposes."""
    from .factories import second_auditor

    return second_auditor()
