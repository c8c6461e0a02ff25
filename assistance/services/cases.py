"""就业援助 cases: open with consent, plan and goals, contacts, referrals, placement, 稳岗回访,
closing with an outcome. Every write takes the acting 就业服务专员 (``by``), checks their region
against the seeker's, locks the case and validates before saving."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from backend.accounts.choices import ConsentScope, Role
from backend.accounts.models import Person, User
from backend.accounts.permissions import is_seeker
from backend.accounts.services import consent_grant, consent_withdraw
from matching.models import JobPosting, SeekerProfile
from notifications.choices import NotificationKind
from notifications.services.inbox import notification_send

from ..choices import CaseStatus, ContactKind, Outcome, ReferralKind, ReferralStatus
from ..core.followups import FOLLOW_UP_MONTHS
from ..models import Case, Contact, FollowUp, Goal, Referral
from .common import locked_case, require_consent, require_service_for, text


def _not_future(value, field: str, label: str) -> date:
    if not isinstance(value, date):
        raise ValidationError({field: f"请填写{label}，如 2026-03-01"})
    if value > timezone.localdate():
        raise ValidationError({field: f"{label}不能晚于今天"})
    return value


def _tell_seeker(person: Person, *, title: str, url: str) -> None:
    for user in User.objects.filter(person=person, role=Role.SEEKER, is_active=True):
        notification_send(recipient=user, kind=NotificationKind.ASSISTANCE, title=title, url=url)


def help_request_set(*, user, asked: bool) -> bool:
    """The seeker asks for (or no longer wants) help: the SERVICE_ASSISTANCE consent."""
    if not is_seeker(user) or not user.person_id:
        raise PermissionDenied("只有求职者本人可以申请就业援助")
    if asked:
        consent_grant(person=user.person, scope=ConsentScope.SERVICE_ASSISTANCE)
    else:
        consent_withdraw(person=user.person, scope=ConsentScope.SERVICE_ASSISTANCE)
    return asked


@transaction.atomic
def case_open(*, by, person: Person, plan: str = "") -> Case:
    """Open a case for a seeker of the actor's region who consented; one open case per person."""
    person = Person.objects.select_for_update(of=("self",)).select_related("region").get(pk=person.pk)
    require_service_for(by, person)
    if not SeekerProfile.objects.filter(person=person).exists():
        raise ValidationError({"person": "该人员还没有求职资料，不能建立就业援助个案"})
    require_consent(person)
    if Case.objects.filter(person=person).exclude(status=CaseStatus.CLOSED).exists():
        raise ValidationError({"person": "该求职者已有未结案的就业援助个案"})
    case = Case(
        person=person,
        region=person.region,
        plan=text(plan, "plan", "援助计划", 2000, required=False),
        opened_by=by,
        opened_at=timezone.now(),
    )
    case.full_clean()
    case.save()
    _tell_seeker(person, title="就业服务专员已为您建立就业援助档案", url=reverse("frontend:my_assistance"))
    return case


@transaction.atomic
def case_plan_update(*, by, case: Case, plan: str) -> Case:
    case = locked_case(case, by)
    case.plan = text(plan, "plan", "援助计划", 2000)
    case.full_clean()
    case.save(update_fields=["plan"])
    return case


@transaction.atomic
def case_goal_add(*, by, case: Case, text_: str, target_date: date | None = None) -> Goal:
    case = locked_case(case, by)
    if target_date is not None and not isinstance(target_date, date):
        raise ValidationError({"target_date": "计划完成日期应写成 2026-03-01"})
    goal = Goal(case=case, text=text(text_, "text", "目标", 200), target_date=target_date)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def case_goal_done(*, by, case: Case, goal_id: int) -> Goal:
    case = locked_case(case, by)
    goal = Goal.objects.filter(case=case, pk=goal_id).first()
    if goal is None:
        raise ValidationError({"goal": "没有找到该目标"})
    goal.done_on = goal.done_on or timezone.localdate()
    goal.save(update_fields=["done_on"])
    return goal


