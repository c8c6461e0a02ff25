"""make_<model> helpers for the training tests. Dates are fixed: the tests travel to TODAY."""

from datetime import date, timedelta

from tests.jobfairs.factories import make_service_user
from tests.matching.factories import CHENGXIANG, region
from training.choices import CostKind
from training.services import course_create

TODAY = date(2026, 5, 10)


def make_course(by=None, *, region_code: str = CHENGXIANG, published: bool = True, **overrides):
    by = by or make_service_user(region_code)
    starts = overrides.pop("starts_on", TODAY + timedelta(days=20))
    values = {
        "name": "在线客服技能培训",
        "provider": "太仓市残疾人职业培训基地",
        "skills": ["在线客服", "Excel"],
        "starts_on": starts,
        "ends_on": starts + timedelta(days=30),
        "hours": 96,
        "cost_kind": CostKind.FREE,
        "access": ["sign_language", "screen_reader"],
        "how_to_enrol": "拨打 0512-53520000 报名",
    }
    values.update(overrides)
    return course_create(by=by, region=region(region_code), published=published, **values)
