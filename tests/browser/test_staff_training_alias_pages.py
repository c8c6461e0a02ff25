"""The staff's course management and learned-alias pages in the browser (issue 13): a 就业服务专员
creates a course (a failed submit first: focus on the error summary), edits, publishes, reaches the
delete confirmation, and revokes a learned alias (without a reason first). axe 0 violations on
every page and error state, in standard and 长辈版 mode at 1366 and 390 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.models import LearnedAlias
from matching.services import occupation_confirm
from tests.jobfairs.factories import make_service_user
from tests.matching.factories import CHENGXIANG, make_employer_user
from training.models import TrainingCourse
from training.services import course_create

from .conftest import assert_page_ok, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
WIDTHS = pytest.mark.parametrize("width", [1366, 390])


@pytest.fixture(autouse=True)
def _matcher(isolated_match_index, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def open_as_staff(page, elder, width):
    page.set_viewport_size({"width": width, "height": 900})
    staff = make_service_user(CHENGXIANG)
    login_as(page, staff)
    if elder:
        set_elder_mode(page, staff)
    return staff


# Chromium puts a space before a visually hidden span in an accessible name: "修改 ：课程名".


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


@MODES
@WIDTHS
def test_staff_create_edit_publish_and_reach_delete_of_a_course(page, elder, width):
    staff = open_as_staff(page, elder, width)
    # Dates relative to today, so the course is upcoming whenever the test runs.
    starts = timezone.localdate() + timedelta(days=20)
    course_create(
        by=staff,
        region=staff.regions.get(),
        published=True,
        name="电话客服与在线客服技能培训",
        provider="太仓市残疾人职业培训基地",
        skills=["在线客服"],
        starts_on=starts,
        ends_on=starts + timedelta(days=30),
        hours=96,
        how_to_enrol="拨打 0512-53520000 报名",
    )

    page.goto(page.base_url + "/service/training/")
    assert "共 1 门课程" in page.locator("main").inner_text()
    assert_page_ok(page, width)

    page.get_by_role("link", name="新建课程").click()
    page.wait_for_load_state()
    assert_page_ok(page, width)
    submit(page, "保存草稿")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert "课程名称：请填写课程名称" in page.locator(".error-summary").inner_text()
    assert_page_ok(page, width)

    page.fill("#id_name", "电子商务美工培训")
    page.fill("#id_provider", "太仓开放大学")
    page.fill("#id_skills", "图片处理、打字")
    page.select_option("#id_region", index=1)
    page.fill("#id_starts_on", starts.isoformat())
    page.fill("#id_ends_on", (starts + timedelta(days=10)).isoformat())
    page.fill("#id_hours", "40")
    page.check("#id_cost_kind_0")
    page.check("#id_access_0")
    page.fill("#id_how_to_enrol", "到城厢镇残疾人之家报名")
    submit(page, "保存草稿")
    main = page.locator("main").inner_text()
    assert "已保存草稿：电子商务美工培训" in page.content() and "共 2 门课程" in main
    assert_page_ok(page, width)

    draft = TrainingCourse.objects.get(name="电子商务美工培训")
    page.get_by_role("link", name="修改 ：电子商务美工培训").click()
    page.wait_for_load_state()
    assert_page_ok(page, width)
    page.goto(page.base_url + "/service/training/")
    submit(page, "发布 ：电子商务美工培训")
    draft.refresh_from_db()
    assert draft.published
    assert_page_ok(page, width)

    page.get_by_role("link", name="删除 ：电子商务美工培训").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="确认删除").is_visible()
    assert_page_ok(page, width)


@MODES
@WIDTHS
def test_staff_revoke_a_learned_alias_after_forgetting_the_reason(page, elder, width):
    for _ in range(2):
        hr = make_employer_user()
        occupation_confirm(
            by=hr, employer=hr.memberships.get().employer, title="电子厂普工", code="6-25-04-07"
        )
    alias = LearnedAlias.objects.get()
    open_as_staff(page, elder, width)

    page.goto(page.base_url + "/service/learned-aliases/")
    assert "电子设备装接工" in page.locator("main").inner_text()
    assert_page_ok(page, width)

    submit(page, "撤销 ：电子厂普工 → 6-25-04-07")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert "撤销原因：请填写撤销原因" in page.locator(".error-summary").inner_text()
    assert_page_ok(page, width)

    page.fill(f"#alias-{alias.pk}-reason", "普工岗位工种不唯一")
    submit(page, "撤销 ：电子厂普工 → 6-25-04-07")
    assert "已撤销（原因：普工岗位工种不唯一）" in page.locator("main").inner_text()
    assert_page_ok(page, width)
