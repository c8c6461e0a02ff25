"""Keyboard-only journey (acceptance): an employer signs in, opens the 2025 report, fills the
headcounts and wages, uploads a roster xlsx with one bad row, sees the row error, uploads the
corrected file, previews, reviews, fails to submit without the confirmation (focus lands on the
error summary), then submits."""

from decimal import Decimal

import pytest

from backend.accounts.choices import Role
from quota.choices import ReportStatus
from quota.core.declaration import RECEIPT_PATTERN as RECEIPT
from quota.models import QuotaReport, RosterLine
from quota.services import report_approve
from tests.frontend.quota.xlsx import roster_file, row_for
from tests.quota.factories import PASSWORD, make_employer, make_person, make_report, make_user

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVE = (
    "() => { const e = document.activeElement; return e ? (e.id || '') + '|' + e.textContent.trim() : ''; }"
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def tab_to(page, *, text=None, element_id=None, limit=250):
    """Press Tab until the focused element has this id or this text (what a keyboard user does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused_id, _, focused_text = page.evaluate(ACTIVE).partition("|")
        if (element_id and focused_id == element_id) or (text and focused_text == text):
            return
    raise AssertionError(f"could not reach {element_id or text} with Tab on {page.url}")


def press_enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def xlsx_payload(upload):
    return {"name": upload.name, "mimeType": "application/octet-stream", "buffer": upload.read()}


def test_employer_files_the_2025_report_from_an_xlsx_file_with_the_keyboard_only(page):
    employer = make_employer(name="太仓甲精密机械有限公司")
    staff = make_user(Role.EMPLOYER, employer=employer)
    report = make_report(employer, by=staff, data_year=2025, employee_count=None, total_wages=None)
    wang, li = make_person(name="王小明", grade=2), make_person(name="李四")

    # sign in with the login form
    page.goto(page.base_url + "/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(staff.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_enter(page)

    # the menu → the year's report → its first step
    tab_to(page, text="按比例就业年报")
    press_enter(page)
    tab_to(page, text="打开2025年度申报")
    press_enter(page)
    tab_to(page, text="在职职工人数")
    press_enter(page)

    # monthly headcounts (the default way): twelve inputs in a row
    tab_to(page, element_id="id_month_1")
    for _month in range(12):
        page.keyboard.type("200")
        page.keyboard.press("Tab")
    tab_to(page, text="保存并继续")
    press_enter(page)

    # wages: Enter in the field submits the form
    tab_to(page, element_id="id_total_wages")
    page.keyboard.type("4000000")
    press_enter(page)
    assert page.url.endswith(f"/employer/quota/{report.pk}/roster/")

    # the roster file, with one bad row (a wage that is not a number); the import mode first
    tab_to(page, element_id="id_mode_0")
    page.keyboard.press("Space")  # 替换现有名册
    tab_to(page, element_id="id_file")
    bad = roster_file([row_for(wang), row_for(li, **{"月工资(元)": "五千"})])
    # A keyboard user opens the OS file dialog from the focused input (Enter/Space) and picks the
    # file there; Playwright simulates that dialog with set_input_files on the focused input.
    page.locator("#id_file").set_input_files(files=[xlsx_payload(bad)])
    tab_to(page, text="导入名册")
    press_enter(page)
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert "月工资“五千”不是数字" in page.locator("#import-errors").inner_text()
    assert "第 3 行" in page.locator("#import-errors").inner_text()
    assert not RosterLine.objects.filter(report=report).exists()  # nothing saved
    assert_accessible(page)

    # fix the row and upload again (the chosen mode was kept); a confirmation counts the lines
    assert page.locator("#id_mode_0").is_checked()
    tab_to(page, element_id="id_file")
    good = roster_file([row_for(wang), row_for(li)])
    page.locator("#id_file").set_input_files(files=[xlsx_payload(good)])
    tab_to(page, text="导入名册")
    press_enter(page)
    assert page.url.endswith(f"/employer/quota/{report.pk}/roster/import/confirm/")
    assert "追加2" in page.locator("#import-plan").inner_text().replace("\t", "").replace(" ", "")
    assert not RosterLine.objects.filter(report=report).exists()  # not before the confirmation
    assert_accessible(page)
    tab_to(page, text="确认导入")
    press_enter(page)
    assert "名册导入成功：保留 0 行，更新 0 行，追加 2 行，删除 0 行" in page.locator("main").inner_text()
    assert RosterLine.objects.filter(report=report).count() == 2

    # the 经办人 step: the phone as people write it, saved as digits
    tab_to(page, text="继续：填写经办人和材料")
    press_enter(page)
    tab_to(page, element_id="id_contact_name")
    page.keyboard.type("王芳")
    page.keyboard.press("Tab")
    page.keyboard.type("139-1234-5678")
    assert_accessible(page)
    press_enter(page)

    # preview: N = 200, D = 2 (grade 2) + 1 = 3 → quota met, nothing due
    assert page.url.endswith(f"/employer/quota/{report.pk}/preview/")
    assert "应缴残疾人就业保障金" in page.locator("main").inner_text()
    assert "0.00 元" in page.locator(".levy-amount").inner_text()

    # review; a submit without the confirmation fails and focus lands on the error summary
    tab_to(page, text="继续：核对并提交")
    press_enter(page)
    tab_to(page, text="提交申报")
    press_enter(page)
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    tab_to(page, element_id="id_confirm")
    page.keyboard.press("Space")
    tab_to(page, text="提交申报")
    press_enter(page)

    assert "已提交，请等待审核" in page.locator("main").inner_text()
    report = QuotaReport.objects.get(pk=report.pk)
    assert report.status == ReportStatus.SUBMITTED
    assert report.monthly_headcounts == ["200"] * 12
    assert report.total_wages == Decimal("4000000")
    assert (report.contact_name, report.contact_phone) == ("王芳", "13912345678")

    # the 受理回执: its number on the status page, and a printable receipt
    assert RECEIPT.match(report.receipt_no), report.receipt_no
    assert report.receipt_no in page.locator("main").inner_text()
    tab_to(page, text="查看和打印受理回执")
    press_enter(page)
    receipt = page.locator("main").inner_text()
    assert report.receipt_no in receipt and "王芳（电话 13912345678）" in receipt
    assert f"{report.levy_year}年10月31日" in receipt
    assert_accessible(page)
    tab_to(page, text="返回申报")
    press_enter(page)

    # once approved, the payment steps with the amount and the reference (nothing due here:
    # the quota is met) — and for a levy, the 电子税务局 steps (tests/browser/test_employer_declaration_pages.py)
    report_approve(report=report, by=make_user(Role.AUDITOR, regions=["320585"]))
    page.reload()
    assert "缴纳保障金" in page.locator("#payment-title").inner_text()
    assert "本年度无需缴纳保障金" in page.locator("main").inner_text()
    assert_accessible(page)
