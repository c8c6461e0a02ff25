"""Reads of applications and real-name employment for other parts of the platform."""

from datetime import date, datetime

from django.db.models import Q

from backend.accounts.choices import AccessPurpose, ConsentScope, Role
from backend.accounts.models import Consent, Employer, User
from backend.accounts.selectors import person_disability
from backend.accounts.services import access_log_record

from ..core.models import DISABILITY_CATEGORIES
from ..models import Application, Employment


def employments_for_employer_year(employer: Employer, year: int):
    """Real-name employments (实名制就业) at ``employer`` active at some time in ``year``:
    started on or before 31 December and not ended before 1 January. The quota roster reads
    these to propose its disabled employees."""
    return (
        Employment.objects.filter(employer=employer, start_date__lte=date(year, 12, 31))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .select_related("person", "posting")
        .order_by("start_date", "id")
    )


def sharing_consents(person_ids) -> dict[int, datetime]:
    """person id → when their live disability_sharing consent was given (one query)."""
    return dict(
        Consent.objects.filter(
            person_id__in=list(person_ids), scope=ConsentScope.DISABILITY_SHARING, withdrawn_at__isnull=True
        ).values_list("person_id", "granted_at")
    )


def sharing_effective(application: Application, consent_granted_at: datetime | None) -> bool:
    """The seeker switched sharing on for this application, the sharing consent is live, and it
    was given no later than that choice (a consent withdrawn and given again afterwards does not
    reopen older applications)."""
    return bool(
        application.share_disability
        and consent_granted_at is not None
        and application.share_disability_at is not None
        and consent_granted_at <= application.share_disability_at
    )


def applicant_details(*, user: User, applications, request_id: str = "") -> dict[int, dict]:
    """What the employer sees of each applicant: name, phone and profile (applying shares them);
    disability details only where the seeker chose to share them with this application (see
    ``sharing_effective``). Each reveal is written to the access log. Other viewers get nothing
    here (a seeker knows their own details; auditors use the registry)."""
    if user.role not in (Role.EMPLOYER, Role.ADMIN):
        return {}
    applications = list(applications)
    granted = sharing_consents([a.seeker.person_id for a in applications])
    out = {}
    for application in applications:
        profile, person = application.seeker, application.seeker.person
        shared = sharing_effective(application, granted.get(person.pk))
        disability, needs = None, []
        if shared:
            info = person_disability(person)
            if info.get("category"):
                disability = {
                    "category": info["category"],
                    "category_label": DISABILITY_CATEGORIES.get(info["category"], ""),
                    "grade": info.get("grade"),
                }
            needs = list(profile.needs)
            access_log_record(
                actor=user,
                person=person,
                field="disability",
                purpose=AccessPurpose.RECRUITMENT,
                reason=f"求职申请 {application.pk}（本人已同意展示）",
                request_id=request_id,
            )
        out[application.pk] = {
            "name": person.name,
            "phone": person.phone,
            "desired": profile.desired,
            "skills": list(profile.skills),
            "experience": profile.experience,
            "education": profile.education,
            "disability_shared": shared,
            "disability": disability,
            "needs": needs,
        }
    return out
