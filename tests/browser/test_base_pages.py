"""The base pages of every role: zero axe violations in normal and 长辈版 mode, on error states
too; keyboard access; focus on the error summary; no sideways scrolling at 320px."""

import pytest

from backend.accounts.models import User

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

# serialized_rollback: the live server needs a transactional database, and the flush between tests
# would otherwise wipe the regions seeded by the data migration.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC = ["/", "/help/", "/login/", "/register/", "/register/seeker/", "/register/employer/"]
ROLE_PAGES = {"seeker": ["/me/"], "employer": ["/employer/profile/"], "auditor": ["/auditor/employers/"]}


@pytest.fixture
def people(make):
    employer = make.make_employer()
    return {
        "seeker": make.make_seeker(),
        "employer": make.make_employer_user(employer),
        "auditor": make.make_auditor(),
    }


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_public_pages_have_no_axe_violations(page, elder):
    if elder:
        set_elder_mode(page)
    for path in PUBLIC:
        page.goto(page.base_url + path)
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.locator("h1").count() == 1
        if elder:
            assert "elder" in (page.locator("body").get_attribute("class") or "")
        assert_accessible(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_role_pages_have_no_axe_violations(page, people, elder):
    for role, paths in ROLE_PAGES.items():
        page.context.clear_cookies()
        login_as(page, people[role])
        if elder:
            set_elder_mode(page, people[role])
        for path in paths:
            response = page.goto(page.base_url + path)
            assert response.status == 200, path
            assert_accessible(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_form_error_states_have_no_axe_violations_and_focus_the_summary(page, elder):
    if elder:
        set_elder_mode(page)
    for path in ["/login/", "/register/seeker/", "/register/employer/"]:
        page.goto(page.base_url + path)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.title().startswith("错误："), page.title()
        focused = page.evaluate("document.activeElement.className")
        assert "error-summary" in focused
        assert_accessible(page)


def test_skip_link_is_the_first_focusable_element_and_moves_to_main(page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_keyboard_only_login(page, people):
    user = people["seeker"]
    page.goto(page.base_url + "/login/")
    page.locator("#id_username").focus()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type("correct-horse-battery-staple")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "已登录" in page.locator("header").inner_text()


def test_elder_mode_is_remembered_for_the_signed_in_user(page, people):
    user = people["seeker"]
    login_as(page, user)
    page.goto(page.base_url + "/")
    page.get_by_role("button", name="切换到长辈版（大字）").click()
    page.wait_for_load_state()
    assert "elder" in page.locator("body").get_attribute("class")
    assert User.objects.get(pk=user.pk).elder_mode is True
    font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert font >= 18


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_no_page_scrolls_sideways_at_320px(page, people, elder):
    page.set_viewport_size({"width": 320, "height": 800})
    if elder:
        set_elder_mode(page)
    for path in PUBLIC:
        page.goto(page.base_url + path)
        assert_no_sideways_scroll(page)
    login_as(page, people["auditor"])
    page.goto(page.base_url + "/auditor/employers/")
    assert_no_sideways_scroll(page)


@pytest.mark.urls("tests.frontend.error_urls")
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_error_pages_have_no_axe_violations(page, elder):
    if elder:
        set_elder_mode(page)
    for path, status, heading in [
        ("/test-errors/400/", 400, "请求有误"),
        ("/test-errors/403/", 403, "没有权限访问此页面"),
        ("/no-such-page/", 404, "找不到这个页面"),
        ("/test-errors/500/", 500, "系统出现错误"),
    ]:
        response = page.goto(page.base_url + path)
        assert response.status == status
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.locator("h1").inner_text() == heading
        assert page.get_by_role("link", name="返回首页").count() == 1
        assert_accessible(page)
