"""Builders for the auditors' pages (on top of the quota and registry builders).

``make_scene`` builds a small Taicang: two employers in 城厢镇 that both claim the same disabled
person for 2025 (挂靠 — the audit finds it), an approved 2024 report with a levy notice, a
ledger entry proposed by a second auditor (人社局) for the first (残联) to approve, a credit flag
decided in a case (noticed by the first auditor, decided by the second), two open credit cases
(one in its 陈述申辩 period, one waived and ready to decide), training records and a real-name
employment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from backend.accounts.choices import Role
from indicators.services import training_record_create
from matching.models import Employment
from quota.audit.services.run import audit_start
from quota.choices import ReportStatus
from quota.models import AuditRun, CreditCase, CreditFlag, LedgerEntry, LevyNotice, QuotaReport
from quota.services.credit_case import credit_statement_waive
from quota.services.decisions import notice_issue
from quota.services.ledger import ledger_entry_propose
from quota.services.reports import report_approve
from tests.factories import make_person as make_resident
from tests.quota.audit.factories import make_flag, open_case, upload
from tests.quota.factories import make_employer, make_line, make_person, make_report, make_user

__all__ = [
    "Scene",
    "make_employer",
    "make_person",
    "make_resident",
    "make_scene",
    "make_user",
    "run_audit",
    "train",
]


def run_audit(capture, *, by, data_year: int = 2025) -> AuditRun:
    """Start an audit as the page does and run its (eager) task when the transaction commits."""
    with capture(execute=True):
        run = audit_start(data_year=data_year, by=by)
    run.refresh_from_db()
    return run


def train(
    person, *, by, year: int = 2023, course: str = "中式面点师培训", kind: str = "skills_training", **extra
):
    values = {
        "provider": "太仓市残疾人职业培训基地",
        "start_date": date(year, 3, 1),
        "end_date": date(year, 4, 15),
        "hours": 120,
    }
    values.update(extra)
    return training_record_create(person=person, kind=kind, course_name=course, by=by, **values)


@dataclass
class Scene:
    auditor: object
    auditor2: object
    other_auditor: object
    admin: object
    staff_a: object
    staff_b: object
    seeker: object
    employer_a: object
    employer_b: object
    employer_c: object
    report_a: QuotaReport
    report_b: QuotaReport
    report_c: QuotaReport
    approved: QuotaReport
    notice: LevyNotice
    entry: LedgerEntry
    flag: CreditFlag
    case: CreditCase
    ready_case: CreditCase
    shared_person: object


def make_scene() -> Scene:
    auditor = make_user(Role.AUDITOR, regions=["320585"], first_name="残联审核员")
    auditor2 = make_user(Role.AUDITOR, regions=["320585"], auditor_kind="hrss", first_name="人社局审核员")
    other = make_user(Role.AUDITOR, regions=["320585101"])  # 沙溪镇 only: the employers lie outside
    admin = make_user(Role.ADMIN, is_staff=True)
    employer_a = make_employer(name="太仓甲精密机械有限公司")
    employer_b = make_employer(name="太仓乙物流有限公司")
    staff_a = make_user(Role.EMPLOYER, employer=employer_a)
    staff_b = make_user(Role.EMPLOYER, employer=employer_b)
    shared = make_resident(name="王芳")  # registered in 城厢镇, so in the auditor's regions
    report_a = make_report(employer_a, by=staff_a, data_year=2025, status=ReportStatus.SUBMITTED)
    make_line(report_a, shared)
    make_line(report_a, make_person(name="李强", grade=2))
    report_b = make_report(employer_b, by=staff_b, data_year=2025, status=ReportStatus.SUBMITTED)
    make_line(report_b, shared)
    # 沙溪镇: a small enterprise (exempt) with a clean roster, the only employer other_auditor sees.
    employer_c = make_employer(region_code="320585101", name="太仓丙服装有限公司")
    report_c = make_report(
        employer_c,
        data_year=2025,
        status=ReportStatus.SUBMITTED,
        employee_count=Decimal("20"),
        total_wages=Decimal("1200000"),
    )
    make_line(report_c, make_person(name="张伟"))
    approved = report_approve(
        report=make_report(employer_a, by=staff_a, data_year=2024, status=ReportStatus.SUBMITTED), by=auditor
    )
    # Fixed days, never the real clock: the surcharge tests pay 10 days after this due date.
    notice = notice_issue(
        report=approved, issued_on=date(2026, 11, 1), due_date=date(2026, 11, 29), by=auditor
    )
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="post_subsidy",
        amount=Decimal("3000.00"),
        basis="1名残疾职工 × 岗位补贴每人每年3000元",
        by=auditor2,
    )
    flag = make_flag(
        employer_b,
        proposer=auditor,
        decider=auditor2,
        reason="2024年度保障金逾期一年未缴",
        evidence="缴款通知第12号",
        start_date=date(2026, 1, 5),
    )
    # Open today: A is within its 陈述申辩 period; B waived, so the case waits for a decision.
    case = open_case(
        employer_a,
        by=auditor2,
        level="serious",
        reason="2025年度名册1人挂靠（同一证件同月被两家单位计入）",
        evidence="2025年度核查第1次",
        files=[upload("核查记录.pdf")],
    )
    ready_case = open_case(
        employer_b, by=auditor2, reason="2025年度申报人数与社保记录不符", evidence="社保缴费记录"
    )
    credit_statement_waive(case=ready_case, by=staff_b)
    seeker_person = make_person(name="赵敏")
    seeker = make_user(Role.SEEKER, person=seeker_person)
    train(shared, by=auditor, year=2022)
    Employment.objects.create(person=shared, employer=employer_a, start_date=date(2023, 3, 1))
    return Scene(
        auditor=auditor,
        auditor2=auditor2,
        other_auditor=other,
        admin=admin,
        staff_a=staff_a,
        staff_b=staff_b,
        seeker=seeker,
        employer_a=employer_a,
        employer_b=employer_b,
        employer_c=employer_c,
        report_a=report_a,
        report_b=report_b,
        report_c=report_c,
        approved=approved,
        notice=notice,
        entry=entry,
        flag=flag,
        case=case,
        ready_case=ready_case,
        shared_person=shared,
    )
