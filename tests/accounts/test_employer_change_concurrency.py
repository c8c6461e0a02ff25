"""Concurrent change requests and decisions on PostgreSQL: one pending request per employer, one
decision per request (SQLite ignores ``select_for_update``, so these run only on PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from backend.accounts.models import Employer, EmployerChangeRequest
from backend.accounts.services import employer_change_request_decide, employer_change_request_file

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ignores select_for_update"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep the migrated regions
]


def race(calls) -> list:
    """Run each call in its own thread (own connection), released together."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = calls[index]()
        except Exception as error:  # noqa: BLE001 — the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_simultaneous_requests_of_one_employer_one_is_filed(make, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    employer = make.make_employer()
    hr, hr2 = make.make_employer_user(employer), make.make_employer_user(employer)
    outcomes = race(
        [
            lambda: employer_change_request_file(
                employer=employer, changes={"name": "甲一"}, reason="更名", by=hr
            ),
            lambda: employer_change_request_file(
                employer=employer, changes={"name": "甲二"}, reason="更名", by=hr2
            ),
        ]
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["EmployerChangeRequest", "ValidationError"], (
        outcomes
    )
    assert EmployerChangeRequest.objects.filter(employer=employer).count() == 1


def test_approve_and_reject_at_once_one_decision_stands(make, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    employer = make.make_employer(org_type="institution")
    hr = make.make_employer_user(employer)
    one, two = make.make_auditor("320585"), make.make_auditor("320585")
    request = employer_change_request_file(
        employer=employer, changes={"org_type": "enterprise"}, reason="改制", by=hr
    )
    outcomes = race(
        [
            lambda: employer_change_request_decide(
                change_request=request, approve=True, reason="核对", by=one
            ),
            lambda: employer_change_request_decide(
                change_request=request, approve=False, reason="不符", by=two
            ),
        ]
    )
    errors = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(errors) == 1 and "不能再次审核" in errors[0].messages[0], outcomes
    request.refresh_from_db()
    expected = "enterprise" if request.status == "approved" else "institution"
    assert Employer.objects.get(pk=employer.pk).org_type == expected
    assert employer.history.count() == (2 if request.status == "approved" else 1)
