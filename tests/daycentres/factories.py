"""make_<model> helpers for the 残疾人之家 and subsidy tests."""

from datetime import date
from decimal import Decimal

from backend.accounts.choices import AuditorKind, Role
from daycentres.services.centres import centre_create, income_record, member_join, order_receive
from tests.factories import make_user, region

SHAXI, CHENGXIANG = "320585101", "320585100"


def make_service(region_code: str = CHENGXIANG):
    user = make_user(Role.SERVICE)
    user.regions.add(region(region_code))
    return user


def make_auditor(region_code: str = "320585", kind: str = AuditorKind.DPF):
    user = make_user(Role.AUDITOR, auditor_kind=kind)
    user.regions.add(region(region_code))
    return user


def make_centre(by, *, name: str = "城厢镇残疾人之家", region_code: str = CHENGXIANG, capacity: int = 10):
    return centre_create(
        by=by,
        name=name,
        region=region(region_code),
        address="太仓市城厢镇测试路1号",
        capacity=capacity,
        accessibility=["step_free"],
    )


def make_order(centre, employer, by, *, income: str | None = None, **overrides):
    values = {
        "product": "汽车线束装配",
        "quantity": 1000,
        "unit_price": Decimal("1.20"),
        "received_on": date(2025, 3, 1),
        "due_on": date(2025, 4, 30),
    }
    values.update(overrides)
    order = order_receive(centre=centre, employer=employer, by=by, **values)
    if income:
        income_record(order=order, amount=Decimal(income), received_on=date(2025, 5, 10), by=by)
    return order


def join(centre, person, by, joined_on: date = date(2025, 1, 6)):
    return member_join(centre=centre, person=person, joined_on=joined_on, by=by)
