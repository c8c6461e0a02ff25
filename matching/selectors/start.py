"""The job-seeker's start page (我的求职首页): what to do next, in one read."""

from dataclasses import dataclass

from backend.accounts.choices import ConsentScope
from backend.accounts.selectors import person_active_consents

from ..choices import ApplicationStatus
from ..core.completeness import Completeness, ProfileFacts, profile_completeness
from ..models import Application, MatchFeedback, SavedSearch, SeekerProfile
from .matching import JobMatch, match_jobs_for_seeker

# Applications where the next move is the seeker's: an invitation to answer, an offer to accept.
NEEDS_ACTION = (ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER)
SUGGESTIONS = 3


@dataclass(frozen=True)
class StartPage:
    has_profile: bool
    completeness: Completeness
    suggestions: list[JobMatch]
    needs_action: list[Application]
    open_applications: int
    saved_searches: int
    dismissed: int


def profile_facts(profile: SeekerProfile | None, consents: set[str]) -> ProfileFacts | None:
    """The saved profile as the pure completeness check's input."""
    if profile is None:
        return None
    return ProfileFacts(
        desired=profile.desired,
        skills=tuple(profile.skills),
        experience=profile.experience,
        education=profile.education,
        regions=tuple(profile.regions),
        employment_forms=tuple(profile.employment_forms),
        hours=tuple(profile.hours),
        expected_pay=profile.expected_pay,
        needs=tuple(profile.needs),
        matching_consent=ConsentScope.DISABILITY_MATCHING in consents,
    )


def seeker_start(*, user) -> StartPage:
    """Profile completeness, the best few suggestions, applications waiting for the seeker, and
    the counts behind the page's other links."""
    person = user.person
    profile = SeekerProfile.objects.filter(person=person).first()
    facts = profile_facts(profile, person_active_consents(person))
    applications = Application.objects.visible_to(user).select_related("posting__employer")
    return StartPage(
        has_profile=profile is not None,
        completeness=profile_completeness(facts),
        suggestions=match_jobs_for_seeker(user=user, k=SUGGESTIONS) if profile else [],
        needs_action=list(applications.filter(status__in=NEEDS_ACTION)),
        open_applications=applications.exclude(
            status__in=[ApplicationStatus.HIRED, ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN]
        ).count(),
        saved_searches=SavedSearch.objects.visible_to(user).filter(active=True).count(),
        dismissed=MatchFeedback.objects.visible_to(user).count(),
    )
