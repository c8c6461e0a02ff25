"""The quota demo data: idempotent, a mix of states, and the planted findings the audit looks for.

One test (seeding takes a while): everything about the demo is checked on one seeded database.
"""

from collections import Counter

import pytest

from backend.accounts.demo import seed as seed_accounts
from backend.accounts.models import RegistrationReview, User
from quota.choices import ReportStatus
from quota.demo import seed
from quota.models import QuotaReport, ReportSnapshot
from quota.services import report_preview
from registry.demo import seed_certificates, seed_insurance

pytestmark = pytest.mark.django_db


def test_demo_reports_states_and_planted_findings(django_capture_on_commit_callbacks):
    seed_accounts()
    seed_certificates()
    assert seed()["reports_created"] == 78
    assert seed()["reports_created"] == 0  # idempotent
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_insurance()["insurance"] > 1000
    assert seed_certificates() == {"certificates": 0} and seed_insurance() == {"insurance": 0}  # idempotent

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
    # The verified-facts cases (registry.demo): 注销/死亡/迁出, an unlisted certificate, uninsured months.
    assert found["certificate_mismatch"] == 3 and found["insurance_not_on_record"] == 1
    assert found["certificate_pending"] == 2  # the unlisted demo person and the self-registered seeker
    messages = [reason.message for _, r in results for line in r.lines for reason in line.reasons]
    assert (
        any("注销" in m for m in messages)
        and any("死亡" in m for m in messages)
        and any("迁出" in m for m in messages)
    )
    review = RegistrationReview.objects.get(user__username="fullwidth")  # full-width digits, same person
    assert review.status == "pending"
    assert any(r.exempt for _, r in results)
    assert any(r.levy_due == 0 and not r.exempt for _, r in results)  # compliant
    assert any(r.levy_due > 0 for _, r in results)  # short
    ns = [r.employee_count for _, r in results]
    assert 12 <= min(ns) and max(ns) <= 820
    averages = [r.average_wage for _, r in results]
    assert 60000 <= min(averages) and max(averages) <= 160000
