"""Browser fixtures: Playwright for Python driving Debian's chromium, axe-core through
axe-playwright-python (accessibility.md, "Testing").

Without chromium the browser tests are skipped, unless REQUIRE_BROWSER=1 (CI), where a missing
browser is a failure.
"""

import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures in
# that thread are still synchronous, so Django's async-safety guard must be told so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session", autouse=True)
def _serialized_contents_for_every_context(request):
    """Playwright's running event loop makes Django hand the live-server tests new connection
    objects that lack the contents serialized at set-up, so serialized_rollback would restore
    nothing (no regions, no policies). Keep the serialized contents on the connection class."""
    if not any(item.get_closest_marker("browser") for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    for conn in connections.all():
        if hasattr(conn, "_test_serialized_contents"):
            type(conn)._test_serialized_contents = conn._test_serialized_contents


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(
                "REQUIRE_BROWSER=1 but chromium is not installed (apt-get install chromium fonts-noto-cjk)"
            )
        pytest.skip("chromium is not installed; install the Debian packages chromium and fonts-noto-cjk")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def login_as(page, user):
    """Sign the browser in as `user` by handing it a real session cookie (faster than the form)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.base_url}]
    )


def set_elder_mode(page, user=None, enabled=True):
    """Turn the 长辈版 theme on for the browser (cookie) and, when signed in, for the user."""
    if user is not None:
        user.elder_mode = enabled
        user.save(update_fields=["elder_mode"])
    page.context.add_cookies([{"name": "elder_mode", "value": "1" if enabled else "0", "url": page.base_url}])


def axe_violations(page) -> list[dict]:
    """Run axe with the WCAG 2.2 AA tag set on the current page; return the violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return results.response["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} → " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in violations
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}\n{describe(violations)}"


def assert_no_sideways_scroll(page):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def assert_page_ok(page, width):
    """axe finds nothing, and at phone width (390 px) the page does not scroll sideways."""
    assert_accessible(page)
    if width == 390:
        assert_no_sideways_scroll(page)


@pytest.fixture
def isolated_match_index(settings, tmp_path):
    """A match index of the test's own (its own folder, checked on every query), and no state
    left in the process for the next test."""
    from matching.services.index import index_reset_process_state

    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    settings.MATCHING_INDEX_CHECK_SECONDS = 0
    index_reset_process_state()
    yield
    index_reset_process_state()
