"""Pages and API of the 残疾人之家 and individual subsidies: who sees what, unconfirmed figures
shown, the seeker's application form with field-named errors, the proposer cannot approve."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from backend.accounts.choices import Role
from matching.models import Employment
from tests.conftest import client_for
from tests.factories import PASSWORD, make_employer, make_person, make_user

from .factories import SHAXI, join, make_auditor, make_centre, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_2025():
    with time_machine.travel("2025-06-30 10:00 +0800", tick=False):
        yield


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_the_centre_page_shows_members_and_marks_the_unconfirmed_subsidy_figures():
    service = make_service()
    centre = make_centre(service)
    join(centre, make_person(name="李明"), service)
    page = signed_in(make_auditor()).get(reverse("frontend:day_centre", args=[centre.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "李明" in text and "未确认" in text and "提出2025年度运营奖补" in text
    assert (
        signed_in(make_auditor(SHAXI)).get(reverse("frontend:day_centre", args=[centre.pk])).status_code
        == 404
    )


def test_the_seeker_page_names_the_field_when_the_credit_code_is_wrong():
    user = make_user(Role.SEEKER, person=make_person())
    response = signed_in(user).post(
        reverse("frontend:my_subsidies"),
        {"kind": "startup_subsidy", "business_name": "小作坊", "business_credit_code": "123"},
    )
    assert response.status_code == 400
    assert "统一社会信用代码应为18位" in response.content.decode()


def test_a_seeker_applies_on_the_page_and_an_auditor_proposes_it():
    user = make_user(Role.SEEKER, person=make_person(name="赵创业"))
    business = make_employer(name="赵记工作室")
    Employment.objects.create(person=user.person, employer=business, start_date=date(2025, 1, 2))
    response = signed_in(user).post(
        reverse("frontend:my_subsidies"),
        {
            "kind": "startup_subsidy",
            "business_name": business.name,
            "business_credit_code": business.credit_code,
        },
    )
    assert response.status_code == 302
    auditor = make_auditor()
    queue = signed_in(auditor)
    assert "赵创业" in queue.get(reverse("frontend:audit_subsidies")).content.decode()
    application = user.person.subsidy_applications.get()
    queue.post(reverse("frontend:audit_subsidy_propose", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "proposed" and application.ledger_entry.proposed_by == auditor
    # The proposer is told to wait for a second auditor on the ledger's approval page.
    page = queue.get(reverse("frontend:audit_ledger_decide", args=[application.ledger_entry_id]))
    assert "提出人不能自己批准" in page.content.decode()


def test_api_lists_centres_for_auditors_of_the_region_and_applications_to_their_owner():
    service = make_service()
    centre = make_centre(service)
    assert [c["name"] for c in client_for(make_auditor()).get("/api/v1/day-centres/").json()["results"]] == [
        centre.name
    ]
    assert client_for(make_auditor(SHAXI)).get(f"/api/v1/day-centres/{centre.pk}/").status_code == 404
    seeker = make_user(Role.SEEKER, person=make_person(grade=1))
    created = client_for(seeker).post(
        "/api/v1/subsidies/applications/", {"kind": "flexible_insurance_subsidy", "months": 3}, format="json"
    )
    assert created.status_code == 201 and created.json()["amount"] == "900.00"
    other = make_user(Role.SEEKER, person=make_person())
    assert client_for(other).get(f"/api/v1/subsidies/applications/{created.json()['id']}/").status_code == 404
    bad = client_for(seeker).post("/api/v1/subsidies/applications/", {"kind": "nope"}, format="json")
    assert bad.status_code == 400 and "kind" in bad.json()["errors"]


def test_a_seeker_applies_for_a_training_subsidy_with_their_own_training_record():
    from tests.indicators.factories import make_training_record

    user = make_user(Role.SEEKER, person=make_person(name="钱学艺"))
    record = make_training_record(
        user.person, by=make_auditor(), start_date=date(2025, 3, 1), end_date=date(2025, 4, 15)
    )
    other = make_training_record(make_person(), by=make_auditor())
    page = signed_in(user).get(reverse("frontend:my_subsidies")).content.decode()
    assert "中式面点师培训（太仓市残疾人职业培训基地，2025-04-15结业）" in page

    refused = signed_in(user).post(
        reverse("frontend:my_subsidies"), {"kind": "training_subsidy", "training_record": other.pk}
    )
    assert refused.status_code == 400 and "请选择本人的培训或鉴定记录" in refused.content.decode()
    response = signed_in(user).post(
        reverse("frontend:my_subsidies"), {"kind": "training_subsidy", "training_record": record.pk}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    application = user.person.subsidy_applications.get()
    assert (application.kind, application.training_record_id) == ("training_subsidy", record.pk)
