"""Writes of saved searches (订阅): save the /jobs/ query, pause, delete, and the periodic check
that tells each seeker about new matching postings in their inbox."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import Role
from backend.accounts.models import User

from ..choices import SavedSearchFrequency
from ..filtersets import JobPostingFilterSet
from ..models import SavedSearch
from ..selectors.saved_searches import (
    MULTI_KEYS,
    SEARCH_KEYS,
    saved_search_describe,
    saved_search_new_postings,
    saved_search_url,
)
from .profiles import profile_get_or_create

MAX_PER_SEEKER = 20
MAX_Q = 100
# A weekly search is checked when a week has passed, give or take the beat's own jitter.
WEEK = timedelta(days=7) - timedelta(hours=1)


def _values(raw, key: str) -> list[str]:
    if hasattr(raw, "getlist"):
        values = raw.getlist(key)
    else:
        value = raw.get(key)
        values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def saved_search_clean_query(raw: Mapping) -> dict:
    """The query normalised (known keys only, empty ones dropped, lists sorted) and validated
    by the job list's own FilterSet; a bad value names its filter."""
    query: dict = {}
    for key in SEARCH_KEYS:
        values = _values(raw, key)
        if not values:
            continue
        query[key] = sorted(set(values)) if key in MULTI_KEYS else values[0]
    if "q" in query:
        query["q"] = " ".join(query["q"].split())[:MAX_Q]
    # The page's 居家/保障面试 boxes send "on"; the FilterSet speaks "true"/"false".
    for key in ("remote", "guaranteed_interview"):
        if query.get(key) == "on":
            query[key] = "true"
    filterset = JobPostingFilterSet({k: v for k, v in query.items() if k != "q"})
    if not filterset.is_valid():
        labels = {name: f.label for name, f in filterset.filters.items()}
        raise ValidationError(
            {
                "query": [
                    f"搜索条件「{labels.get(name, name)}」：{message}"
                    for name, messages in filterset.errors.items()
                    for message in messages
                ]
            }
        )
    return query


def _seeker_profile(user: User):
    if not user.is_authenticated or user.role != Role.SEEKER or not user.person_id:
        raise PermissionDenied("只有求职者可以保存搜索")
    return profile_get_or_create(person=user.person)


def _clean_name(name: str, query: dict) -> str:
    name = " ".join((name or "").split()) or saved_search_describe(query)
    if len(name) > 60:
        raise ValidationError({"name": "名称不超过60个字"})
    return name


@transaction.atomic
def saved_search_create(
    *, user: User, query: Mapping, name: str = "", frequency: str = SavedSearchFrequency.DAILY
) -> SavedSearch:
    """Save the /jobs/ query; from now on new matching postings are announced in the inbox."""
    profile = _seeker_profile(user)
    cleaned = saved_search_clean_query(query)
    name = _clean_name(name, cleaned)
    if frequency not in SavedSearchFrequency.values:
        raise ValidationError({"frequency": "请选择提醒频率：每天或每周"})
    # Lock the profile row: two saves at once cannot both pass the count or the name check.
    type(profile).objects.select_for_update().filter(pk=profile.pk).first()
    mine = SavedSearch.objects.filter(seeker=profile)
    if mine.count() >= MAX_PER_SEEKER:
        raise ValidationError({"name": f"最多保存{MAX_PER_SEEKER}个搜索，请先删除不需要的"})
    if mine.filter(name=name).exists():
        raise ValidationError({"name": "已有同名的搜索，请换一个名称"})
    search = SavedSearch(
        seeker=profile, name=name, query=cleaned, frequency=frequency, last_notified_at=timezone.now()
    )
    search.full_clean()
    search.save()
    return search


def _own(user: User, search: SavedSearch) -> SavedSearch:
    if not SavedSearch.objects.visible_to(user).filter(pk=search.pk).exists():
        raise PermissionDenied("只能修改自己保存的搜索")
    return search


@transaction.atomic
def saved_search_update(
    *, user: User, search: SavedSearch, active: bool | None = None, frequency: str | None = None
) -> SavedSearch:
    """Pause or resume the reminders, or change how often they come. Resuming starts from now:
    postings published while paused are not announced all at once."""
    search = SavedSearch.objects.select_for_update().get(pk=_own(user, search).pk)
    if frequency is not None:
        if frequency not in SavedSearchFrequency.values:
            raise ValidationError({"frequency": "请选择提醒频率：每天或每周"})
        search.frequency = frequency
    if active is not None and active != search.active:
        search.active = active
        if active:
            search.last_notified_at = timezone.now()
    search.full_clean()
    search.save()
    return search


@transaction.atomic
def saved_search_delete(*, user: User, search: SavedSearch) -> None:
    _own(user, search).delete()


def _due(search: SavedSearch, now: datetime) -> bool:
    if search.frequency == SavedSearchFrequency.WEEKLY:
        return search.last_notified_at <= now - WEEK
    return search.last_notified_at < now


def saved_search_check(*, search: SavedSearch, now: datetime) -> int:
    """Check one search: announce the postings published since its watermark (one inbox message
    with the count and a link) and move the watermark to ``now``. Returns the count announced.

    The watermark moves by a conditional UPDATE: a second run of the same check (a retried task,
    two beats) finds it moved and announces nothing, so nobody is told twice.
    """
    from notifications.choices import NotificationKind
    from notifications.services.inbox import notification_send

    since = search.last_notified_at
    postings = saved_search_new_postings(search=search, since=since)
    with transaction.atomic():
        moved = SavedSearch.objects.filter(pk=search.pk, active=True, last_notified_at=since).update(
            last_notified_at=now
        )
        recipient = getattr(search.seeker.person, "user", None)
        if not moved or not postings or recipient is None:
            return 0
        count = len(postings)
        titles = "、".join(p.title for p in postings[:3]) + ("等" if count > 3 else "")
        notification_send(
            recipient=recipient,
            kind=NotificationKind.SAVED_SEARCH,
            title=f"您保存的搜索「{search.name}」有{count}个新岗位",
            body=f"新发布的岗位：{titles}。",
            url=saved_search_url(search.query, sort="newest"),
        )
    return count


def saved_searches_notify(*, now: datetime | None = None) -> int:
    """The periodic check (Celery beat): every active search that is due. Returns how many
    searches announced something."""
    now = now or timezone.now()
    announced = 0
    searches = SavedSearch.objects.filter(active=True, last_notified_at__lt=now).select_related(
        "seeker__person__user"
    )
    for search in searches.iterator(chunk_size=200):
        if _due(search, now) and saved_search_check(search=search, now=now):
            announced += 1
    return announced
