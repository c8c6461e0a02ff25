"""一站式 职业能力测评: staff fill it with the seeker; the seeker confirms, and only then do the
results change the seeker's profile (through ``profile_update``, so the matcher's index hears of
it like of any profile edit)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Person
from backend.accounts.permissions import owns_person
from matching.choices import EmploymentForm, Hours
from matching.reference import accommodation_choices, demand_choices
from matching.services import profile_get_or_create, profile_update
from matching.validation import clean_text_list

from ..choices import AssessmentStatus, CaseStatus, Readiness
from ..core.assessment import ABILITY_LEVELS, profile_changes
from ..models import Assessment, Case
from .cases import _not_future, _tell_seeker
from .common import require_consent, require_service_for, text


def _abilities(values) -> dict[str, int]:
    demands = demand_choices()
    if not isinstance(values, dict) or not values:
        raise ValidationError({"abilities": "请至少评定一项能力"})
    out = {}
    for demand, level in values.items():
        if demand not in demands:
            raise ValidationError({"abilities": f"没有这项能力：{demand}"})
        if isinstance(level, bool) or not isinstance(level, int) or level not in ABILITY_LEVELS:
            raise ValidationError({"abilities": f"“{demands[demand]}”的评定应为1至4"})
        out[demand] = level
    return out


def _codes(values, field: str, label: str, allowed) -> list[str]:
    if not isinstance(values, list | tuple) or any(not isinstance(v, str) for v in values):
        raise ValidationError({field: f"{label}应为一组选项"})
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValidationError({field: f"{label}中没有这些选项：{'、'.join(unknown)}"})
    return list(dict.fromkeys(values))


@transaction.atomic
def assessment_create(
    *,
    by,
    person: Person,
    assessed_on: date,
    abilities: dict,
    readiness: str,
    skills=(),
    desired: str = "",
    hours=(),
    employment_forms=(),
    needs=(),
    advice: str = "",
    case: Case | None = None,
) -> Assessment:
    """Record an assessment made with the seeker; it waits for the seeker's confirmation."""
    require_service_for(by, person)
    require_consent(person)
    if case is not None and (case.person_id != person.pk or case.status == CaseStatus.CLOSED):
        raise ValidationError({"case": "测评只能记入该求职者未结案的个案"})
    if readiness not in Readiness.values:
        raise ValidationError({"readiness": "请选择就业准备程度"})
    assessment = Assessment(
        person=person,
        case=case,
        region=person.region,
        assessed_on=_not_future(assessed_on, "assessed_on", "测评日期"),
        assessed_by=by,
        abilities=_abilities(abilities),
        skills=clean_text_list(skills, field="skills", label="技能"),
        desired=text(desired, "desired", "适合的工作方向", 200, required=False),
        hours=_codes(hours, "hours", "工作时间", Hours.values),
        employment_forms=_codes(employment_forms, "employment_forms", "就业形式", EmploymentForm.values),
        needs=_codes(needs, "needs", "需要的支持", accommodation_choices()),
        readiness=readiness,
        advice=text(advice, "advice", "职业规划建议", 2000, required=False),
    )
    assessment.full_clean()
    assessment.save()
    _tell_seeker(
        person,
        title="请查看并确认您的职业能力测评结果",
        url=reverse("frontend:my_assessment", args=[assessment.pk]),
    )
    return assessment


@transaction.atomic
def assessment_answer(*, user, assessment: Assessment, confirm: bool) -> Assessment:
    """The seeker confirms (the results go into their profile) or declines (nothing changes)."""
    assessment = (
        Assessment.objects.select_for_update(of=("self",)).select_related("person").get(pk=assessment.pk)
    )
    if not owns_person(user, assessment.person):
        raise PermissionDenied("只有求职者本人可以确认测评结果")
    if assessment.status != AssessmentStatus.AWAITING:
        raise ValidationError({"confirm": "该测评已经答复过"})
    if confirm:
        profile = profile_get_or_create(person=assessment.person)
        changes = profile_changes(
            abilities=assessment.abilities,
            skills=assessment.skills,
            needs=assessment.needs,
            desired=assessment.desired,
            hours=assessment.hours,
            employment_forms=assessment.employment_forms,
            current={"skills": profile.skills, "needs": profile.needs, "can_do": profile.can_do},
        )
        profile_update(person=assessment.person, **changes)
    assessment.status = AssessmentStatus.CONFIRMED if confirm else AssessmentStatus.DECLINED
    assessment.answered_at = timezone.now()
    assessment.save(update_fields=["status", "answered_at"])
    return assessment
