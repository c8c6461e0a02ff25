"""/api/v1/employment-records/: scoped reads (two users each), entry by 残联, correction with a
reason, Chinese errors keyed by field and never a 500 on bad input."""

from datetime import date

import pytest
import time_machine

from backend.accounts.choices import Role
from matching.models import Employment
from tests.conftest import client_for
from tests.quota.factories import make_employer, make_person, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/employment-records/"
NOW = "2026-03-10 10:00 +0800"


@pytest.fixture
def world():
    employer_a, employer_b = (
        make_employer(name="甲公司"),
        make_employer(name="乙公司", region_code="320585101"),
    )
    person_a, person_b = make_person(name="王甲"), make_person(name="李乙")
    seeker_a = make_user(Role.SEEKER, person=person_a)
    return {
        "employer_a": employer_a,
        "employer_b": employer_b,
        "person_a": person_a,
        "seeker_a": seeker_a,
        "seeker_b": make_user(Role.SEEKER, person=person_b),
        "staff_a": make_user(Role.EMPLOYER, employer=employer_a),
        "staff_b": make_user(Role.EMPLOYER, employer=employer_b),
        "dpf_a": make_user(Role.AUDITOR, regions=["320585100"], auditor_kind="dpf"),
        "dpf_b": make_user(Role.AUDITOR, regions=["320585101"], auditor_kind="dpf"),
        "hrss_a": make_user(Role.AUDITOR, regions=["320585100"], auditor_kind="hrss"),
        "admin": make_user(Role.ADMIN, is_staff=True),
        "record_a": Employment.objects.create(
            person=person_a, employer=employer_a, start_date=date(2025, 5, 1)
        ),
        "record_b": Employment.objects.create(
            person=person_b, employer=employer_b, start_date=date(2025, 6, 1)
        ),
    }


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_each_role_lists_only_its_own_scope(world):
    a, b = world["record_a"].pk, world["record_b"].pk
    assert ids(client_for(world["seeker_a"]).get(URL)) == [a]
    assert ids(client_for(world["seeker_b"]).get(URL)) == [b]
    assert ids(client_for(world["staff_a"]).get(URL)) == [a]
    assert ids(client_for(world["staff_b"]).get(URL)) == [b]
    assert ids(client_for(world["dpf_a"]).get(URL)) == [a]
    assert ids(client_for(world["dpf_b"]).get(URL)) == [b]
    assert sorted(ids(client_for(world["admin"]).get(URL))) == sorted([a, b])
    assert client_for(world["staff_a"]).get(f"{URL}{b}/").status_code == 404
    assert client_for(world["dpf_b"]).get(f"{URL}{a}/").status_code == 404
    row = client_for(world["staff_a"]).get(f"{URL}{a}/").json()
    assert row["name"] == "王甲" and "certificate" not in str(row) and "resident" not in str(row)


def test_filters_by_year_source_and_current(world):
    client = client_for(world["admin"])
    assert ids(client.get(URL, {"year": 2024})) == []
    assert len(ids(client.get(URL, {"year": 2025, "source": "platform", "current": "true"}))) == 2
    bad = client.get(URL, {"year": "abc", "employer": "-1", "current": "maybe"})
    assert bad.status_code == 400 and {"year", "employer", "current"} <= set(bad.json()["errors"])


@time_machine.travel(NOW, tick=False)
def test_dpf_auditor_enters_a_record_and_nobody_else_may(world):
    person = make_person(name="赵丙")
    number = person.decrypt("certificate")
    body = {
        "employer": world["employer_a"].pk,
        "certificate_no": number,
        "name": "赵丙",
        "start_date": "2026-01-05",
    }
    created = client_for(world["dpf_a"]).post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert (created.json()["source"], created.json()["source_label"]) == ("dpf", "残联录入")
    assert (
        client_for(world["hrss_a"]).post(URL, {**body, "start_date": "2026-02-01"}, format="json").status_code
        == 403
    )
    assert client_for(world["staff_a"]).post(URL, body, format="json").status_code == 403
    outside = client_for(world["dpf_b"]).post(URL, body, format="json")
    assert outside.status_code == 400 and "employer" in outside.json()["errors"]
    wrong_name = client_for(world["dpf_a"]).post(URL, {**body, "name": "别人"}, format="json")
    assert wrong_name.status_code == 400 and "certificate_no" in wrong_name.json()["errors"]
    closed = client_for(world["dpf_a"]).post(
        URL, {**body, "employer": make_employer().pk, "start_date": "2023-01-01"}, format="json"
    )
    assert closed.json()["errors"]["start_date"] == ["2023年度的实名制就业数据已关闭，入职日期不能在该年度内"]
    garbage = client_for(world["dpf_a"]).post(
        URL, {"employer": "x", "start_date": "2026-13-45"}, format="json"
    )
    assert garbage.status_code == 400 and {"employer", "start_date", "certificate_no"} <= set(
        garbage.json()["errors"]
    )


@time_machine.travel(NOW, tick=False)
def test_an_auditor_corrects_with_a_reason_and_the_history_shows_it(world):
    url = f"{URL}{world['record_a'].pk}/correct"
    missing = client_for(world["hrss_a"]).post(url, {"end_date": "2026-02-28"}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()["errors"]
    assert (
        client_for(world["staff_a"])
        .post(url, {"reason": "x", "end_date": "2026-02-28"}, format="json")
        .status_code
        == 403
    )
    assert (
        client_for(world["dpf_b"])
        .post(url, {"reason": "x", "end_date": "2026-02-28"}, format="json")
        .status_code
        == 404
    )
    done = client_for(world["hrss_a"]).post(
        url, {"reason": "单位提供离职证明", "end_date": "2026-02-28", "end_reason": "合同到期"}, format="json"
    )
    assert done.status_code == 200, done.content
    assert (done.json()["end_date"], done.json()["changes"][-1]["reason"]) == (
        "2026-02-28",
        "更正离职日期、离职原因：单位提供离职证明",
    )
    before_start = client_for(world["hrss_a"]).post(
        url, {"reason": "核对", "end_date": "2025-01-01"}, format="json"
    )
    assert before_start.json()["errors"] == {"end_date": ["离职日期不能早于入职日期"]}
