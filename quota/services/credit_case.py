"""The 失信 credit process before a listing: notice (告知), statement (陈述申辩), decision.

1. An auditor (``Decision.CREDIT_PROPOSE``) opens a case: the proposed level, the facts, the
   grounds and the evidence files are noticed to the employer, which has the policy's number of
   days (``DecisionPolicy.credit_statement_days``) to state its case and defend itself.
2. The employer's staff submit statements with attachments during the period; its
   administrator (单位管理员) may waive the rest of the period.
3. When the period has ended or was waived, a *different* auditor of an agency that takes credit
   decisions (``Decision.CREDIT_DECIDE``) lists the employer from a start date, or drops the case,
   with reasons.  Only then does a ``CreditFlag`` exist — and with it the export.

国办发〔2020〕49号: before a 失信 listing the party must be told the facts, the grounds and its
right to 陈述、申辩; the listing is then decided and can be repaired later (信用修复).
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import Employer, User
from backend.accounts.permissions import (
    Decision,
    require_decision,
    require_employer_admin,
    require_second_person,
    require_staff_of,
)
from notifications import events as notify
from quota.audit.choices import CreditCaseDecision, CreditCaseStatus, CreditLevel, CreditStatus

from ..models.credit import CreditCase, CreditStatement
from ..models.decisions import CreditFlag
from ..selectors.decision_policy import decision_policy_for
from .attachments import attachments_check, attachments_store
from .credit import text_value

MAX_START_DELAY_DAYS = 30  # [A] a listing starts on the decision day or within a month of it


@transaction.atomic
def credit_case_open(
    *, employer: Employer, level: str, reason: str, basis: str, evidence: str, files, by: User
) -> CreditCase:
    """Notice the employer of a proposed listing, with the evidence files; the statement period
    starts today."""
    require_decision(by, Decision.CREDIT_PROPOSE, employer=employer)
    if level not in CreditLevel.values:
        raise ValidationError({"level": "失信等级应为 general（一般失信）或 serious（严重失信）"})
    reason = text_value(reason, "reason", "拟认定的事由")
    basis = text_value(basis, "basis", "认定依据")
    evidence = text_value(evidence, "evidence", "证据说明", max_length=5000)
    checked = attachments_check(files, field="files", required=True)
    if CreditCase.objects.filter(employer=employer, status=CreditCaseStatus.NOTIFIED).exists():
        raise ValidationError({"employer": "该单位已有一件待决定的失信认定案件，请先作出决定"})
    today = timezone.localdate()
    days = decision_policy_for(employer.region, today.year).credit_statement_days
    case = CreditCase(
        employer=employer,
        level=level,
        reason=reason,
        basis=basis,
        evidence=evidence,
        notified_on=today,
        statement_days=days,
        statement_due=today + timedelta(days=days),
        opened_by=by,
        opened_at=timezone.now(),
    )
    case.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:  # a concurrent notice to the same employer
        raise ValidationError({"employer": "该单位已有一件待决定的失信认定案件"}) from error
    notify.credit_decided(
        employer_id=employer.pk,
        title="失信认定告知：请在期限内陈述申辩",
        body=f"拟认定事由：{reason}。陈述申辩截止日期：{case.statement_due:%Y-%m-%d}。",
    )
    attachments_store(checked, case=case, by=by)  # last: nothing after it can fail
    return case


def _locked(case: CreditCase) -> CreditCase:
    return CreditCase.objects.select_for_update().select_related("employer__region").get(pk=case.pk)


def _require_statement_open(case: CreditCase, field: str) -> None:
    if case.status != CreditCaseStatus.NOTIFIED:
        raise ValidationError({field: "该案件已作出决定，不能再陈述申辩"})
    if case.waived_at is not None:
        raise ValidationError({field: "本单位已放弃陈述申辩"})
    if timezone.localdate() > case.statement_due:
        raise ValidationError({field: f"陈述申辩期限已于 {case.statement_due:%Y-%m-%d} 届满"})


@transaction.atomic
def credit_statement_submit(*, case: CreditCase, text: str, files=(), by: User) -> CreditStatement:
    """The employer's staff state their case (陈述申辩), with attachments, during the period."""
    case = _locked(case)
    require_staff_of(by, case.employer, message="只有被告知的单位可以陈述申辩")
    _require_statement_open(case, "text")
    text = text_value(text, "text", "陈述申辩内容", max_length=5000)
    checked = attachments_check(files, field="files", required=False)
    statement = CreditStatement(case=case, text=text, submitted_by=by, submitted_at=timezone.now())
    statement.full_clean()
    statement.save()
    attachments_store(checked, case=case, statement=statement, by=by)
    return statement


