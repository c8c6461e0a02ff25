"""Keyboard-only journeys of the job market (Tab, Enter, Space only)."""

import pytest

from matching.models import Application, Occupation
from matching.services import index_rebuild
from matching.services.index import index_reset_process_state
from tests.factories import PASSWORD
from tests.frontend.jobs.factories import make_employer_user, make_posting, make_profile, make_seeker

from .conftest import login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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


FOCUSED = """() => {
  const el = document.activeElement;
  return [el.tagName, el.id || "", (el.innerText || el.value || "").trim()].join("|");
}"""


def tab_to(page, matches, limit=80):
    """Press Tab until the focused element satisfies ``matches`` ("TAG|id|text")."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if matches(focused):
            return focused
        seen.append(focused)
    raise AssertionError(f"never focused the target; saw {seen[-10:]}")


def test_seeker_finds_a_matched_job_and_applies_with_the_keyboard_only(page):
    from playwright.sync_api import expect

    hr = make_employer_user()
    # 保洁员 has nothing in common with the wish 包装工: the list stops before it (issue 13).
    make_posting(hr, title="保洁员", description="办公楼保洁", skills=["保洁"])
    posting = make_posting(hr, title="包装工", skills=["包装"], accommodations=["lifting_aid"])
    seeker = make_seeker(name="王小明")
    make_profile(seeker, desired="包装工", skills=["包装"], needs=["lifting_aid"])

    # sign in
    page.goto(page.base_url + "/login/")
    tab_to(page, lambda f: f.startswith("INPUT|id_username|"))
    page.keyboard.type(seeker.username)
    tab_to(page, lambda f: f.startswith("INPUT|id_password|"))
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "已登录" in page.locator("header").inner_text()

    # 为你推荐 from the main menu
    tab_to(page, lambda f: f.startswith("A||为你推荐"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/me/matched/")
    # what a screen reader meets first: the heading, the count, then each job as a list item
    expect(page.locator("main")).to_match_aria_snapshot(
        """
        - heading "为你推荐" [level=1]
        - status: 共为您找到 1 个岗位
        - list:
          - listitem:
            - heading "包装工" [level=2]:
              - link "包装工"
            - heading "推荐理由" [level=3]
        """
    )

    # the first suggestion is the packing job; open it and apply
    tab_to(page, lambda f: f == "A||包装工")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/jobs/{posting.pk}/")
    tab_to(page, lambda f: f.startswith("A||申请这个岗位"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/jobs/{posting.pk}/apply/")
    tab_to(page, lambda f: f.startswith("INPUT|id_share_disability|"))
    page.keyboard.press("Space")
    assert page.is_checked("#id_share_disability")
    tab_to(page, lambda f: f.startswith("TEXTAREA|id_note|"))
    page.keyboard.type("我可以下周一来面试")
    tab_to(page, lambda f: f.startswith("BUTTON||确认申请"))
    page.keyboard.press("Enter")

    # the application is in 我的申请
    page.wait_for_url("**/me/applications/")
    main = page.locator("main").inner_text()
    assert "包装工" in main
    assert "已投递" in main
    application = Application.objects.get(posting=posting, seeker__person=seeker.person)
    assert application.share_disability is True
    assert application.note == "我可以下周一来面试"


def test_occupation_suggestion_is_announced_while_the_employer_types_the_title(page):
    from playwright.sync_api import expect

    Occupation.objects.create(code="4-04-05-03", name="呼叫中心服务员", level=4, aliases=["电话客服", "客服"])
    index_rebuild()
    login_as(page, make_employer_user())
    page.goto(page.base_url + "/employer/postings/new/")
    live = page.locator("#occupation-live")
    assert live.get_attribute("aria-live") == "polite"
    tab_to(page, lambda f: f.startswith("INPUT|id_title|"))
    page.keyboard.type("电话客服")
    expect(live).to_contain_text("呼叫中心服务员（4-04-05-03）")
