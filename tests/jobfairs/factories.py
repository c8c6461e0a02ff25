"""make_<model> helpers for the job-fair tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from backend.accounts.choices import Role
from jobfairs.choices import FairFormat
from jobfairs.services import fair_create, fair_publish
from tests import factories as base
from tests.matching.factories import CHENGXIANG, region


def make_service_user(region_code: str = CHENGXIANG):
    user = base.make_user(Role.SERVICE)
    user.regions.add(region(region_code))
    return user


def make_fair(organiser=None, *, published: bool = True, starts_at: datetime | None = None, **overrides):
    organiser = organiser or make_service_user()
    starts_at = starts_at or timezone.now() + timedelta(days=14)
    values = {
        "title": "助残日专场招聘会",
        "format": FairFormat.ONSITE,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=3),
        "region": region(CHENGXIANG),
        "venue": "残疾人综合服务中心",
        "booth_capacity": 10,
        "step_free": True,
        "sign_language": True,
    }
    values.update(overrides)
    fair = fair_create(by=organiser, **values)
    return fair_publish(by=organiser, fair=fair) if published else fair
