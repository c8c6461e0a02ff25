"""The quota demo data: idempotent, a mix of states, and the planted findings the audit looks for.

One test (seeding takes a while): everything about the demo is checked on one seeded database.
"""

from collections import Counter

import pytest

from backend.accounts.demo import seed as seed_accounts
from backend.accounts.models import User
from quota.choices import ReportStatus
from quota.demo import seed
from quota.models import QuotaReport, ReportSnapshot
from quota.services import report_preview

pytestmark = pytest.mark.django_db


def test_demo_reports_states_and_planted_findings():
    seed_accounts()
    assert seed()["reports_created"] == 78
    assert seed()["reports_created"] == 0  # idempotent

    states = Counter(QuotaReport.objects.values_list("data_year", "status"))
    assert states[(2024, ReportStatus.APPROVED)] >= 30
    assert {status for year, status in states if year == 2025} == set(ReportStatus.values) - {"resubmitted"}
    approved = QuotaReport.objects.filter(status=ReportStatus.APPROVED)
    assert ReportSnapshot.objects.count() == approved.count()

    mine = User.objects.get(username="employer").memberships.get().employer
    assert QuotaReport.objects.get(employer=mine, data_year=2025).status == ReportStatus.DRAFT
    last_year = QuotaReport.objects.get(employer=mine, data_year=2024)
    assert last_year.status == ReportStatus.APPROVED and last_year.snapshot.result["levy_due"]

    found = Counter()
    results = []
    for report in QuotaReport.objects.filter(data_year=2025).select_related("employer"):
        result = report_preview(report)
        results.append((report, result))
        found.update(reason.code for line in result.lines for reason in line.reasons)
    assert {"counted_elsewhere", "below_minimum_wage", "expired", "short_contract"} <= set(found)
    assert any(r.exempt for _, r in results)
    assert any(r.levy_due == 0 and not r.exempt for _, r in results)  # compliant
    assert any(r.levy_due > 0 for _, r in results)  # short
    ns = [r.employee_count for _, r in results]
    assert 12 <= min(ns) and max(ns) <= 820
    averages = [r.average_wage for _, r in results]
    assert 60000 <= min(averages) and max(averages) <= 160000
