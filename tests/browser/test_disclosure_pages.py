"""Pages of the disclosure rules pass axe: the seeker's own page with its identifiers revealed,
and the administrator's "关联人员档案" page, empty and with its error state."""

import pytest

from backend.accounts.choices import Role

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_my_page_with_the_full_numbers_shown(page, make, elder):
    seeker = make.make_seeker(category=2, grade=3)
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    page.goto(page.base_url + "/me/")
    assert "听力残疾 三级" in page.locator("main").inner_text()
    page.get_by_role("button", name="显示完整号码").click()
    assert seeker.person.decrypt("resident_id") in page.locator("main").inner_text()
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def test_admin_link_person_page_and_its_error_state(page, make):
    login = make.make_user(Role.SEEKER, username="lostlogin")
    login_as(page, make.make_admin())
    page.goto(page.base_url + f"/admin/accounts/user/{login.pk}/change/")
    page.get_by_role("link", name="关联人员档案").click()
    assert_accessible(page)
    page.locator("input[type=submit]").click()
    assert "请写明关联原因" in page.locator("#content-main").inner_text()
    assert_accessible(page)
