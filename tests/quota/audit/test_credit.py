"""Credit flags: the case (notice with evidence files → 陈述申辩 → decision by a second auditor),
the employer's objection, and ending a flag (撤销 / 信用修复) with four eyes; with history."""

import hashlib
from datetime import date

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from quota.models import CreditAttachment, CreditCase, CreditFlag
from quota.services import attachments
from quota.services.credit import (
    credit_closure_decide,
    credit_closure_propose,
    credit_objection_decide,
    credit_objection_submit,
)
from quota.services.credit_case import credit_case_decide, credit_statement_submit, credit_statement_waive
from quota.services.exports import credit_flags_export

from .factories import PDF_BYTES, make_flag, make_user, open_case, png_bytes, second_auditor, upload


def stored_files() -> list:
    root = settings.MEDIA_ROOT / "credit"
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def exported_names(user) -> list[str]:
    lines = credit_flags_export(user=user, fmt="csv").content.decode("utf-8-sig").splitlines()
    return [line.split(",")[0] for line in lines[1:]]


@pytest.fixture
def case(db, employer_a, auditor):
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        return open_case(employer_a, by=auditor, level="serious")


# --- the case: notice, statement, decision ---------------------------------------------------
def test_a_notice_is_no_flag_and_only_a_second_auditor_decides_after_the_statement_period(
    case, employer_a, auditor, reviewer, staff_a
):
    # The failure: one auditor listed an employer in one step, on free text, in force at once.
    assert (case.status, case.notified_on, case.statement_days, case.statement_due) == (
        "notified",
        date(2026, 3, 1),
        15,
        date(2026, 3, 16),
    )
    assert not CreditFlag.objects.exists() and exported_names(auditor) == []
    with time_machine.travel("2026-03-10 09:00 +0800", tick=False):
        statement = credit_statement_submit(
            case=case, text="已于2025年12月缴清，附回单", files=[upload("回单.png", png_bytes())], by=staff_a
        )
        with pytest.raises(ValidationError) as early:
            credit_case_decide(
                case=case, decision="flag", reason="x", start_date=date(2026, 3, 10), by=reviewer
            )
    assert early.value.message_dict == {
        "decision": ["陈述申辩期限至 2026-03-16，期满或单位放弃陈述申辩后才能作出决定"]
    }
    assert [a.name for a in statement.attachments.all()] == ["回单.png"]
    with time_machine.travel("2026-03-17 09:00 +0800", tick=False):
        with pytest.raises(PermissionDenied, match="失信认定须由另一名审核人员复核"):
            credit_case_decide(
                case=case, decision="flag", reason="x", start_date=date(2026, 3, 17), by=auditor
            )
        with pytest.raises(PermissionDenied, match="税务的审核人员不能作出失信认定或信用修复决定"):
            credit_case_decide(
                case=case,
                decision="flag",
                reason="x",
                start_date=date(2026, 3, 17),
                by=second_auditor(kind="tax"),
            )
        assert not CreditFlag.objects.exists()
        case = credit_case_decide(
            case=case,
            decision="flag",
            reason="回单日期晚于认定事实发生期间",
            start_date=date(2026, 3, 17),
            by=reviewer,
        )
    flag = CreditFlag.objects.get()
    assert (case.status, case.decided_by, flag.case) == ("flagged", reviewer, case)
    assert (flag.level, flag.status, flag.start_date, flag.decided_by, flag.evidence) == (
        "serious",
        "active",
        date(2026, 3, 17),
        reviewer,
        "缴款通知第12号",
    )
    assert exported_names(auditor) == [employer_a.name]
    assert list(case.history.order_by("history_id").values_list("status", flat=True)) == [
        "notified",
        "flagged",
    ]


