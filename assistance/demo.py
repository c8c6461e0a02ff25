"""Demo data of 就业援助: the 就业服务专员 ``service`` (城厢镇 and 沙溪镇) and a few cases in
different states — open with a plan, placed with a follow-up due, closed as retained — and one
assessment waiting for the seeker's confirmation. Idempotent: nothing is added once the demo
service user has cases. Goes through the services, after matching.demo.seed (profiles, postings).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import ConsentScope, Role
from backend.accounts.demo import DEMO_PASSWORD
from backend.accounts.models import Region, User
from backend.accounts.services import consent_grant
from matching.models import JobPosting

from .models import Case
from .selectors import service_seekers
from .services import (
    assessment_create,
    case_contact_add,
    case_follow_up_record,
    case_goal_add,
    case_open,
    case_place,
    case_referral_add,
)

REGIONS = ("320585100", "320585101")  # 城厢镇, 沙溪镇


def _service_user() -> User:
    user, created = User.objects.get_or_create(
        username="service", defaults={"role": Role.SERVICE, "first_name": "就业服务专员"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.regions.add(*Region.objects.filter(code__in=REGIONS))
    return user


def _backdate(case: Case, days: int) -> None:
    # Demo history: the case opened months ago, so a placement and its follow-ups can have happened.
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=days))
    case.refresh_from_db()


@transaction.atomic
def seed(stdout=None) -> dict:
    staff = _service_user()
    if Case.objects.filter(opened_by=staff).exists():
        return {"cases": Case.objects.filter(opened_by=staff).count()}
    today = timezone.localdate()
    rows = [row for row in service_seekers(user=staff) if row.open_case is None][:4]
    for row in rows:
        consent_grant(person=row.person, scope=ConsentScope.SERVICE_ASSISTANCE, purpose="就业援助（演示）")
    persons = [row.person for row in rows]
    if len(persons) < 3:
        return {"cases": 0}
    posting = JobPosting.objects.currently_open().filter(region__code__in=REGIONS).first()

    # 1. Open: a plan, a goal, a text-message contact, a training referral and an assessment.
    first = case_open(
        by=staff, person=persons[0], plan="先做职业能力测评，再参加电脑操作培训，三个月内推荐客服类岗位。"
    )
    case_goal_add(by=staff, case=first, text_="完成电脑操作培训", target_date=today + timedelta(days=60))
    case_contact_add(
        by=staff, case=first, kind="text", on=today, summary="微信文字沟通，本人希望做电脑相关工作。"
    )
    case_referral_add(
        by=staff,
        case=first,
        kind="training",
        course_name="电脑操作与办公软件培训",
        provider="太仓市残疾人职业培训基地",
    )
    assessment_create(
        by=staff,
        person=persons[0],
        case=first,
        assessed_on=today,
        abilities={"screen_text": 4, "phone": 2, "heavy_physical": 1, "fine_manual": 3},
        readiness="preparing",
        skills=["电脑打字"],
        desired="文字客服、数据录入",
        hours=["full_time"],
        needs=["text_channel"],
        advice="适合以文字为主的岗位；建议先完成办公软件培训。",
    )

    # 2. Placed 40 days ago: the first 稳岗回访 is due.
    second = case_open(by=staff, person=persons[1], plan="推荐附近的包装、分拣岗位。")
    _backdate(second, 90)
    if posting is not None:
        case_referral_add(by=staff, case=second, kind="job", posting=posting, note="离家近，单位有无障碍通道")
    case_contact_add(
        by=staff, case=second, kind="visit", on=today - timedelta(days=50), summary="上门走访，陪同面试。"
    )
    case_place(
        by=staff,
        case=second,
        placed_on=today - timedelta(days=40),
        employer_name=posting.employer.name if posting else "太仓市某企业",
        job=posting.title if posting else "",
    )

    # 3. Placed half a year ago, followed up three times, closed as 稳定就业.
    from .services import case_close

    third = case_open(by=staff, person=persons[2], plan="推荐居家客服岗位。")
    _backdate(third, 240)
    case_place(
        by=staff,
        case=third,
        placed_on=today - timedelta(days=200),
        employer_name="太仓市某电子商务公司",
        job="居家客服",
    )
    for month, days in ((1, 170), (3, 110), (6, 15)):
        case_follow_up_record(
            by=staff,
            case=third,
            month=month,
            on=today - timedelta(days=days),
            kind="call",
            still_employed=True,
            note="工作稳定。",
        )
    case_close(by=staff, case=third, outcome="retained", note="6个月回访仍在岗")
    return {"cases": 3}
