"""Reads of 就业援助: the service staff's seekers, cases with their follow-ups, matches.

Service staff reach persons only through this module and the scoped case querysets — never
through ``Person.objects.visible_to`` (the registry is not theirs to browse).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from backend.accounts.choices import AccessPurpose, ConsentScope
from backend.accounts.models import Consent, Person
from backend.accounts.permissions import is_service_staff
from backend.accounts.scoping import region_scope_q
from backend.accounts.services import access_log_record
from indicators.models import TrainingRecord
from matching.models import Employment, SeekerProfile
from matching.reference import accommodation_choices, demand_choices
from matching.selectors.matching import JobMatch, match_jobs_for_profile

from .choices import CaseStatus, SeekerReason
from .core.assessment import ABILITY_LEVELS
from .core.followups import DUE, OVERDUE, FollowUpSlot, follow_up_schedule
from .core.working_age import of_working_age
from .models import Assessment, Case


@dataclass(frozen=True)
class SeekerRow:
    person: Person
    reasons: tuple[str, ...]  # SeekerReason values
    consented: bool
    open_case: Case | None

    @property
    def reason_labels(self) -> str:
        return "；".join(SeekerReason(r).label for r in self.reasons)


def _employed_ids(person_ids, today: date) -> set[int]:
    current = Employment.objects.filter(person_id__in=person_ids, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    return set(current.values_list("person_id", flat=True))


def service_seekers(*, user, today: date | None = None, reason: str = "") -> list[SeekerRow]:
    """The seekers (persons with a profile) of the staff member's regions who asked for help or
    whom the 实名制 records show as not employed while of working age (issue 15)."""
    if not is_service_staff(user):
        return []
    today = today or timezone.localdate()
    persons = list(
        Person.objects.filter(region_scope_q(user, "region__path"))
        .filter(pk__in=SeekerProfile.objects.values("person_id"))
        .select_related("region")
        .order_by("region__code", "name", "pk")
    )
    ids = [p.pk for p in persons]
    asked = set(
        Consent.objects.filter(
            person_id__in=ids, scope=ConsentScope.SERVICE_ASSISTANCE, withdrawn_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    employed = _employed_ids(ids, today)
    open_cases = {
        c.person_id: c for c in Case.objects.filter(person_id__in=ids).exclude(status=CaseStatus.CLOSED)
    }
    rows = []
    for person in persons:
        reasons = []
        if person.pk in asked:
            reasons.append(SeekerReason.ASKED)
        if person.pk not in employed and of_working_age(person.birth_date, person.sex, on=today):
            reasons.append(SeekerReason.NOT_EMPLOYED)
        if not reasons or (reason and reason not in reasons):
            continue
        rows.append(SeekerRow(person, tuple(reasons), person.pk in asked, open_cases.get(person.pk)))
    return rows


def service_seeker(*, user, person_id: int) -> SeekerRow | None:
    """One seeker of :func:`service_seekers` (None: not one of the staff member's seekers)."""
    return next((row for row in service_seekers(user=user) if row.person.pk == person_id), None)


def cases_for(user):
    return Case.objects.visible_to(user).select_related("person", "region", "opened_by")


def case_follow_ups(case: Case, *, today: date | None = None) -> list[FollowUpSlot]:
    if case.placed_on is None:
        return []
    done = [f.month for f in case.follow_ups.all()]
    return follow_up_schedule(case.placed_on, done=done, today=today or timezone.localdate())


def cases_with_due_follow_ups(cases, *, today: date | None = None) -> list[tuple[Case, FollowUpSlot]]:
    """Placed cases whose next follow-up is due or overdue, oldest first."""
    today = today or timezone.localdate()
    out = []
    for case in cases.filter(status=CaseStatus.PLACED).prefetch_related("follow_ups"):
        for slot in case_follow_ups(case, today=today):
            if slot.state in (DUE, OVERDUE):
                out.append((case, slot))
                break
    return sorted(out, key=lambda pair: pair[1].due_on)


def case_matches(*, case: Case, by, k: int = 10, request_id: str = "") -> list[JobMatch]:
    """The seeker's own job suggestions, for the staff member serving the case. They may rest on
    the seeker's disability (with the matching consent), so the read is logged as casework."""
    profile = SeekerProfile.objects.select_related("person").filter(person=case.person).first()
    if profile is None:
        return []
    access_log_record(
        actor=by,
        person=case.person,
        field="job_matches",
        purpose=AccessPurpose.CASEWORK,
        reason=f"就业援助个案{case.pk}：推荐岗位",
        request_id=request_id,
    )
    return match_jobs_for_profile(profile=profile, k=k)


def case_training(case: Case):
    """The seeker's training records (indicators), shown on the case: what they already did."""
    return TrainingRecord.objects.filter(person=case.person).order_by("-end_date")


def assessments_for(user):
    return Assessment.objects.visible_to(user).select_related("person", "assessed_by", "case")


@dataclass(frozen=True)
class AbilityRow:
    label: str
    level: int
    level_label: str


def assessment_abilities(assessment: Assessment) -> list[AbilityRow]:
    labels = demand_choices()
    return [
        AbilityRow(labels.get(code, code), level, ABILITY_LEVELS.get(level, str(level)))
        for code, level in assessment.abilities.items()
    ]


def assessment_needs(assessment: Assessment) -> list[str]:
    labels = accommodation_choices()
    return [labels.get(code, code) for code in assessment.needs]
