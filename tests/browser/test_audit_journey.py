"""Keyboard only: an auditor signs in, runs the annual audit, opens a report with a finding,
returns it with a reason (after one failed submit), and notices the employer of a proposed
credit listing (告知, with an evidence file); the employer's administrator waives its 陈述申辩
and a second auditor (人社局) decides — only then is there a flag."""

import pytest
import time_machine

from quota.models import AuditRun, CreditCase, CreditFlag, QuotaReport
from tests.frontend.audit.factories import make_employer, make_line, make_person, make_report, make_user
from tests.quota.audit.factories import PDF_BYTES
from tests.quota.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 80


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(), type: e.type || ''}; }"
    )


def tab_to(page, *, text: str | None = None, element_id: str | None = None, backwards: bool = False) -> dict:
    """Press Tab (or Shift+Tab) until the focused element has this id or starts with this text."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if (element_id and now["id"] == element_id) or (text and now["text"].startswith(text)):
            return now
    raise AssertionError(f"could not reach {text or element_id} with the keyboard")


def press_and_wait(page, key: str = "Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


@pytest.fixture
def world(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    from backend.accounts.choices import Role

    auditor = make_user(Role.AUDITOR, regions=["320585"], first_name="残联审核员")
    auditor2 = make_user(Role.AUDITOR, regions=["320585"], auditor_kind="hrss", first_name="人社局审核员")
    shared = make_person(name="王芳")
    employers = []
    for name in ("太仓甲精密机械有限公司", "太仓乙物流有限公司"):
        employer = make_employer(name=name)
        report = make_report(employer, data_year=2025, status="submitted")
        make_line(report, shared)  # the same certificate at both employers: 挂靠
        employers.append(employer)
    hr = make_user(Role.EMPLOYER, employer=employers[0], first_name="甲人事")  # 单位管理员
    evidence = tmp_path / "核查记录.pdf"
    evidence.write_bytes(PDF_BYTES)
    return {"auditor": auditor, "auditor2": auditor2, "hr": hr, "employers": employers, "evidence": evidence}


def sign_in(page, user):
    page.context.clear_cookies()
    page.goto(page.base_url + "/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)
    assert "已登录" in page.locator("header").inner_text()


@pytest.fixture
def december_2026():
    """The journey starts from "last year's" audit (2025): a day of 2026, not the real clock."""
    with time_machine.travel("2026-12-07 10:00 +0800", tick=True):
        yield


def test_keyboard_only_audit_return_and_credit_flag(page, world, december_2026):
    auditor = world["auditor"]
    page.goto(page.base_url + "/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(auditor.username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    press_and_wait(page)
    assert "已登录" in page.locator("header").inner_text()

    # 年度核查: the data year defaults to last year (2025); start it.
    tab_to(page, text="年度核查")
    press_and_wait(page)
    tab_to(page, text="开始年度核查")
    press_and_wait(page)
    run = AuditRun.objects.get()
    assert page.url.endswith(f"/auditor/audits/{run.pk}/") and run.status == "done"
    assert "状态：已完成，已完成 100%" in page.locator("[data-run-status]").inner_text()

    # Open the compliance table, then the report with a finding.
    tab_to(page, text="查看2025年度合规审核表")
    press_and_wait(page)
    tab_to(page, text="太仓甲精密机械有限公司")
    press_and_wait(page)
    assert "发现本单位 1 个问题" in page.locator("main").inner_text()

    # Return it: a first submit without a reason fails and focuses the error summary.
    tab_to(page, text="退回并说明原因")
    press_and_wait(page)
    tab_to(page, text="退回给单位")
    press_and_wait(page)
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    tab_to(page, text="退回原因：请填写退回原因")
    page.keyboard.press("Enter")  # the summary's link moves focus to the field (audit.js)
    assert focused(page)["id"] == "id_reasons"
    page.keyboard.type("第1行王芳同时被太仓乙物流有限公司计入，请核实后删除或说明")
    tab_to(page, text="退回给单位")
    press_and_wait(page)
    report = QuotaReport.objects.get(employer__name="太仓甲精密机械有限公司")
    assert (report.status, report.return_reasons) == (
        "returned",
        "第1行王芳同时被太仓乙物流有限公司计入，请核实后删除或说明",
    )
    assert "已退回" in page.locator(".notice").inner_text()

    # Notice the same employer of a proposed listing (pre-selected from the report page).
    tab_to(page, text="发起失信认定")
    press_and_wait(page)
    assert page.locator("#id_employer").input_value() == str(report.employer_id)
    tab_to(page, element_id="id_level_0")
    page.keyboard.press("Space")
    tab_to(page, element_id="id_reason")
    page.keyboard.type("2025年度名册1人挂靠（同一证件同月被两家单位计入）")
    page.keyboard.press("Tab")
    page.keyboard.type("发改价格规〔2019〕2015号")
    page.keyboard.press("Tab")
    page.keyboard.type("2025年度核查第1次，问题：同一证件同月被多家单位计入")
    tab_to(page, element_id="id_files")
    # The file chooser is the operating system's own dialog; Playwright hands it the file.
    page.locator("#id_files").set_input_files(str(world["evidence"]))
    tab_to(page, text="告知单位")
    press_and_wait(page)
    case = CreditCase.objects.get()
    assert (case.employer_id, case.level, case.opened_by, case.status) == (
        report.employer_id,
        "general",
        auditor,
        "notified",
    )
    assert page.url.endswith(f"/auditor/credit/cases/{case.pk}/") and not CreditFlag.objects.exists()
    assert "核查记录.pdf" in page.locator("main").inner_text()

    # The employer's administrator reads the notice and waives its 陈述申辩.
    sign_in(page, world["hr"])
    page.goto(page.base_url + "/employer/credit/")
    tab_to(page, text="放弃陈述申辩")
    press_and_wait(page)
    tab_to(page, element_id="id_confirm")
    page.keyboard.press("Space")
    tab_to(page, text="确认放弃")
    press_and_wait(page)
    assert CreditCase.objects.get().waived_by == world["hr"]

    # A second auditor decides; only now is the employer listed.
    sign_in(page, world["auditor2"])
    page.goto(page.base_url + f"/auditor/credit/cases/{case.pk}/")
    tab_to(page, text="作出决定")
    press_and_wait(page)
    tab_to(page, element_id="id_decision_0")
    page.keyboard.press("Space")
    tab_to(page, element_id="id_reason")
    page.keyboard.type("单位放弃陈述申辩，挂靠事实清楚")
    tab_to(page, text="作出决定")
    press_and_wait(page)
    flag = CreditFlag.objects.get()
    assert (flag.employer_id, flag.decided_by, flag.case_id) == (
        report.employer_id,
        world["auditor2"],
        case.pk,
    )
    assert page.url.endswith(f"/auditor/credit/cases/{case.pk}/")
