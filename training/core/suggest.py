"""Training for gaps (issue 13, plan: 职业技能培训): a job the seeker nearly fits lists the skills
they still lack; this picks the open courses that teach them.

Pure: plain dataclasses and dates in, a tuple out; "today" is an argument (style.md §2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from matching.core.skills import with_implied

# Only a job the seeker is already close to earns a course suggestion. The matcher's score is a
# weighted sum in [0, 1] (wish, skills, region, hours, pay, support); at 0.5 and above the job
# already fits on most of these, so the skill gap is what stands between the seeker and the job.
# Below it the job is a weak match for other reasons too, and sending someone on a 100-hour
# course for it would promise more than the course can deliver.
WELL_MATCHED = 0.5
# A card names at most this many courses: the point is one clear next step, not a catalogue.
MAX_COURSES = 2


@dataclass(frozen=True)
class CourseDoc:
    """One published course as the suggestion needs it. ``skills``: canonical skill names (the
    matcher's vocabulary); ``region_path``: the course region's path ("32/3205/320585/");
    ``enrol_until``: the last day one can still sign up (报名截止, else the first day)."""

    id: int
    name: str
    skills: tuple[str, ...]
    region_path: str
    starts_on: date
    enrol_until: date


@dataclass(frozen=True)
class CourseSuggestion:
    """A course and the job's gaps it closes (in the order the job lists them); ``local``: the
    course is held in (or for the whole of) one of the seeker's regions."""

    course_id: int
    closes: tuple[str, ...]
    local: bool


def is_local(course_path: str, seeker_paths: Iterable[str]) -> bool:
    """A city-wide course is local to every town in the city; a town's course to that town (and
    to a seeker who named the whole city)."""
    return any(p.startswith(course_path) or course_path.startswith(p) for p in seeker_paths if p)


def courses_for_gaps(
    *,
    score: float,
    missing_skills: Sequence[str],
    courses: Iterable[CourseDoc],
    today: date,
    seeker_region_paths: Iterable[str] = (),
    limit: int = MAX_COURSES,
) -> tuple[CourseSuggestion, ...]:
    """The open courses that together close the most of a well-matched job's skill gaps.

    Greedy cover: first the course that closes the most gaps, then the one that closes most of
    what is left, and so on; a course that closes nothing new is not listed. Ties go to a course
    in the seeker's region, then to the one that starts soonest, then the lower id (stable).
    Nothing for a job below :data:`WELL_MATCHED` or with no gaps; a course whose enrolment has
    closed (``enrol_until`` before ``today``) is never suggested. A course teaching a specialised
    skill also closes the general one it implies (在线客服 → 客服), as the matcher counts it.
    """
    if score < WELL_MATCHED or not missing_skills or limit < 1:
        return ()
    order = {skill: n for n, skill in enumerate(dict.fromkeys(missing_skills))}
    paths = tuple(seeker_region_paths)
    open_courses = [
        (c, set(with_implied(c.skills)) & order.keys(), is_local(c.region_path, paths))
        for c in courses
        if c.enrol_until >= today
    ]
    remaining = set(order)
    out: list[CourseSuggestion] = []
    while remaining and len(out) < limit:
        best = None
        for course, teaches, local in open_courses:
            closes = teaches & remaining
            if not closes:
                continue
            key = (len(closes), local, -course.starts_on.toordinal(), -course.id)
            if best is None or key > best[0]:
                best = (key, course, closes, local)
        if best is None:
            break
        _, course, closes, local = best
        out.append(CourseSuggestion(course.id, tuple(sorted(closes, key=order.__getitem__)), local))
        remaining -= closes
    return tuple(out)
