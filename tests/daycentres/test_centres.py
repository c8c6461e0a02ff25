"""残疾人之家 services: capacity, membership, exact distributions, region scoping, 运营奖补 through
the four-eyes ledger."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from daycentres.models import DayCentre, DistributionShare
from daycentres.services.centres import distribution_create, member_leave, order_set_status
from daycentres.services.subsidies import operating_subsidy_propose
from quota.services.ledger import ledger_entry_approve
from tests.factories import make_employer, make_person

from .factories import SHAXI, join, make_auditor, make_centre, make_order, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return make_service()


@pytest.fixture
def centre(service):
    return make_centre(service, capacity=2)


def test_a_full_centre_refuses_another_member_with_a_message_naming_the_capacity(centre, service):
    join(centre, make_person(), service)
    join(centre, make_person(), service)
    with pytest.raises(ValidationError) as error:
        join(centre, make_person(), service)
    assert "已满员（可容纳2人）" in error.value.message_dict["person"][0]


def test_a_member_who_left_frees_the_place(centre, service):
    first = join(centre, make_person(), service)
    join(centre, make_person(), service)
    member_leave(membership=first, left_on=date(2025, 2, 1), by=service)
    assert join(centre, make_person(), service).centre == centre


def test_a_person_is_a_member_of_one_centre_at_a_time(centre, service):
    person = make_person(name="王芳")
    join(centre, person, service)
    other = make_centre(service, name="城厢镇第二残疾人之家")
    with pytest.raises(ValidationError, match="王芳已是城厢镇残疾人之家的成员"):
        join(other, person, service)


def test_service_staff_manage_only_the_centres_of_their_regions(centre):
    elsewhere = make_service(SHAXI)
    with pytest.raises(PermissionDenied):
        join(centre, make_person(), elsewhere)
    with pytest.raises(PermissionDenied):
        make_centre(elsewhere, name="不归我管")
    assert list(DayCentre.objects.visible_to(elsewhere)) == []
    assert list(DayCentre.objects.visible_to(make_auditor(SHAXI))) == []
    assert list(DayCentre.objects.visible_to(make_auditor())) == [centre]


def test_auditors_read_centres_but_do_not_run_them(centre):
    with pytest.raises(PermissionDenied):
        join(centre, make_person(), make_auditor())


def test_income_is_distributed_by_hours_to_the_cent_and_adds_up(centre, service):
    a, b = join(centre, make_person(), service), join(centre, make_person(), service)
    order = make_order(centre, make_employer(), service, income="1000.00")
    dist = distribution_create(
        order=order,
        amount=Decimal("1000.00"),
        basis="hours",
        quantities={a.pk: Decimal("40"), b.pk: Decimal("80")},
        distributed_on=date(2025, 5, 15),
        by=service,
    )
    shares = list(DistributionShare.objects.filter(distribution=dist).order_by("membership_id"))
    # 333.333… and 666.666…: the leftover cent goes to the larger cut-off fraction (the second)
    assert [s.amount for s in shares] == [Decimal("333.33"), Decimal("666.67")]


def test_a_distribution_cannot_exceed_the_orders_undistributed_income(centre, service):
    a = join(centre, make_person(), service)
    order = make_order(centre, make_employer(), service, income="500.00")
    distribution_create(
        order=order,
        amount="300.00",
        basis="pieces",
        quantities={a.pk: 10},
        distributed_on=date(2025, 5, 15),
        by=service,
    )
    with pytest.raises(ValidationError, match="超过该项目未分配的收入 200.00 元"):
        distribution_create(
            order=order,
            amount="200.01",
            basis="pieces",
            quantities={a.pk: 10},
            distributed_on=date(2025, 5, 16),
            by=service,
        )
    assert order.distributions.count() == 1  # nothing half-saved


def test_a_distribution_to_a_non_member_is_refused(centre, service):
    other = make_centre(service, name="另一家")
    stranger = join(other, make_person(), service)
    order = make_order(centre, make_employer(), service, income="100.00")
    with pytest.raises(ValidationError, match="不是本残疾人之家成员"):
        distribution_create(
            order=order,
            amount="100.00",
            basis="hours",
            quantities={stranger.pk: 1},
            distributed_on=date(2025, 5, 15),
            by=service,
        )


@time_machine.travel("2025-12-20 10:00 +0800", tick=False)
def test_operating_subsidy_is_proposed_by_one_auditor_and_approved_only_by_another(centre, service):
    join(centre, make_person(), service, joined_on=date(2025, 1, 6))  # 12 months
    order = make_order(centre, make_employer(), service, due_on=date(2025, 6, 30))
    order_set_status(order=order, status="completed", by=service)
    auditor = make_auditor()
    entry = operating_subsidy_propose(centre=centre, year=2025, by=auditor)
    # 2,000 × 12/12 + 1,000 × 1 (both 未确认)
    assert (entry.centre, entry.employer, entry.person, entry.amount) == (
        centre,
        None,
        None,
        Decimal("3000.00"),
    )
    assert "未确认" in entry.basis
    with pytest.raises(PermissionDenied, match="提出人不能自己批准"):
        ledger_entry_approve(entry=entry, by=auditor)
    with pytest.raises(PermissionDenied):
        ledger_entry_approve(entry=entry, by=make_auditor(SHAXI, kind="hrss"))  # not the centre's town
    approved = ledger_entry_approve(entry=entry, by=make_auditor(kind="hrss"))
    assert approved.status == "approved"
    with pytest.raises(ValidationError, match="已经提出"):
        operating_subsidy_propose(centre=centre, year=2025, by=auditor)


def test_the_dashboard_counts_centres_and_members_on_the_roll(centre, service):
    # Issue 15 indicators: 残疾人之家 count and members, for the reader's regions.
    from indicators.services_indicators import optional_counts
    from tests.factories import make_admin

    first = join(centre, make_person(), service)
    join(centre, make_person(), service)
    member_leave(membership=first, left_on=date(2025, 2, 1), by=service)
    admin = make_admin()

    centres = optional_counts(user=admin, app_label="daycentres", model_name="DayCentre", what="残疾人之家")
    members = optional_counts(
        user=admin, app_label="daycentres", model_name="CentreMembership", what="残疾人之家"
    )

    assert centres.counts == {"合计": 1}
    assert members.counts == {"在册成员": 1}
    elsewhere = make_auditor(SHAXI)
    assert optional_counts(
        user=elsewhere, app_label="daycentres", model_name="DayCentre", what="残疾人之家"
    ).counts == {"合计": 0}
