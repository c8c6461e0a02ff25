"""The employer's declaration paperwork, levy notices and interview invitations in the browser:
zero axe violations on every new page and its error state, standard and 长辈版, at 1366 px and on
a 390 px phone (no sideways scrolling); the seeker's side of an invitation likewise."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts.choices import Role
from matching.services import application_create
from matching.services.interviews import invitation_create
from quota.services import report_approve, report_return, report_submit
from quota.services.decisions import notice_issue, payment_record
from tests.matching.factories import make_employer_user, make_posting, make_profile, make_seeker_user
from tests.matching.factories import make_person as make_seeker_person
from tests.quota.factories import make_employer, make_person, make_report, make_user

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = {"desktop": (1366, 768), "phone": (390, 844)}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(db):
    this_year = timezone.localdate().year
    employer = make_employer(name="太仓甲精密机械有限公司")
    staff = make_user(Role.EMPLOYER, employer=employer)
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    current = make_report(employer, by=staff, data_year=this_year, employee_count=Decimal("200"))
    returned = report_submit(report=make_report(employer, by=staff, data_year=this_year - 1), by=staff)
    report_return(
        report=returned,
        by=auditor,
        reasons="工资总额与社保记录不符",
        requested_attachments=["social_insurance"],
    )
    approved = report_submit(report=make_report(employer, by=staff, data_year=this_year - 2), by=staff)
    approved = report_approve(report=approved, by=auditor)
    today = timezone.localdate()
    notice = notice_issue(report=approved, issued_on=today, due_date=today + timedelta(days=30), by=auditor)
    payment_record(notice=notice, amount=Decimal("1000.00"), paid_on=today, by=auditor)
    notice.refresh_from_db()

    hr = make_employer_user()
    posting = make_posting(user=hr, title="数据录入员")
    seeker = make_seeker_user(make_seeker_person(2, 1))
    make_profile(seeker.person, needs=["text_channel"])
    # Shared with this employer: the 文字联系 preference (from a support need) is theirs to see.
    invited = application_create(user=seeker, posting=posting, share_disability=True)
    invitation = invitation_create(
        user=hr,
        application=invited,
        starts_at=timezone.now() + timedelta(days=3),
        place="太仓市城厢镇上海东路1号3楼",
        arrangements=["sign_language", "accessible_access"],
        contact_channel="text",
        contact_detail="人事部 王女士 13912345678",
    )
    other = make_seeker_user(make_seeker_person(4, 3))
    make_profile(other.person)
    fresh = application_create(user=other, posting=posting)
    make_person(name="王小明")
    return locals()


def visit(page, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.base_url + path)
    assert page.locator("h1").count() == 1, page.url
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def submit_empty(page, button):
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    assert page.title().startswith("错误："), page.title()
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert_accessible(page)
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_employer_declaration_and_levy_pages(page, world, elder, width):
    w, h = WIDTHS[width]
    staff = world["staff"]
    login_as(page, staff)
    if elder:
        set_elder_mode(page, staff)
    returned, approved, notice = world["returned"], world["approved"], world["notice"]

    # every wizard step of the returned report carries the reason and the requested document
    visit(page, f"/employer/quota/{returned.pk}/contact/", w, h)
    main = page.locator("main").inner_text()
    assert "工资总额与社保记录不符" in main and "社保缴费明细" in main
    submit_empty(page, "保存并继续")
    assert "请填写经办人姓名" in page.locator(".error-summary").inner_text()
    page.goto(page.base_url + f"/employer/quota/{returned.pk}/contact/")
    submit_empty(page, "上传")
    assert "材料类型" in page.locator(".error-summary").inner_text()
    visit(page, f"/employer/quota/{returned.pk}/headcount/", w, h)
    assert "社保缴费明细" in page.locator(".return-banner").inner_text()

    visit(page, f"/employer/quota/{returned.pk}/", w, h)
    assert returned.receipt_no in page.locator("main").inner_text()
    visit(page, f"/employer/quota/{returned.pk}/receipt/", w, h)

    # the approved report: the amount still owed, the reference and the 电子税务局 steps
    visit(page, f"/employer/quota/{approved.pk}/", w, h)
    payment = page.locator("section.payment").inner_text()
    assert (
        f"{notice.outstanding} 元" in payment and f"{approved.receipt_no}-BZJ{approved.levy_year}" in payment
    )
    assert "电子税务局" in payment

    # the current year: hires needed and the what-if
    visit(page, f"/employer/quota/{world['current'].pk}/", w, h)
    assert "还需招几名残疾职工" in page.locator("#hires-title").inner_text()
    visit(page, f"/employer/quota/{world['current'].pk}/what-if/", w, h)

    # levy notices and payments
    visit(page, "/employer/levy/", w, h)
    assert "共 1 份缴款通知" in page.locator("main").inner_text()
    visit(page, f"/employer/levy/{notice.pk}/", w, h)
    assert "1000.00" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_interview_invitation_pages_on_both_sides(page, world, elder, width):
    w, h = WIDTHS[width]
    hr, seeker = world["hr"], world["seeker"]
    login_as(page, hr)
    if elder:
        set_elder_mode(page, hr)
    visit(page, f"/employer/applications/{world['invited'].pk}/", w, h)
    main = page.locator("main").inner_text()
    assert "联系偏好：文字联系" in main and "手语翻译、无障碍通道" in main
    visit(page, f"/employer/applications/{world['fresh'].pk}/invite/", w, h)
    submit_empty(page, "发出面试邀请")
    assert "请填写面试日期" in page.locator(".error-summary").inner_text()

    page.context.clear_cookies()
    login_as(page, seeker)
    if elder:
        set_elder_mode(page, seeker)
    visit(page, "/me/applications/", w, h)
    assert "上海东路1号" in page.locator(".invitation-box").inner_text()
    visit(page, f"/me/invitations/{world['invitation'].pk}/", w, h)
    submit_empty(page, "提交答复")
    page.get_by_label("这个时间不方便，请另约时间").check()
    page.get_by_role("button", name="提交答复").click()
    page.wait_for_load_state()
    assert "申请改期时请写明方便的时间" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
