"""Auditors and administrators sign in with a TOTP code as well as a password once OTP_REQUIRED is
on (production default): enrolment, the second step, the admin site and the API."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def otp_on(settings):
    settings.OTP_REQUIRED = True


def code(device, at=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if at is not None:
        totp.time = at.timestamp()
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=True)


def password_step(user, password) -> Client:
    browser = Client()
    response = browser.post("/login/", {"username": user.username, "password": password})
    assert response.status_code == 302
    return browser, response["Location"]


def test_the_second_factor_is_on_by_default_only_in_production():
    from tests.test_settings import PRODUCTION_ENV, _manage

    script = (
        "from django.conf import settings; print('OTP', settings.OTP_REQUIRED, settings.OTP_REQUIRED_ROLES)"
    )
    production = _manage("shell", "-c", script, env_overrides=PRODUCTION_ENV)
    assert "OTP True ['auditor', 'service', 'admin']" in production.stdout, production.stderr
    development = _manage("shell", "-c", script)
    assert "OTP False" in development.stdout, development.stderr
    assert settings.OTP_REQUIRED is False  # the tests run without it unless they switch it on


def test_without_the_setting_an_auditor_signs_in_with_a_password(make):
    auditor = make.make_auditor()
    browser, location = password_step(auditor, make.PASSWORD)
    assert "/login/otp/" not in location and "/account/two-factor/" not in location
    assert browser.get("/auditor/employers/").status_code == 200


def test_an_enrolled_auditor_must_enter_the_code_before_any_page(make, otp_on):
    auditor = make.make_auditor()
    device = enrolled(auditor)
    browser, location = password_step(auditor, make.PASSWORD)
    assert location.startswith("/login/otp/")
    for path in ["/auditor/employers/", "/", "/admin/"]:
        held = browser.get(path)
        assert held.status_code == 302 and held["Location"].startswith("/login/otp/"), path
    api = browser.get("/api/v1/auth/me")
    assert api.status_code == 403 and "两步验证" in api.json()["detail"]
    wrong = browser.post("/login/otp/", {"otp": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 200 and "动态验证码不正确" in wrong.content.decode()
    session_before = browser.session.session_key
    later = timezone.now() + timedelta(seconds=3)  # django-otp slows down after a failure
    with time_machine.travel(later):
        right = browser.post("/login/otp/", {"otp": code(device, later), "next": "/auditor/employers/"})
    assert right.status_code == 302 and right["Location"] == "/auditor/employers/"
    assert browser.session.session_key != session_before  # rotated at the privilege change
    assert browser.get("/auditor/employers/").status_code == 200
    assert browser.get("/api/v1/auth/me").status_code == 200


def test_a_code_is_accepted_once(make, otp_on):
    auditor = make.make_auditor()
    device = enrolled(auditor)
    first, _ = password_step(auditor, make.PASSWORD)
    used = code(device)
    assert first.post("/login/otp/", {"otp": used}).status_code == 302
    second, _ = password_step(auditor, make.PASSWORD)
    assert second.post("/login/otp/", {"otp": used}).status_code == 200
    assert second.get("/auditor/employers/").status_code == 302


def test_an_auditor_without_a_device_enrols_before_anything_else(make, otp_on):
    auditor = make.make_auditor()
    browser, location = password_step(auditor, make.PASSWORD)
    assert location.startswith("/account/two-factor/")
    assert browser.get("/auditor/employers/")["Location"].startswith("/account/two-factor/")
    page = browser.get("/account/two-factor/")
    body = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert 'src="data:image/svg+xml' in body and "otpauth://totp/" in body
    device = TOTPDevice.objects.get(user=auditor, confirmed=False)
    assert browser.post("/account/two-factor/", {"otp": "12345"}).status_code == 200  # not 6 digits
    later = timezone.now() + timedelta(seconds=1)
    with time_machine.travel(later):
        done = browser.post(
            "/account/two-factor/", {"otp": code(device, later), "next": "/auditor/employers/"}
        )
    assert done.status_code == 302 and done["Location"] == "/auditor/employers/"
    device.refresh_from_db()
    assert device.confirmed
    assert browser.get("/auditor/employers/").status_code == 200
    # the secret is not shown again, and no second device can be added this way
    again = browser.get("/account/two-factor/").content.decode()
    assert "otpauth://" not in again and "已设置身份验证器" in again


def test_administrators_need_the_code_for_the_admin_site(make, otp_on):
    admin = make.make_admin()
    device = enrolled(admin)
    browser, _ = password_step(admin, make.PASSWORD)
    assert browser.get("/admin/")["Location"].startswith("/login/otp/")
    browser.post("/login/otp/", {"otp": code(device)})
    assert browser.get("/admin/").status_code == 200


def test_seekers_and_employers_never_meet_the_second_factor(make, otp_on):
    seeker = make.make_seeker()
    browser, location = password_step(seeker, make.PASSWORD)
    assert "otp" not in location and "two-factor" not in location
    assert browser.get("/me/").status_code == 200
    assert browser.get("/account/two-factor/").status_code == 404
    assert browser.get("/login/otp/").status_code == 404


def test_the_api_issues_an_auditor_token_only_with_a_valid_code(make, otp_on):
    auditor = make.make_auditor()
    device = enrolled(auditor)
    api = APIClient()
    payload = {"username": auditor.username, "password": make.PASSWORD}
    missing = api.post("/api/v1/auth/login", payload, format="json")
    assert missing.status_code == 401 and "otp" in missing.json()["errors"]
    wrong = api.post("/api/v1/auth/login", {**payload, "otp": "12345x"}, format="json")
    assert wrong.status_code == 401 and "otp" in wrong.json()["errors"]
    ok = api.post("/api/v1/auth/login", {**payload, "otp": code(device)}, format="json")
    assert ok.status_code == 200
    me = APIClient().get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Token {ok.json()['token']}")
    assert me.status_code == 200


def test_the_api_refuses_an_auditor_who_has_not_enrolled(make, otp_on):
    auditor = make.make_auditor()
    response = APIClient().post(
        "/api/v1/auth/login", {"username": auditor.username, "password": make.PASSWORD}, format="json"
    )
    assert response.status_code == 401 and "设置身份验证器" in response.json()["detail"]


def test_a_wrong_password_is_refused_before_the_code_is_looked_at(make, otp_on):
    auditor = make.make_auditor()
    enrolled(auditor)
    response = APIClient().post(
        "/api/v1/auth/login",
        {"username": auditor.username, "password": "wrong", "otp": "123456"},
        format="json",
    )
    assert response.status_code == 401 and response.json()["detail"] == "用户名或密码不正确。"


def test_seeker_api_login_needs_no_code(make, otp_on):
    seeker = make.make_seeker()
    response = APIClient().post(
        "/api/v1/auth/login", {"username": seeker.username, "password": make.PASSWORD}, format="json"
    )
    assert response.status_code == 200


def test_the_admin_site_never_shows_a_device_secret(make):
    """An administrator who could read an auditor's TOTP key would hold their second factor."""
    device = enrolled(make.make_auditor())
    site = Client()
    site.force_login(make.make_admin())
    for view in ["config", "qrcode"]:
        assert site.get(f"/admin/otp_totp/totpdevice/{device.pk}/{view}/").status_code == 403
        assert site.get(f"/admin/otp_totp/totpdevice/0/{view}/").status_code == 403
    change = site.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in change
