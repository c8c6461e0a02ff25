"""职业技能培训 in the browser (issue 13): the matched-jobs card with a course that closes the
job's skill gap, the course page, the catalogue and /me/training/ — axe 0 violations in standard
and 长辈版 mode at 1366 and 390 px, and no sideways scrolling on a phone."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from indicators.choices import TrainingKind
from indicators.services import training_record_create
from tests import factories as base
from tests.jobfairs.factories import make_service_user
from tests.matching.factories import (
    CHENGXIANG,
    make_employer_user,
    make_person,
    make_posting,
    make_profile,
    make_seeker_user,
    region,
)
from training.choices import CostKind
from training.services import course_create

from .conftest import assert_page_ok, login_as, set_elder_mode

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("isolated_match_index"),
]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_a_seeker_finds_the_course_for_a_gap_and_their_training_records(page, settings, elder, width):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    page.set_viewport_size({"width": width, "height": 900})
    make_posting(
        user=make_employer_user(),
        title="在线客服",
        description="淘宝店铺在线客服，回复买家咨询。",
        skills=["在线客服", "打字", "Excel"],
    )
    seeker = make_seeker_user(make_person(2, 3))
    make_profile(seeker.person, desired="在线客服", skills=["打字"])
    # Dates relative to today, so the course is open whenever the test runs.
    starts = timezone.localdate() + timedelta(days=20)
    course = course_create(
        by=make_service_user(CHENGXIANG),
        region=region(CHENGXIANG),
        published=True,
        name="电话客服与在线客服技能培训",
        provider="太仓市残疾人职业培训基地",
        skills=["在线客服", "Excel"],
        starts_on=starts,
        ends_on=starts + timedelta(days=30),
        hours=96,
        cost_kind=CostKind.FREE,
        access=["sign_language", "captions", "screen_reader"],
        how_to_enrol="拨打 0512-53520000 报名",
    )
    training_record_create(
        person=seeker.person,
        kind=TrainingKind.SKILLS_TRAINING,
        course_name="计算机操作与读屏软件应用",
        provider="太仓开放大学",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 4, 30),
        hours=64,
        certificate_obtained=True,
        certificate_name="计算机操作员（五级）",
        by=base.make_auditor(),
    )

    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)

    # The matched card says which course closes which gap, in words, with a link.
    assert page.goto(page.base_url + "/me/matched/").status == 200
    card = page.locator(".course-offers")
    assert "可以通过培训补上" in card.inner_text() and "（教 在线客服、Excel）" in card.inner_text()
    assert_page_ok(page, width)
    card.get_by_role("link", name=course.name).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == course.name
    assert "手语翻译" in page.locator("main").inner_text()
    assert_page_ok(page, width)

    # The catalogue, reached from the course page.
    page.get_by_role("link", name="返回培训课程列表").click()
    page.wait_for_load_state()
    assert "共 1 门课程" in page.locator("main").inner_text()
    assert_page_ok(page, width)

    # 我的培训, from the menu: my record and the course for my gaps.
    page.goto(page.base_url + "/me/training/")
    main = page.locator("main").inner_text()
    assert "计算机操作员（五级）" in main and course.name in main and "能补上：在线客服、Excel" in main
    assert_page_ok(page, width)
