"""专场招聘会 in the browser. The journey "an employer books a booth and a seeker gets a route"
in one test, with axe (0 violations) on every page in standard and 长辈版 mode at 1366 and
390 px, the booth form's error state, and the organiser's pages."""

import pytest

from jobfairs.models import Booth
from tests.jobfairs.factories import make_fair, make_service_user
from tests.matching.factories import make_employer_user, make_posting, make_profile, make_seeker_user

from .conftest import assert_page_ok, login_as, set_elder_mode

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("isolated_match_index"),
]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_employer_books_a_booth_and_a_seeker_gets_a_route(page, settings, elder, width):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    page.set_viewport_size({"width": width, "height": 900})
    fair = make_fair(title="助残日专场招聘会")
    hr = make_employer_user()
    posting = make_posting(user=hr, title="包装工")
    seeker = make_seeker_user()
    make_profile(seeker.person)

    # The public pages, signed out.
    if elder:
        set_elder_mode(page)
    assert page.goto(page.base_url + "/fairs/").status == 200
    assert_page_ok(page, width)
    page.get_by_role("link", name="助残日专场招聘会").click()
    page.wait_for_load_state()
    assert "手语翻译" in page.locator("main").inner_text()
    assert_page_ok(page, width)

    # The employer: an empty booth form first (error summary takes focus), then a booth.
    login_as(page, hr)
    if elder:
        set_elder_mode(page, hr)
    page.goto(page.base_url + f"/fairs/{fair.pk}/booth/")
    assert_page_ok(page, width)
    page.get_by_role("button", name="报名展位").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert_page_ok(page, width)
    page.get_by_label("包装工").check()
    page.get_by_role("button", name="报名展位").click()
    page.wait_for_load_state()
    assert "1号展位" in page.locator("main").inner_text()
    assert list(Booth.objects.get(fair=fair).postings.all()) == [posting]
    assert_page_ok(page, width)

    # The seeker registers with a need for the day and gets the route to booth 1.
    page.context.clear_cookies()
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    page.goto(page.base_url + f"/fairs/{fair.pk}/register/")
    assert_page_ok(page, width)
    page.get_by_label("手语翻译").check()
    page.get_by_role("button", name="报名", exact=True).click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "第1站：1号展位" in main and "包装工" in main and "手语翻译" in main
    assert_page_ok(page, width)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_organiser_creates_a_fair_and_records_results_accessibly(page, settings, elder):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    staff = make_service_user()
    login_as(page, staff)
    if elder:
        set_elder_mode(page, staff)
    page.goto(page.base_url + "/fairs/new/")
    assert_page_ok(page, 1366)
    page.get_by_role("button", name="创建草稿").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert_page_ok(page, 1366)
    fair = make_fair(staff)
    page.goto(page.base_url + f"/fairs/{fair.pk}/results/")
    assert_page_ok(page, 1366)
