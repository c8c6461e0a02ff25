"""残疾人之家 and individual subsidies in the browser (issue 15). The journey "a seeker applies for a
创业补贴 that a second auditor approves" in one test, with axe (0 violations) on every page in
standard and 长辈版 mode at 1366 and 390 px; the centre pages for the 就业服务专员 and auditors."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from daycentres.models import CentreMembership, Distribution, SubsidyApplication, WorkOrder
from matching.models import Employment
from quota.audit.choices import LedgerStatus
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


def section(page, name):
    """One action form of a centre page (each is a <section> labelled by its heading)."""
    return page.locator(f"section[aria-labelledby=h-{name}]")


def submit(page, locator, name):
    locator.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


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


@WIDTHS
@MODES
def test_a_centre_receives_an_order_and_pays_its_members(page, elder, width):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate().isoformat()
    service = make_service()
    centre = make_centre(service)
    make_person(name="李明")
    make_person(name="王芳")
    employer = make_employer(name="太仓线束有限公司")

    # Two people join the centre.
    sign_in(page, service, elder)
    assert page.goto(page.base_url + f"/day-centres/{centre.pk}/").status == 200
    check(page, width)
    for name in ("李明", "王芳"):
        members = section(page, "member")
        members.get_by_label("加入的人员").select_option(label=name)
        members.get_by_label("入托日期").fill(today)
        submit(page, members, "登记加入")
        assert "已登记加入" in page.locator("body").inner_text()
    assert {m.person.name for m in CentreMembership.objects.filter(centre=centre)} == {"王芳", "李明"}
    check(page, width)

    # An empty order: the error summary takes focus and names the fields; nothing is saved.
    submit(page, section(page, "order"), "登记加工项目")
    assert page.title().startswith("错误：")
    assert "error-summary" in page.evaluate("document.activeElement.className")
    summary = page.locator(".error-summary").inner_text()
    assert "请填写委托单位统一社会信用代码" in summary and "请填写数量" in summary
    assert not WorkOrder.objects.exists()
    check(page, width)

    # The order from the 项目调配中心.
    order_form = section(page, "order")
    order_form.get_by_label("委托单位统一社会信用代码").fill(employer.credit_code)
    order_form.get_by_label("产品或工序").fill("汽车线束装配")
    order_form.get_by_label("数量（件）").fill("1000")
    order_form.get_by_label("单价").fill("1.20")
    order_form.get_by_label("接单日期").fill(today)
    order_form.get_by_label("交付日期").fill(today)
    submit(page, order_form, "登记加工项目")
    order = WorkOrder.objects.get(centre=centre)
    assert order.employer == employer and order.quantity == 1000
    page.get_by_role("link", name="汽车线束装配").click()
    page.wait_for_load_state()
    check(page, width)

    # Its income, then a distribution beyond the income is refused, naming the amount.
    income = section(page, "income")
    income.get_by_label("收入金额").fill("1000")
    submit(page, income, "登记收入")
    assert "已登记收入 1000.00 元" in page.locator("body").inner_text()
    distribute = section(page, "dist")
    distribute.get_by_label("分配总额").fill("2000")
    distribute.get_by_label("按工时").check()
    distribute.get_by_label("李明的工时或件数").fill("1")
    submit(page, distribute, "分配收入")
    assert page.title().startswith("错误：")
    assert (
        "分配总额：分配总额 2000.00 元超过该项目未分配的收入 1000.00 元"
        in page.locator(".error-summary").inner_text()
    )
    assert not Distribution.objects.exists()
    check(page, width)

    # 1000 元 by hours 1 : 2 — the cents add up exactly.
    distribute = section(page, "dist")
    distribute.get_by_label("分配总额").fill("1000")
    distribute.get_by_label("按工时").check()
    distribute.get_by_label("李明的工时或件数").fill("1")
    distribute.get_by_label("王芳的工时或件数").fill("2")
    submit(page, distribute, "分配收入")
    shares = {s.membership.person.name: str(s.amount) for s in Distribution.objects.get().shares.all()}
    assert shares == {"李明": "333.33", "王芳": "666.67"}
    table = page.get_by_role("table").last.inner_text()
    assert "333.33" in table and "666.67" in table and "1000.00" in table
    check(page, width)

    # 王芳 leaves the centre.
    page.get_by_role("link", name=f"返回{centre.name}").click()
    page.wait_for_load_state()
    leave = section(page, "leave")
    leave.get_by_label("离开的成员").select_option(label="王芳")
    leave.get_by_label("离开日期").fill(today)
    submit(page, leave, "办理离开")
    assert CentreMembership.objects.get(person__name="王芳").left_on.isoformat() == today
    check(page, width)


@WIDTHS
@MODES
def test_service_staff_file_a_subsidy_application_for_a_seeker(page, elder, width):
    page.set_viewport_size({"width": width, "height": 900})
    service = make_service()
    person = make_person(name="重度甲", grade=1)

    sign_in(page, service, elder)
    assert page.goto(page.base_url + "/service/subsidies/").status == 200
    check(page, width)
    page.get_by_role("button", name="代为提交申请").click()
    page.wait_for_load_state()
    assert page.title().startswith("错误：")
    assert "请选择申请人" in page.locator(".error-summary").inner_text()
    check(page, width)
    page.get_by_label("申请人").select_option(label="重度甲（城厢镇）")
    page.get_by_label("重度残疾人灵活就业社保补贴").check()
    page.get_by_label("补贴月数").fill("3")
    page.get_by_role("button", name="代为提交申请").click()
    page.wait_for_load_state()
    assert person.subsidy_applications.get().applied_by == service
    assert "已为重度甲提交" in page.locator("body").inner_text()
    check(page, width)
