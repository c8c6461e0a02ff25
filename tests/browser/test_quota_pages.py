"""Quota pages in the browser: zero axe violations on every page and every form's error state, in
normal and 长辈版 mode; no sideways scrolling at 320px; nothing cut off at 200 % zoom."""

from decimal import Decimal

import pytest

from backend.accounts.choices import Role
from quota.services import report_approve, report_return, report_submit
from tests.frontend.quota.xlsx import roster_file, row_for
from tests.quota.factories import make_employer, make_line, make_person, make_report, make_user

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def quota_world(db):
    """An employer with reports in every state: 2025 draft (with a roster line), 2024 submitted,
    2023 returned with reasons, 2022 approved."""
    employer = make_employer(name="太仓甲精密机械有限公司")
    staff = make_user(Role.EMPLOYER, employer=employer)
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    person = make_person(name="王小明")
    draft = make_report(
        employer, by=staff, data_year=2025, employee_count=Decimal("200"), total_wages=Decimal("4000000")
    )
    line = make_line(draft, person)
    reports = {"draft": draft}
    for year, state in ((2024, "submitted"), (2023, "returned"), (2022, "approved")):
        report = make_report(employer, by=staff, data_year=year)
        make_line(report, person)
        report_submit(report=report, by=staff)
        if state == "returned":
            report_return(report=report, by=auditor, reasons="工资总额与税务记录不符，请核对")
        if state == "approved":
            report_approve(report=report, by=auditor)
        reports[state] = report
    return {"staff": staff, "person": person, "line": line, **reports}


def check(page, label=""):
    """Axe at the desktop width, then no sideways scrolling at 320px (same page, re-laid out)."""
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def check_error_state(page):
    assert page.title().startswith("错误："), page.title()
    assert "error-summary" in page.evaluate("document.activeElement.className")
    check(page)