def test_the_employers_administrator_waives_and_the_case_is_decided_at_once(
    case, employer_a, reviewer, staff_a
):
    clerk = make_user("employer")
    employer_a.memberships.create(user=clerk, is_admin=False)
    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        with pytest.raises(PermissionDenied, match="只有本单位的管理员可以放弃陈述申辩"):
            credit_statement_waive(case=case, by=clerk)
        credit_statement_waive(case=case, by=staff_a)
        with pytest.raises(ValidationError) as late:
            credit_statement_submit(case=case, text="补充说明", by=staff_a)
        assert late.value.message_dict == {"text": ["本单位已放弃陈述申辩"]}
        case = credit_case_decide(case=case, decision="drop", reason="证据不足，不予认定", by=reviewer)
    assert (case.status, case.decision, case.decision_reason) == ("dropped", "drop", "证据不足，不予认定")
    assert not CreditFlag.objects.exists()
    with pytest.raises(ValidationError):
        credit_case_decide(
            case=case, decision="flag", reason="再议", start_date=date(2026, 3, 2), by=reviewer
        )


def test_a_statement_after_the_period_is_refused(case, staff_a, staff_b):
    with time_machine.travel("2026-03-16 20:00 +0800", tick=False):
        credit_statement_submit(case=case, text="最后一天提交", by=staff_a)  # the due day itself counts
        with pytest.raises(PermissionDenied, match="只有被告知的单位可以陈述申辩"):
            credit_statement_submit(case=case, text="冒充", by=staff_b)
    with time_machine.travel("2026-03-17 09:00 +0800", tick=False), pytest.raises(ValidationError) as late:
        credit_statement_submit(case=case, text="晚了", by=staff_a)
    assert late.value.message_dict == {"text": ["陈述申辩期限已于 2026-03-16 届满"]}
    assert case.statements.count() == 1


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (date(2026, 3, 16), "起始日期不能早于作出决定的日期（今天）"),
        (date(2026, 4, 17), "起始日期最迟为决定后30天"),
    ],
)
def test_the_start_date_is_the_decision_day_or_within_a_month(case, reviewer, start, message):
    with time_machine.travel("2026-03-17 09:00 +0800", tick=False), pytest.raises(ValidationError) as error:
        credit_case_decide(case=case, decision="flag", reason="事实清楚", start_date=start, by=reviewer)
    assert error.value.message_dict == {"start_date": [message]}
    assert CreditCase.objects.get(pk=case.pk).status == "notified"


def test_one_open_case_per_employer(case, employer_a, auditor):
    with pytest.raises(ValidationError) as error:
        open_case(employer_a, by=auditor)
    assert error.value.message_dict == {"employer": ["该单位已有一件待决定的失信认定案件，请先作出决定"]}


def test_who_may_open_a_case(db, employer_a, admin_user, outside_auditor, staff_a):
    for user in (admin_user, outside_auditor, staff_a):
        with pytest.raises(PermissionDenied):
            open_case(employer_a, by=user)
    assert (
        open_case(employer_a, by=second_auditor(kind="tax")).status == "notified"
    )  # any agency may start one


