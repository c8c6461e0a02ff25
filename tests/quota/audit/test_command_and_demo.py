from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from backend.accounts.choices import Role
from backend.accounts.models import EmployerMembership, User
from quota.audit.demo import seed
from quota.audit.models import AuditResult, AuditRun
from quota.models.credit import CreditCase, CreditClosure
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
        # Like quota.demo: every demo employer has an HR administrator; the first is ``employer``.
        username = "employer" if employer == employers[0] else f"hr{employer.pk}"
        staff = User.objects.create_user(username=username, password="x" * 12, role=Role.EMPLOYER)
        EmployerMembership.objects.create(user=staff, employer=employer, is_admin=True)
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
            CreditFlag.objects.filter(status="active").count(),
            CreditObjection.objects.filter(decision="pending").count(),
            CreditClosure.objects.filter(status="pending").count(),
            CreditCase.objects.filter(status="notified").count(),
        ]

    with django_capture_on_commit_callbacks(execute=True):
        seed()
    first = counts()
    with django_capture_on_commit_callbacks(execute=True):
        seed()
    assert counts() == first == [1, 5, 3, 2, 1, 1, 1, 1, 1, 1]
    # Four eyes in the demo: auditor2 (人社局) proposed, auditor (残联) approved; auditor noticed,
    # auditor2 decided; the 撤销 proposed by auditor waits for auditor2.
    auditor2 = User.objects.get(username="auditor2")
    assert (auditor2.auditor_kind, auditor2.check_password("taicang2025")) == ("hrss", True)
    assert set(LedgerEntry.objects.values_list("proposed_by__username", flat=True)) == {"auditor2"}
    assert set(
        LedgerEntry.objects.exclude(approved_by=None).values_list("approved_by__username", flat=True)
    ) == {"auditor"}
    assert set(CreditFlag.objects.values_list("decided_by__username", "case__opened_by__username")) == {
        ("auditor2", "auditor")
    }
    assert CreditClosure.objects.get().proposed_by == auditor
    assert CreditCase.objects.get(status="notified").employer == employers[0]
    late = LevyPayment.objects.get(paid_on=date(2025, 7, 15))
    assert (late.days_late, str(late.surcharge)) == (15, "6024.38")  # 80,325 × 0.5 % × 15 = 6,024.375
    assert AuditRun.objects.get().status == "done"
