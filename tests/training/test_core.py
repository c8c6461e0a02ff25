"""training.core.courses_for_gaps: which open courses close a well-matched job's skill gaps."""

from datetime import date

from training.core import WELL_MATCHED, CourseDoc, courses_for_gaps

TODAY = date(2026, 5, 10)
CITY = "32/3205/320585/"
CHENGXIANG = "32/3205/320585/320585100/"
SHAXI = "32/3205/320585/320585101/"


def course(id, skills, *, region=CITY, starts=date(2026, 6, 1), enrol_until=None):
    return CourseDoc(
        id=id,
        name=f"课程{id}",
        skills=tuple(skills),
        region_path=region,
        starts_on=starts,
        enrol_until=enrol_until or starts,
    )


def pick(courses, missing=("在线客服", "Excel", "打字"), score=0.7, paths=(CHENGXIANG,), **kw):
    out = courses_for_gaps(
        score=score, missing_skills=missing, courses=courses, today=TODAY, seeker_region_paths=paths, **kw
    )
    return [(s.course_id, s.closes) for s in out]


def test_the_course_closing_most_gaps_comes_first_and_lists_which_it_closes_in_the_jobs_order():
    courses = [course(1, ["Excel"]), course(2, ["打字", "在线客服", "普通话"]), course(3, ["CAD"])]
    assert pick(courses) == [(2, ("在线客服", "打字")), (1, ("Excel",))]


def test_a_second_course_must_close_something_the_first_did_not():
    courses = [course(1, ["在线客服", "打字", "Excel"]), course(2, ["打字"])]
    assert pick(courses) == [(1, ("在线客服", "Excel", "打字"))]


def test_nothing_for_a_job_below_the_well_matched_threshold():
    courses = [course(1, ["Excel"])]
    assert pick(courses, score=WELL_MATCHED - 0.01) == []
    assert pick(courses, score=WELL_MATCHED) == [(1, ("Excel",))]


def test_nothing_when_the_job_has_no_gaps_or_no_course_teaches_them():
    assert pick([course(1, ["Excel"])], missing=()) == []
    assert pick([course(1, ["CAD"])]) == []


def test_a_course_whose_enrolment_closed_is_never_suggested():
    closed = course(1, ["在线客服", "Excel", "打字"], enrol_until=date(2026, 5, 9))
    last_day = course(2, ["Excel"], enrol_until=TODAY)
    assert pick([closed, last_day]) == [(2, ("Excel",))]


def test_on_equal_gaps_the_seekers_region_comes_first_then_the_sooner_start():
    elsewhere = course(1, ["Excel"], region=SHAXI, starts=date(2026, 5, 20))
    town = course(2, ["Excel"], region=CHENGXIANG, starts=date(2026, 7, 1))
    city_later = course(3, ["Excel"], region=CITY, starts=date(2026, 8, 1))
    assert pick([elsewhere, town, city_later], missing=("Excel",)) == [(2, ("Excel",))]
    assert pick([elsewhere, city_later], missing=("Excel",)) == [(3, ("Excel",))]  # city-wide is local
    assert pick([elsewhere], missing=("Excel",), paths=()) == [(1, ("Excel",))]
    sooner = course(4, ["Excel"], region=CHENGXIANG, starts=date(2026, 6, 1))
    out = courses_for_gaps(
        score=0.8,
        missing_skills=("Excel",),
        courses=[town, sooner],
        today=TODAY,
        seeker_region_paths=[CHENGXIANG],
    )
    assert [(s.course_id, s.local) for s in out] == [(4, True)]


def test_more_gaps_beat_the_region():
    near = course(1, ["Excel"], region=CHENGXIANG)
    far = course(2, ["Excel", "打字"], region=SHAXI)
    assert pick([near, far], missing=("Excel", "打字")) == [(2, ("Excel", "打字"))]


def test_a_specialised_course_closes_the_general_gap_it_implies():
    assert pick([course(1, ["在线客服"])], missing=("客服",)) == [(1, ("客服",))]


def test_at_most_limit_courses():
    courses = [course(1, ["Excel"]), course(2, ["打字"]), course(3, ["在线客服"])]
    assert len(pick(courses)) == 2
    assert len(pick(courses, limit=3)) == 3
    assert pick(courses, limit=0) == []
