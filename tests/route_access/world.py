"""Two tenants and the actors who must not reach the second one.

Employer A and the seeker A live in 沙溪镇 (320585101), the one town the auditor covers.
Everything of tenant B lives in 城厢镇 (320585100): employer B with its HR administrator, a
seeker B who applied to B's (now closed) posting, B's reports and roster, an approved report
with a levy notice, a payment and a reduction, a ledger entry, a credit flag, a credit case with
its evidence file, a request of B to change its master data, a registration that claimed seeker
B's resident ID (awaiting the 残联's review), an audit run over 城厢镇, a training record of
seeker B and an access-log row about seeker B. Every name of B's
contains ``MARK`` so a leak shows up as a substring of the response.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from assistance.services import assessment_create, case_open
from backend.accounts.choices import ConsentScope, Role
from backend.accounts.models import AccessLog, RegistrationReview
from backend.accounts.selectors import person_reveal
from backend.accounts.services import consent_grant, employer_change_request_file, seeker_register
from daycentres.models import SubsidyApplication
from daycentres.services.centres import centre_create, order_receive
from jobfairs.models import Booth, FairRegistration, JobFair
from matching.models import Employment, Invitation
from matching.services import application_create, feedback_record, posting_close, saved_search_create
from notifications.models import SignLanguageBooking
from quota.audit.services.run import audit_execute, audit_start
from quota.choices import ReportStatus
from quota.models import CreditFlag, QuotaPolicy, ReportAttachment
from quota.services.decisions import adjustment_approve, notice_issue, payment_record
from quota.services.ledger import ledger_entry_propose
from quota.services.reports import report_approve
from tests import factories as base
from tests.indicators.factories import make_training_record
from tests.matching.factories import make_posting, make_profile
from tests.quota.audit.factories import open_case
from tests.quota.factories import make_line, make_report
from training.models import TrainingCourse

MARK = "乙方专属"
SHAXI, CHENGXIANG = "320585101", "320585100"

# The actors every route is tried with (the keys of World.actors()).
ANON, SEEKER, HR, STAFF, AUDITOR, ADMIN = "anonymous", "seeker_a", "hr_a", "staff_a", "auditor", "admin"
# 就业服务专员 of 沙溪镇 (issue 15): like the auditor, every object of B lies outside their region.
SERVICE = "service"
ACTORS = (ANON, SEEKER, HR, STAFF, AUDITOR, SERVICE, ADMIN)
SIGNED_IN = frozenset(ACTORS) - {ANON}


@dataclass
class World:
    seeker_a: object
    hr_a: object  # employer A's HR administrator (EmployerMembership.is_admin)
    staff_a: object  # employer A's other staff member
    auditor: object  # 沙溪镇 only: every object of B lies outside
    service: object  # 就业服务专员 of 沙溪镇 only
    admin: object
    employer_a: object
    # tenant B
    auditor_b: object
    hr_b: object
    employer_b: object
    seeker_b: object
    person_b: object
    posting_b: object
    application_b: object
    employment_b: object
    report_b: object
    line_b: object
    attachment_b: object
    invitation_b: object
    approved_b: object
    notice_b: object
    payment_b: object
    adjustment_b: object
    ledger_b: object
    flag_b: object
    case_b: object
    case_file_b: object
    change_request_b: object
    review_b: object
    run_b: object
    training_b: object
    access_log_b: object
    saved_search_b: object
    feedback_b: object
    booking_b: object  # seeker B's 手语视频 booking
    assistance_case_b: object
    assessment_b: object
    fair_b: object
    booth_b: object
    fair_registration_b: object
    centre_b: object
    subsidy_application_b: object
    order_b: object  # centre B's 加工项目
    course_b: object  # a draft training course in 城厢镇: only its keepers (not 沙溪镇's) see it
    policy: object
    data_year: int

    def tenant_b(self) -> list:
        """B's objects, B's own staff first (the admin pages of a model open B's row)."""
        names = list(self.__dataclass_fields__)
        return [getattr(self, name) for name in names[names.index("hr_b") : names.index("policy")]]

    def actors(self) -> dict:
        return {
            ANON: None,
            SEEKER: self.seeker_a,
            HR: self.hr_a,
            STAFF: self.staff_a,
            AUDITOR: self.auditor,
            SERVICE: self.service,
            ADMIN: self.admin,
        }


def _seeker(name: str, region_code: str):
    user = base.make_seeker(name=name, region_code=region_code)
    consent_grant(person=user.person, scope=ConsentScope.DISABILITY_MATCHING, purpose="岗位推荐")
    make_profile(user.person, regions=[region_code])
    return user


def _audit(year: int, by) -> object:
    """Start the annual audit and run it here: on_commit never fires inside the test transaction."""
    run = audit_start(data_year=year, by=by)
    return audit_execute(run_id=run.pk)


def _attachment(report, by):
    """A supporting document of B's report (a tiny PDF), named so that a leak shows."""
    attachment = ReportAttachment(
        report=report,
        kind="social_insurance",
        name=f"{MARK}社保明细.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=by,
        uploaded_at=timezone.now(),
    )
    attachment.file.save("b.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


def _fair_b(organiser, employer_b, hr_b, seeker_b, posting_b) -> dict:
    """A draft 专场招聘会 in 城厢镇 (not public), B's booth at it and seeker B's registration,
    written as rows: the services would refuse a booth at an unpublished fair."""
    now = timezone.now()
    fair = JobFair.objects.create(
        title=f"{MARK}招聘会",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=3),
        region=base.region(CHENGXIANG),
        venue=f"{MARK}会场",
        booth_capacity=10,
        organiser=organiser,
    )
    booth = Booth.objects.create(fair=fair, employer=employer_b, number=1, created_by=hr_b)
    booth.postings.set([posting_b])
    registration = FairRegistration.objects.create(
        fair=fair, person=seeker_b.person, needs_note=f"{MARK}需要"
    )
    return {"fair_b": fair, "booth_b": booth, "fair_registration_b": registration}


def build_world() -> World:
    today = timezone.localdate()
    year = today.year - 1  # the latest data year that can be filed and audited
    earlier = today.year - 2  # approved, with its levy notice in levy year ``earlier + 1``

    # --- tenant A and the actors ---
    employer_a = base.make_employer(name="甲方精密机械有限公司", region_code=SHAXI)
    hr_a = base.make_employer_user(employer_a, is_admin=True)
    staff_a = base.make_employer_user(employer_a, is_admin=False)
    seeker_a = _seeker("甲方求职者", SHAXI)
    auditor = base.make_auditor(SHAXI)
    service = base.make_user(Role.SERVICE)
    service.regions.add(base.region(SHAXI))
    admin = base.make_admin()
    posting_a = make_posting(employer_a, hr_a, title="甲方包装工", region=base.region(SHAXI))
    application_create(user=seeker_a, posting=posting_a)
    report_a = make_report(employer_a, by=hr_a, data_year=year, status=ReportStatus.SUBMITTED)
    make_line(report_a, base.make_person(name="甲方职工", region_code=SHAXI))
    _audit(year, auditor)

    # --- tenant B ---
    auditor_b = base.make_auditor(CHENGXIANG)
    employer_b = base.make_employer(name=f"{MARK}名称物流有限公司", region_code=CHENGXIANG)
    hr_b = base.make_employer_user(employer_b, is_admin=True)
    seeker_b = _seeker(f"{MARK}求职者", CHENGXIANG)
    posting_b = make_posting(employer_b, hr_b, title=f"{MARK}岗位仓储分拣员", region=base.region(CHENGXIANG))
    application_b = application_create(user=seeker_b, posting=posting_b, note=f"{MARK}求职留言")
    # Closed: no longer on the public market, so only B's staff (and the admin) may open it.
    posting_close(user=hr_b, posting=posting_b)

    report_b = make_report(employer_b, by=hr_b, data_year=year, status=ReportStatus.SUBMITTED)
    line_b = make_line(report_b, base.make_person(name=f"{MARK}职工", region_code=CHENGXIANG))
    approved_b = report_approve(
        report=make_report(employer_b, by=hr_b, data_year=earlier, status=ReportStatus.SUBMITTED),
        by=auditor_b,
    )
    notice_b = notice_issue(
        report=approved_b,
        issued_on=date(earlier + 1, 3, 1),
        due_date=date(earlier + 1, 3, 31),
        by=auditor_b,
    )
    payment_b = payment_record(
        notice=notice_b, amount=Decimal("100.00"), paid_on=date(earlier + 1, 3, 20), by=auditor_b
    )
    adjustment_b = adjustment_approve(
        notice=notice_b, kind="reduction", amount=Decimal("50.00"), reason=f"{MARK}减免理由", by=auditor_b
    )
    ledger_b = ledger_entry_propose(
        employer=employer_b,
        data_year=earlier,
        kind="post_subsidy",
        amount=Decimal("3000.00"),
        basis=f"{MARK}台账依据",
        by=auditor_b,
    )
    # The row as a decided flag is stored; how a flag comes to be decided (告知, 陈述申辩, two
    # auditors) is the credit services' business and their tests', not this one's.
    flag_b = CreditFlag.objects.create(
        employer=employer_b,
        level="general",
        reason=f"{MARK}失信理由",
        evidence="缴款通知第12号",
        start_date=today - timedelta(days=30),
        decided_by=auditor_b,
        decided_at=timezone.now(),
    )
    case_b = open_case(employer_b, by=auditor_b, reason=f"{MARK}拟认定理由")
    change_request_b = employer_change_request_file(
        employer=employer_b, changes={"name": f"{MARK}新名称有限公司"}, reason=f"{MARK}营业执照变更", by=hr_b
    )
    # Someone registers with seeker B's resident ID: answered like anyone, reviewed by the 残联.
    seeker_register(
        username="claims-b",
        password="x-Unused-9",
        name=f"{MARK}冒名注册",
        resident_id=seeker_b.person.decrypt("resident_id"),
        region=base.region(CHENGXIANG),
    )
    run_b = _audit(year, auditor_b)
    training_b = make_training_record(seeker_b.person, by=auditor_b, course_name=f"{MARK}培训项目")
    person_reveal(person=seeker_b.person, actor=auditor_b, purpose="audit", reason=f"{MARK}核查")
    # 就业援助 of seeker B by a 就业服务专员 of 城厢镇: a case and an assessment.
    service_b = base.make_user(Role.SERVICE)
    service_b.regions.add(base.region(CHENGXIANG))
    consent_grant(person=seeker_b.person, scope=ConsentScope.SERVICE_ASSISTANCE)
    assistance_case_b = case_open(by=service_b, person=seeker_b.person, plan=f"{MARK}援助计划")
    assessment_b = assessment_create(
        by=service_b,
        person=seeker_b.person,
        case=assistance_case_b,
        assessed_on=today,
        abilities={"phone": 3},
        readiness="ready",
        desired=f"{MARK}方向",
    )
    # 残疾人之家 of 城厢镇 run by its 就业服务专员, and seeker B's subsidy application (issue 15)
    centre_b = centre_create(
        by=service_b,
        name=f"{MARK}残疾人之家",
        region=base.region(CHENGXIANG),
        address=f"{MARK}地址",
        capacity=5,
    )
    order_b = order_receive(
        centre=centre_b,
        employer=employer_b,
        product=f"{MARK}加工项目",
        quantity=100,
        unit_price=Decimal("1.00"),
        received_on=today,
        due_on=today,
        by=service_b,
    )
    subsidy_application_b = SubsidyApplication.objects.create(
        person=seeker_b.person,
        kind="startup_subsidy",
        amount=Decimal("5000.00"),
        business_name=f"{MARK}创业实体",
        applied_by=seeker_b,
        applied_at=timezone.now(),
    )

    return World(
        seeker_a=seeker_a,
        hr_a=hr_a,
        staff_a=staff_a,
        auditor=auditor,
        service=service,
        admin=admin,
        employer_a=employer_a,
        auditor_b=auditor_b,
        hr_b=hr_b,
        employer_b=employer_b,
        seeker_b=seeker_b,
        person_b=seeker_b.person,
        posting_b=posting_b,
        application_b=application_b,
        employment_b=Employment.objects.create(
            person=seeker_b.person,
            employer=employer_b,
            start_date=date(year, 3, 1),
            end_reason=f"{MARK}离职原因",
        ),
        report_b=report_b,
        line_b=line_b,
        attachment_b=_attachment(report_b, hr_b),
        invitation_b=Invitation.objects.create(
            application=application_b,
            starts_at=timezone.now() + timedelta(days=7),
            place=f"{MARK}面试地点",
            contact_channel="text",
            contact_detail=f"{MARK}联系人",
            created_by=hr_b,
        ),
        approved_b=approved_b,
        notice_b=notice_b,
        payment_b=payment_b,
        adjustment_b=adjustment_b,
        ledger_b=ledger_b,
        flag_b=flag_b,
        case_b=case_b,
        case_file_b=case_b.attachments.get(),
        change_request_b=change_request_b,
        review_b=RegistrationReview.objects.get(person=seeker_b.person),
        run_b=run_b,
        training_b=training_b,
        access_log_b=AccessLog.objects.filter(person=seeker_b.person).latest("pk"),
        saved_search_b=saved_search_create(user=seeker_b, query={"q": "仓储"}, name=f"{MARK}保存的搜索"),
        feedback_b=feedback_record(user=seeker_b, posting=posting_b, reason="too_far", text=f"{MARK}反馈"),
        # Without MARK: the service desk (any auditor, city-wide) lists every booking by design.
        booking_b=SignLanguageBooking.objects.create(
            requester=seeker_b,
            wanted_date=today + timedelta(days=7),
            slot="morning",
            topic="咨询岗位",
            contact_method="video",
            contact_detail="视频号",
        ),
        assistance_case_b=assistance_case_b,
        assessment_b=assessment_b,
        **_fair_b(admin, employer_b, hr_b, seeker_b, posting_b),
        centre_b=centre_b,
        subsidy_application_b=subsidy_application_b,
        order_b=order_b,
        course_b=TrainingCourse.objects.create(
            name=f"{MARK}培训课程",
            provider=f"{MARK}培训机构",
            skills=["打字"],
            region=base.region(CHENGXIANG),
            starts_on=today + timedelta(days=20),
            ends_on=today + timedelta(days=40),
            hours=40,
            how_to_enrol=f"{MARK}报名电话",
            created_by=admin,
        ),
        policy=QuotaPolicy.objects.order_by("pk").first(),
        data_year=year,
    )
