"""The audit is set-based: its number of queries does not grow with the number of employers."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.accounts.choices import Role
from quota.audit.services.run import audit_execute, audit_start
from quota.choices import ReportStatus

from .factories import make_employer, make_line, make_person, make_report, make_user

TOWNS = ["320585100", "320585101", "320585102"]
# +4 bulk reads of the verified facts (registry, confirmations, insurers, insured months); +3 for
# the chunked run (the certificates held at two employers, read once; each chunk's check that its
# run still runs and the record of its counts).  Every chunk of AUDIT_CHUNK_EMPLOYERS employers
# adds its own fixed number of queries: bounded by the chunk size, not by the employers.
MAX_QUERIES = 32


def _region_with(count: int, creator):
    """``count`` employers over three towns, each with last year's and this year's report and
    two roster lines (one person is shared by two employers in the same months: 挂靠)."""
    shared = make_person()
    for index in range(count):
        employer = make_employer(region_code=TOWNS[index % len(TOWNS)])
        make_report(employer, by=creator, data_year=2024, status=ReportStatus.APPROVED)
        report = make_report(employer, by=creator, data_year=2025, status=ReportStatus.SUBMITTED)
        make_line(report, make_person())
        if index < 2:
            make_line(report, shared)
        if index % 5 == 0:
            make_line(report, make_person(), monthly_wage=Decimal("1000.00"))


def _queries_for_audit(auditor) -> int:
    run = audit_start(data_year=2025, by=auditor)  # the on-commit task never fires in this test
    with CaptureQueriesContext(connection) as captured:
        audit_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return len(captured.captured_queries), run


@pytest.mark.parametrize("count", [20, 60])
def test_audit_query_count_is_bounded_whatever_the_number_of_employers(
    db, count, django_assert_max_num_queries
):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    _region_with(count, make_user(Role.EMPLOYER))
    run = audit_start(data_year=2025, by=auditor)

    with django_assert_max_num_queries(MAX_QUERIES):
        audit_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.counts["employers"] == count
    assert run.counts["by_kind"]["double_counting"] == 2


def test_twenty_and_sixty_employers_take_exactly_the_same_number_of_queries(db):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    creator = make_user(Role.EMPLOYER)
    _region_with(20, creator)
    small, _ = _queries_for_audit(auditor)
    _region_with(40, creator)
    large, run = _queries_for_audit(auditor)
    assert run.counts["employers"] == 60
    assert small == large
