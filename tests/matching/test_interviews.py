"""Interview invitations: the employer invites with time, place, arrangements and a contact
channel that respects the seeker's 文字联系 preference; the seeker accepts or asks again."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from matching.models import Application, Invitation
from matching.services import application_create
from matching.services.interviews import contact_preference, invitation_create, invitation_respond
from notifications.models import Notification

from .factories import make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
WHEN = NOW + timedelta(days=3, hours=4)


@pytest.fixture
def applied():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="数据录入员")
    seeker = make_seeker_user(make_person(2, 1))  # hearing, grade 1
    make_profile(seeker.person, needs=["text_channel"])
    # The applicant shares disability details with this employer: the 文字联系 preference (from the
    # text_channel need) is then theirs to see.
    return hr, seeker, application_create(user=seeker, posting=posting, share_disability=True)


def _invite(hr, application, **overrides):
    values = {
        "starts_at": WHEN,
        "place": "太仓市城厢镇上海东路1号3楼",
        "arrangements": ["sign_language", "accessible_access"],
        "contact_channel": "text",
        "contact_detail": "人事部 王女士 13912345678",
    }
    values.update(overrides)
    return invitation_create(user=hr, application=application, **values)


@time_machine.travel(NOW, tick=False)
def test_invitation_moves_to_interview_and_notifies_the_seeker(applied):
    hr, seeker, application = applied
    invitation = _invite(hr, application)
    application.refresh_from_db()
    assert application.status == "interview"
    assert invitation.arrangement_labels == ["手语翻译", "无障碍通道"]
    note = Notification.objects.get(recipient=seeker)
    assert note.kind == "interview_invitation"
    assert "2026年12月10日 14:00" in note.body and "上海东路1号" in note.body
    assert note.url == "/me/applications/"


@time_machine.travel(NOW, tick=False)
def test_a_voice_call_is_refused_when_the_seeker_asked_for_text(applied):
    hr, seeker, application = applied
    assert contact_preference(application) == "文字联系"
    with pytest.raises(ValidationError) as error:
        _invite(hr, application, contact_channel="phone")
    assert "文字联系" in error.value.message_dict["contact_channel"][0]
    application.refresh_from_db()
    assert application.status == "applied" and not Invitation.objects.exists()
    assert not Notification.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_every_bad_field_is_reported_at_once(applied):
    hr, _seeker, application = applied
    with pytest.raises(ValidationError) as error:
        _invite(
            hr,
            application,
            starts_at=NOW - timedelta(hours=1),
            place=" ",
            arrangements=["x"],
            contact_detail="",
        )
    assert set(error.value.message_dict) == {"starts_at", "place", "arrangements", "contact_detail"}


@time_machine.travel(NOW, tick=False)
def test_another_employer_cannot_invite(applied):
    _hr, _seeker, application = applied
    with pytest.raises(PermissionDenied):
        _invite(make_employer_user(), application)
    assert Application.objects.get(pk=application.pk).status == "applied"


@time_machine.travel(NOW, tick=False)
def test_seeker_asks_for_another_time_then_accepts_the_new_one(applied):
    hr, seeker, application = applied
    first = _invite(hr, application)
    with pytest.raises(ValidationError) as error:
        invitation_respond(user=seeker, invitation=first, response="reschedule")
    assert "response_note" in error.value.message_dict
    first = invitation_respond(user=seeker, invitation=first, response="reschedule", note="周四下午更方便")
    assert (first.response, first.response_note) == ("reschedule", "周四下午更方便")
    second = _invite(hr, application, starts_at=WHEN + timedelta(days=1))
    with pytest.raises(ValidationError):
        invitation_respond(user=seeker, invitation=first, response="accepted")  # superseded
    assert invitation_respond(user=seeker, invitation=second, response="accepted").response == "accepted"
    with pytest.raises(PermissionDenied):
        invitation_respond(user=make_seeker_user(make_person(1, 3)), invitation=second, response="accepted")


@time_machine.travel(NOW, tick=False)
def test_api_invite_list_and_respond_with_two_users(applied):
    hr, seeker, application = applied
    employer_api, seeker_api, other_api = APIClient(), APIClient(), APIClient()
    employer_api.force_authenticate(hr)
    seeker_api.force_authenticate(seeker)
    other_api.force_authenticate(make_employer_user())
    url = f"/api/v1/applications/{application.pk}/"
    body = {
        "starts_at": WHEN.isoformat(),
        "place": "线上：腾讯会议 123-456",
        "arrangements": ["online"],
        "contact_channel": "phone",
        "contact_detail": "王女士",
    }
    refused = employer_api.post(url + "invite/", body, format="json")
    assert refused.status_code == 400 and "contact_channel" in refused.json()["errors"]
    assert (
        other_api.post(url + "invite/", {**body, "contact_channel": "text"}, format="json").status_code == 404
    )
    made = employer_api.post(url + "invite/", {**body, "contact_channel": "text"}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["contact_channel_display"] == "文字联系（短信、平台消息）"
    listed = seeker_api.get(url + "invitations/")
    assert [item["place"] for item in listed.json()] == ["线上：腾讯会议 123-456"]
    answered = seeker_api.post(url + "respond/", {"response": "accepted"}, format="json")
    assert answered.status_code == 200 and answered.json()["response"] == "accepted"
    assert employer_api.post(url + "respond/", {"response": "accepted"}, format="json").status_code == 403


def test_the_text_preference_is_private_when_the_applicant_does_not_share_disability_details():
    # The preference is derived from a support need, which reveals the disability.
    posting = make_posting()
    seeker = make_seeker_user(make_person(2, 3))
    make_profile(seeker.person, needs=["text_channel"])

    application = application_create(user=seeker, posting=posting)

    assert contact_preference(application) == ""
