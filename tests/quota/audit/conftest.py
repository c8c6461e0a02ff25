"""Fixtures for the audit and decision tests."""

import pytest

from quota.models.audit import AuditRun
from quota.services.audit import audit_start


@pytest.fixture
def run_audit(django_capture_on_commit_callbacks):
    """Start an audit the way the API does and run its task (eager) when the transaction commits."""

    def run(*, by, data_year: int = 2025) -> AuditRun:
        with django_capture_on_commit_callbacks(execute=True):
            run = audit_start(data_year=data_year, by=by)
        run.refresh_from_db()
        return run

    return run
