"""Concurrent writes on PostgreSQL: exactly one of two simultaneous submissions (or approvals,
or creations) wins and no duplicate rows appear.  SQLite ignores ``select_for_update``, so these
run only on PostgreSQL:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/q1_db .venv/bin/python -m pytest tests/quota -q
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from quota.choices import ReportStatus
from quota.models import QuotaReport, ReportSnapshot
from quota.services import report_approve, report_create, report_submit

from .factories import make_line, make_person, make_report

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ignores select_for_update"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep migrated regions and policies
]


def race(call, times: int = 2) -> list:
    """Run ``call`` in ``times`` threads released together; each thread has its own connection."""
    barrier = threading.Barrier(times)
    outcomes: list = [None] * times

    def run(index):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 — the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_simultaneous_submissions_exactly_one_wins(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    make_line(report, make_person())
    outcomes = race(lambda: report_submit(report=QuotaReport.objects.get(pk=report.pk), by=staff_a))
    winners = [o for o in outcomes if isinstance(o, QuotaReport)]
    losers = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "不能重复提交" in losers[0].messages[0]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.version == 2  # one change, not two
    statuses = list(report.history.values_list("status", flat=True))
    assert statuses.count(ReportStatus.SUBMITTED) == 1


def test_two_simultaneous_approvals_make_one_snapshot(employer_a, staff_a, auditor):
    report = make_report(employer_a, by=staff_a)
    make_line(report, make_person())
    report_submit(report=report, by=staff_a)
    outcomes = race(lambda: report_approve(report=QuotaReport.objects.get(pk=report.pk), by=auditor))
    assert sum(isinstance(o, QuotaReport) for o in outcomes) == 1, outcomes
    assert ReportSnapshot.objects.filter(report=report).count() == 1


def test_two_simultaneous_creations_make_one_report(employer_a, staff_a):
    outcomes = race(lambda: report_create(employer=employer_a, data_year=2025, by=staff_a))
    assert sum(isinstance(o, QuotaReport) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    assert QuotaReport.objects.filter(employer=employer_a, data_year=2025).count() == 1
