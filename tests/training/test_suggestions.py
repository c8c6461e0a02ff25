"""Courses for a seeker's skill gaps: on the matched-jobs API and card, and on /me/training/;
and the seeker's own training records (never an employer's to read)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from indicators.choices import TrainingKind
from indicators.services import training_record_create
from tests import factories as base
from tests.matching.factories import (
    make_employer_user,
    make_person,
    make_posting,
    make_profile,
    make_seeker_user,
)

from .factories import TODAY, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def seeker():
    """A typist who wants 在线客服 work; the job below asks for 在线客服 and Excel too."""
    hr = make_employer_user()
    make_posting(
        user=hr,
        title="在线客服",
        description="淘宝店铺在线客服，回复买家咨询。",
        skills=["在线客服", "打字", "Excel"],
    )
    user = make_seeker_user(make_person(2, 3))
    make_profile(user.person, desired="在线客服", skills=["打字"])
    return user


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(user, name, **kwargs):
    client = Client()
    client.force_login(user)
    response = client.get(reverse(f"frontend:{name}", kwargs=kwargs))
    return response.status_code, response.content.decode()


def _record(person, **overrides):
    values = {
        "person": person,
        "kind": TrainingKind.SKILLS_TRAINING,
        "course_name": "计算机操作与读屏软件应用",
        "provider": "太仓开放大学",
        "start_date": date(2025, 3, 1),
        "end_date": date(2025, 4, 30),
        "hours": 64,
        "by": base.make_auditor(),
    }
    values.update(overrides)
    return training_record_create(**values)


def test_the_matched_job_carries_the_open_course_that_closes_its_gaps(seeker):
    course = make_course(skills=["在线客服", "Excel"])
    make_course(name="草稿课程", skills=["在线客服"], published=False)
    make_course(
        name="已截止的课程",
        skills=["Excel"],
        starts_on=TODAY + timedelta(days=5),
        enrol_by=TODAY - timedelta(days=1),
    )

    (job,) = api(seeker).get("/api/v1/me/matched-jobs/").json()

    assert job["missing_skills"] == ["在线客服", "Excel"]
    assert [(c["id"], c["closes"], c["local"]) for c in job["training"]] == [
        (course.pk, ["在线客服", "Excel"], True)
    ]
    assert job["training"][0]["how_to_enrol"] == "拨打 0512-53520000 报名"
    assert job["training"][0]["url"] == f"/training/courses/{course.pk}/"


def test_a_weak_match_gets_no_course(seeker):
    make_course(skills=["CAD", "SolidWorks"], name="CAD制图")
    make_posting(title="CAD制图员", description="机械制图", skills=["CAD", "SolidWorks"])
    jobs = api(seeker).get("/api/v1/me/matched-jobs/").json()
    assert all(j["training"] == [] for j in jobs)  # the CAD job, if listed at all, is far below the bar


def test_the_card_says_in_words_which_course_closes_which_gap_and_links_to_it(seeker):
    course = make_course(skills=["在线客服", "Excel"])
    status, html = page(seeker, "matched_jobs")
    assert status == 200
    assert "可以通过培训补上" in html
    assert f'href="/training/courses/{course.pk}/"' in html
    assert "（教 在线客服、Excel）" in html and "报名方式：拨打 0512-53520000 报名" in html
    status, detail = page(seeker, "training_course", pk=course.pk)
    assert status == 200 and "手语翻译" in detail and "读屏软件可用的电子教材" in detail


def test_my_training_lists_my_records_and_the_courses_for_my_gaps_but_not_someone_elses(seeker):
    course = make_course(skills=["Excel"], name="Excel 表格班")
    _record(seeker.person, certificate_obtained=True, certificate_name="计算机操作员（五级）")
    _record(make_person(), course_name="别人的中式面点培训")

    status, html = page(seeker, "my_training")

    assert status == 200
    assert "计算机操作与读屏软件应用" in html and "已取得：计算机操作员（五级）" in html
    assert "别人的中式面点培训" not in html
    assert course.name in html and "能补上：Excel" in html and "对这些岗位有用：在线客服" in html


def test_my_training_records_api_is_my_own_and_closed_to_employers(seeker):
    mine = _record(seeker.person)
    _record(make_person(), course_name="别人的培训")
    rows = api(seeker).get("/api/v1/me/training-records/").json()
    assert [r["id"] for r in rows] == [mine.pk] and "person" not in rows[0]

    employer = make_employer_user()
    assert api(employer).get("/api/v1/me/training-records/").status_code == 403
    assert api(employer).get("/api/v1/indicators/training-records/").status_code == 403
    assert page(employer, "my_training")[0] == 404


def test_a_seeker_without_a_profile_sees_no_suggestions_but_their_records():
    user = make_seeker_user()
    _record(user.person)
    make_course()
    status, html = page(user, "my_training")
    assert status == 200 and "现在没有适合您的课程建议" in html and "计算机操作与读屏软件应用" in html
