"""Job-market pages of seekers and employers in the browser: zero axe violations in normal and
长辈版 mode and on every form's error state (focus on the error summary, title "错误：…"), and
no sideways scrolling at 320px. Pages are looped inside a few tests to keep the suite quick."""

from datetime import timedelta

import pytest
from django.utils import timezone

from matching.services.index import index_reset_process_state
from tests.frontend.jobs.factories import (
    make_application,
    make_employer_user,
    make_posting,
    make_profile,
    make_seeker,
)

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])


@pytest.fixture(autouse=True)
def _no_favicon_request(page):
    """Chromium asks for /favicon.ico right after each page; through the live server that
    request saves the session (SESSION_SAVE_EVERY_REQUEST) while the next page's request
    does too, and SQLite's shared in-memory test database answers "table is locked"."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204, body=""))


@pytest.fixture(autouse=True)
def _matcher_isolation(settings, tmp_path):
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()


@pytest.fixture
def market():
    """One employer with three postings, a seeker with a profile and one application, and a
    second seeker who shares their disability information (for the candidates page)."""
    hr = make_employer_user()
    packing = make_posting(
        hr,
        title="包装工",
        skills=["包装"],
        accommodations=["lifting_aid", "elevator"],
        guaranteed_interview=True,
    )
    entry = make_posting(hr, title="数据录入员", description="电脑录入资料", skills=["打字"])
    cleaning = make_posting(hr, title="保洁员", description="办公楼保洁", skills=["保洁"])
    # 发布日期 next week: 待发布 for the employer, a Chinese 404 saying when it opens for others
    upcoming = make_posting(hr, title="电话客服", opens_on=timezone.localdate() + timedelta(days=7))
    seeker = make_seeker(name="王小明")
    make_profile(seeker, skills=["包装", "打字"], needs=["lifting_aid"], regions=["320585100"])
    application = make_application(seeker, entry, note="下午都有空")
    other = make_seeker(name="李大海", category=2, grade=3)
    make_profile(other, share_disability_with_employers=True)
    return {
        "hr": hr,
        "seeker": seeker,
        "packing": packing,
        "entry": entry,
        "cleaning": cleaning,
        "upcoming": upcoming,
        "application": application,
    }


def visit(page, path):
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    assert page.locator("h1").count() == 1, path
    return response


def check_page(page):
    """axe at the desktop size, then no sideways scrolling at 320px (same page, resized)."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def check_error_state(page):
    page.wait_for_load_state()
    assert page.title().startswith("错误："), page.title()
    assert "error-summary" in page.evaluate("document.activeElement.className"), page.url
    check_page(page)


def seeker_paths(m):
    packing, cleaning = m["packing"].pk, m["cleaning"].pk
    return [
        "/me/matched/",
        "/jobs/",
        "/jobs/?q=包装&accommodations=lifting_aid&hours=full_time",
        f"/jobs/{packing}/",
        f"/jobs/{m['entry'].pk}/",
        f"/jobs/{packing}/apply/",
        f"/jobs/{m['entry'].pk}/apply/",  # already applied: 已投递 instead of the form
        "/jobs/?remote=on&guaranteed_interview=on",
        f"/jobs/{cleaning}/not-suitable/",
        "/me/applications/",
        "/me/profile/",
        *(f"/me/profile/{step}/" for step in ("wish", "skills", "place", "pay", "disability")),
        "/me/profile/review/",
    ]


def employer_paths(m):
    pk = m["packing"].pk
    return [
        "/employer/postings/",
        "/employer/postings/new/",
        f"/employer/postings/{pk}/edit/",
        f"/employer/postings/{pk}/checklist/",
        f"/employer/postings/{pk}/close/",
        f"/employer/postings/{pk}/candidates/",
        "/employer/applications/",
        f"/employer/applications/{m['application'].pk}/",
        f"/jobs/{pk}/",
        f"/jobs/{m['upcoming'].pk}/",
    ]


