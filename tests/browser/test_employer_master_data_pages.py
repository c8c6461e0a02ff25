"""The employer's profile, change request and chooser pages and the auditors' employer pages in
the browser: zero axe violations in standard and 长辈版 mode, on error states too, no sideways
scrolling at 320 px; and the change-request journey done with the keyboard and mouse."""

import re

import pytest

from backend.accounts.models import Employer, EmployerChangeRequest
from backend.accounts.services import (
    employer_change_request_decide,
    employer_change_request_file,
    employer_registry_change,
)

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(make, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    emp_a = make.make_employer(region_code="320585100", name="甲公司", org_type="institution")
    emp_b = make.make_employer(region_code="320585101", name="乙公司")
    hr = make.make_employer_user(emp_a)
    hr.memberships.create(employer=emp_b, is_admin=True)  # two employers: the chooser applies
    auditor = make.make_auditor("320585")
    auditor.first_name = "李审核"
    auditor.save()
    employer_registry_change(employer=emp_a, changes={"sheltered": True}, reason="民政认定", by=auditor)
    decided = employer_change_request_file(employer=emp_a, changes={"name": "甲新"}, reason="更名", by=hr)
    employer_change_request_decide(change_request=decided, approve=False, reason="未见营业执照", by=auditor)
    pending = employer_change_request_file(
        employer=emp_a, changes={"org_type": "enterprise", "region": "320585101"}, reason="改制并迁址", by=hr
    )
    return {"emp_a": emp_a, "emp_b": emp_b, "hr": hr, "auditor": auditor, "pending": pending}


def visit(page, path):
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    assert page.locator("h1").count() == 1, path


def fits_320px(page):
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
    page.set_viewport_size(size)


def choose(page, employer):
    visit(page, "/employer/choose/")
    page.get_by_label(employer.name, exact=False).check()
    page.get_by_role("button", name="确定").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_employer_and_auditor_pages_have_no_axe_violations(page, world, elder):
    hr, auditor, emp_a, pending = world["hr"], world["auditor"], world["emp_a"], world["pending"]
    login_as(page, hr)
    if elder:
        set_elder_mode(page, hr)
    visit(page, "/employer/choose/")
    assert_accessible(page)
    fits_320px(page)
    choose(page, emp_a)
    for path in ["/employer/profile/", "/employer/profile/change-request/"]:
        visit(page, path)
        assert_accessible(page)
        fits_320px(page)

    page.context.clear_cookies()
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    for path in [
        "/auditor/employers/",
        f"/auditor/employers/{emp_a.pk}/",
        f"/auditor/employers/{emp_a.pk}/registry/",
        "/auditor/employers/change-requests/",
        "/auditor/employers/change-requests/?status=",
        f"/auditor/employers/change-requests/{pending.pk}/",
    ]:
        visit(page, path)
        if elder:
            assert "elder" in page.locator("body").get_attribute("class"), path
        assert_accessible(page)
        fits_320px(page)


def assert_error_state(page, where):
    page.wait_for_load_state()
    assert page.title().startswith("错误："), where
    assert "error-summary" in page.evaluate("document.activeElement.className"), where
    assert_accessible(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_error_states_focus_the_summary_and_have_no_axe_violations(page, world, elder):
    hr, auditor, emp_a, emp_b = world["hr"], world["auditor"], world["emp_a"], world["emp_b"]
    login_as(page, hr)
    if elder:
        set_elder_mode(page, hr)
    visit(page, "/employer/choose/")
    page.get_by_role("button", name="确定").click()  # nothing chosen
    assert_error_state(page, "chooser")
    choose(page, emp_b)  # 乙 has no open request: its change-request form is shown
    visit(page, "/employer/profile/change-request/")
    page.fill("#id_credit_code", "123")
    page.get_by_role("button", name="提交变更申请").click()
    assert_error_state(page, "change request")
    visit(page, "/employer/profile/")
    page.fill("#id_contact_phone", "12")
    page.get_by_role("button", name="保存联系信息").click()
    assert_error_state(page, "contact details")

    page.context.clear_cookies()
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    for path, button in [
        (f"/auditor/employers/{emp_a.pk}/registry/", "作出变更决定"),
        (f"/auditor/employers/change-requests/{world['pending'].pk}/", "提交审核结果"),
    ]:
        visit(page, path)
        page.get_by_role("button", name=button).click()
        assert_error_state(page, path)


def test_the_journey_employer_files_auditor_approves_employer_sees_it(page, world):
    hr, auditor, emp_b = world["hr"], world["auditor"], world["emp_b"]
    login_as(page, hr)
    visit(page, "/employer/profile/")  # two employers: the chooser first, then back here
    assert page.url.endswith("/employer/choose/?next=%2Femployer%2Fprofile%2F")
    page.get_by_label("乙公司", exact=False).check()
    page.keyboard.press("Enter")
    page.wait_for_url("**/employer/profile/")
    page.get_by_role("link", name="申请变更登记信息").click()
    page.fill("#id_name", "乙科技有限公司")
    page.fill("#id_reason", "营业执照已变更名称")
    page.get_by_role("button", name="提交变更申请").click()
    page.wait_for_url("**/employer/profile/")
    assert "待审核" in page.locator("main").inner_text()
    request = EmployerChangeRequest.objects.get(employer=emp_b)

    page.context.clear_cookies()
    login_as(page, auditor)
    visit(page, "/auditor/employers/")
    page.get_by_role("link", name="登记信息变更申请").click()
    page.get_by_role("link", name=re.compile(rf"^审核\s*第{request.pk}号申请$")).click()
    page.get_by_label("批准：按申请变更登记信息").check()
    page.fill("#id_reason", "已核对新营业执照")
    page.get_by_role("button", name="提交审核结果").click()
    page.wait_for_url(f"**/auditor/employers/{emp_b.pk}/")
    history = page.locator("main").inner_text()
    assert "单位名称：乙公司 → 乙科技有限公司" in history
    assert f"批准变更申请（第{request.pk}号）：已核对新营业执照" in history
    assert Employer.objects.get(pk=emp_b.pk).name == "乙科技有限公司"

    page.context.clear_cookies()
    login_as(page, hr)
    visit(page, "/employer/choose/")
    page.get_by_label("乙科技有限公司", exact=False).check()
    page.get_by_role("button", name="确定").click()
    page.wait_for_url("**/employer/profile/")
    text = page.locator("main").inner_text()
    assert "已批准" in text and "李审核（残联审核人员）" in text and "已核对新营业执照" in text
