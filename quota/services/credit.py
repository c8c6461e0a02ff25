"""Credit flags (失信): raise, object, decide the objection, lift, repair.

The 2019 方案 (发改价格规〔2019〕2015号) puts quota compliance into the social credit system; the
levels and grounds follow the Jiangsu county rule summarised in quota-rules.md ("Credit"). A flag
carries reason, evidence and dates; the employer may object (异议); an auditor decides, lifts a
flag made in error (撤销) or records a credit repair (信用修复). Every change is in the history.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Employer, User

from ..choices_audit import CreditLevel, CreditStatus, ObjectionDecision
from ..models.decisions import CreditFlag, CreditObjection
from .scope_audit import require_auditor_for, require_staff_of


def _text(value: str, field: str, label: str, *, max_length: int = 500) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


@transaction.atomic
def credit_flag_raise(
    *, employer: Employer, level: str, reason: str, evidence: str, start_date: date, by: User
) -> CreditFlag:
    """An auditor in scope lists an employer as 一般失信 or 严重失信 from ``start_date``."""
    require_auditor_for(by, employer)
    if level not in CreditLevel.values:
        raise ValidationError({"level": "失信等级应为 general（一般失信）或 serious（严重失信）"})
    if start_date > timezone.localdate():
        raise ValidationError({"start_date": "起始日期不能晚于今天"})
    flag = CreditFlag(
        employer=employer,
        level=level,
        reason=_text(reason, "reason", "认定理由"),
        evidence=_text(evidence, "evidence", "证据", max_length=5000),
        start_date=start_date,
        status=CreditStatus.ACTIVE,
        decided_by=by,
        decided_at=timezone.now(),
    )
    flag.full_clean()
    flag.save()
    return flag


def _locked(flag: CreditFlag) -> CreditFlag:
    return CreditFlag.objects.select_for_update().get(pk=flag.pk)


@transaction.atomic
def credit_objection_submit(*, flag: CreditFlag, text: str, by: User) -> CreditObjection:
    """The flagged employer's staff object; the flag stays listed as 异议处理中 until decided."""
    flag = _locked(flag)
    require_staff_of(by, flag.employer)
    if flag.status != CreditStatus.ACTIVE:
        raise ValidationError({"flag": "只能对生效中的失信记录提出异议（已有异议待处理或记录已结束）"})
    objection = CreditObjection(
        flag=flag,
        text=_text(text, "text", "异议内容", max_length=5000),
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
    require_auditor_for(by, flag.employer)
    if decision not in (ObjectionDecision.ACCEPTED, ObjectionDecision.REJECTED):
        raise ValidationError({"decision": "处理结果应为 accepted（异议成立）或 rejected（异议不成立）"})
    if objection.decision != ObjectionDecision.PENDING:
        raise ValidationError({"decision": "该异议已经处理过"})
    now = timezone.now()
    objection.decision = decision
    objection.decision_reason = _text(reason, "reason", "处理理由")
    objection.decided_by, objection.decided_at = by, now
    objection.save()
    if decision == ObjectionDecision.ACCEPTED:
        _close(flag, CreditStatus.LIFTED, f"异议成立：{objection.decision_reason}", by)
    else:
        flag.status = CreditStatus.ACTIVE
        flag._change_reason = "异议不成立"
        flag.save(update_fields=["status"])
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


@transaction.atomic
def credit_flag_lift(*, flag: CreditFlag, reason: str, by: User) -> CreditFlag:
    """Lift (撤销) an active flag, e.g. listed in error; ends today."""
    flag = _locked(flag)
    require_auditor_for(by, flag.employer)
    if flag.status != CreditStatus.ACTIVE:
        raise ValidationError({"status": "只能撤销生效中的失信记录；有异议待处理时请先处理异议"})
    return _close(flag, CreditStatus.LIFTED, _text(reason, "reason", "撤销理由"), by)


@transaction.atomic
def credit_flag_repair(*, flag: CreditFlag, reason: str, by: User) -> CreditFlag:
    """Record a credit repair (信用修复): the employer has corrected the breach; ends today."""
    flag = _locked(flag)
    require_auditor_for(by, flag.employer)
    if flag.status != CreditStatus.ACTIVE:
        raise ValidationError({"status": "只能对生效中的失信记录进行信用修复；有异议待处理时请先处理异议"})
    return _close(flag, CreditStatus.REPAIRED, _text(reason, "reason", "信用修复理由"), by)
