"""Reads of the course catalogue and the suggestions of courses for a seeker's skill gaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from backend.accounts.models import Region, User
from backend.accounts.permissions import is_admin, is_service_staff
from backend.accounts.scoping import region_scope_q
from indicators.models import TrainingRecord
from matching.selectors.matching import seeker_profile_for

from .core import CourseDoc, courses_for_gaps
from .models import TrainingCourse


@dataclass(frozen=True)
class CourseOffer:
    """A course suggested for a job and the job's gaps it closes."""

    course: TrainingCourse
    closes: tuple[str, ...]
    local: bool


@dataclass(frozen=True)
class CourseForMe:
    """A course suggested on /me/training/: the gaps it closes over all my well-matched jobs,
    and those jobs' titles."""

    course: TrainingCourse
    closes: tuple[str, ...]
    jobs: tuple[str, ...]


def course_list(user: User):
    """Courses the user may read: published ones, and drafts of the staff's own regions."""
    return TrainingCourse.objects.visible_to(user).select_related("region")


def courses_kept_by(user: User):
    """Courses the user may keep (edit, publish, delete), drafts included: an administrator all,
    a 就业服务专员 those of their regions (the rows ``may_manage_courses`` allows)."""
    if is_admin(user):
        rows = TrainingCourse.objects.all()
    elif is_service_staff(user):
        rows = TrainingCourse.objects.filter(region_scope_q(user, "region__path"))
    else:
        rows = TrainingCourse.objects.none()
    return rows.select_related("region").order_by("published", "starts_on", "id")


def _doc(course: TrainingCourse) -> CourseDoc:
    return CourseDoc(
        id=course.pk,
        name=course.name,
        skills=tuple(course.skills),
        region_path=course.region.path,
        starts_on=course.starts_on,
        enrol_until=course.enrol_until,
    )


def _seeker_region_paths(profile) -> tuple[str, ...]:
    """The seeker's home region and the regions they want to work in."""
    if profile is None:
        return ()
    codes = set(profile.regions or [])
    person = profile.person
    paths = {person.region.path} if getattr(person, "region_id", None) else set()
    paths.update(Region.objects.filter(code__in=codes).values_list("path", flat=True))
    return tuple(sorted(paths))


def course_offers_for_matches(*, matches, profile, today: date | None = None) -> dict[int, list[CourseOffer]]:
    """posting id → the open courses that close its skill gaps (well-matched jobs only; the rule
    is ``training.core.courses_for_gaps``). One query for the courses, one for the regions."""
    if not matches:
        return {}
    today = today or timezone.localdate()
    courses = {c.pk: c for c in TrainingCourse.objects.open_on(today).select_related("region")}
    if not courses:
        return {}
    docs = [_doc(c) for c in courses.values()]
    paths = _seeker_region_paths(profile)
    out: dict[int, list[CourseOffer]] = {}
    for match in matches:
        picked = courses_for_gaps(
            score=match.score,
            missing_skills=match.explanation.missing_skills,
            courses=docs,
            today=today,
            seeker_region_paths=paths,
        )
        if picked:
            out[match.posting.pk] = [CourseOffer(courses[p.course_id], p.closes, p.local) for p in picked]
    return out


def courses_for_my_gaps(*, user: User, matches, today: date | None = None) -> list[CourseForMe]:
    """/me/training/: each suggested course once, with every gap it closes across the seeker's
    well-matched jobs and those jobs' titles; most gaps first."""
    offers = course_offers_for_matches(matches=matches, profile=seeker_profile_for(user), today=today)
    titles = {m.posting.pk: m.posting.title for m in matches}
    merged: dict[int, tuple[TrainingCourse, dict, dict]] = {}
    for posting_id, items in offers.items():
        for offer in items:
            course, closes, jobs = merged.setdefault(offer.course.pk, (offer.course, {}, {}))
            closes.update(dict.fromkeys(offer.closes))
            jobs.setdefault(titles[posting_id], None)
    rows = [CourseForMe(c, tuple(closes), tuple(jobs)) for c, closes, jobs in merged.values()]
    return sorted(rows, key=lambda r: (-len(r.closes), r.course.starts_on, r.course.pk))


def training_records_of(user: User):
    """The user's own training records (a seeker: their person's; PIPL Art. 45). Employers read
    none (TrainingRecord's scoped queryset)."""
    rows = TrainingRecord.objects.visible_to(user).filter(person_id=user.person_id)
    return rows.select_related("region").order_by("-end_date", "-id")
