from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from backend.accounts.choices import Role
from backend.accounts.models import EmployerMembership, User
from quota.demo_audit import seed
from quota.models.audit import AuditResult, AuditRun
from quota.models.decisions import CreditFlag, CreditObjection, LedgerEntry, LevyNotice, LevyPayment

from .factories import filed_report, make_approved_report, make_employer, make_line, make_person, make_report


def test_run_audit_command_starts_and_reruns(db, auditor, django_capture_on_commit_callbacks):
    filed_report(make_employer(), persons=[make_person()])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_audit", year=2025, auditor=auditor.username, stdout=StringIO())
    run = AuditRun.objects.get()
    assert run.status == "done"
    out = StringIO()
    call_command("run_audit", rerun=run.pk, stdout=out)
    assert AuditResult.objects.filter(run=run).count() == 1
    assert f"审核 #{run.pk}（2025年度）：已完成" in out.getvalue() and "单位 1 家" in out.getvalue()


@pytest.mark.parametrize(
    "kwargs", [{}, {"year": 2025, "auditor": "nobody"}, {"rerun": 404}, {"year": 1999, "auditor": "auditor"}]
)
def test_run_audit_command_explains_bad_arguments(db, kwargs):
    User.objects.create_user(username="auditor", password="x" * 12, role=Role.AUDITOR, auditor_kind="dpf")
    with pytest.raises(CommandError):
        call_command("run_audit", stdout=StringIO(), **kwargs)


def test_demo_seed_is_idempotent(db, django_capture_on_commit_callbacks):
    auditor = User.objects.create_user(
        username="auditor", password="x" * 12, role=Role.AUDITOR, auditor_kind="dpf"
    )
    from backend.accounts.models import Region

    auditor.regions.add(Region.objects.get(code="320585"))
    employers = [make_employer() for _ in range(5)]
    for employer in employers:
        staff = User.objects.create_user(username=f"hr{employer.pk}", password="x" * 12, role=Role.EMPLOYER)
        EmployerMembership.objects.create(user=staff, employer=employer)
        make_approved_report(employer, auditor=auditor)  # each owes 80,325.00 for 2024
    rewarded = make_report(make_employer(), status="submitted")
    for _ in range(3):
        make_line(rewarded, make_person())
    from quota.services.reports import report_approve

    report_approve(report=rewarded, by=auditor)
    filed_report(employers[0], persons=[make_person()])

    def counts():
        return [
            AuditRun.objects.count(),
            LevyNotice.objects.count(),
            LevyPayment.objects.count(),
            LedgerEntry.objects.count(),
            LedgerEntry.objects.filter(status="approved").count(),
            CreditFlag.objects.filter(status="objected").count(),
            CreditFlag.objects.filter(status="lifted").count(),
            CreditObjection.objects.filter(decision="pending").count(),
        ]

    with django_capture_on_commit_callbacks(execute=True):
        seed()
    first = counts()
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    assert counts() == first == [1, 5, 3, 2, 1, 1, 1, 1]
    late = LevyPayment.objects.get(paid_on=date(2025, 7, 15))
    assert (late.days_late, str(late.surcharge)) == (15, "6024.38")  # 80,325 × 0.5 % × 15 = 6,024.375
    assert AuditRun.objects.get().status == "done"
