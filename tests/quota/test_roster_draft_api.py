"""/api/v1/quota/reports/{id}/roster-draft/: staff read and decide, auditors read, others 404."""

from datetime import date

import pytest

from backend.accounts.crypto import mask_identifier
from matching.models import Employment

from .conftest import client_for
from .factories import make_person, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(employer_a):
    report = make_report(employer_a, data_year=2025)
    person = make_person(name="张三")
    Employment.objects.create(person=person, employer=employer_a, start_date=date(2025, 4, 8))
    return report, person, f"/api/v1/quota/reports/{report.pk}/roster-draft/"


def test_staff_see_proposals_with_the_certificate_masked(draft, staff_a):
    _, person, url = draft
    body = client_for(staff_a).get(url).json()
    (proposal,) = body["proposals"]
    number = person.decrypt("certificate")
    assert proposal["name"] == "张三" and proposal["months"] == list(range(4, 13))
    assert proposal["source_label"] == "平台招聘" and body["may_decide"] is True
    assert number not in str(body) and proposal["certificate_no_masked"] == mask_identifier(number)


def test_confirm_and_remove_through_the_api(draft, staff_a, employer_a):
    report, person, url = draft
    client = client_for(staff_a)
    no_wage = client.post(url, {"person": person.pk, "decision": "confirm"}, format="json")
    assert no_wage.status_code == 400 and no_wage.json()["errors"] == {
        "monthly_wage": ["确认加入名册时请填写月工资（元）"]
    }
    no_reason = client.post(url, {"person": person.pk, "decision": "remove", "reason": " "}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]
    bad = client.post(url, {"person": "x", "decision": "maybe", "months": [13]}, format="json")
    assert bad.status_code == 400 and {"person", "decision", "months.0"} <= set(bad.json()["errors"])
    done = client.post(
        url,
        {"person": person.pk, "decision": "confirm", "monthly_wage": "4800.00", "months": [5, 6]},
        format="json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["proposals"] == [] and done.json()["decisions"][0]["decision"] == "confirmed"
    assert list(report.roster.values_list("months", "monthly_wage")) == [([5, 6], 4800)]
    again = client.post(url, {"person": person.pk, "decision": "remove", "reason": "重复"}, format="json")
    assert again.status_code == 400 and "person" in again.json()["errors"]


def test_auditors_read_but_do_not_decide_and_other_tenants_get_404(draft, staff_b, auditor, outside_auditor):
    report, person, url = draft
    read = client_for(auditor).get(url)
    assert read.status_code == 200 and read.json()["may_decide"] is False
    decide = client_for(auditor).post(
        url, {"person": person.pk, "decision": "remove", "reason": "不是"}, format="json"
    )
    assert decide.status_code == 403
    for stranger in (staff_b, outside_auditor):
        assert client_for(stranger).get(url).status_code == 404
        assert (
            client_for(stranger)
            .post(url, {"person": person.pk, "decision": "remove", "reason": "x"}, format="json")
            .status_code
            == 404
        )
    assert not report.roster.exists()
