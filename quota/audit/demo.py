"""Demo audit and decisions (after ``quota.demo.seed``): the 2025 audit, levy notices and
payments for the approved 2024 reports, the rewards ledger and the credit process.

Four eyes need two auditors: ``auditor`` (残联) and ``auditor2`` (人社局, created here).  The
ledger's rewards are proposed by auditor2, every other one approved by auditor (who also records
a payment); credit cases are noticed by auditor and decided by auditor2.  What the demo leaves to
walk through by hand: ledger entries awaiting auditor's approval, a 撤销 awaiting auditor2's
review, a flag with the employer's objection, and a notice to the demo ``employer`` login still
in its 陈述申辩 period.

Idempotent: the audit run is recomputed in place, notices and cases are created once per
employer, payments only on notices without any.  Everything goes through the services.
"""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import AuditorKind, Role
from backend.accounts.demo import DEMO_PASSWORD
from backend.accounts.models import Employer, EmployerMembership, User
from quota.audit.choices import NoticeStatus
from quota.audit.models import AuditRun
from quota.audit.services.run import audit_execute, audit_start
from quota.choices import ReportStatus
from quota.models import QuotaReport
from quota.models.credit import CreditCase
from quota.models.decisions import LevyNotice
from quota.services.credit import credit_closure_propose, credit_objection_submit
from quota.services.credit_case import (
    credit_case_decide,
    credit_case_open,
    credit_statement_submit,
    credit_statement_waive,
)
from quota.services.decisions import notice_issue, payment_record
from quota.services.ledger import ledger_entry_approve, ledger_entry_mark_paid, ledger_propose_from_policy

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


def _second_auditor(auditor: User) -> User:
    """``auditor2``, a 人社局 auditor for the same regions: the second pair of eyes."""
    user, created = User.objects.get_or_create(
        username="auditor2",
        defaults={"role": Role.AUDITOR, "auditor_kind": AuditorKind.HRSS, "first_name": "人社局审核员"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.regions.add(*auditor.regions.all())
    return user


def _ledger(auditor: User, auditor2: User) -> None:
    created = ledger_propose_from_policy(data_year=2024, by=auditor2)  # [] when already proposed
    approved = [ledger_entry_approve(entry=e, by=auditor, note="演示：核实无误") for e in created[::2]]
    if len(approved) > 1:  # one paid out; the others wait for the payment to be recorded
        ledger_entry_mark_paid(entry=approved[0], by=auditor)


# A one-page PDF standing in for a scanned document.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _admin_of(employer: Employer) -> User | None:
    membership = EmployerMembership.objects.filter(employer=employer, is_admin=True).order_by("pk").first()
    return membership.user if membership else None


def _notice(employer: Employer, notice: LevyNotice | None, auditor: User, **overrides) -> CreditCase:
    values = {
        "level": "general",
        "reason": "未达到规定比例，2024年度保障金逾期未缴纳",
        "basis": "发改价格规〔2019〕2015号；太仓市按比例安排残疾人就业信用管理规定（演示）",
        "evidence": (
            f"{notice.data_year}年度保障金缴款通知（缴款期限{notice.current_due_date}）至今未缴纳"
            if notice
            else "2025年度核查发现的问题"
        ),
    }
    values.update(overrides)
    files = [ContentFile(DEMO_PDF, name="缴款通知及催缴记录.pdf")]
    return credit_case_open(employer=employer, files=files, by=auditor, **values)


def _flag(case: CreditCase, admin: User, auditor2: User, reason: str) -> CreditCase:
    """The employer's administrator waives the rest of the period; auditor2 lists it from today."""
    credit_statement_waive(case=case, by=admin)
    return credit_case_decide(
        case=case, decision="flag", reason=reason, start_date=timezone.localdate(), by=auditor2
    )


def _credit(notices: list[LevyNotice], auditor: User, auditor2: User) -> None:
    unpaid = [
        notice
        for notice in LevyNotice.objects.filter(
            pk__in=[n.pk for n in notices], status=NoticeStatus.ISSUED
        ).order_by("pk")
        if _admin_of(notice.employer) is not None
    ]
    if (
        len(unpaid) >= 2
        and not CreditCase.objects.filter(employer__in=[n.employer for n in unpaid[:2]]).exists()
    ):
        first, second = unpaid[0], unpaid[1]
        admin = _admin_of(first.employer)
        case = _notice(first.employer, first, auditor)
        credit_statement_submit(
            case=case,
            text="我单位已向税务部门申请缓缴，申请材料已提交，请核实。",
            files=[ContentFile(DEMO_PDF, name="缓缴申请.pdf")],
            by=admin,
        )
        case = _flag(case, admin, auditor2, "缓缴申请未获批准，逾期未缴事实清楚")
        credit_objection_submit(flag=case.flag, text="缓缴申请仍在办理中，请暂缓列入。", by=admin)
        lifted = _flag(
            _notice(second.employer, second, auditor), _admin_of(second.employer), auditor2, "事实清楚"
        )
        credit_closure_propose(
            flag=lifted.flag, action="lift", reason="经核实单位已办理缓缴手续，认定有误，予以撤销", by=auditor
        )
    # The demo ``employer`` login's own notice, still open for its 陈述申辩.
    membership = (
        EmployerMembership.objects.filter(user__username="employer").select_related("employer").first()
    )
    if membership and not CreditCase.objects.filter(employer=membership.employer, status="notified").exists():
        _notice(
            membership.employer,
            None,
            auditor,
            reason="2025年度名册中1人同月被两家单位计入（挂靠）",
            evidence="2025年度核查第1次：同一证件同月被多家单位计入",
        )


@transaction.atomic
def seed(stdout=None) -> dict:
    auditor = User.objects.get(username="auditor")
    auditor2 = _second_auditor(auditor)
    notices = _notices(auditor)
    _payments(notices, auditor)
    _ledger(auditor, auditor2)
    _credit(notices, auditor, auditor2)
    run = _audit(auditor)
    return {"audit_run": run.pk if run else None, "notices": len(notices)}
