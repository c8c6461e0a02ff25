"""残疾人之家 and individual subsidies in the browser (issue 15). The journey "a seeker applies for a
创业补贴 that a second auditor approves" in one test, with axe (0 violations) on every page in
standard and 长辈版 mode at 1366 and 390 px; the centre pages for the 就业服务专员 and auditors."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from daycentres.models import SubsidyApplication
from matching.models import Employment
from quota.choices_audit import LedgerStatus
from tests.daycentres.factories import join, make_auditor, make_centre, make_order, make_service
from tests.factories import make_employer, make_person, make_user

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
WIDTHS = pytest.mark.parametrize("width", [1366, 390])


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def check(page, width=1366):
    assert_accessible(page)
    if width == 390:
        assert_no_sideways_scroll(page)


def sign_in(page, user, elder):
    page.context.clear_cookies()
    login_as(page, user)
    if elder:
        set_elder_mode(page, user)


def main_text(page) -> str:
    return page.locator("main").inner_text()


@WIDTHS
@MODES
def test_a_seeker_applies_for_a_startup_subsidy_that_a_second_auditor_approves(page, elder, width):
    from backend.accounts.choices import Role

    page.set_viewport_size({"width": width, "height": 900})
    seeker = make_user(Role.SEEKER, person=make_person(name="赵创业"))
    business = make_employer(name="赵记手工工作室")
    Employment.objects.create(
        person=seeker.person, employer=business, start_date=timezone.localdate() - timedelta(days=200)
    )
    first, second = make_auditor(), make_auditor()

    # The seeker: an empty form first (error summary takes focus, nothing saved), then the application.
    sign_in(page, seeker, elder)
    assert page.goto(page.base_url + "/me/subsidies/").status == 200
    check(page, width)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert "请选择补贴类型" in page.locator(".error-summary").inner_text()
    assert not SubsidyApplication.objects.exists()
    check(page, width)
    page.get_by_label("自主创业补贴").check()
    page.get_by_label("创业实体名称").fill(business.name)
    page.get_by_label("统一社会信用代码").fill(business.credit_code)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_load_state()
    application = SubsidyApplication.objects.get(person=seeker.person)
    assert "申请已提交" in page.locator("body").inner_text()
    assert "自主创业补贴" in main_text(page)
    check(page, width)

    # Auditor A proposes it from the queue, and may not approve their own proposal.
    sign_in(page, first, elder)
    page.goto(page.base_url + "/auditor/subsidies/")
    assert "赵创业" in main_text(page)
    check(page, width)
    page.get_by_role("button", name=re.compile("提出发放.*赵创业")).click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "proposed" and application.ledger_entry.proposed_by == first
    assert "待另一名审核人员批准" in page.locator("body").inner_text()
    check(page, width)
    page.get_by_role("link", name=re.compile("复核.*赵创业的申请")).click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="确定").count() == 0
    assert "不能" in main_text(page)
    check(page, width)
    entry = application.ledger_entry
    entry.refresh_from_db()
    assert entry.status == LedgerStatus.PROPOSED

    # Auditor B approves it on the ledger's approval page.
    sign_in(page, second, elder)
    page.goto(page.base_url + f"/auditor/ledger/{entry.pk}/decide/")
    assert "赵创业" in page.title()
    check(page, width)
    page.get_by_label("批准").check()
    page.get_by_role("button", name="确定").click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.status == LedgerStatus.APPROVED and entry.approved_by == second
    assert "审批已记录" in page.locator("body").inner_text()

    # The seeker sees the approval on their page.
    sign_in(page, seeker, elder)
    page.goto(page.base_url + "/me/subsidies/")
    application.refresh_from_db()
    assert application.status_label in main_text(page)
    check(page, width)


@WIDTHS
@MODES
def test_the_centre_list_and_detail_read_well_for_an_auditor_of_the_region(page, elder, width):
    page.set_viewport_size({"width": width, "height": 900})
    service = make_service()
    centre = make_centre(service)
    join(centre, make_person(name="李明"), service)
    make_order(centre, make_employer(name="太仓线束有限公司"), service, income="1200.00")
    auditor = make_auditor()

    sign_in(page, auditor, elder)
    assert page.goto(page.base_url + "/day-centres/").status == 200
    check(page, width)
    page.get_by_role("link", name=centre.name).click()
    page.wait_for_load_state()
    text = main_text(page)
    assert "李明" in text and "汽车线束装配" in text and "未确认" in text
    check(page, width)