# --- the files --------------------------------------------------------------------------------
def test_evidence_files_are_stored_privately_under_random_names(case):
    attachment = case.attachments.get()
    path = settings.MEDIA_ROOT / attachment.file.name
    assert attachment.file.name.startswith(f"credit/{case.pk}/") and attachment.file.name.endswith(".pdf")
    assert "缴款通知" not in attachment.file.name
    assert (attachment.name, attachment.content_type, attachment.size) == (
        "缴款通知.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert path.read_bytes() == PDF_BYTES and attachment.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([], "请上传至少一个证据材料（PDF、JPG或PNG文件）"),
        ([upload("空.pdf", b"")], "文件“空.pdf”是空文件，请重新选择"),
        (
            [upload("通知.pdf", b"<html><script>alert(1)</script>")],
            "文件“通知.pdf”不是PDF、JPG或PNG文件，请转换后上传",
        ),
        ([upload("通知.png", PDF_BYTES)], "文件“通知.png”的扩展名与内容不符（内容是PDF）"),
        (
            [upload("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40)],
            "文件“照片.png”已损坏或不是完整的图片，请重新选择",
        ),
        ([upload(f"{n}.pdf") for n in range(6)], "一次最多上传5个文件"),
        ([upload("../../etc/通知.exe")], "文件“通知.exe”的扩展名与内容不符（内容是PDF）"),
    ],
)
def test_bad_evidence_files_are_refused_naming_the_file_and_nothing_is_written(
    db, employer_a, auditor, files, message
):
    with pytest.raises(ValidationError) as error:
        open_case(employer_a, by=auditor, files=files or [None])
    assert error.value.message_dict == {"files": [message]}
    assert not CreditCase.objects.exists() and not CreditAttachment.objects.exists() and stored_files() == []


def test_a_file_above_the_size_limit_is_refused(db, employer_a, auditor, monkeypatch):
    monkeypatch.setattr(attachments, "MAX_FILE_BYTES", len(PDF_BYTES) - 1)
    with pytest.raises(ValidationError) as error:
        open_case(employer_a, by=auditor)
    assert error.value.message_dict["files"][0].startswith("文件“缴款通知.pdf”超过")
    assert stored_files() == []


def test_files_written_before_a_failure_are_removed(db, employer_a, auditor, monkeypatch):
    original = attachments.CreditAttachment.full_clean
    calls = []

    def fail_second(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            raise ValidationError({"files": "模拟写入失败"})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(attachments.CreditAttachment, "full_clean", fail_second)
    with pytest.raises(ValidationError):
        open_case(employer_a, by=auditor, files=[upload("一.pdf"), upload("二.pdf")])
    assert stored_files() == [] and not CreditCase.objects.exists()


# --- once listed: objection, lift and repair with four eyes ------------------------------------
@pytest.fixture
def flag(db, employer_a, auditor, reviewer):
    return make_flag(employer_a, proposer=auditor, decider=reviewer, start_date=date(2026, 3, 1))


def test_objection_upheld_lifts_the_flag_from_that_day(flag, staff_a, reviewer):
    objection = credit_objection_submit(flag=flag, text="已于2025年缴清，见缴款凭证", by=staff_a)
    flag.refresh_from_db()
    assert (flag.status, objection.decision) == ("objected", "pending")

    with time_machine.travel("2026-03-10 09:00 +0800", tick=False):
        credit_objection_decide(objection=objection, decision="accepted", reason="凭证属实", by=reviewer)

    flag.refresh_from_db()
    objection.refresh_from_db()
    assert (objection.decision, objection.decided_by) == ("accepted", reviewer)
    assert (flag.status, flag.end_date, flag.closed_by) == ("lifted", date(2026, 3, 10), reviewer)
    assert flag.closed_reason == "异议成立：凭证属实"
    statuses = list(flag.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["active", "objected", "lifted"]


def test_objection_rejected_puts_the_flag_back_in_force(flag, staff_a, reviewer):
    objection = credit_objection_submit(flag=flag, text="不服", by=staff_a)
    credit_objection_decide(objection=objection, decision="rejected", reason="无新证据", by=reviewer)
    flag.refresh_from_db()
    assert (flag.status, flag.end_date) == ("active", None)
    with pytest.raises(ValidationError):
        credit_objection_decide(objection=objection, decision="accepted", reason="再议", by=reviewer)


def test_only_one_pending_objection_and_only_on_an_active_flag(flag, staff_a, auditor):
    credit_objection_submit(flag=flag, text="第一次", by=staff_a)
    with pytest.raises(ValidationError):
        credit_objection_submit(flag=flag, text="第二次", by=staff_a)
    with pytest.raises(ValidationError):
        credit_closure_propose(flag=flag, action="lift", reason="先处理异议", by=auditor)


def test_another_employers_staff_cannot_object(flag, staff_b):
    with pytest.raises(PermissionDenied):
        credit_objection_submit(flag=flag, text="不是我们", by=staff_b)


def test_auditors_and_administrators_cannot_object_for_the_employer(flag, auditor, admin_user):
    for user in (auditor, admin_user):
        with pytest.raises(PermissionDenied):
            credit_objection_submit(flag=flag, text="x", by=user)


def test_repair_needs_a_second_auditor_and_ends_the_flag_with_the_reason(flag, auditor, reviewer):
    closure = credit_closure_propose(
        flag=flag, action="repair", reason="已补缴保障金及滞纳金并作出信用承诺", by=auditor
    )
    assert CreditFlag.objects.get(pk=flag.pk).status == "active"  # a proposal changes nothing yet
    with pytest.raises(PermissionDenied, match="撤销或信用修复须由另一名审核人员复核"):
        credit_closure_decide(closure=closure, approve=True, note="", by=auditor)
    with time_machine.travel("2026-06-01 09:00 +0800", tick=False):
        credit_closure_decide(closure=closure, approve=True, note="材料齐全", by=reviewer)
    flag.refresh_from_db()
    closure.refresh_from_db()
    assert (flag.status, flag.end_date, flag.closed_by, flag.closed_reason) == (
        "repaired",
        date(2026, 6, 1),
        reviewer,
        "已补缴保障金及滞纳金并作出信用承诺",
    )
    assert (closure.status, closure.proposed_by, closure.decided_by) == ("approved", auditor, reviewer)
    assert exported_names(auditor) == []
    with pytest.raises(ValidationError):
        credit_closure_propose(flag=flag, action="lift", reason="x", by=auditor)


def test_a_refused_closure_needs_a_note_and_leaves_the_flag_in_force(flag, auditor, reviewer):
    closure = credit_closure_propose(flag=flag, action="lift", reason="认定有误", by=reviewer)
    with pytest.raises(ValidationError) as error:
        credit_closure_decide(closure=closure, approve=False, note=" ", by=auditor)
    assert error.value.message_dict == {"note": ["请写明不批准的理由"]}
    credit_closure_decide(closure=closure, approve=False, note="认定无误", by=auditor)
    assert CreditFlag.objects.get(pk=flag.pk).status == "active"
    with pytest.raises(ValidationError):
        credit_closure_decide(closure=closure, approve=True, note="", by=auditor)


def test_closing_needs_a_reason_and_one_pending_proposal(flag, auditor):
    with pytest.raises(ValidationError) as error:
        credit_closure_propose(flag=flag, action="lift", reason="", by=auditor)
    assert error.value.message_dict == {"reason": ["请填写撤销或信用修复的理由"]}
    credit_closure_propose(flag=flag, action="lift", reason="认定有误", by=auditor)
    with pytest.raises(ValidationError):
        credit_closure_propose(flag=flag, action="repair", reason="已纠正", by=auditor)


def test_administrators_other_regions_and_the_tax_office_cannot_decide(
    flag, admin_user, outside_auditor, staff_a, auditor
):
    objection = credit_objection_submit(flag=flag, text="x", by=staff_a)
    credit_objection_decide(objection=objection, decision="rejected", reason="无新证据", by=auditor)
    closure = credit_closure_propose(flag=flag, action="repair", reason="已纠正", by=auditor)
    tax = second_auditor(kind="tax")
    for user in (admin_user, outside_auditor, tax):
        with pytest.raises(PermissionDenied):
            credit_closure_decide(closure=closure, approve=True, note="", by=user)
    objection = credit_objection_submit(flag=flag, text="再次异议", by=staff_a)
    for user in (admin_user, outside_auditor, tax):
        with pytest.raises(PermissionDenied):
            credit_objection_decide(objection=objection, decision="accepted", reason="x", by=user)
    with pytest.raises(PermissionDenied):
        credit_closure_propose(flag=flag, action="lift", reason="x", by=admin_user)


def test_a_flag_listed_before_the_case_process_stays_valid(db, employer_a, auditor, reviewer, staff_a):
    old = CreditFlag.objects.create(
        employer=employer_a,
        level="general",
        reason="旧记录",
        evidence="纸质材料",
        start_date=date(2025, 1, 5),
        decided_by=auditor,
        decided_at="2025-01-05T09:00:00+08:00",
    )
    assert old.case is None and exported_names(auditor) == [employer_a.name]
    closure = credit_closure_propose(flag=old, action="repair", reason="已纠正", by=reviewer)
    credit_closure_decide(closure=closure, approve=True, note="", by=auditor)
    assert CreditFlag.objects.get(pk=old.pk).status == "repaired"


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("level", {"level": "severe"}),
        ("reason", {"reason": " "}),
        ("basis", {"basis": ""}),
        ("evidence", {"evidence": ""}),
    ],
)
def test_opening_a_case_checks_every_field(db, employer_a, auditor, field, overrides):
    with pytest.raises(ValidationError) as error:
        open_case(employer_a, by=auditor, **overrides)
    assert field in error.value.message_dict
    assert not CreditCase.objects.exists() and stored_files() == []
