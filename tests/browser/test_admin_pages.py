"""Administrators are a role too: the Django admin pages they use pass axe like every other page."""

import pytest

from .conftest import assert_accessible, login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/quota/quotapolicy/",
    "/admin/accounts/employer/",
    "/admin/accounts/region/",
    "/admin/matching/jobposting/",
]


def test_admin_pages_have_no_axe_violations(page, make):
    make.make_employer()
    login_as(page, make.make_admin())
    for path in ADMIN_PAGES:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_an_administrator_organises_a_fair_with_the_keyboard_only(page, make):
    # Issue 14: a keyboard-only journey per role. The administrator signs in, opens 招聘会 from the
    # menu, starts a new fair, meets the error summary and reaches the first field from it.
    from tests.factories import PASSWORD

    from .test_jobs_journey import tab_to

    admin = make.make_admin()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))
    page.goto(page.base_url + "/login/")
    tab_to(page, lambda f: f.startswith("INPUT|id_username|"))
    page.keyboard.type(admin.username)
    tab_to(page, lambda f: f.startswith("INPUT|id_password|"))
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_to(page, lambda f: f.startswith("A||招聘会"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, lambda f: f.startswith("A||新建招聘会"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "新建招聘会"
    tab_to(page, lambda f: f.startswith("BUTTON|") and "创建草稿" in f)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert_accessible(page)
    first_error = tab_to(page, lambda f: f.startswith("A|"), limit=5)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT", "TEXTAREA"), first_error
