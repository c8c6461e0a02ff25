"""Demo audit and decisions (after ``quota.demo.seed``): the 2025 audit, levy notices and
payments for the approved 2024 reports, the rewards ledger and two credit flags.

Idempotent: the audit run is recomputed in place, notices and flags are created once per
employer, payments only on notices without any.  Everything goes through the services.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from backend.accounts.models import EmployerMembership, User

from .choices import ReportStatus
from .choices_audit import CreditStatus, NoticeStatus
from .models import QuotaReport
from .models.audit import AuditRun
from .models.decisions import CreditFlag, LevyNotice
from .services.audit import audit_execute, audit_start
from .services.credit import credit_flag_lift, credit_flag_raise, credit_objection_submit
from .services.decisions import notice_issue, payment_record
from .services.ledger import ledger_entry_approve, ledger_propose_from_policy

ISSUED_ON, DUE = date(2025, 5, 6), date(2025, 6, 30)


def _audit(auditor: User) -> AuditRun:
    run = AuditRun.objects.filter(created_by=auditor, data_year=2025).order_by("pk").first()
    if run is None:
        return audit_start(data_year=2025, by=auditor)  # the task runs when the seed commits
    return audit_execute(run_id=run.pk)


def _notices(auditor: User) -> list[LevyNotice]:
    reports = (
        QuotaReport.objects.visible_to(auditor)
        .filter(data_year=2024, status=ReportStatus.APPROVED, snapshot__isnull=False)
        .select_related("snapshot")
        .order_by("employer_id")
    )
    notices = []
    for report in reports:
        if Decimal(report.snapshot.result["levy_due"]) <= 0:
            continue
        notice = report.levy_notices.exclude(status=NoticeStatus.CANCELLED).first()
        notices.append(notice or notice_issue(report=report, due_date=DUE, issued_on=ISSUED_ON, by=auditor))
    return notices


def _payments(notices: list[LevyNotice], auditor: User) -> None:
    """First notice paid 15 days late (with the surcharge), then one on time, one in part."""
    plan = [(date(2025, 7, 15), None), (date(2025, 6, 20), None), (date(2025, 6, 28), Decimal("0.5"))]
    for notice, (paid_on, share) in zip(notices, plan, strict=False):
        if notice.payments.exists():
            continue
        amount = notice.amount if share is None else (notice.amount * share).quantize(Decimal("0.01"))
        payment_record(notice=notice, amount=amount, paid_on=paid_on, by=auditor)


def _ledger(auditor: User) -> None:
    created = ledger_propose_from_policy(data_year=2024, by=auditor)  # [] when already proposed
    for entry in created[::2]:  # every other one approved; the rest wait for a decision
        ledger_entry_approve(entry=entry, by=auditor, note="演示：核实无误")


def _flags(notices: list[LevyNotice], auditor: User) -> None:
    unpaid = list(
        LevyNotice.objects.filter(pk__in=[n.pk for n in notices], status=NoticeStatus.ISSUED).order_by("pk")
    )
    if len(unpaid) < 2 or CreditFlag.objects.filter(employer__in=[n.employer for n in unpaid[:2]]).exists():
        return
    first, second = unpaid[0], unpaid[1]
    flag = credit_flag_raise(
        employer=first.employer,
        level="general",
        reason="未达到规定比例，2024年度保障金逾期未缴纳",
        evidence=f"{first.data_year}年度保障金缴款通知（缴款期限{first.current_due_date}）至今未缴纳",
        start_date=date(2026, 1, 5),
        by=auditor,
    )
    staff = EmployerMembership.objects.filter(employer=first.employer).select_related("user").first()
    if staff is not None:
        credit_objection_submit(
            flag=flag, text="我单位已向税务部门申请缓缴，申请材料已提交，请核实。", by=staff.user
        )
    lifted = credit_flag_raise(
        employer=second.employer,
        level="general",
        reason="未达到规定比例，2024年度保障金逾期未缴纳",
        evidence="缴款通知逾期",
        start_date=date(2026, 1, 5),
        by=auditor,
    )
    if lifted.status == CreditStatus.ACTIVE:
        credit_flag_lift(flag=lifted, reason="经核实单位已办理缓缴手续，认定有误，予以撤销", by=auditor)


@transaction.atomic
def seed(stdout=None) -> dict:
    auditor = User.objects.get(username="auditor")
    notices = _notices(auditor)
    _payments(notices, auditor)
    _ledger(auditor)
    _flags(notices, auditor)
    run = _audit(auditor)
    return {"audit_run": run.pk if run else None, "notices": len(notices)}