@transaction.atomic
def case_contact_add(*, by, case: Case, kind: str, on: date, summary: str) -> Contact:
    case = locked_case(case, by)
    if kind not in ContactKind.values:
        raise ValidationError({"kind": "请选择联系方式"})
    contact = Contact(
        case=case,
        kind=kind,
        on=_not_future(on, "on", "联系日期"),
        summary=text(summary, "summary", "情况记录", 1000),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def case_referral_add(
    *,
    by,
    case: Case,
    kind: str,
    posting: JobPosting | None = None,
    course_name: str = "",
    provider: str = "",
    note: str = "",
) -> Referral:
    """Refer to an open posting (staff pick from the seeker's matches) or to a training course."""
    case = locked_case(case, by)
    if kind == ReferralKind.JOB:
        if posting is None or not JobPosting.objects.currently_open().filter(pk=posting.pk).exists():
            raise ValidationError({"posting": "请选择一个正在招聘的岗位"})
        course_name = provider = ""
    elif kind == ReferralKind.TRAINING:
        posting = None
        course_name = text(course_name, "course_name", "培训项目", 100)
        provider = text(provider, "provider", "培训机构", 120, required=False)
    else:
        raise ValidationError({"kind": "请选择推荐类型"})
    referral = Referral(
        case=case,
        kind=kind,
        posting=posting,
        course_name=course_name,
        provider=provider,
        note=text(note, "note", "说明", 200, required=False),
        created_by=by,
        created_at=timezone.now(),
    )
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def case_referral_update(*, by, case: Case, referral_id: int, status: str) -> Referral:
    case = locked_case(case, by)
    referral = Referral.objects.filter(case=case, pk=referral_id).first()
    if referral is None:
        raise ValidationError({"referral": "没有找到该推荐记录"})
    if status not in ReferralStatus.values:
        raise ValidationError({"status": "请选择推荐结果"})
    referral.status = status
    referral.save(update_fields=["status"])
    return referral


@transaction.atomic
def case_place(*, by, case: Case, placed_on: date, employer_name: str, job: str = "") -> Case:
    """Record the placement; the 稳岗回访 at 1, 3 and 6 months are counted from ``placed_on``."""
    case = locked_case(case, by)
    if case.status != CaseStatus.OPEN:
        raise ValidationError({"placed_on": "该个案已登记就业"})
    placed_on = _not_future(placed_on, "placed_on", "就业日期")
    if placed_on < timezone.localtime(case.opened_at).date():
        raise ValidationError({"placed_on": "就业日期不能早于建档日期"})
    case.placed_on = placed_on
    case.placed_employer = text(employer_name, "employer_name", "就业单位", 120)
    case.placed_job = text(job, "job", "岗位", 80, required=False)
    case.status = CaseStatus.PLACED
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def case_follow_up_record(
    *, by, case: Case, month: int, on: date, kind: str, still_employed: bool, note: str = ""
) -> FollowUp:
    case = locked_case(case, by)
    if case.status != CaseStatus.PLACED:
        raise ValidationError({"month": "登记就业后才能回访"})
    if month not in FOLLOW_UP_MONTHS:
        raise ValidationError({"month": "请选择第1、3或6个月的回访"})
    if FollowUp.objects.filter(case=case, month=month).exists():
        raise ValidationError({"month": f"第{month}个月的回访已经登记"})
    if kind not in ContactKind.values:
        raise ValidationError({"kind": "请选择回访方式"})
    on = _not_future(on, "on", "回访日期")
    if on < case.placed_on:
        raise ValidationError({"on": "回访日期不能早于就业日期"})
    follow_up = FollowUp(
        case=case,
        month=month,
        on=on,
        kind=kind,
        still_employed=bool(still_employed),
        note=text(note, "note", "情况", 500, required=False),
        recorded_by=by,
    )
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def case_close(*, by, case: Case, outcome: str, note: str = "") -> Case:
    case = locked_case(case, by)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "请选择结案结果"})
    if outcome in (Outcome.PLACED, Outcome.RETAINED) and case.status != CaseStatus.PLACED:
        raise ValidationError({"outcome": "结案结果为就业的，请先登记就业"})
    if outcome == Outcome.RETAINED and not case.follow_ups.filter(still_employed=True).exists():
        raise ValidationError({"outcome": "“稳定就业”须有一次回访确认仍在岗"})
    note = text(note, "note", "结案说明", 200, required=outcome == Outcome.OTHER)
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.outcome_note = note
    case.closed_at = timezone.now()
    case.closed_by = by
    case.full_clean()
    case.save()
    return case
