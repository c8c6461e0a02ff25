"""The indicators API: training-record CRUD scoped by region (two-user tests), Chinese 400s for
bad input, and the plan's indicators as JSON."""

from datetime import date

import pytest

from backend.accounts.choices import Role
from indicators.models import TrainingRecord
from tests.quota.factories import make_user

from .conftest import api_for
from .factories import make_training_record

URL = "/api/v1/indicators/training-records/"


def body(person, **overrides) -> dict:
    data = {
        "person": person.pk,
        "kind": "skills_training",
        "course_name": "盲人保健按摩",
        "provider": "太仓市盲人按摩指导中心",
        "start_date": "2024-03-01",
        "end_date": "2024-06-30",
        "hours": 160,
        "certificate_obtained": True,
        "certificate_name": "保健按摩师（五级）",
    }
    data.update(overrides)
    return data


def test_an_auditor_creates_and_reads_a_record(auditor, person):
    response = api_for(auditor).post(URL, body(person), format="json")
    assert response.status_code == 201
    data = response.json()
    assert {
        k: data[k] for k in ("person", "person_name", "kind_display", "hours", "region", "region_name")
    } == {
        "person": person.pk,
        "person_name": "王芳",
        "kind_display": "职业技能培训",
        "hours": 160,
        "region": "320585100",
        "region_name": "城厢镇",
    }
    assert "resident_id" not in data and "certificate_no" not in data
    assert api_for(auditor).get(f"{URL}{data['id']}/").json()["course_name"] == "盲人保健按摩"


def test_bad_input_is_a_400_with_chinese_messages_per_field(auditor, person):
    response = api_for(auditor).post(
        URL, body(person, hours=0, kind="x", end_date="2024-13-01"), format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"hours", "kind", "end_date"}
    response = api_for(auditor).post(URL, body(person, end_date="2024-02-01"), format="json")
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {"end_date": ["结束日期不能早于开始日期"]},
    )
    assert not TrainingRecord.objects.exists()


def test_a_person_outside_my_regions_is_does_not_exist_not_forbidden(auditor, other_person):
    response = api_for(auditor).post(URL, body(other_person), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["person"] == [f"人员编号 {other_person.pk} 不存在或不在您负责的区域内"]


def test_auditor_b_cannot_read_change_or_delete_auditor_as_records(
    auditor, other_auditor, person, other_person
):
    mine = make_training_record(person, by=auditor)
    theirs = make_training_record(other_person, by=other_auditor, course_name="园林绿化工")
    listed = api_for(other_auditor).get(URL).json()["results"]
    assert [row["id"] for row in listed] == [theirs.pk]
    client = api_for(other_auditor)
    assert client.get(f"{URL}{mine.pk}/").status_code == 404
    assert client.patch(f"{URL}{mine.pk}/", {"hours": 1}, format="json").status_code == 404
    assert client.delete(f"{URL}{mine.pk}/").status_code == 404
    mine.refresh_from_db()
    assert (mine.hours, TrainingRecord.objects.count()) == (120, 2)


def test_the_owner_region_auditor_corrects_and_deletes(auditor, person):
    record = make_training_record(person, by=auditor)
    client = api_for(auditor)
    response = client.patch(
        f"{URL}{record.pk}/", {"hours": 96, "course_name": "中式面点（提高班）"}, format="json"
    )
    assert response.status_code == 200 and (response.json()["hours"], response.json()["course_name"]) == (
        96,
        "中式面点（提高班）",
    )
    assert client.patch(f"{URL}{record.pk}/", {"hours": -1}, format="json").status_code == 400
    assert client.delete(f"{URL}{record.pk}/").status_code == 204
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_seekers_and_employers_have_no_access(person, auditor, role):
    make_training_record(person, by=auditor)
    client = api_for(make_user(role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, body(person), format="json").status_code == 403
    assert client.get("/api/v1/indicators/plan/").status_code == 403


def test_filters_by_year_kind_and_text(auditor, person):
    make_training_record(person, by=auditor)
    make_training_record(
        person,
        by=auditor,
        course_name="面点鉴定",
        kind="skills_assessment",
        start_date=date(2025, 5, 1),
        end_date=date(2025, 5, 1),
    )
    client = api_for(auditor)
    assert [r["course_name"] for r in client.get(URL, {"year": 2025}).json()["results"]] == ["面点鉴定"]
    assert [r["course_name"] for r in client.get(URL, {"kind": "skills_training"}).json()["results"]] == [
        "中式面点师培训"
    ]
    assert client.get(URL, {"q": "鉴定"}).json()["count"] == 1
    assert client.get(URL, {"region": "abc"}).status_code == 400


def test_plan_indicators_as_json(auditor, person):
    make_training_record(person, by=auditor)
    response = api_for(auditor).get("/api/v1/indicators/plan/")
    assert response.status_code == 200
    data = response.json()
    assert data["training"]["total"] == 1 and data["training"]["target"] == 600
    assert data["training"]["years"][3] == {"year": 2024, "value": 1, "cumulative": 1}
    assert data["employment"]["available"] is True and data["employment"]["total"] == 0
    assert api_for(auditor).get("/api/v1/indicators/plan/", {"data_year": "abc"}).status_code == 400


def test_the_operations_are_in_the_openapi_schema(auditor):
    schema = api_for(auditor).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/indicators/plan/" in schema["paths"] or "/api/v1/indicators/plan" in schema["paths"]
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/indicators/training-records")]
    assert paths