@transaction.atomic
def credit_statement_waive(*, case: CreditCase, by: User) -> CreditCase:
    """The employer's administrator gives up the rest of the period (放弃陈述申辩); the case
    may then be decided at once."""
    case = _locked(case)
    require_employer_admin(by, case.employer, message="只有本单位的管理员可以放弃陈述申辩")
    _require_statement_open(case, "case")
    case.waived_by, case.waived_at = by, timezone.now()
    case._change_reason = "单位放弃陈述申辩"
    case.save(update_fields=["waived_by", "waived_at"])
    return case


@transaction.atomic
def credit_case_decide(
    *, case: CreditCase, decision: str, reason: str, by: User, start_date: date | None = None
) -> CreditCase:
    """A second auditor lists the employer from ``start_date`` (flag) or drops the case, with
    reasons, once the statement period has ended or was waived."""
    case = _locked(case)
    require_decision(by, Decision.CREDIT_DECIDE, employer=case.employer)
    if case.status != CreditCaseStatus.NOTIFIED:
        raise ValidationError({"decision": f"该案件{case.get_status_display()}，不能再决定"})
    require_second_person(by, case.opened_by, what="失信认定")
    today = timezone.localdate()
    if not case.ready_to_decide(today):
        raise ValidationError(
            {
                "decision": f"陈述申辩期限至 {case.statement_due:%Y-%m-%d}，"
                "期满或单位放弃陈述申辩后才能作出决定"
            }
        )
    if decision not in CreditCaseDecision.values:
        raise ValidationError({"decision": "决定应为 flag（认定失信）或 drop（不予认定）"})
    reason = text_value(reason, "reason", "决定理由")
    now = timezone.now()
    if decision == CreditCaseDecision.FLAG:
        if not isinstance(start_date, date):
            raise ValidationError({"start_date": "请填写失信记录的起始日期"})
        if start_date < today:
            raise ValidationError({"start_date": "起始日期不能早于作出决定的日期（今天）"})
        if start_date > today + timedelta(days=MAX_START_DELAY_DAYS):
            raise ValidationError({"start_date": f"起始日期最迟为决定后{MAX_START_DELAY_DAYS}天"})
        flag = CreditFlag(
            employer=case.employer,
            level=case.level,
            reason=case.reason,
            evidence=case.evidence,
            start_date=start_date,
            status=CreditStatus.ACTIVE,
            decided_by=by,
            decided_at=now,
            case=case,
        )
        flag.full_clean()
    elif start_date is not None:
        raise ValidationError({"start_date": "不予认定时不填写起始日期"})
    case.status = (
        CreditCaseStatus.FLAGGED if decision == CreditCaseDecision.FLAG else CreditCaseStatus.DROPPED
    )
    case.decision, case.decision_reason = decision, reason
    case.decided_by, case.decided_at = by, now
    case._change_reason = CreditCaseDecision(decision).label
    case.full_clean()
    case.save()
    if decision == CreditCaseDecision.FLAG:
        flag.save()
    notify.credit_decided(
        employer_id=case.employer_id,
        title=f"失信认定决定：{CreditCaseDecision(decision).label}",
        body=f"决定理由：{reason}",
    )
    return case
