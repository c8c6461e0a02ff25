"""Second-factor and registration-review pages: zero axe violations (also in 长辈版 and with
errors), the code field reachable by keyboard."""

from datetime import date

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from backend.accounts.choices import CertificateKind
from backend.accounts.services import CertificateInput, person_create, seeker_register

from .conftest import assert_accessible, assert_no_sideways_scroll, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def review(make):
    """A registration whose resident ID is already registered in 沙溪镇."""
    from backend.accounts.demo import resident_id

    rid = resident_id("320585", date(1980, 5, 6), 321)
    person_create(
        name="王芳",
        resident_id=rid,
        phone="13900000009",
        region=make.region("320585101"),
        certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=f"{rid}42"),
    )
    seeker_register(
        username="wangfang2",
        password="a-long-enough-pass",
        name="王芳",
        resident_id=rid,
        phone="13911112222",
        region=make.region("320585101"),
        certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=f"{rid}42"),
    )
    from backend.accounts.models import RegistrationReview

    return RegistrationReview.objects.get()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_enrolment_page_has_no_axe_violations(page, make, elder):
    auditor = make.make_auditor()
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    page.goto(page.base_url + "/account/two-factor/")
    assert page.locator("h1").inner_text() == "设置两步验证"
    assert page.locator("img[alt]").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()  # no code: the error state
    assert page.locator(".error-summary, [role=alert]").count() >= 1
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_code_step_has_no_axe_violations_and_works_by_keyboard(page, make, settings, elder):
    settings.OTP_REQUIRED = True
    auditor = make.make_auditor()
    TOTPDevice.objects.create(user=auditor, name="身份验证器", confirmed=True)
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    page.goto(page.base_url + "/auditor/employers/")
    assert "/login/otp/" in page.url
    assert_accessible(page)
    page.locator("#id_otp").focus()
    page.keyboard.type("12")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login/otp/" in page.url
    assert "6位" in page.locator("main").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_registration_review_pages_have_no_axe_violations(page, make, review, elder):
    reviewer = make.make_auditor("320585101")
    login_as(page, reviewer)
    if elder:
        set_elder_mode(page, reviewer)
    page.goto(page.base_url + "/auditor/registrations/")
    assert "wangfang2" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(page.base_url + f"/auditor/registrations/{review.pk}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()  # no decision chosen
    assert "请选择核实结果" in page.locator("main").inner_text()
    assert_accessible(page)
