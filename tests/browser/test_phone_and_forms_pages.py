"""Issue 14 in the browser (axe, standard and 长辈版, 1366×768 and 390×844): the menu folds behind a
button on phones and the page heading is on the first screen; forms answer once, reveal dependent
fields and count characters; the compliance table shows every column at 1366 px; an auditor
goes from the compliance table to a decision with the keyboard only."""

import pytest
import time_machine

from backend.accounts.choices import Role
from quota.models import QuotaReport
from tests.frontend.audit.factories import make_employer, make_line, make_person, make_report, make_user
from tests.quota.factories import PASSWORD

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode
from .test_audit_journey import focused, press_and_wait, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])


@pytest.fixture
def december_2026():
    with time_machine.travel("2026-12-07 10:00 +0800", tick=True):
        yield


@pytest.fixture
def people(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    auditor = make_user(Role.AUDITOR, regions=["320585"], first_name="残联审核员")
    shared = make_person(name="王芳")
    reports = []
    for name in ("太仓甲精密机械有限公司", "太仓乙物流有限公司"):
        employer = make_employer(name=name)
        report = make_report(employer, data_year=2025, status="submitted")
        make_line(report, shared)  # 挂靠: the same certificate at both
        reports.append(report)
    hr = make_user(Role.EMPLOYER, employer=reports[0].employer, first_name="甲人事")
    seeker = make_user(Role.SEEKER)
    return {"auditor": auditor, "employer": hr, "seeker": seeker, "reports": reports}


def heading_on_first_screen(page) -> None:
    box = page.locator("h1").bounding_box()
    viewport = page.viewport_size
    assert box is not None, page.url
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (page.url, box)


PAGES = {
    None: ["/", "/jobs/", "/register/seeker/", "/quota/policy/", "/help/"],
    "seeker": ["/me/", "/jobs/"],
    "employer": ["/employer/postings/", "/employer/postings/new/"],
    "auditor": ["/auditor/reports/", "/auditor/compliance/?year=2025", "/auditor/audits/"],
}


@MODES
def test_on_a_phone_the_menu_folds_and_every_heading_is_on_the_first_screen(page, people, elder):
    page.set_viewport_size(PHONE)
    for role, paths in PAGES.items():
        page.context.clear_cookies()
        if role:
            login_as(page, people[role])
        if elder:
            set_elder_mode(page, people[role] if role else None)
        for path in paths:
            page.goto(page.base_url + path)
            toggle = page.locator("[data-nav-toggle]")
            assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false", path
            assert not page.locator("#main-nav").is_visible()
            heading_on_first_screen(page)
            assert_no_sideways_scroll(page)
            assert_accessible(page)


@MODES
def test_the_menu_button_opens_and_closes_the_menu_with_the_keyboard(page, people, elder):
    page.set_viewport_size(PHONE)
    login_as(page, people["seeker"])
    if elder:
        set_elder_mode(page, people["seeker"])
    page.goto(page.base_url + "/jobs/")
    tab_to(page, text="菜单")
    page.keyboard.press("Enter")
    toggle = page.locator("[data-nav-toggle]")
    assert (
        toggle.get_attribute("aria-expanded") == "true"
        and toggle.get_attribute("aria-controls") == "main-nav"
    )
    assert page.locator("#main-nav").is_visible()
    assert_accessible(page)  # open menu too
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#main-nav') !== null")
    page.keyboard.press("Escape")
    assert focused(page)["text"].startswith("菜单")
    assert toggle.get_attribute("aria-expanded") == "false" and not page.locator("#main-nav").is_visible()


def test_without_javascript_the_menu_is_shown_and_the_button_hidden(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#main-nav").is_visible()
    assert not page.locator("[data-nav-toggle]").is_visible()
    context.close()


def test_on_a_desktop_the_menu_shows_without_a_button(page, people):
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + "/")
    assert page.locator("#main-nav").is_visible() and not page.locator("[data-nav-toggle]").is_visible()


@MODES
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_registration_answers_once_and_reveals_the_certificate_fields(page, elder, viewport):
    page.set_viewport_size(viewport)
    if elder:
        set_elder_mode(page)
    page.goto(page.base_url + "/register/seeker/")
    grade = page.locator("#id_veteran_grade")
    assert not grade.is_visible()  # only for a 残疾军人证
    page.check("input[name=certificate_kind][value=veteran]")
    assert grade.is_visible()
    page.check("input[name=certificate_kind][value=none]")
    assert not page.locator("#id_certificate_no").is_visible()
    page.fill("#id_name", "王芳")
    page.fill("#id_resident_id", "12345")
    page.fill("#id_phone", "139-1234")
    page.fill("#id_username", "a")
    page.fill("#id_password", "123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    links = summary.locator("a")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert {"#id_resident_id", "#id_phone", "#id_username", "#id_password"} <= hrefs
    assert page.input_value("#id_name") == "王芳" and page.input_value("#id_phone") == "139-1234"
    assert_accessible(page)


@MODES
def test_a_limited_text_field_counts_characters_politely(page, people, elder):
    login_as(page, people["employer"])
    if elder:
        set_elder_mode(page, people["employer"])
    page.goto(page.base_url + "/employer/postings/new/")
    counter = page.locator("#id_address-count")
    assert counter.inner_text() == "还可以输入 200 个字（共 200 个字）"
    page.fill("#id_address", "太仓市城厢镇上海东路1号")
    assert counter.inner_text() == "还可以输入 188 个字（共 200 个字）"
    # The spoken copy follows after a pause (throttled), not on every key.
    from playwright.sync_api import expect

    expect(page.locator("#id_address-count + [aria-live=polite]")).to_contain_text("还可以输入 188 个字")
    # A home job has no workplace address: the field is hidden until another form is chosen.
    page.check("input[name=employment_form][value=home]")
    assert not page.locator("#id_address").is_visible()
    assert_accessible(page)


@MODES
def test_every_compliance_column_is_visible_at_1366(
    page, people, elder, december_2026, django_capture_on_commit_callbacks
):
    from tests.frontend.audit.factories import run_audit

    run_audit(django_capture_on_commit_callbacks, by=people["auditor"])
    page.set_viewport_size(DESKTOP)
    login_as(page, people["auditor"])
    if elder:
        set_elder_mode(page, people["auditor"])
    page.goto(page.base_url + "/auditor/compliance/?year=2025")
    region = page.locator("[role=region][aria-label=合规审核结果]")
    overflow = region.evaluate("e => e.scrollWidth - e.clientWidth")
    assert overflow <= 0, f"the table scrolls sideways by {overflow}px"
    for name in ("实际比例", "应缴保障金", "问题数", "最高严重程度"):
        header = page.locator("table.data.wide thead th", has_text=name).first
        box = header.bounding_box()
        assert box and box["x"] + box["width"] <= DESKTOP["width"], name
    assert_accessible(page)
    page.goto(page.base_url + "/auditor/reports/")
    assert_accessible(page)


def test_keyboard_only_from_the_compliance_table_to_a_decision(
    page, people, december_2026, django_capture_on_commit_callbacks
):
    from tests.frontend.audit.factories import run_audit

    run_audit(django_capture_on_commit_callbacks, by=people["auditor"])
    page.set_viewport_size(DESKTOP)
    auditor = people["auditor"]
    page.goto(page.base_url + "/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(auditor.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)
    tab_to(page, text="合规审核")
    press_and_wait(page)
    tab_to(page, text="太仓乙物流有限公司")  # a row of the compliance table
    press_and_wait(page)
    main = page.locator("main").inner_text()
    assert "同时计入的单位：太仓甲精密机械有限公司" in main
    # The decision comes after the findings: its skip link first, then the buttons.
    tab_to(page, text="跳到审核决定")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "decision"
    tab_to(page, text="审核通过")
    assert_accessible(page)
    press_and_wait(page)
    report = QuotaReport.objects.get(employer__name="太仓乙物流有限公司")
    assert report.status == "approved"
