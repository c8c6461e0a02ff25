"""消息, 通知方式, 忘记密码 and 手语视频预约 in the browser: zero axe violations in the standard
and 长辈版 themes (and in each form's error state), the whole password reset journey with the
code read from the outbox, and the same journey by keyboard only."""

import re
from datetime import date

import pytest
import time_machine

from notifications.choices import NotificationKind
from notifications.models import OutboxMessage, SignLanguageBooking
from notifications.services.bookings import booking_create
from notifications.services.inbox import notification_send
from tests import factories as f

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode
from .test_audit_journey import focused, press_and_wait, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MODES = pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
NEW_PASSWORD = "Lanse-Haian-2026"


@pytest.fixture(autouse=True)
def _fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def monday():
    """Monday 7 December 2026 in Taicang: bookings are judged against this day."""
    with time_machine.travel("2026-12-07 10:00 +0800", tick=True):
        yield


def _code() -> str:
    return re.search(r"验证码 (\d{6})", OutboxMessage.objects.latest("pk").body).group(1)


@MODES
def test_inbox_and_preferences_pages(page, elder):
    seeker = f.make_seeker()
    notification_send(
        recipient=seeker,
        kind=NotificationKind.APPLICATION_STATUS,
        title="您申请的「包装工」：单位已查看",
        url="/me/",
    )
    notification_send(recipient=seeker, kind=NotificationKind.ACCOUNT, title="欢迎使用")
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    page.goto(page.base_url + "/me/notifications/")
    assert page.locator("h1").inner_text() == "我的消息"
    assert "消息：2 条未读" in page.locator("header").inner_text()
    assert page.locator(".notification .tag").first.inner_text() == "未读"
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="全部标为已读").click()
    assert "消息：没有未读" in page.locator("header").inner_text()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/me/notifications/settings/")
    assert_accessible(page)
    page.get_by_label("短信（年报退回修改）").check()
    with page.expect_navigation():
        page.get_by_role("button", name="保存通知方式").click()
    assert "通知方式已保存" in page.locator("main").inner_text()
    assert page.get_by_label("短信（年报退回修改）").is_checked()
    assert_accessible(page)


@MODES
def test_password_reset_journey_from_request_to_sign_in(page, elder):
    seeker = f.make_seeker()
    if elder:
        set_elder_mode(page)
    page.goto(page.base_url + "/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="忘记密码？").click()
    assert page.locator("h1").inner_text() == "重设密码"
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="发送验证码").click()  # empty: the error state
    assert page.title().startswith("错误：")
    assert_accessible(page)
    page.locator("#id_identifier").fill(seeker.username)
    with page.expect_navigation():
        page.get_by_role("button", name="发送验证码").click()
    assert "如果该账号存在，验证码已发送" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("#id_code").fill("000000" if _code() != "000000" else "111111")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("other")
    with page.expect_navigation():
        page.get_by_role("button", name="设置新密码").click()
    summary = page.locator(".error-summary").inner_text()
    assert "验证码不正确" in summary and "密码太短" in summary and "不一致" in summary
    assert_accessible(page)
    page.locator("#id_code").fill(_code())
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="设置新密码").click()
    assert "密码已重设" in page.locator("main").inner_text()
    page.locator("#id_username").fill(seeker.username)
    page.locator("#id_password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert "已登录" in page.locator("header").inner_text()
    assert "消息：1 条未读" in page.locator("header").inner_text()  # 您的密码已重设


def test_password_reset_by_keyboard_only(page):
    seeker = f.make_seeker()
    page.goto(page.base_url + "/login/")
    tab_to(page, text="忘记密码？")
    press_and_wait(page)
    tab_to(page, element_id="id_identifier")
    page.keyboard.type(seeker.username)
    press_and_wait(page)
    tab_to(page, element_id="id_code")
    page.keyboard.type(_code())
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    press_and_wait(page)
    # A failed submit puts focus on the error summary, whose link leads to the field.
    assert "error-summary" in page.evaluate("document.activeElement.className")
    tab_to(page, text="新密码")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_password1"
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, element_id="id_password2", backwards=False)
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, element_id="id_code", backwards=True)
    page.keyboard.type(_code())  # the code was kept (a weak password does not use it up)
    tab_to(page, text="设置新密码")
    press_and_wait(page)
    assert "密码已重设" in page.locator("main").inner_text()
    tab_to(page, element_id="id_username")
    page.keyboard.type(seeker.username)
    page.keyboard.press("Tab")
    page.keyboard.type(NEW_PASSWORD)
    press_and_wait(page)
    assert "已登录" in page.locator("header").inner_text()


@MODES
def test_sign_language_booking_pages(page, monday, elder):
    seeker = f.make_seeker()
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    page.goto(page.base_url + "/")
    with page.expect_navigation():
        page.get_by_role("link", name="预约手语视频服务").click()
    assert page.locator("h1").inner_text() == "预约手语视频服务"
    assert_accessible(page)
    page.locator("#id_wanted_date").fill("2026-12-05")
    with page.expect_navigation():
        page.get_by_role("button", name="提交预约").click()
    assert page.title().startswith("错误：")
    assert "今天之后" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
    page.locator("#id_wanted_date").fill("2026-12-09")
    page.get_by_label("上午 9:00–11:30").check()
    page.locator("#id_topic").fill("想问怎样申请岗位")
    page.get_by_label("手语视频通话").check()
    page.locator("#id_contact_detail").fill("13900000000")
    with page.expect_navigation():
        page.get_by_role("button", name="提交预约").click()
    assert page.locator("h1").inner_text() == "预约已提交"
    assert SignLanguageBooking.objects.filter(requester=seeker).count() == 1
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)


@MODES
def test_service_desk_booking_list(page, monday, elder):
    booking_create(
        by=f.make_seeker(),
        wanted_date=date(2026, 12, 9),
        slot="afternoon",
        topic="怎样填写年报",
        contact_method="text",
        contact_detail="wx-li",
    )
    auditor = f.make_auditor()
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    page.goto(page.base_url + "/auditor/sign-language/")
    assert "待安排（1 条）" in page.locator("main").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("标为已安排")).click()
    assert "待安排（0 条）" in page.locator("main").inner_text()
    assert_accessible(page)
