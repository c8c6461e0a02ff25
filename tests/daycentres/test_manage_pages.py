"""The 就业服务专员's forms on the centre pages: errors name the field, a refused write saves
nothing, only the staff of the centre's region may write, the distribution adds up exactly."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from daycentres.models import CentreMembership, Distribution, OrderIncome, WorkOrder
from tests.factories import PASSWORD, make_employer, make_person

from .factories import SHAXI, join, make_auditor, make_centre, make_order, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_2025():
    with time_machine.travel("2025-06-30 10:00 +0800", tick=False):
        yield


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_an_order_with_an_unknown_employer_and_a_due_date_before_receipt_names_both_and_saves_nothing():
    service = make_service()
    centre = make_centre(service)
    url = reverse("frontend:day_centre_order_new", args=[centre.pk])
    data = {
        "order-employer_credit_code": "91320585000000000X",
        "order-product": "装配",
        "order-quantity": "10",
        "order-unit_price": "1.00",
        "order-received_on": "2025-06-01",
        "order-due_on": "2025-05-01",
    }
    response = signed_in(service).post(url, data)
    assert response.status_code == 400
    assert "平台上没有这个统一社会信用代码的单位" in response.content.decode()
    data["order-employer_credit_code"] = make_employer().credit_code
    response = signed_in(service).post(url, data)
    assert response.status_code == 400 and "交付日期不能早于接单日期" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_a_full_centre_refuses_a_member_on_the_page():
    service = make_service()
    centre = make_centre(service, capacity=1)
    join(centre, make_person(name="甲"), service)
    second = make_person(name="乙")
    response = signed_in(service).post(
        reverse("frontend:day_centre_member_add", args=[centre.pk]),
        {"member-person": second.pk, "member-joined_on": "2025-06-01"},
    )
    assert response.status_code == 400 and "已满员" in response.content.decode()
    assert not CentreMembership.objects.filter(person=second).exists()


def test_auditors_and_service_staff_of_other_towns_cannot_write_and_see_no_forms():
    service = make_service()
    centre = make_centre(service)
    order = make_order(centre, make_employer(), service)
    auditor = make_auditor()
    page = signed_in(auditor).get(reverse("frontend:day_centre", args=[centre.pk])).content.decode()
    assert "登记加工项目" not in page and "登记加入" not in page
    income = {"income-amount": "100", "income-received_on": "2025-06-01"}
    url = reverse("frontend:day_centre_order_income", args=[centre.pk, order.pk])
    assert signed_in(auditor).post(url, income).status_code in (403, 404)
    assert signed_in(make_service(SHAXI)).post(url, income).status_code == 404
    assert not OrderIncome.objects.exists()


def test_income_is_distributed_by_pieces_to_the_cent_and_never_beyond_the_income():
    service = make_service()
    centre = make_centre(service)
    a = join(centre, make_person(name="甲"), service)
    b = join(centre, make_person(name="乙"), service)
    c = join(centre, make_person(name="丙"), service)
    order = make_order(centre, make_employer(), service, income="100.00")
    url = reverse("frontend:day_centre_order_distribute", args=[centre.pk, order.pk])
    client = signed_in(service)
    data = {"dist-amount": "100", "dist-basis": "pieces", "dist-distributed_on": "2025-06-30"}
    response = client.post(url, {**data, f"dist-q_{a.pk}": "-1"})
    assert response.status_code == 400 and "甲的工时或件数不能为负数" in response.content.decode()
    response = client.post(url, {**data, "dist-amount": "100.01", f"dist-q_{a.pk}": "1"})
    assert response.status_code == 400 and "超过该项目未分配的收入 100.00 元" in response.content.decode()
    assert not Distribution.objects.exists()
    response = client.post(url, {**data, f"dist-q_{a.pk}": "1", f"dist-q_{b.pk}": "1", f"dist-q_{c.pk}": "1"})
    assert response.status_code == 302
    shares = sorted(s.amount for s in Distribution.objects.get().shares.all())
    assert sum(shares) == 100 and [str(s) for s in shares] == ["33.33", "33.33", "33.34"]
    page = client.get(reverse("frontend:day_centre_order", args=[centre.pk, order.pk])).content.decode()
    assert "33.34" in page and "未分配" in page


def test_a_member_leaves_and_a_leaving_date_before_joining_is_refused():
    service = make_service()
    centre = make_centre(service)
    member = join(centre, make_person(name="甲"), service, joined_on=date(2025, 3, 1))
    url = reverse("frontend:day_centre_member_leave", args=[centre.pk])
    client = signed_in(service)
    response = client.post(url, {"leave-membership": member.pk, "leave-left_on": "2025-02-01"})
    assert response.status_code == 400 and "离开日期不能早于入托日期" in response.content.decode()
    assert client.post(url, {"leave-membership": member.pk, "leave-left_on": "2025-06-01"}).status_code == 302
    member.refresh_from_db()
    assert member.left_on == date(2025, 6, 1)


def test_service_staff_file_a_flexible_insurance_application_for_a_person_of_their_town_only():
    service = make_service()
    severe = make_person(name="重度甲", grade=1)
    outside = make_person(name="沙溪乙", grade=1, region_code=SHAXI)
    url = reverse("frontend:service_subsidies")
    client = signed_in(service)
    page = client.get(url).content.decode()
    assert "重度甲" in page and "沙溪乙" not in page
    refused = client.post(url, {"person": outside.pk, "kind": "flexible_insurance_subsidy", "months": "3"})
    assert refused.status_code == 400 and "所选人员不在您负责的区域内" in refused.content.decode()
    missing = client.post(url, {"person": severe.pk, "kind": "flexible_insurance_subsidy"})
    assert missing.status_code == 400 and "补贴月数应为1到12之间的整数" in missing.content.decode()
    assert not severe.subsidy_applications.exists() and not outside.subsidy_applications.exists()
    assert (
        client.post(
            url, {"person": severe.pk, "kind": "flexible_insurance_subsidy", "months": "3"}
        ).status_code
        == 302
    )
    application = severe.subsidy_applications.get()
    assert application.applied_by == service and str(application.amount) == "900.00"
    assert "重度甲" in client.get(url).content.decode()


def test_a_completed_order_counts_towards_the_operating_subsidy():
    service = make_service()
    centre = make_centre(service)
    order = make_order(centre, make_employer(), service, due_on=date(2025, 6, 1))
    url = reverse("frontend:day_centre_order_status", args=[centre.pk, order.pk])
    client = signed_in(service)
    assert client.post(url, {"status-status": "nonsense"}).status_code == 400
    assert client.post(url, {"status-status": "completed"}).status_code == 302
    order.refresh_from_db()
    assert order.status == "completed"
    from daycentres.selectors import operating_subsidy_for

    assert operating_subsidy_for(centre=centre, year=2025).total > 0