@MODES
def test_seeker_pages_have_no_axe_violations_and_fit_320px(page, market, elder):
    login_as(page, market["seeker"])
    if elder:
        set_elder_mode(page, market["seeker"])
    for path in seeker_paths(market):
        visit(page, path)
        if elder:
            assert "elder" in page.locator("body").get_attribute("class")
        check_page(page)
    # the draft started by visiting the steps is offered for review on the overview
    visit(page, "/me/profile/")
    assert page.get_by_text("您有还没保存的修改").count() == 1
    check_page(page)


@MODES
def test_employer_pages_have_no_axe_violations_and_fit_320px(page, market, elder):
    login_as(page, market["hr"])
    if elder:
        set_elder_mode(page, market["hr"])
    for path in employer_paths(market):
        visit(page, path)
        check_page(page)
    # page 2 of a new posting, reached through page 1
    visit(page, "/employer/postings/new/")
    page.fill("#id_title", "电话客服")
    page.fill("#id_description", "接听电话，解答问题。")
    page.select_option("#id_region", "320585100")
    page.fill("#id_headcount", "1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/new/checklist/")
    check_page(page)


@MODES
def test_public_job_pages_have_no_axe_violations(page, market, elder):
    if elder:
        set_elder_mode(page)
    for path in ("/jobs/", f"/jobs/{market['packing'].pk}/", "/jobs/?remote=on"):
        visit(page, path)
        check_page(page)
    # a posting not published yet: the 404 page says when it opens
    response = page.goto(page.base_url + f"/jobs/{market['upcoming'].pk}/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "这个岗位还没有开始招聘"
    check_page(page)


@MODES
def test_seeker_form_error_states(page, market, elder):
    seeker = market["seeker"]
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    visit(page, "/me/profile/wish/")
    page.fill("#id_desired", "")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)

    visit(page, "/me/profile/pay/")
    page.fill("#id_expected_pay", "三千")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)
    assert page.input_value("#id_expected_pay") == "三千"

    visit(page, f"/jobs/{market['cleaning'].pk}/not-suitable/")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)

    visit(page, f"/jobs/{market['packing'].pk}/apply/")
    # The box stops typing at 500 (maxlength, with a counter); the server's own check is what an
    # old browser or a script meets, so the limit is lifted here to reach it.
    page.evaluate("document.querySelector('#id_note').removeAttribute('maxlength')")
    page.fill("#id_note", "字" * 501)
    page.locator("main form button[type=submit]").click()
    check_error_state(page)

    visit(page, "/jobs/?pay_min=-1")
    assert page.title().startswith("错误：")
    check_page(page)

    # the review page of someone who skipped the first step
    newcomer = make_seeker()
    page.context.clear_cookies()
    login_as(page, newcomer)
    if elder:
        set_elder_mode(page, newcomer)
    visit(page, "/me/profile/pay/")
    page.fill("#id_expected_pay", "3000")
    page.locator("main form button[type=submit]").click()
    visit(page, "/me/profile/review/")
    page.get_by_role("button", name="保存求职资料").click()
    check_error_state(page)


@MODES
def test_employer_form_error_states(page, market, elder):
    hr = market["hr"]
    login_as(page, hr)
    if elder:
        set_elder_mode(page, hr)
    visit(page, "/employer/postings/new/")
    page.fill("#id_headcount", "")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)

    # a rule of the service (pay order) is checked on page 1 itself, with everything else entered kept
    page.fill("#id_title", "仓库管理员")
    page.select_option("#id_region", "320585100")
    page.fill("#id_headcount", "1")
    page.fill("#id_pay_min", "6000")
    page.fill("#id_pay_max", "3000")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)
    assert page.input_value("#id_title") == "仓库管理员"
    assert "/new/checklist/" not in page.url
    assert page.get_by_text("月薪上限不能低于下限").count() >= 1

    visit(page, f"/employer/applications/{market['application'].pk}/")
    page.locator("main form button[type=submit]").click()
    check_error_state(page)
