"""Training records: who may record them, the rules of one record, corrections and deletions."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import Role
from indicators.models import TrainingRecord
from indicators.services import training_record_delete, training_record_update
from tests.factories import make_person
from tests.quota.factories import make_user

from .factories import make_training_record


def errors(exc: ValidationError) -> dict:
    return exc.value.message_dict


def test_an_auditor_records_training_in_their_town(auditor, person):
    record = make_training_record(
        person, by=auditor, certificate_obtained=True, certificate_name="中式面点师（五级）"
    )
    assert (record.person, record.region.code, record.recorded_by, record.hours) == (
        person,
        "320585100",
        auditor,
        120,
    )
    assert record.history.get().history_user == auditor


def test_a_person_outside_the_auditors_regions_is_refused(auditor, other_person):
    with pytest.raises(ValidationError) as exc:
        make_training_record(other_person, by=auditor)
    assert errors(exc) == {"person": ["该人员不在您负责的区域内"]}


def test_a_region_outside_the_auditors_regions_is_refused(city_auditor, auditor, person):
    from tests.factories import region

    with pytest.raises(ValidationError) as exc:
        make_training_record(person, by=auditor, region=region("320585101"))
    assert errors(exc) == {"region": ["该区镇不在您负责的区域内"]}
    record = make_training_record(person, by=city_auditor, region=region("320585101"))
    assert record.region.code == "320585101"


@pytest.mark.parametrize("role", [Role.SEEKER, Role.EMPLOYER])
def test_only_auditors_and_administrators_record_training(person, role):
    with pytest.raises(PermissionDenied):
        make_training_record(person, by=make_user(role))


def test_an_administrator_records_training_anywhere(admin_user, other_person):
    assert make_training_record(other_person, by=admin_user).region.code == "320585101"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"end_date": date(2024, 2, 1)}, {"end_date": ["结束日期不能早于开始日期"]}),
        ({"hours": 0}, {"hours": ["学时应为1至2000之间的整数"]}),
        ({"hours": 2001}, {"hours": ["学时应为1至2000之间的整数"]}),
        ({"start_date": date(1999, 12, 31)}, {"start_date": ["开始日期不能早于2000年"]}),
        ({"kind": "cooking"}, {"kind": ["请选择培训类型"]}),
        ({"course_name": "  "}, {"course_name": ["请填写培训项目"]}),
        ({"provider": ""}, {"provider": ["请填写培训机构"]}),
        ({"certificate_name": "电工"}, {"certificate_name": ["未取得证书时请不要填写证书名称"]}),
    ],
)
def test_each_rule_names_the_field_to_fix(auditor, person, overrides, expected):
    with pytest.raises(ValidationError) as exc:
        make_training_record(person, by=auditor, **overrides)
    assert errors(exc) == expected
    assert not TrainingRecord.objects.exists()


def test_training_must_have_ended_by_today(auditor, person):
    with time_machine.travel("2024-04-14 10:00 +0800", tick=False), pytest.raises(ValidationError) as exc:
        make_training_record(person, by=auditor)  # ends 2024-04-15
    assert errors(exc) == {"end_date": ["结束日期不能晚于今天（培训结束后再登记）"]}


def test_a_person_without_a_certificate_does_not_count(auditor):
    person = make_person(certificate=False, region_code="320585100")
    with pytest.raises(ValidationError) as exc:
        make_training_record(person, by=auditor)
    assert errors(exc) == {"person": ["该人员没有残疾人证或残疾军人证，不计入残疾人职业培训"]}


def test_the_same_course_start_is_recorded_once(auditor, person):
    make_training_record(person, by=auditor)
    with pytest.raises(ValidationError) as exc:
        make_training_record(person, by=auditor, provider="另一家机构")
    assert errors(exc) == {"course_name": ["该人员这一培训项目（同一开始日期）已经登记过"]}
    assert TrainingRecord.objects.count() == 1


def test_a_correction_is_checked_and_kept_in_the_history(auditor, person):
    record = make_training_record(person, by=auditor)
    with pytest.raises(ValidationError):
        training_record_update(record=record, by=auditor, hours=0)
    updated = training_record_update(record=record, by=auditor, hours=96, certificate_obtained=True)
    assert (updated.hours, updated.certificate_obtained) == (96, True)
    assert [h.history_change_reason for h in updated.history.order_by("history_id")] == [None, "更正"]
    with pytest.raises(ValidationError) as exc:
        training_record_update(record=record, by=auditor, person=person)
    assert errors(exc) == {"person": ["该字段不能修改"]}


def test_another_towns_auditor_cannot_correct_or_delete(auditor, other_auditor, person):
    record = make_training_record(person, by=auditor)
    with pytest.raises(PermissionDenied):
        training_record_update(record=record, by=other_auditor, hours=1)
    with pytest.raises(PermissionDenied):
        training_record_delete(record=record, by=other_auditor)
    assert TrainingRecord.objects.get().hours == 120


def test_deleting_keeps_who_deleted_it_in_the_history(auditor, person):
    record = make_training_record(person, by=auditor)
    training_record_delete(record=record, by=auditor)
    assert not TrainingRecord.objects.exists()
    last = TrainingRecord.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.history_change_reason) == (
        "-",
        auditor,
        "删除（登记错误）",
    )
