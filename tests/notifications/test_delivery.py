"""The pluggable sender and the copies of inbox messages on the channels a user chose."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from notifications.choices import Channel, NotificationKind
from notifications.models import Notification, OutboxMessage
from notifications.senders import OutgoingMessage, SendFailed, get_sender
from notifications.services.inbox import notification_deliver, notification_send
from notifications.services.preferences import preferences_of, preferences_set
from tests import factories as f

pytestmark = pytest.mark.django_db

SENT: list[OutgoingMessage] = []


class RecordingSender:
    """A provider of our own, selected by dotted path like a real SMS gateway would be."""

    def send(self, message):
        SENT.append(message)


class RefusingSender:
    def send(self, message):
        raise SendFailed("gateway down")


def _send(user, kind=NotificationKind.APPLICATION_STATUS):
    return notification_send(recipient=user, kind=kind, title="申请状态变化", body="正文", url="/me/")


def test_outbox_sender_stores_the_message_for_the_admin():
    get_sender().send(OutgoingMessage(channel=Channel.SMS, to="13900000000", body="验证码 123456"))
    row = OutboxMessage.objects.get()
    assert (row.channel, row.to, row.body) == ("sms", "13900000000", "验证码 123456")


def test_inbox_only_when_the_user_chose_no_channel(django_capture_on_commit_callbacks):
    seeker = f.make_seeker()
    with django_capture_on_commit_callbacks(execute=True):
        _send(seeker)
    assert Notification.objects.filter(recipient=seeker).count() == 1
    assert OutboxMessage.objects.count() == 0


def test_chosen_sms_copy_goes_to_the_persons_phone_after_commit(django_capture_on_commit_callbacks):
    seeker = f.make_seeker()
    preferences_set(user=seeker, choices={NotificationKind.APPLICATION_STATUS: {"sms": True, "email": True}})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _send(seeker)
    assert OutboxMessage.objects.count() == 0  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    # E-mail chosen too, but the seeker has no address: only the SMS goes out.
    sms = OutboxMessage.objects.get()
    assert (sms.channel, sms.to) == ("sms", "13900000000")
    assert "申请状态变化" in sms.body


def test_email_copy_carries_the_body_and_other_kinds_stay_in_the_inbox(django_capture_on_commit_callbacks):
    hr = f.make_employer_user()
    hr.email = "hr@example.com"
    hr.save()
    preferences_set(user=hr, choices={NotificationKind.REPORT_RETURNED: {"sms": False, "email": True}})
    with django_capture_on_commit_callbacks(execute=True):
        _send(hr, NotificationKind.REPORT_RETURNED)
        _send(hr, NotificationKind.CREDIT_DECISION)
    mail = OutboxMessage.objects.get()
    assert (mail.channel, mail.to, mail.subject, mail.body) == (
        "email",
        "hr@example.com",
        "申请状态变化",
        "正文",
    )


def test_a_redelivered_task_sends_no_second_copy():
    seeker = f.make_seeker()
    preferences_set(user=seeker, choices={NotificationKind.ACCOUNT: {"sms": True, "email": False}})
    note = _send(seeker, NotificationKind.ACCOUNT)
    assert notification_deliver(notification_id=note.pk) == ["sms"]
    assert notification_deliver(notification_id=note.pk) == []
    assert OutboxMessage.objects.count() == 1


def test_sender_is_chosen_by_setting(settings):
    settings.NOTIFICATION_SENDER = "tests.notifications.test_delivery.RecordingSender"
    SENT.clear()
    seeker = f.make_seeker()
    preferences_set(user=seeker, choices={NotificationKind.ACCOUNT: {"sms": True, "email": False}})
    notification_deliver(notification_id=_send(seeker, NotificationKind.ACCOUNT).pk)
    assert [m.to for m in SENT] == ["13900000000"]
    assert OutboxMessage.objects.count() == 0


def test_a_refused_copy_keeps_the_inbox_message(settings):
    settings.NOTIFICATION_SENDER = "tests.notifications.test_delivery.RefusingSender"
    seeker = f.make_seeker()
    preferences_set(user=seeker, choices={NotificationKind.ACCOUNT: {"sms": True, "email": False}})
    note = _send(seeker, NotificationKind.ACCOUNT)
    assert notification_deliver(notification_id=note.pk) == []
    assert Notification.objects.filter(pk=note.pk).exists()


def test_an_unknown_sender_fails_loudly(settings):
    settings.NOTIFICATION_SENDER = "no.such.Sender"
    with pytest.raises(ImproperlyConfigured, match="NOTIFICATION_SENDER"):
        get_sender()


def test_preferences_list_every_kind_and_refuse_unknown_ones():
    from django.core.exceptions import ValidationError

    user = f.make_seeker()
    rows = preferences_of(user=user)
    assert [r["kind"] for r in rows] == list(NotificationKind.values)
    assert not any(r["sms"] or r["email"] for r in rows)
    with pytest.raises(ValidationError):
        preferences_set(
            user=user, choices={"nonsense": {"sms": True}, NotificationKind.ACCOUNT: {"sms": True}}
        )
    assert not any(r["sms"] for r in preferences_of(user=user))  # nothing half-saved
