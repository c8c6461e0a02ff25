"""Suggestions in both directions: jobs for the signed-in seeker, candidates for a posting.

Disability information works only on the seeker's side: their own suggested jobs use category,
grade and needs (with the disability_matching consent) to leave out and explain unsuitable
jobs. Candidate lists for employers never show it and never depend on it — the employer-side
index holds none (``docs.candidate_doc``), so no comparison of two postings' lists can reveal
who is deaf or blind. An employer sees category and grade only of someone who applied to them
and switched sharing on for that application (``records.applicant_details``), as the consent
text and the help page promise (个人信息保护法 第二十八至三十条).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import Role
from backend.accounts.models import User
from backend.accounts.permissions import is_admin, is_staff_of

from ..choices import ApplicationStatus
from ..core.recommend import Explanation
from ..docs import RegionLabels, matching_consents, posting_doc, profile_doc
from ..filtersets import JobPostingFilterSet
from ..models import Application, JobPosting, MatchFeedback, SeekerProfile
from ..services.index import matcher_state, state_lock

MAX_K = 50
# Ask the matcher for a few more than needed: a posting can be past its closing date
# (closed by the nightly task) or change between the ranking and the database read.
EXTRA = 10


@dataclass(frozen=True)
class JobMatch:
    posting: JobPosting
    score: float
    components: dict
    explanation: Explanation


@dataclass(frozen=True)
class CandidateMatch:
    """A suggested seeker as an employer may see them: wishes and skills, no disability."""

    profile: SeekerProfile
    display_name: str
    score: float
    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    reasons: tuple[str, ...]
    region_names: tuple[str, ...]


def _check_k(k: int) -> int:
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise ValidationError({"k": f"数量应为1至{MAX_K}"})
    return k


def seeker_profile_for(user: User) -> SeekerProfile | None:
    if not user.is_authenticated or user.role != Role.SEEKER or not user.person_id:
        raise PermissionDenied("只有求职者可以查看为自己推荐的岗位")
    return SeekerProfile.objects.select_related("person").filter(person_id=user.person_id).first()


def _filtered_ids(filters) -> set[int] | None:
    """Ids passing the filters (None: no filter given, everything passes). ``filters``: a
    QueryDict or dict of JobPostingFilterSet parameters; other keys are ignored."""
    if not filters or not set(filters) & set(JobPostingFilterSet.base_filters):
        return None
    filterset = JobPostingFilterSet(filters, queryset=JobPosting.objects.currently_open())
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return set(filterset.qs.values_list("id", flat=True))


def match_jobs_for_seeker(
    *, user: User, filters: dict | None = None, k: int = 10, within: set[int] | None = None
) -> list[JobMatch]:
    """The best open postings for the signed-in seeker, with reasons.

    Dismissed postings are hidden and their reasons lower similar ones; postings already
    applied to are left out; ``filters`` are JobPostingFilterSet parameters; ``within``, when
    given, limits the ranking to those posting ids (a job fair's booths).
    """
    profile = seeker_profile_for(user)
    return match_jobs_for_profile(profile=profile, filters=filters, k=k, within=within)


def match_jobs_for_profile(
    *,
    profile: SeekerProfile | None,
    filters: dict | None = None,
    k: int = 10,
    within: set[int] | None = None,
) -> list[JobMatch]:
    """The same suggestions for a given profile: the seeker's own list, and the list a
    就业服务专员 works from for a seeker of a case (assistance.selectors decides who may)."""
    k = _check_k(k)
    passing = _filtered_ids(filters)  # validated even when there is nothing to rank
    if within is not None:
        passing = set(within) if passing is None else passing & set(within)
    if profile is None:
        return []
    regions = RegionLabels()
    allowed = profile.person_id in matching_consents([profile.person_id])
    seeker = profile_doc(profile, regions, disability_allowed=allowed)
    feedback_rows = list(MatchFeedback.objects.filter(seeker=profile).select_related("posting"))
    feedback = [(posting_doc(f.posting, regions), f.reason) for f in feedback_rows]
    applied = Application.objects.filter(seeker=profile).exclude(status=ApplicationStatus.WITHDRAWN)
    exclude = {str(pk) for pk in applied.values_list("posting_id", flat=True)}
    state = matcher_state()
    with state_lock():
        if passing is not None:
            exclude.update(i for i in state.jobs.ids if int(i) not in passing)
        suggestions = state.jobs.top_jobs_for_seeker(
            seeker, k + EXTRA, exclude_ids=exclude, feedback=feedback, cut_irrelevant=True
        )
    postings = (
        JobPosting.objects.currently_open()
        .select_related("employer", "region")
        .in_bulk([int(s.job_id) for s in suggestions])
    )
    out = []
    for s in suggestions:
        posting = postings.get(int(s.job_id))
        if posting is not None:
            out.append(
                JobMatch(posting=posting, score=s.score, components=s.components, explanation=s.explanation)
            )
    return out[:k]


def display_name(name: str) -> str:
    """ "王小明" → "王**": enough to tell candidates apart, not to identify them."""
    return (name[:1] + "*" * max(1, len(name) - 1)) if name else "求职者"


def _public_reasons(explanation: Explanation, occupation_matches: bool) -> tuple[str, ...]:
    """Reasons that say nothing about the seeker's disability (no needs, no fit notes)."""
    out = []
    if explanation.occupation and occupation_matches:
        out.append(f"求职意向与「{explanation.occupation}」相符")
    if explanation.matched_skills:
        out.append(f"求职者会 {'、'.join(explanation.matched_skills)}，正是岗位需要的")
    if explanation.missing_skills:
        out.append(f"还缺少：{'、'.join(explanation.missing_skills)}")
    if explanation.region_note:
        out.append(explanation.region_note)
    return tuple(out)


def match_candidates_for_posting(
    *, user: User, posting: JobPosting, k: int = 10, request_id: str = ""
) -> list[CandidateMatch]:
    """Seekers suggested for one of the user's own postings, ranked on what they stated (wishes,
    skills, region, hours, pay, education) — never on their disability (see the module note).

    ``request_id`` is accepted for the callers' sake; nothing sensitive is read, so nothing is
    logged.
    """
    k = _check_k(k)
    if not (is_admin(user) or is_staff_of(user, posting.employer_id)):
        raise PermissionDenied("只有招聘单位可以查看推荐人选")
    regions = RegionLabels()
    job = posting_doc(posting, regions)
    applied = {
        str(pk) for pk in Application.objects.filter(posting=posting).values_list("seeker_id", flat=True)
    }
    state = matcher_state()
    with state_lock():
        suggestions = state.seekers.top_seekers_for_job(job, k + EXTRA, exclude_ids=applied)
    profiles = (
        SeekerProfile.objects.filter(visible_to_employers=True)
        .select_related("person")
        .in_bulk([int(s.seeker_id) for s in suggestions])
    )
    suggestions = [s for s in suggestions if int(s.seeker_id) in profiles][:k]
    out = []
    for s in suggestions:
        profile = profiles[int(s.seeker_id)]
        e = s.explanation
        out.append(
            CandidateMatch(
                profile=profile,
                display_name=display_name(profile.person.name),
                score=s.score,
                matched_skills=e.matched_skills,
                missing_skills=e.missing_skills,
                # The index holds no disability, but keep to the reasons that cannot name one
                # even if a future change lets a note through.
                reasons=_public_reasons(e, s.components.get("occupation", 0) >= 0.75),
                region_names=tuple(regions.name_by_code.get(c, c) for c in profile.regions),
            )
        )
    return out
