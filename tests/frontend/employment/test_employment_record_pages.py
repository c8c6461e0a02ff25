"""实名制就业记录 pages: each role sees its own records; 残联 enters and auditors correct, with
errors in the summary and inline, and the history shown."""

from datetime import date

import pytest
import time_machine
from django.test import Client

from backend.accounts.choices import Role
from matching.models import Employment
from tests.quota.factories import make_employer, make_person, make_user

pytestmark = pytest.mark.django_db
NOW = "2026-03-10 10:00 +0800"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world():
    employer_a, employer_b = (
        make_employer(name="甲公司"),
        make_employer(name="乙公司", region_code="320585101"),
    )
    person_a, person_b = make_person(name="王甲"), make_person(name="李乙")
    return {
        "employer_a": employer_a,
        "seeker_a": make_user(Role.SEEKER, person=person_a),
        "staff_a": make_user(Role.EMPLOYER, employer=employer_a),
        "dpf_a": make_user(Role.AUDITOR, regions=["320585100"], auditor_kind="dpf"),
        "tax_a": make_user(Role.AUDITOR, regions=["320585100"], auditor_kind="tax"),
        "record_a": Employment.objects.create(
            person=person_a, employer=employer_a, start_date=date(2025, 5, 1)
        ),
        "record_b": Employment.objects.create(
            person=person_b, employer=employer_b, start_date=date(2025, 6, 1)
        ),
    }


@pytest.mark.parametrize(
    ("actor", "url"),
    [
        ("seeker_a", "/me/employment-records/"),
        ("staff_a", "/employer/employment-records/"),
        ("dpf_a", "/auditor/employment-records/"),
    ],
)
def test_each_role_sees_only_its_records(world, actor, url):
    text = signed_in(world[actor]).get(url).content.decode()
    assert "王甲" in text and "李乙" not in text and "共找到 1 条记录" in text


def test_a_bad_filter_is_a_chinese_error_not_a_500(world):
    response = signed_in(world["dpf_a"]).get("/auditor/employment-records/", {"year": "abc"})
    text = response.content.decode()
    assert response.status_code == 200 and "<title>错误：" in text and 'href="#id_year">' in text


@time_machine.travel(NOW, tick=False)
def test_dpf_enters_a_record_and_errors_are_shown(world):
    person = make_person(name="赵丙")
    client = signed_in(world["dpf_a"])
    form = {
        "employer": world["employer_a"].pk,
        "name": "赵丙",
        "certificate_kind": "disability",
        "certificate_no": person.decrypt("certificate"),
        "start_date": "2024-03-01",
        "source": "dpf",
    }
    text = client.post("/auditor/employment-records/new/", form).content.decode()
    assert 'href="#id_start_date">入职日期：2024年度的实名制就业数据已关闭' in text and 'value="赵丙"' in text
    done = client.post("/auditor/employment-records/new/", {**form, "start_date": "2026-01-05"})
    record = Employment.objects.get(person=person)
    assert done["Location"] == f"/auditor/employment-records/{record.pk}/"
    assert (record.source, record.created_by) == ("dpf", world["dpf_a"])
    assert (
        "录入实名制就业记录"
        not in signed_in(world["tax_a"]).get("/auditor/employment-records/").content.decode()
    )


@time_machine.travel(NOW, tick=False)
def test_an_auditor_corrects_with_a_reason_kept_in_the_history(world):
    url = f"/auditor/employment-records/{world['record_a'].pk}/"
    client = signed_in(world["dpf_a"])
    form = {"start_date": "2025-05-01", "end_date": "2026-02-28", "end_reason": "合同到期", "reason": ""}
    text = client.post(url, form).content.decode()
    assert 'href="#id_reason">更正原因：请写明更正原因（将记入修改历史）</a>' in text
    client.post(url, {**form, "reason": "单位提供离职证明"})
    page = client.get(url).content.decode()
    assert "更正离职日期、离职原因：单位提供离职证明" in page
    assert (
        signed_in(world["dpf_a"]).get(f"/auditor/employment-records/{world['record_b'].pk}/").status_code
        == 404
    )
