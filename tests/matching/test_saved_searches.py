"""Saved searches: the query validated by the job list's FilterSet, and the periodic check that
announces new matching postings once per search in the inbox."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from matching.models import SavedSearch
from matching.services import (
    posting_close,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
    saved_searches_notify,
)
from notifications.choices import NotificationKind
from notifications.models import Notification

from .factories import make_employer_user, make_person, make_posting, make_seeker_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker():
    return make_seeker_user()


@pytest.fixture
def hr():
    return make_employer_user()


def later(days: float):
    return time_machine.travel(timezone.now() + timedelta(days=days), tick=False)


def messages_of(user):
    return list(Notification.objects.filter(recipient=user, kind=NotificationKind.SAVED_SEARCH))


def test_query_is_normalised_and_unknown_keys_dropped(seeker):
    search = saved_search_create(
        user=seeker,
        query={
            "q": "  客服  热线 ",
            "hours": ["part_time", "full_time"],
            "remote": "on",
            "page": "3",
            "sort": "pay",
        },
    )
    assert search.query == {"q": "客服 热线", "hours": ["full_time", "part_time"], "remote": "true"}
    assert search.name == "“客服 热线” · 全职 · 兼职 · 可居家工作"
    assert search.active and search.frequency == "daily"


def test_a_bad_filter_value_is_refused_naming_the_filter(seeker):
    with pytest.raises(ValidationError) as exc:
        saved_search_create(user=seeker, query={"employment_form": ["nonsense"]})
    assert "就业形式" in exc.value.message_dict["query"][0]
    assert not SavedSearch.objects.exists()


def test_the_same_name_twice_is_refused(seeker):
    saved_search_create(user=seeker, query={"q": "客服"}, name="客服")
    with pytest.raises(ValidationError) as exc:
        saved_search_create(user=seeker, query={"q": "包装"}, name="客服")
    assert exc.value.message_dict["name"] == ["已有同名的搜索，请换一个名称"]


def test_only_seekers_may_save_a_search(hr):
    with pytest.raises(PermissionDenied):
        saved_search_create(user=hr, query={"q": "客服"})


def test_new_matching_postings_are_announced_once_with_count_and_link(seeker, hr):
    make_posting(user=hr, title="老岗位包装工")  # before the search: not new
    search = saved_search_create(user=seeker, query={"q": "包装"}, name="包装")
    with later(0.5):
        make_posting(user=hr, title="包装工（夜班）")
        make_posting(user=hr, title="包装质检员", skills=["包装"])
        make_posting(user=hr, title="电话客服", description="接听电话", skills=["打字"])
    with later(1):
        assert saved_searches_notify() == 1
        (note,) = messages_of(seeker)
        assert note.title == "您保存的搜索「包装」有2个新岗位"
        assert "包装工（夜班）" in note.body and "电话客服" not in note.body
        assert note.url == "/jobs/?q=%E5%8C%85%E8%A3%85&sort=newest"
        # The same run again (a retried task): nothing new, nothing announced twice.
        assert saved_searches_notify() == 0
    search.refresh_from_db()
    assert messages_of(seeker) == [note]


def test_a_search_without_keyword_uses_the_filters(seeker, hr):
    saved_search_create(user=seeker, query={"hours": ["part_time"]})
    with later(0.5):
        make_posting(user=hr, title="兼职录入员", hours="part_time")
        make_posting(user=hr, title="全职包装工", hours="full_time")
    with later(1):
        saved_searches_notify()
    (note,) = messages_of(seeker)
    assert "兼职录入员" in note.body and "全职包装工" not in note.body


def test_nothing_new_sends_nothing_but_moves_the_watermark(seeker):
    search = saved_search_create(user=seeker, query={"q": "包装"})
    with later(1):
        assert saved_searches_notify() == 0
        search.refresh_from_db()
        assert search.last_notified_at == timezone.now()
    assert messages_of(seeker) == []


def test_a_posting_with_a_later_publication_date_is_new_when_it_opens(seeker, hr):
    saved_search_create(user=seeker, query={"q": "包装"})
    make_posting(user=hr, title="包装工", opens_on=timezone.localdate() + timedelta(days=3))
    with later(1):
        saved_searches_notify()  # not public yet
    assert messages_of(seeker) == []
    with later(4):
        saved_searches_notify()
    assert len(messages_of(seeker)) == 1


def test_closed_postings_are_not_announced(seeker, hr):
    saved_search_create(user=seeker, query={"q": "包装"})
    with later(0.5):
        posting_close(user=hr, posting=make_posting(user=hr, title="包装工"))
    with later(1):
        saved_searches_notify()
    assert messages_of(seeker) == []


def test_a_weekly_search_waits_a_week(seeker, hr):
    saved_search_create(user=seeker, query={"q": "包装"}, frequency="weekly")
    with later(0.5):
        make_posting(user=hr, title="包装工")
    with later(1):
        assert saved_searches_notify() == 0
    with later(7):
        assert saved_searches_notify() == 1


def test_a_paused_search_is_not_checked_and_resuming_starts_from_now(seeker, hr):
    search = saved_search_create(user=seeker, query={"q": "包装"})
    saved_search_update(user=seeker, search=search, active=False)
    with later(0.5):
        make_posting(user=hr, title="包装工")
    with later(1):
        assert saved_searches_notify() == 0
        saved_search_update(user=seeker, search=search, active=True)
    with later(2):
        assert saved_searches_notify() == 0  # published while paused: not announced later
    assert messages_of(seeker) == []


def test_another_seeker_cannot_change_or_delete_my_search(seeker):
    search = saved_search_create(user=seeker, query={"q": "包装"})
    other = make_seeker_user(make_person())
    with pytest.raises(PermissionDenied):
        saved_search_update(user=other, search=search, active=False)
    with pytest.raises(PermissionDenied):
        saved_search_delete(user=other, search=search)
    search.refresh_from_db()
    assert search.active


def test_the_beat_schedule_runs_the_reminder_task(settings):
    from matching import tasks

    entry = settings.CELERY_BEAT_SCHEDULE["saved-search-reminders"]
    assert entry["task"] == "matching.tasks.notify_saved_searches"
    assert tasks.notify_saved_searches.name == entry["task"]
