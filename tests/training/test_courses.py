"""The course catalogue through its services and API: who keeps it, who reads it, the checks."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from tests import factories as base
from tests.jobfairs.factories import make_service_user
from tests.matching.factories import CHENGXIANG, SHAXI, make_employer_user, region
from training.choices import CostKind
from training.models import TrainingCourse
from training.services import course_delete, course_set_published, course_update

from .factories import TODAY, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_skills_are_stored_in_the_matchers_words_and_access_in_a_fixed_order():
    course = make_course(
        skills=["电脑操作", "熟练使用excel表格", "在线客服"], access=["screen_reader", "sign_language"]
    )
    assert course.skills == ["办公软件", "Excel", "在线客服"]
    assert course.access == ["sign_language", "screen_reader"]


def test_only_the_service_staff_of_the_region_and_administrators_keep_courses():
    shaxi_staff = make_service_user(SHAXI)
    with pytest.raises(PermissionDenied):
        make_course(by=shaxi_staff, region_code=CHENGXIANG)
    with pytest.raises(PermissionDenied):
        make_course(by=base.make_auditor())
    course = make_course(by=base.make_admin())
    with pytest.raises(PermissionDenied):
        course_update(by=shaxi_staff, course=course, hours=10)
    with pytest.raises(PermissionDenied):
        course_set_published(by=make_employer_user(), course=course, published=False)
    with pytest.raises(PermissionDenied):  # moving it into a region they do not cover
        course_update(by=make_service_user(CHENGXIANG), course=course, region=region(SHAXI))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"skills": []}, "skills"),
        ({"cost_kind": CostKind.FREE, "fee": "300"}, "fee"),
        ({"how_to_enrol": "  "}, "how_to_enrol"),
        ({"hours": 0}, "hours"),
        ({"access": ["teleport"]}, "access"),
        ({"fee": "abc", "cost_kind": CostKind.PAID}, "fee"),
    ],
)
def test_bad_input_is_refused_naming_the_field_in_chinese(overrides, field):
    with pytest.raises(ValidationError) as error:
        make_course(**overrides)
    assert field in error.value.message_dict
    assert all("\u4e00" <= m[0] <= "\u9fff" or m[0] in "“" for m in error.value.message_dict[field])


def test_a_subsidised_course_keeps_the_seekers_share_as_exact_money():
    course = make_course(cost_kind=CostKind.SUBSIDISED, fee="300")
    course.refresh_from_db()
    assert course.fee == Decimal("300.00")


def test_the_list_shows_published_courses_to_everyone_signed_in_and_drafts_only_to_their_keepers():
    staff = make_service_user(CHENGXIANG)
    published = make_course(by=staff, name="已发布的课程")
    draft = make_course(by=staff, name="草稿课程", published=False)

    def names(user):
        return {row["name"] for row in client_for(user).get("/api/v1/training/courses/").json()["results"]}

    assert names(base.make_seeker()) == {published.name}
    assert names(make_employer_user()) == {published.name}
    assert names(make_service_user(SHAXI)) == {published.name}
    assert names(staff) == {published.name, draft.name}
    assert names(base.make_admin()) == {published.name, draft.name}
    assert client_for().get("/api/v1/training/courses/").status_code in (401, 403)
    assert client_for(base.make_seeker()).get(f"/api/v1/training/courses/{draft.pk}/").status_code == 404


def test_staff_create_change_publish_and_delete_through_the_api_and_others_may_not():
    staff = make_service_user(CHENGXIANG)
    body = {
        "name": "数据标注员岗前培训",
        "provider": "太仓市残疾人职业培训基地",
        "skills": ["数据标注", "打字"],
        "region": CHENGXIANG,
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-14",
        "hours": 40,
        "cost_kind": "free",
        "access": ["online", "captions"],
        "how_to_enrol": "在线报名",
    }
    assert (
        client_for(base.make_seeker()).post("/api/v1/training/courses/", body, format="json").status_code
        == 403
    )
    assert (
        client_for(make_service_user(SHAXI))
        .post("/api/v1/training/courses/", body, format="json")
        .status_code
        == 403
    )
    created = client_for(staff).post("/api/v1/training/courses/", body, format="json")
    assert created.status_code == 201 and created.json()["published"] is False
    pk = created.json()["id"]

    changed = client_for(staff).patch(f"/api/v1/training/courses/{pk}/", {"hours": 48}, format="json")
    assert changed.status_code == 200 and changed.json()["hours"] == 48
    bad = client_for(staff).patch(f"/api/v1/training/courses/{pk}/", {"fee": "10.00"}, format="json")
    assert bad.status_code == 400 and "fee" in bad.json()["errors"]
    assert client_for(staff).post(f"/api/v1/training/courses/{pk}/publish/").json()["published"] is True
    assert client_for(make_employer_user()).delete(f"/api/v1/training/courses/{pk}/").status_code == 403
    assert client_for(staff).delete(f"/api/v1/training/courses/{pk}/").status_code == 204
    assert not TrainingCourse.objects.filter(pk=pk).exists()


def test_the_skill_filter_uses_the_matchers_words():
    make_course(name="办公软件班", skills=["办公软件", "Excel"])
    make_course(name="客服班", skills=["在线客服"])
    rows = (
        client_for(base.make_seeker())
        .get("/api/v1/training/courses/", {"skill": "电脑操作"})
        .json()["results"]
    )
    assert [r["name"] for r in rows] == ["办公软件班"]


def test_delete_is_refused_to_staff_of_another_region():
    course = make_course()
    with pytest.raises(PermissionDenied):
        course_delete(by=make_service_user(SHAXI), course=course)


def test_the_admin_form_stores_skills_in_the_matchers_words():
    from training.admin import TrainingCourseAdminForm

    course = make_course()
    form = TrainingCourseAdminForm(instance=course)
    data = {name: form.initial.get(name) for name in form.fields}
    data.update(skills='["电脑操作", "在线客服"]', region=course.region.pk, access="[]", enrol_by="")
    form = TrainingCourseAdminForm(data, instance=course)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["skills"] == ["办公软件", "在线客服"]
    bad = TrainingCourseAdminForm({**data, "skills": "[]"}, instance=course)
    assert not bad.is_valid() and "skills" in bad.errors
