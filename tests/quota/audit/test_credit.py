"""Credit flags: raise, the employer's objection, the decision, lift and repair, with history."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from quota.services.credit import (
    credit_flag_lift,
    credit_flag_raise,
    credit_flag_repair,
    credit_objection_decide,
    credit_objection_submit,
)


@pytest.fixture
def flag(db, employer_a, auditor):
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        return credit_flag_raise(
            employer=employer_a,
            level="general",
            reason="低于规定比例且保障金逾期一年未缴",
            evidence="2024年度缴款通知逾期未缴",
            start_date=date(2026, 3, 1),
            by=auditor,
        )


def test_an_auditor_raises_a_flag_that_starts_active(flag, auditor):
    assert (flag.level, flag.status, flag.end_date, flag.decided_by) == ("general", "active", None, auditor)


def test_objection_upheld_lifts_the_flag_from_that_day(flag, staff_a, auditor):
    objection = credit_objection_submit(flag=flag, text="已于2025年缴清，见缴款凭证", by=staff_a)
    flag.refresh_from_db()
    assert (flag.status, objection.decision) == ("objected", "pending")

    with time_machine.travel("2026-03-10 09:00 +0800", tick=False):
        credit_objection_decide(objection=objection, decision="accepted", reason="凭证属实", by=auditor)

    flag.refresh_from_db()
    objection.refresh_from_db()
    assert (objection.decision, objection.decided_by) == ("accepted", auditor)
    assert (flag.status, flag.end_date, flag.closed_by) == ("lifted", date(2026, 3, 10), auditor)
    assert flag.closed_reason == "异议成立：凭证属实"
    statuses = list(flag.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["active", "objected", "lifted"]


def test_objection_rejected_puts_the_flag_back_in_force(flag, staff_a, auditor):
    objection = credit_objection_submit(flag=flag, text="不服", by=staff_a)
    credit_objection_decide(objection=objection, decision="rejected", reason="无新证据", by=auditor)
    flag.refresh_from_db()
    assert (flag.status, flag.end_date) == ("active", None)
    with pytest.raises(ValidationError):
        credit_objection_decide(objection=objection, decision="accepted", reason="再议", by=auditor)


def test_only_one_pending_objection_and_only_on_an_active_flag(flag, staff_a, auditor):
    credit_objection_submit(flag=flag, text="第一次", by=staff_a)
    with pytest.raises(ValidationError):
        credit_objection_submit(flag=flag, text="第二次", by=staff_a)
    with pytest.raises(ValidationError):
        credit_flag_lift(flag=flag, reason="先处理异议", by=auditor)


def test_another_employers_staff_cannot_object(flag, staff_b):
    with pytest.raises(PermissionDenied):
        credit_objection_submit(flag=flag, text="不是我们", by=staff_b)


def test_auditors_and_administrators_cannot_object_for_the_employer(flag, auditor, admin_user):
    for user in (auditor, admin_user):
        with pytest.raises(PermissionDenied):
            credit_objection_submit(flag=flag, text="x", by=user)


def test_repair_ends_the_flag_with_the_reason(flag, auditor):
    with time_machine.travel("2026-06-01 09:00 +0800", tick=False):
        flag = credit_flag_repair(flag=flag, reason="已补缴保障金及滞纳金并作出信用承诺", by=auditor)
    assert (flag.status, flag.end_date) == ("repaired", date(2026, 6, 1))
    with pytest.raises(ValidationError):
        credit_flag_lift(flag=flag, reason="x", by=auditor)


def test_lift_needs_a_reason(flag, auditor):
    with pytest.raises(ValidationError) as error:
        credit_flag_lift(flag=flag, reason="", by=auditor)
    assert "reason" in error.value.message_dict


def test_administrators_and_other_regions_auditors_cannot_decide(flag, admin_user, outside_auditor, staff_a):
    objection = credit_objection_submit(flag=flag, text="x", by=staff_a)
    for user in (admin_user, outside_auditor):
        with pytest.raises(PermissionDenied):
            credit_objection_decide(objection=objection, decision="accepted", reason="x", by=user)
        with pytest.raises(PermissionDenied):
            credit_flag_repair(flag=flag, reason="x", by=user)


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("level", {"level": "severe"}),
        ("reason", {"reason": " "}),
        ("evidence", {"evidence": ""}),
        ("start_date", {"start_date": date(2999, 1, 1)}),
    ],
)
def test_raising_checks_every_field(db, employer_a, auditor, field, overrides):
    values = {
        "level": "serious",
        "reason": "两次挂靠",
        "evidence": "审核发现",
        "start_date": date(2026, 1, 1),
    }
    values.update(overrides)
    with pytest.raises(ValidationError) as error:
        credit_flag_raise(employer=employer_a, by=auditor, **values)
    assert field in error.value.message_dict
