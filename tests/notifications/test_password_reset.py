"""忘记密码: a code by SMS or e-mail, the same answer for every identifier, then a new password."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from knox.models import AuthToken

from backend.accounts.models import User
from notifications.choices import NotificationKind
from notifications.models import Notification, OutboxMessage, PasswordResetCode
from notifications.services.password_reset import RESET_REQUESTED
from tests import factories as f

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lanse-Haian-2026"


def _code() -> str:
    return re.search(r"验证码 (\d{6})", OutboxMessage.objects.latest("pk").body).group(1)


def _request(client, identifier):
    return client.post("/password-reset/", {"identifier": identifier})


def _confirm(client, code, password=NEW_PASSWORD, again=None):
    return client.post(
        "/password-reset/code/", {"code": code, "password1": password, "password2": again or password}
    )


@pytest.fixture
def seeker(django_capture_on_commit_callbacks):
    return f.make_seeker()  # phone 13900000000 on the person record


def _request_and_send(client, identifier, capture):
    with capture(execute=True):
        return _request(client, identifier)


def test_login_page_links_to_password_reset(client):
    assert 'href="/password-reset/"' in client.get("/login/").content.decode()


def test_help_page_no_longer_sends_everyone_to_the_counter(client):
    body = client.get("/help/").content.decode()
    assert 'href="/password-reset/"' in body


def test_same_answer_whether_or_not_the_account_exists(client, seeker, django_capture_on_commit_callbacks):
    known = _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    unknown = _request_and_send(Client(), "nobody-here", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/password-reset/code/"
    page = client.get(known["Location"])
    assert RESET_REQUESTED in page.content.decode()
    assert OutboxMessage.objects.count() == 1  # only the real account got a code


def test_code_goes_by_sms_to_the_seekers_phone_and_is_hashed_at_rest(
    client, seeker, django_capture_on_commit_callbacks
):
    _request_and_send(
        client, "１３９００００００００", django_capture_on_commit_callbacks
    )  # full-width digits
    sms = OutboxMessage.objects.get()
    assert (sms.channel, sms.to) == ("sms", "13900000000")
    code = _code()
    row = PasswordResetCode.objects.get(user=seeker)
    assert code not in row.code_hash
    assert abs((row.expires_at - row.created_at) - timedelta(minutes=10)) < timedelta(seconds=1)


def test_employer_staff_without_phone_get_the_code_by_email(client, django_capture_on_commit_callbacks):
    hr = f.make_employer_user()
    hr.email = "HR@Example.com"
    hr.save()
    _request_and_send(client, "hr@example.com", django_capture_on_commit_callbacks)
    mail = OutboxMessage.objects.get()
    assert (mail.channel, mail.to) == ("email", "HR@Example.com")


def test_full_reset_ends_every_session_and_token_and_tells_the_user(
    client, seeker, django_capture_on_commit_callbacks
):
    other = Client()
    other.force_login(seeker)
    AuthToken.objects.create(user=seeker)
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    response = _confirm(client, _code())
    assert response.status_code == 302 and response["Location"] == "/login/"
    seeker.refresh_from_db()
    assert seeker.check_password(NEW_PASSWORD)
    assert not AuthToken.objects.filter(user=seeker).exists()
    assert not any(str(s.get_decoded().get("_auth_user_id")) == str(seeker.pk) for s in Session.objects.all())
    assert Notification.objects.filter(recipient=seeker, kind=NotificationKind.ACCOUNT).count() == 1
    assert PasswordResetCode.objects.get(user=seeker).used_at is not None
    assert client.login(username=seeker.username, password=NEW_PASSWORD)


def test_all_errors_are_reported_at_once_and_a_wrong_code_counts(
    client, seeker, django_capture_on_commit_callbacks
):
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    response = _confirm(client, "000000" if _code() != "000000" else "111111", password="123", again="124")
    body = response.content.decode()
    assert response.status_code == 200
    assert "验证码不正确或已过期" in body
    assert "密码太短" in body
    assert "两次输入的新密码不一致" in body
    assert PasswordResetCode.objects.get(user=seeker).attempts == 1
    seeker.refresh_from_db()
    assert not seeker.check_password("123")


def test_a_right_code_with_a_weak_password_is_not_used_up(client, seeker, django_capture_on_commit_callbacks):
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    code = _code()
    assert "密码太短" in _confirm(client, code, password="short").content.decode()
    assert _confirm(client, code).status_code == 302


def test_code_dies_after_five_wrong_tries(client, seeker, django_capture_on_commit_callbacks):
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    code = _code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        _confirm(client, wrong)
    response = _confirm(client, code)
    assert "验证码不正确或已过期" in response.content.decode()
    seeker.refresh_from_db()
    assert not seeker.check_password(NEW_PASSWORD)


def test_code_expires_after_ten_minutes(client, seeker, django_capture_on_commit_callbacks):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    code = _code()
    with time_machine.travel(now + timedelta(minutes=10, seconds=1), tick=False):
        response = _confirm(client, code)
    assert "验证码不正确或已过期" in response.content.decode()


def test_a_new_request_replaces_the_old_code(client, seeker, django_capture_on_commit_callbacks):
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    first = _code()
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    second = _code()
    if first != second:
        assert "验证码不正确" in _confirm(client, first).content.decode()
    assert _confirm(client, second).status_code == 302


def test_code_page_without_a_request_goes_back_to_step_one(client):
    response = client.get("/password-reset/code/")
    assert response.status_code == 302 and response["Location"] == "/password-reset/"


def test_requests_are_throttled_per_identifier_from_every_address(seeker, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **rates,
            "password_reset_identifier": "2/hour",
            "password_reset": "100/hour",
        },
    }
    statuses = [_request(Client(REMOTE_ADDR=f"10.0.0.{i}"), seeker.username).status_code for i in range(1, 4)]
    assert statuses == [302, 302, 429]
    # Another identifier from the same addresses is not affected.
    assert _request(Client(REMOTE_ADDR="10.0.0.3"), "someone-else").status_code == 302


def test_requests_are_throttled_per_address(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "password_reset": "2/hour"},
    }
    client = Client(REMOTE_ADDR="10.0.0.9")
    statuses = [_request(client, f"name{i}").status_code for i in range(3)]
    assert statuses == [302, 302, 429]
    assert "过于频繁" in _request(client, "name9").content.decode()


def test_an_empty_identifier_names_the_field(client):
    response = _request(client, "")
    assert response.status_code == 200
    assert "请输入用户名、手机号或电子邮箱" in response.content.decode()


def test_a_phone_shared_by_two_accounts_sends_nothing(client, django_capture_on_commit_callbacks):
    f.make_seeker()
    f.make_seeker(birth=date(1990, 1, 1))
    assert User.objects.filter(person__phone="13900000000").count() == 2
    _request_and_send(client, "13900000000", django_capture_on_commit_callbacks)
    assert OutboxMessage.objects.count() == 0


@pytest.mark.throttle
def test_a_reset_lifts_the_sign_in_lockout(client, seeker, django_capture_on_commit_callbacks):
    for _ in range(5):
        Client().post("/login/", {"username": seeker.username, "password": "wrong-password"})
    locked = Client().post("/login/", {"username": seeker.username, "password": f.PASSWORD})
    assert locked.status_code == 429
    _request_and_send(client, seeker.username, django_capture_on_commit_callbacks)
    _confirm(client, _code())
    assert not AccessAttempt.objects.filter(username=seeker.username).exists()
    response = Client().post("/login/", {"username": seeker.username, "password": NEW_PASSWORD})
    assert response.status_code == 302