def submit(page, name):
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_public_quota_pages_and_their_error_states(page, elder):
    if elder:
        set_elder_mode(page)
    base = page.base_url
    page.goto(base + "/quota/policy/")
    check(page)
    page.goto(base + "/quota/calculator/")
    check(page)
    submit(page, "计算保障金")  # nothing filled in
    check_error_state(page)
    page.fill("#id_employee_count", "200")
    page.fill("#id_total_wages", "4000000")
    page.fill("#id_employees-0-certificate_no", "32058519850301001X41")
    page.fill("#id_employees-0-monthly_wage", "5,000")
    submit(page, "计算保障金")  # no contract length: an error on that field, never a dropped employee
    check_error_state(page)
    page.fill("#id_employees-0-contract_months", "36")
    submit(page, "计算保障金")
    assert "应缴残疾人就业保障金" in page.locator("#result").inner_text()
    tree = page.locator("#result").aria_snapshot()  # what a screen reader is given
    assert 'heading "计算结果" [level=2]' in tree
    assert 'table "主要数字"' in tree
    assert 'heading "计算步骤" [level=3]' in tree
    check(page)
    submit(page, "再加5行")
    assert page.locator(".employee-row").count() == 8
    check(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_employer_quota_pages_and_their_error_states(page, quota_world, elder):
    staff, draft = quota_world["staff"], quota_world["draft"]
    login_as(page, staff)
    if elder:
        set_elder_mode(page, staff)
    base = page.base_url + "/employer/quota/"
    d = f"{base}{draft.pk}/"
    for url in [
        base,
        d,
        d + "headcount/",
        d + "wages/",
        d + "roster/",
        d + "roster/add/",
        f"{d}roster/{quota_world['line'].pk}/",
        d + "preview/",
        d + "review/",
        d + "what-if/",
        d + "what-if/?hires=2&grade=1&months=6",
        d + "print/",
        f"{base}{quota_world['submitted'].pk}/",
        f"{base}{quota_world['returned'].pk}/",
        f"{base}{quota_world['approved'].pk}/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        check(page)

    page.goto(d + "what-if/?hires=0&grade=4&months=13")
    check_error_state(page)

    page.goto(base)
    page.select_option("#id_data_year", "2025")
    submit(page, "新建并开始填写")  # the 2025 report exists already
    check_error_state(page)

    page.goto(d + "headcount/")
    page.check("#id_mode_0")  # monthly, with the months left empty
    submit(page, "保存并继续")
    check_error_state(page)

    page.goto(d + "wages/")
    page.fill("#id_total_wages", "四百万")
    submit(page, "保存并继续")
    check_error_state(page)

    page.goto(d + "roster/add/")
    submit(page, "加入名册")
    check_error_state(page)

    page.goto(d + "roster/")
    submit(page, "导入名册")  # no file chosen
    check_error_state(page)
    bad = roster_file([row_for(quota_world["person"], **{"月工资(元)": "abc"})])
    page.get_by_label("追加或更新：证号相同的行更新，其余追加").check()
    page.set_input_files(
        "#id_file",
        files=[{"name": "roster.xlsx", "mimeType": "application/octet-stream", "buffer": bad.read()}],
    )
    submit(page, "导入名册")
    check_error_state(page)
    assert "月工资“abc”不是数字" in page.locator("#import-errors").inner_text()

    page.goto(d + "review/")
    submit(page, "提交申报")  # the confirmation box is not ticked
    check_error_state(page)


def test_wizard_is_not_cut_off_at_200_percent_zoom(browser, live_server, quota_world):
    """200 % zoom of a 1280px window = a 640 CSS px viewport at device scale 2."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 640, "height": 900}, device_scale_factor=2
    )
    page = context.new_page()
    page.base_url = live_server.url
    login_as(page, quota_world["staff"])
    d = f"{live_server.url}/employer/quota/{quota_world['draft'].pk}/"
    outside = """() => {
        const width = document.documentElement.clientWidth;
        const scrolled = (el) => el.closest('.table-scroll');
        return [...document.querySelectorAll('body *')].filter((el) => {
            const box = el.getBoundingClientRect();
            return box.width > 1 && box.right > width + 1 && !scrolled(el);
        }).map((el) => el.tagName + '.' + el.className).slice(0, 5);
    }"""
    for url in [
        "",
        "headcount/",
        "wages/",
        "roster/",
        "roster/add/",
        "preview/",
        "review/",
        "what-if/?hires=1&grade=4&months=12",
        "print/",
    ]:
        page.goto(d + url)
        assert page.evaluate(outside) == [], url
        assert_no_sideways_scroll(page)
    page.goto(live_server.url + "/quota/calculator/")
    assert page.evaluate(outside) == []
    context.close()


def test_live_preview_follows_the_figures_being_typed_without_csp_errors(page, quota_world):
    """Progressive enhancement: quota.js refreshes the preview box from preview/live/."""
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    login_as(page, quota_world["staff"])
    page.goto(f"{page.base_url}/employer/quota/{quota_world['draft'].pk}/wages/")
    before = page.locator("[data-levy-due]").get_attribute("data-levy-due")
    page.fill("#id_total_wages", "2000000")
    page.wait_for_selector("[data-live-preview] .hint")  # "以上按正在填写、尚未保存的数字计算"
    after = page.locator("[data-levy-due]").get_attribute("data-levy-due")
    # N 200, D 1 (one grade-4 employee), wages 2,000,000 → 90 % of 2 × 10,000
    assert (before, after) == ("36,000.00", "18,000.00")
    assert "预览已更新" in page.locator("[data-live-announce]").inner_text()
    page.goto(f"{page.base_url}/quota/calculator/")
    page.goto(f"{page.base_url}/employer/quota/{quota_world['draft'].pk}/print/")
    assert page.get_by_role("button", name="打印本页").is_visible()
    # (the browser's own favicon request is a 404 with no text to tell it apart; ignore those)
    assert [p for p in problems if "status of 404" not in p] == []
