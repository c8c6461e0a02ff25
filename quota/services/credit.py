"""Credit flags (失信) once listed: the employer's objection and its decision, and ending a flag
by 撤销 or 信用修复 — proposed by one auditor, approved by another.

The 2019 方案 (发改价格规〔2019〕2015号) puts quota compliance into the social credit system; the
levels and grounds follow the Jiangsu county rule summarised in quota-rules.md ("Credit").  A flag
is only ever created by the decision on a credit case (``quota.services.credit_case``: notice,
陈述申辩, decision by a second auditor).  Every change is in the history.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.permissions import Decision, require_decision, require_second_person, require_staff_of
from notifications import events as notify
from quota.audit.choices import ClosureAction, ClosureStatus, CreditStatus, ObjectionDecision

from ..models.credit import CreditClosure
from ..models.decisions import CreditFlag, CreditObjection


def text_value(value: str, field: str, label: str, *, max_length: int = 500) -> str:
    """A required free text, stripped, with a Chinese message naming the field."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


def _locked(flag: CreditFlag) -> CreditFlag:
    return CreditFlag.objects.select_for_update().select_related("employer__region").get(pk=flag.pk)


@transaction.atomic
def credit_objection_submit(*, flag: CreditFlag, text: str, by: User) -> CreditObjection:
    """The flagged employer's staff object; the flag stays listed as 异议处理中 until decided."""
    flag = _locked(flag)
    require_staff_of(by, flag.employer, message="只有本单位的工作人员可以提出")
    if flag.status != CreditStatus.ACTIVE:
        raise ValidationError({"flag": "只能对生效中的失信记录提出异议（已有异议待处理或记录已结束）"})
    objection = CreditObjection(
        flag=flag,
        text=text_value(text, "text", "异议内容", max_length=5000),
        submitted_by=by,
        submitted_at=timezone.now(),
    )
    objection.full_clean()
    objection.save()
    flag.status = CreditStatus.OBJECTED
    flag._change_reason = "单位提出异议"
    flag.save(update_fields=["status"])
    return objection


@transaction.atomic
def credit_objection_decide(
    *, objection: CreditObjection, decision: str, reason: str, by: User
) -> CreditObjection:
    """Accepted: the flag is lifted from today. Rejected: the flag is active again."""
    flag = _locked(objection.flag)
    objection = CreditObjection.objects.select_for_update().get(pk=objection.pk)
    require_decision(by, Decision.CREDIT_DECIDE, employer=flag.employer)
    if decision not in (ObjectionDecision.ACCEPTED, ObjectionDecision.REJECTED):
        raise ValidationError({"decision": "处理结果应为 accepted（异议成立）或 rejected（异议不成立）"})
    if objection.decision != ObjectionDecision.PENDING:
        raise ValidationError({"decision": "该异议已经处理过"})
    now = timezone.now()
    objection.decision = decision
    objection.decision_reason = text_value(reason, "reason", "处理理由")
    objection.decided_by, objection.decided_at = by, now
    objection.save()
    if decision == ObjectionDecision.ACCEPTED:
        _close(flag, CreditStatus.LIFTED, f"异议成立：{objection.decision_reason}", by)
    else:
        flag.status = CreditStatus.ACTIVE
        flag._change_reason = "异议不成立"
        flag.save(update_fields=["status"])
    notify.credit_decided(
        employer_id=flag.employer_id,
        title=f"失信记录异议处理结果：{ObjectionDecision(decision).label}",
        body=f"处理理由：{objection.decision_reason}",
    )
    return objection


def _close(flag: CreditFlag, status: str, reason: str, by: User) -> CreditFlag:
    today = timezone.localdate()
    flag.status = status
    flag.end_date = max(today, flag.start_date)
    flag.closed_by, flag.closed_at, flag.closed_reason = by, timezone.now(), reason[:500]
    flag._change_reason = CreditStatus(status).label
    flag.full_clean()
    flag.save()
    return flag


def _require_active(flag: CreditFlag, field: str) -> None:
    if flag.status != CreditStatus.ACTIVE:
        raise ValidationError({field: "只能撤销或修复生效中的失信记录；有异议待处理时请先处理异议"})


@transaction.atomic
def credit_closure_propose(*, flag: CreditFlag, action: str, reason: str, by: User) -> CreditClosure:
    """Propose to lift (撤销, listed in error) or repair (信用修复, breach corrected) an active
    flag; a second auditor decides."""
    flag = _locked(flag)
    require_decision(by, Decision.CREDIT_PROPOSE, employer=flag.employer)
    if action not in ClosureAction.values:
        raise ValidationError({"action": "请选择撤销或信用修复"})
    _require_active(flag, "action")
    reason = text_value(reason, "reason", "撤销或信用修复的理由")
    if flag.closures.filter(status=ClosureStatus.PENDING).exists():
        raise ValidationError({"action": "该记录已有一项待复核的撤销或信用修复申请"})
    closure = CreditClosure(
        flag=flag, action=action, reason=reason, proposed_by=by, proposed_at=timezone.now()
    )
    closure.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            closure.save()
    except IntegrityError as error:  # a concurrent proposal on the same flag
        raise ValidationError({"action": "该记录已有一项待复核的撤销或信用修复申请"}) from error
    return closure


@transaction.atomic
def credit_closure_decide(*, closure: CreditClosure, approve: bool, note: str, by: User) -> CreditClosure:
    """A second auditor approves (the flag ends today, lifted or repaired) or refuses, with a
    note (required when refusing)."""
    flag = _locked(closure.flag)
    closure = CreditClosure.objects.select_for_update().get(pk=closure.pk)
    require_decision(by, Decision.CREDIT_DECIDE, employer=flag.employer)
    if closure.status != ClosureStatus.PENDING:
        raise ValidationError({"decision": "该申请已经复核过"})
    require_second_person(by, closure.proposed_by, what="撤销或信用修复")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": "请写明不批准的理由"})
    if len(note) > 500:
        raise ValidationError({"note": "复核意见不能超过500个字"})
    if approve:
        _require_active(flag, "decision")
    closure.status = ClosureStatus.APPROVED if approve else ClosureStatus.REJECTED
    closure.decided_by, closure.decided_at, closure.decision_note = by, timezone.now(), note
    closure.save()
    if approve:
        status = CreditStatus.LIFTED if closure.action == ClosureAction.LIFT else CreditStatus.REPAIRED
        _close(flag, status, closure.reason, by)
    notify.credit_decided(
        employer_id=flag.employer_id,
        title=f"{closure.get_action_display()}申请：{closure.get_status_display()}",
        body=note,
    )
    return closure
