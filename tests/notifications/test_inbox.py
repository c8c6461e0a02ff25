"""The inbox page, the header count, the API (own messages only) and the channel settings."""

import pytest
from django.test import Client

from notifications.choices import NotificationKind
from notifications.models import Notification, NotificationPreference
from notifications.services.inbox import notification_send
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _note(user, title, url=""):
    return notification_send(recipient=user, kind=NotificationKind.APPLICATION_STATUS, title=title, url=url)


def _page_client(user):
    client = Client()
    client.force_login(user)
    return client


def test_inbox_lists_unread_first_and_says_so_in_words():
    user = f.make_seeker()
    old = _note(user, "旧消息已读")
    _note(user, "新消息未读")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    _note(f.make_seeker(), "别人的消息")
    body = _page_client(user).get("/me/notifications/").content.decode()
    assert body.index("新消息未读") < body.index("旧消息已读")
    assert "别人的消息" not in body
    assert "其中 1 条未读" in body
    assert "消息：1 条未读" in body  # the header, in text


def test_mark_one_read_and_open_its_page():
    user = f.make_seeker()
    note = _note(user, "去看看", url="/me/applications/")
    response = _page_client(user).post("/me/notifications/read/", {"id": note.pk, "open": "1"})
    assert response.status_code == 302 and response["Location"] == "/me/applications/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_an_outside_url_is_never_followed():
    user = f.make_seeker()
    note = _note(user, "外链", url="https://evil.example/")
    response = _page_client(user).post("/me/notifications/read/", {"id": note.pk, "open": "1"})
    assert response["Location"] == "/me/notifications/"


def test_another_users_message_cannot_be_marked():
    owner, other = f.make_seeker(), f.make_seeker()
    note = _note(owner, "私人")
    assert _page_client(other).post("/me/notifications/read/", {"id": note.pk}).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_from_the_page():
    user = f.make_employer_user()
    for i in range(3):
        _note(user, f"消息{i}")
    _page_client(user).post("/me/notifications/read/", {"all": "1"})
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert "消息：没有未读" in _page_client(user).get("/me/notifications/").content.decode()


def test_api_lists_only_own_messages_and_filters_unread():
    a, b = f.make_seeker(), f.make_auditor()
    read = _note(a, "甲已读")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    _note(a, "甲未读")
    _note(b, "乙的")
    rows = client_for(a).get("/api/v1/notifications/").json()["results"]
    assert sorted(r["title"] for r in rows) == ["甲已读", "甲未读"]
    unread = client_for(a).get("/api/v1/notifications/?unread=true").json()["results"]
    assert [r["title"] for r in unread] == ["甲未读"]


def test_api_mark_read_ignores_other_users_ids():
    a, b = f.make_seeker(), f.make_seeker()
    mine, theirs = _note(a, "我的"), _note(b, "别人的")
    response = client_for(a).post(
        "/api/v1/notifications/mark-read/", {"ids": [mine.pk, theirs.pk]}, format="json"
    )
    assert response.json() == {"marked": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    bad = client_for(a).post("/api/v1/notifications/mark-read/", {}, format="json")
    assert bad.status_code == 400 and "ids" in bad.json()["errors"]


def test_api_needs_a_signed_in_user(api):
    assert api.get("/api/v1/notifications/").status_code == 401


def test_preferences_page_saves_choices_per_kind():
    user = f.make_seeker()
    client = _page_client(user)
    page = client.get("/me/notifications/settings/").content.decode()
    assert "139****0000" in page  # where SMS would go, masked
    response = client.post(
        "/me/notifications/settings/", {"sms_application_status": "on", "email_report_returned": "on"}
    )
    assert response.status_code == 302
    saved = {
        (p.kind, p.sms, p.email) for p in NotificationPreference.objects.filter(user=user) if p.sms or p.email
    }
    assert saved == {("application_status", True, False), ("report_returned", False, True)}


def test_preferences_api_reads_and_updates():
    user = f.make_employer_user()
    client = client_for(user)
    assert len(client.get("/api/v1/notification-preferences").json()) == len(NotificationKind.values)
    response = client.put(
        "/api/v1/notification-preferences",
        {"preferences": [{"kind": "levy_deadline", "sms": False, "email": True}]},
        format="json",
    )
    assert response.status_code == 200
    row = next(r for r in response.json() if r["kind"] == "levy_deadline")
    assert row["email"] is True
    bad = client.put(
        "/api/v1/notification-preferences",
        {"preferences": [{"kind": "x", "sms": 1, "email": 0}]},
        format="json",
    )
    assert bad.status_code == 400
