"""Reads of the job-fair app, scoped to the reader; the seeker's route through the matcher."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet

from backend.accounts.models import User
from backend.accounts.permissions import is_seeker, is_staff_of, may_organise_fair
from matching.models import JobPosting
from matching.selectors.matching import MAX_K, JobMatch, match_jobs_for_seeker

from .choices import FairFormat, FairStatus
from .models import Booth, FairRegistration, FairResult, JobFair


def fair_list(*, user) -> QuerySet[JobFair]:
    """Published fairs for everyone; drafts and cancelled ones too for their organisers."""
    active = Q(booths__withdrawn_at__isnull=True)
    return (
        JobFair.objects.visible_to(user)
        .select_related("region")
        .annotate(booth_count=Count("booths", filter=active, distinct=True))
    )


def booth_list(*, user, fair: JobFair | None = None) -> QuerySet[Booth]:
    booths = Booth.objects.visible_to(user).select_related("employer", "fair")
    if fair is not None:
        booths = booths.filter(fair=fair)
    return booths.prefetch_related(Prefetch("postings", queryset=JobPosting.objects.order_by("id")))


def active_booths(fair: JobFair) -> QuerySet[Booth]:
    """The booths standing at a published fair (public facts: employer names and postings)."""
    return (
        Booth.objects.filter(fair=fair, withdrawn_at__isnull=True)
        .select_related("employer")
        .prefetch_related(Prefetch("postings", queryset=JobPosting.objects.order_by("id")))
    )


def registration_list(*, user) -> QuerySet[FairRegistration]:
    return FairRegistration.objects.visible_to(user).select_related("fair", "person")


def result_list(*, user) -> QuerySet[FairResult]:
    return FairResult.objects.visible_to(user).select_related(
        "fair", "booth__employer", "person", "employment"
    )


def own_registration(*, user, fair: JobFair) -> FairRegistration | None:
    if not is_seeker(user) or not user.person_id:
        return None
    return FairRegistration.objects.filter(fair=fair, person_id=user.person_id).first()


def own_booth(*, user, fair: JobFair) -> Booth | None:
    """The active booth of one of the user's employers at this fair."""
    for booth in Booth.objects.filter(fair=fair, withdrawn_at__isnull=True).select_related("employer"):
        if is_staff_of(user, booth.employer_id):
            return booth
    return None


def may_organise(user, fair: JobFair) -> bool:
    return may_organise_fair(user, fair.region)


@dataclass(frozen=True)
class RouteStop:
    """One booth on the seeker's route, with the matched postings there and why."""

    order: int
    booth: Booth
    matches: tuple[JobMatch, ...]

    @property
    def best(self) -> float:
        return max(m.score for m in self.matches)


def fair_route(*, user: User, fair: JobFair) -> list[RouteStop]:
    """The booths worth visiting for a registered seeker: the matcher ranks the fair's postings
    (and only those) for the seeker, each posting's booth becomes a stop. On site the stops are
    walked in booth-number order, so the seeker crosses the hall once; online, best match first.
    """
    if not is_seeker(user):
        raise PermissionDenied("只有求职者可以查看自己的招聘会路线")
    if own_registration(user=user, fair=fair) is None:
        raise ValidationError({"fair": "请先报名这场招聘会，再查看为您推荐的展位路线"})
    booths = list(active_booths(fair))
    booth_by_posting = {p.pk: b for b in booths for p in b.postings.all()}
    if not booth_by_posting:
        return []
    k = min(MAX_K, len(booth_by_posting))
    matches = match_jobs_for_seeker(user=user, k=k, within=set(booth_by_posting))
    by_booth: dict[int, list[JobMatch]] = {}
    for match in matches:
        booth = booth_by_posting.get(match.posting.pk)
        if booth is not None:
            by_booth.setdefault(booth.pk, []).append(match)
    stops = [(b, tuple(by_booth[b.pk])) for b in booths if b.pk in by_booth]
    if fair.format == FairFormat.ONLINE:
        stops.sort(key=lambda s: (-max(m.score for m in s[1]), s[0].number))
    else:
        stops.sort(key=lambda s: s[0].number)
    return [RouteStop(order=i, booth=b, matches=m) for i, (b, m) in enumerate(stops, start=1)]


def fair_is_public(fair: JobFair) -> bool:
    return fair.status == FairStatus.PUBLISHED
