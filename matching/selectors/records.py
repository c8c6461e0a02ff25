"""Reads of applications and real-name employment for other parts of the platform."""

from datetime import date

from django.db.models import Q

from backend.accounts.choices import AccessPurpose, ConsentScope, Role
from backend.accounts.models import Consent, Employer, User
from backend.accounts.selectors import person_disability
from backend.accounts.services import access_log_record

from ..core.models import DISABILITY_CATEGORIES
from ..models import Employment


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


def applicant_details(*, user: User, applications, request_id: str = "") -> dict[int, dict]:
    """What the employer sees of each applicant: name, phone and profile (applying shares them);
    disability details only where the seeker chose to share them with this application and the
    sharing consent is still live. Each reveal is written to the access log. Other viewers get
    nothing here (a seeker knows their own details; auditors use the registry)."""
    if user.role not in (Role.EMPLOYER, Role.ADMIN):
        return {}
    applications = list(applications)
    person_ids = [a.seeker.person_id for a in applications]
    sharing = set(
        Consent.objects.filter(
            person_id__in=person_ids, scope=ConsentScope.DISABILITY_SHARING, withdrawn_at__isnull=True
        ).values_list("person_id", flat=True)
    )
    out = {}
    for application in applications:
        profile, person = application.seeker, application.seeker.person
        shared = application.share_disability and person.pk in sharing
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
