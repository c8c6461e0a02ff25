"""schemathesis against the OpenAPI schema, in-process: no server errors, responses match the schema.

Runs as an authenticated auditor and as an anonymous client; the schema declares every 4xx and
query parameter, so the fuzzer tries them (security.md, "How it is checked").
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Like Django's test client: a WSGI request must not close the test's database connection
    (with CONN_MAX_AGE on PostgreSQL, request_finished would close it mid-test)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(make):
    """A token for an auditor of all Taicang, with some data in scope."""
    from knox.models import AuthToken

    make.make_employer_user()
    make.make_seeker()
    _, token = AuthToken.objects.create(make.make_auditor("320585"))
    return token


# In-process WSGI calls share the test's connection, so the ordinary transactional test DB works.
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_errors_and_matches_its_schema(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        checks=CHECKS,
        excluded_checks=[negative_data_rejection, positive_data_acceptance],
    )
