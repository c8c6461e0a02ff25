"""实名制就业 records entered and corrected by auditors: who may, the date rules, the history."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import Role
from matching.models import Employment
from matching.services import employment_correct, employment_create
from tests.quota.factories import make_employer, make_person, make_report, make_user

pytestmark = pytest.mark.django_db
NOW = "2026-03-10 10:00 +0800"


@pytest.fixture
def world():
    employer = make_employer(name="甲公司")
    return {
        "employer": employer,
        "person": make_person(name="王小明"),
        "dpf": make_user(Role.AUDITOR, regions=["320585"], auditor_kind="dpf"),
        "hrss": make_user(Role.AUDITOR, regions=["320585"], auditor_kind="hrss"),
        "outside": make_user(Role.AUDITOR, regions=["320585101"], auditor_kind="dpf"),
        "staff": make_user(Role.EMPLOYER, employer=employer),
    }


@time_machine.travel(NOW, tick=False)
def test_dpf_staff_enter_a_record_and_others_may_not(world):
    args = {"person": world["person"], "employer": world["employer"], "start_date": date(2025, 6, 1)}
    record = employment_create(by=world["dpf"], **args)
    assert (record.source, record.created_by, record.history.get().history_user) == (
        "dpf",
        world["dpf"],
        world["dpf"],
    )
    for actor in ("hrss", "outside", "staff"):
        with pytest.raises(PermissionDenied):
            employment_create(by=world[actor], **{**args, "start_date": date(2026, 1, 5)})
    assert Employment.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_a_start_date_in_a_closed_year_is_refused(world, settings):
    args = {"person": world["person"], "employer": world["employer"]}
    # Before last year: closed.
    with pytest.raises(ValidationError) as refused:
        employment_create(by=world["dpf"], start_date=date(2024, 12, 31), **args)
    assert refused.value.message_dict == {
        "start_date": ["2024年度的实名制就业数据已关闭，入职日期不能在该年度内"]
    }
    # Last year is open until the employer's report of it is approved.
    make_report(world["employer"], data_year=2025, status="approved")
    with pytest.raises(ValidationError, match="2025年度的实名制就业数据已关闭"):
        employment_create(by=world["dpf"], start_date=date(2025, 6, 1), **args)
    other = make_employer()
    assert employment_create(
        by=world["dpf"], start_date=date(2025, 6, 1), person=args["person"], employer=other
    )


@time_machine.travel(NOW, tick=False)
def test_overlapping_records_of_the_same_person_and_employer_are_refused(world):
    args = {"person": world["person"], "employer": world["employer"]}
    employment_create(by=world["dpf"], start_date=date(2025, 6, 1), **args)
    with pytest.raises(ValidationError, match="时间重叠"):
        employment_create(by=world["dpf"], start_date=date(2026, 1, 1), **args)
    with pytest.raises(ValidationError) as refused:
        employment_create(by=world["dpf"], start_date=date(2026, 1, 1), source="platform", **args)
    assert "source" in refused.value.message_dict


@time_machine.travel(NOW, tick=False)
def test_a_correction_needs_a_reason_and_is_kept_with_who_when_and_why(world):
    record = employment_create(
        by=world["dpf"], person=world["person"], employer=world["employer"], start_date=date(2025, 6, 1)
    )
    with pytest.raises(ValidationError) as refused:
        employment_correct(by=world["hrss"], employment=record, reason="  ", end_date=date(2026, 2, 28))
    assert refused.value.message_dict == {"reason": ["请写明更正原因（将记入修改历史）"]}
    with pytest.raises(PermissionDenied):
        employment_correct(by=world["staff"], employment=record, reason="离职", end_date=date(2026, 2, 28))

    employment_correct(
        by=world["hrss"],
        employment=record,
        reason="单位提供离职证明",
        end_date=date(2026, 2, 28),
        end_reason="合同到期",
    )

    record.refresh_from_db()
    assert (record.end_date, record.end_reason) == (date(2026, 2, 28), "合同到期")
    latest = record.history.first()
    assert latest.history_user == world["hrss"]
    assert latest.history_change_reason == "更正离职日期、离职原因：单位提供离职证明"
    with pytest.raises(ValidationError, match="2024年度的实名制就业数据已关闭"):
        employment_correct(by=world["dpf"], employment=record, reason="核对档案", start_date=date(2024, 5, 1))
    with pytest.raises(ValidationError) as nothing:
        employment_correct(by=world["dpf"], employment=record, reason="核对档案", end_reason="合同到期")
    assert "reason" in nothing.value.message_dict
