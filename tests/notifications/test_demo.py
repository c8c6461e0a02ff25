import pytest

from backend.accounts.demo import seed as seed_accounts
from notifications.demo import seed
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_inbox_has_unread_and_read_messages_and_is_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_accounts()
    first = seed()["notifications"]
    assert first >= 5
    assert seed()["notifications"] == 0
    seeker = Notification.objects.filter(recipient__username="seeker")
    assert seeker.filter(read_at__isnull=True).count() == 2
    assert seeker.filter(read_at__isnull=False).count() == 1
