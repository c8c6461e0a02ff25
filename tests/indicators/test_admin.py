"""The training-record admin writes through the services (rules checked, history kept)."""

import pytest

from backend.accounts.choices import Role
from indicators.models import TrainingRecord
from tests.quota.factories import make_user

from .factories import make_training_record


@pytest.fixture
def superuser(db):
    return make_user(Role.ADMIN, is_staff=True, is_superuser=True)


def form(person, **overrides) -> dict:
    data = {
        "person": person.pk,
        "kind": "skills_training",
        "course_name": "家政服务员",
        "provider": "太仓市就业训练中心",
        "start_date": "2024-03-01",
        "end_date": "2024-04-01",
        "hours": "80",
        "certificate_name": "",
        "region": person.region_id,
    }
    data.update(overrides)
    return data


def test_an_administrator_adds_a_record_and_a_broken_one_is_refused_with_the_reason(
    client, superuser, person
):
    client.force_login(superuser)
    response = client.post("/admin/indicators/trainingrecord/add/", form(person, end_date="2024-02-01"))
    assert response.status_code == 200 and "结束日期不能早于开始日期" in response.content.decode()
    assert not TrainingRecord.objects.exists()
    response = client.post("/admin/indicators/trainingrecord/add/", form(person))
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert (record.course_name, record.recorded_by, record.history.get().history_user) == (
        "家政服务员",
        superuser,
        superuser,
    )


def test_an_administrator_corrects_and_deletes_a_record(client, superuser, auditor, person):
    record = make_training_record(person, by=auditor)
    client.force_login(superuser)
    url = f"/admin/indicators/trainingrecord/{record.pk}/change/"
    data = form(person, course_name=record.course_name, hours="96")
    data.pop("person")
    assert client.post(url, data).status_code == 302
    record.refresh_from_db()
    assert (
        record.hours == 96 and record.history.order_by("-history_id").first().history_change_reason == "更正"
    )
    response = client.post(f"/admin/indicators/trainingrecord/{record.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not TrainingRecord.objects.exists()
