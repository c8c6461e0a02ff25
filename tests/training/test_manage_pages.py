"""The staff's course-management pages (/service/training/): the list with drafts, the form
(errors from the form and from the services, on the field they name), edit, publish, unpublish,
delete with a confirm step, and who is refused."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from tests import factories as base
from tests.jobfairs.factories import make_service_user
from tests.matching.factories import CHENGXIANG, SHAXI, make_employer_user, make_seeker_user, region
from training.models import TrainingCourse

from .factories import TODAY, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(**overrides) -> dict:
    starts = TODAY + timedelta(days=20)
    data = {
        "name": "电子商务客服培训",
        "provider": "太仓开放大学",
        "skills": "在线客服、打字，Excel",
        "region": region(CHENGXIANG).pk,
        "venue": "城厢镇残疾人之家",
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=10)).isoformat(),
        "enrol_by": "",
        "hours": "40",
        "cost_kind": "free",
        "fee": "",
        "access": ["sign_language", "captions"],
        "how_to_enrol": "拨打 0512-53520000",
    }
    data.update(overrides)
    return data


def test_the_list_shows_the_staff_members_courses_with_drafts_and_not_other_regions():
    staff = make_service_user(CHENGXIANG)
    make_course(staff, name="城厢草稿课程", published=False)
    make_course(staff, name="城厢已发布课程")
    make_course(name="沙溪的课程", region_code=SHAXI)

    page = client_for(staff).get("/service/training/")

    text = page.content.decode()
    assert page.status_code == 200
    assert "共 2 门课程" in text and "城厢草稿课程" in text and "城厢已发布课程" in text
    assert "沙溪的课程" not in text
    assert "草稿" in text and "已发布" in text


def test_the_administrator_keeps_every_regions_courses():
    make_course(name="沙溪的课程", region_code=SHAXI, published=False)

    page = client_for(base.make_admin()).get("/service/training/")

    assert page.status_code == 200 and "沙溪的课程" in page.content.decode()


def test_create_with_an_error_keeps_the_input_and_names_the_field_then_saves_a_draft():
    staff = make_service_user(CHENGXIANG)
    client = client_for(staff)
    starts = TODAY + timedelta(days=20)

    # The service's rule (end before start), shown on the field it names and in the summary.
    bad = client.post("/service/training/new/", form_data(ends_on=(starts - timedelta(days=1)).isoformat()))

    text = bad.content.decode()
    assert bad.status_code == 200 and not TrainingCourse.objects.exists()
    assert "存在以下问题" in text and "<title>错误：" in text
    assert 'href="#id_ends_on"' in text and "结课日期：结课日期不能早于开课日期" in text
    assert 'id="id_ends_on-error"' in text and 'value="电子商务客服培训"' in text

    # A missing required field, from the form.
    missing = client.post("/service/training/new/", form_data(how_to_enrol=""))
    assert 'href="#id_how_to_enrol"' in missing.content.decode()

    done = client.post("/service/training/new/", form_data())

    assert done.status_code == 302 and done["Location"] == "/service/training/"
    course = TrainingCourse.objects.get()
    assert (course.name, course.published, course.created_by) == ("电子商务客服培训", False, staff)
    assert course.skills == ["在线客服", "打字", "Excel"]
    assert course.access == ["sign_language", "captions"]


def test_a_fee_on_a_free_course_is_refused_on_the_fee_field():
    response = client_for(make_service_user(CHENGXIANG)).post("/service/training/new/", form_data(fee="300"))

    assert 'href="#id_fee"' in response.content.decode() and not TrainingCourse.objects.exists()


def test_a_region_outside_the_staff_members_is_not_offered():
    response = client_for(make_service_user(CHENGXIANG)).post(
        "/service/training/new/", form_data(region=region(SHAXI).pk)
    )

    assert 'href="#id_region"' in response.content.decode() and not TrainingCourse.objects.exists()


def test_edit_shows_the_course_and_saves_the_change():
    staff = make_service_user(CHENGXIANG)
    course = make_course(staff, published=False)
    client = client_for(staff)

    form = client.get(f"/service/training/{course.pk}/edit/").content.decode()
    assert 'value="在线客服、Excel"' in form and 'value="在线客服技能培训"' in form

    done = client.post(f"/service/training/{course.pk}/edit/", form_data(name="在线客服提高班", hours="60"))

    assert done.status_code == 302
    course.refresh_from_db()
    assert (course.name, course.hours, course.published) == ("在线客服提高班", 60, False)


def test_publish_and_unpublish_are_posts():
    staff = make_service_user(CHENGXIANG)
    course = make_course(staff, published=False)
    client = client_for(staff)

    assert client.get(f"/service/training/{course.pk}/publish/").status_code == 405
    assert client.post(f"/service/training/{course.pk}/publish/").status_code == 302
    course.refresh_from_db()
    assert course.published

    assert client.post(f"/service/training/{course.pk}/unpublish/").status_code == 302
    course.refresh_from_db()
    assert not course.published


def test_delete_asks_first_then_deletes():
    staff = make_service_user(CHENGXIANG)
    course = make_course(staff)
    client = client_for(staff)

    confirm = client.get(f"/service/training/{course.pk}/delete/")
    assert confirm.status_code == 200 and "确认删除" in confirm.content.decode()
    assert TrainingCourse.objects.filter(pk=course.pk).exists()

    assert client.post(f"/service/training/{course.pk}/delete/").status_code == 302
    assert not TrainingCourse.objects.filter(pk=course.pk).exists()


def test_staff_of_another_region_get_404_and_change_nothing():
    course = make_course(region_code=CHENGXIANG, published=False)
    client = client_for(make_service_user(SHAXI))

    for url in ("edit/", "publish/", "delete/"):
        assert client.post(f"/service/training/{course.pk}/{url}", form_data()).status_code == 404
    course.refresh_from_db()
    assert (course.name, course.published) == ("在线客服技能培训", False)


@pytest.mark.parametrize("role", ["seeker", "employer", "auditor"])
def test_seekers_employers_and_auditors_are_refused(role):
    course = make_course()
    user = {"seeker": make_seeker_user, "employer": make_employer_user, "auditor": base.make_auditor}[role]()
    client = client_for(user)

    assert client.get("/service/training/").status_code == 404
    assert client.post("/service/training/new/", form_data()).status_code == 404
    assert client.post(f"/service/training/{course.pk}/unpublish/").status_code == 404
    assert client.post(f"/service/training/{course.pk}/delete/").status_code == 404
    assert TrainingCourse.objects.filter(pk=course.pk, published=True).exists()


def test_the_menu_of_service_staff_leads_to_course_management_and_aliases():
    page = client_for(make_service_user(CHENGXIANG)).get("/service/training/").content.decode()

    assert 'href="/service/training/"' in page and "培训课程管理" in page
    assert 'href="/service/learned-aliases/"' in page
