"""The seeker's journey pages of issue 14 in the browser: zero axe violations in standard and
长辈版 at 1366 px and on a 390 px phone (no sideways scrolling there), and the keyboard-only
journey sign in → start page → search → sort → save the search → open a job → apply."""

import pytest

from matching.models import Application, SavedSearch
from matching.services import feedback_record, saved_search_create
from matching.services.index import index_reset_process_state
from tests.factories import PASSWORD
from tests.frontend.jobs.factories import make_employer_user, make_posting, make_profile, make_seeker

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode
from .test_jobs_journey import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(autouse=True)
def _no_favicon_request(page):
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


@pytest.fixture(autouse=True)
def _matcher_isolation(settings, tmp_path):
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()


@pytest.fixture
def journey():
    hr = make_employer_user()
    packing = make_posting(hr, title="包装工", skills=["包装"], pay_min="3000", pay_max="4000")
    entry = make_posting(hr, title="数据录入员", skills=["打字"], pay_min="4000", pay_max="5500")
    cleaning = make_posting(hr, title="保洁员", skills=["保洁"], pay_min="2500", pay_max="2800")
    seeker = make_seeker(name="王小明")
    make_profile(seeker, desired="包装工", skills=["包装"])
    return {"hr": hr, "seeker": seeker, "packing": packing, "entry": entry, "cleaning": cleaning}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_seeker_journey_pages_have_no_axe_violations(page, journey, elder, viewport):
    seeker = journey["seeker"]
    from matching.services import application_create

    application_create(user=seeker, posting=journey["entry"])
    feedback_record(user=seeker, posting=journey["cleaning"], reason="low_pay", text="太低了")
    saved_search_create(user=seeker, query={"q": "包装", "hours": ["full_time"]}, name="包装全职")
    page.set_viewport_size(VIEWPORTS[viewport])
    login_as(page, seeker)
    set_elder_mode(page, seeker, elder)
    paths = [
        "/me/start/",
        "/jobs/?q=&sort=pay",
        "/jobs/?sort=match",
        "/me/saved-searches/",
        "/me/saved-searches/new/?q=%E5%8C%85%E8%A3%85",
        "/me/not-suitable/",
        "/me/profile/place/",
        "/me/profile/disability/",
        f"/jobs/{journey['packing'].pk}/",
    ]
    for path in paths:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        if viewport == "phone":
            assert_no_sideways_scroll(page)
    # the error state of 保存这个搜索 (a name already used)
    page.goto(page.base_url + "/me/saved-searches/new/?q=%E5%8C%85%E8%A3%85")
    page.fill("#id_name", "包装全职")
    with page.expect_navigation():
        page.click("button:has-text('保存这个搜索')")
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert_accessible(page)


def test_seeker_signs_in_searches_sorts_saves_and_applies_with_the_keyboard_only(page, journey):
    seeker, entry = journey["seeker"], journey["entry"]

    page.goto(page.base_url + "/login/")
    tab_to(page, lambda f: f.startswith("INPUT|id_username|"))
    page.keyboard.type(seeker.username)
    tab_to(page, lambda f: f.startswith("INPUT|id_password|"))
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/me/start/")
    assert page.locator("h1").inner_text() == "我的求职首页"

    # from the start page to 找工作 (its own link, not the menu)
    tab_to(page, lambda f: f == "A||找工作" and page.evaluate("!!document.activeElement.closest('main')"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/")

    # sort by pay with the keyboard: focus the select, pick with the arrow keys, submit
    tab_to(page, lambda f: f.startswith("SELECT|id_sort|"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # 默认 → 最新发布 → 薪资从高到低
    assert page.eval_on_selector("#id_sort", "el => el.value") == "pay"
    tab_to(page, lambda f: f == "BUTTON||搜索")
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?*sort=pay*")
    titles = page.locator(".job-card h2").all_inner_texts()
    assert titles == ["数据录入员", "包装工", "保洁员"]

    # save the search, weekly
    tab_to(page, lambda f: f.startswith("INPUT|save_name|"))
    page.keyboard.type("高薪岗位")
    # a radio group is one Tab stop (the ticked 每天); the arrow key moves to 每周
    tab_to(page, lambda f: f.startswith("INPUT|save_frequency_0|"))
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#save_frequency_1")
    tab_to(page, lambda f: f == "BUTTON||保存这个搜索")
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/saved-searches/")
    search = SavedSearch.objects.get(seeker__person=seeker.person)
    assert (search.name, search.frequency) == ("高薪岗位", "weekly")

    # back to the results through the saved search, open the best paid job and apply
    tab_to(page, lambda f: f.startswith("A||查看岗位"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/jobs/?*")
    tab_to(page, lambda f: f == "A||数据录入员")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/jobs/{entry.pk}/")
    tab_to(page, lambda f: f.startswith("A||申请这个岗位"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/jobs/{entry.pk}/apply/")
    tab_to(page, lambda f: f.startswith("BUTTON||确认申请"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/applications/")
    assert Application.objects.filter(posting=entry, seeker__person=seeker.person).exists()

    # the job list now marks it 已投递
    page.goto(page.base_url + "/jobs/?sort=pay")
    card = page.locator(".job-card", has_text="数据录入员")
    assert "已投递" in card.inner_text()
