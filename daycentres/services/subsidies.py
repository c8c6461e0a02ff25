"""Individual subsidies (自主创业、重度残疾人灵活就业社保、职业培训、职业技能鉴定) and the
残疾人之家 运营奖补, paid through the four-eyes ledger (quota/services/ledger.py).

Flow: the seeker (or a 就业服务专员 of the seeker's region, on their behalf) files an application;
eligibility is checked from the registry and records and an ineligible application is refused with
the reasons. An auditor proposes the ledger entry (or refuses the application with a reason); a
*second* auditor approves it on the ledger — the ledger's own rule, the proposer cannot approve.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import Person, User
from backend.accounts.permissions import Decision, owns_person, require_decision, service_covers
from identifiers.core import IdentifierError, validate_credit_code
from quota.services.ledger import ledger_entry_approve, ledger_entry_propose, ledger_entry_reject

from ..choices import RULE_FOR_KIND, ApplicationStatus, SubsidyKind
from ..core.eligibility import check_eligibility
from ..core.rules import money
from ..models import DayCentre, SubsidyApplication
from ..selectors import eligibility_facts, operating_subsidy_for, subsidy_rules


def _may_apply_for(by: User, person: Person) -> bool:
    return owns_person(by, person) or service_covers(by, person.region)


def application_amount(*, kind: str, months: int | None) -> Decimal:
    rule = subsidy_rules()[RULE_FOR_KIND[kind]]
    if rule.basis == "per_month":
        return money(rule.amount * (months or 0))
    return money(rule.amount)


@transaction.atomic
def subsidy_application_submit(
    *,
    person: Person,
    kind: str,
    by: User,
    months: int | None = None,
    business_name: str = "",
    business_credit_code: str = "",
    training_record=None,
    note: str = "",
) -> SubsidyApplication:
    """File an application; refused (with every failed check) unless eligible."""
    if not _may_apply_for(by, person):
        raise PermissionDenied("只能为本人或您负责区域内的求职者申请补贴")
    if kind not in SubsidyKind.values:
        raise ValidationError({"kind": "请选择补贴类型"})
    rule = subsidy_rules()[RULE_FOR_KIND[kind]]
    errors = {}
    if kind == SubsidyKind.STARTUP:
        if not (business_name or "").strip():
            errors["business_name"] = "请填写创业实体名称（与营业执照一致）"
        try:
            business_credit_code = validate_credit_code(business_credit_code)
        except IdentifierError as error:
            errors["business_credit_code"] = f"{error.message_zh}，请核对营业执照"
    if kind == SubsidyKind.FLEXIBLE_INSURANCE and not (months and 1 <= months <= (rule.max_months or 12)):
        errors["months"] = f"补贴月数应为1到{rule.max_months or 12}之间的整数"
    if kind in (SubsidyKind.TRAINING, SubsidyKind.SKILL_CERTIFICATE):
        if training_record is None or training_record.person_id != person.pk:
            errors["training_record"] = "请选择本人的培训或鉴定记录"
    if errors:
        raise ValidationError(errors)
    result = check_eligibility(
        kind=kind,
        today=timezone.localdate(),
        business_credit_code=business_credit_code,
        training_record_id=getattr(training_record, "pk", None),
        **eligibility_facts(person),
    )
    if not result.eligible:
        raise ValidationError({"kind": "不符合申请条件：" + "；".join(result.failures)})
    application = SubsidyApplication(
        person=person,
        kind=kind,
        amount=application_amount(kind=kind, months=months),
        months=months if kind == SubsidyKind.FLEXIBLE_INSURANCE else None,
        business_name=(business_name or "").strip()[:120],
        business_credit_code=business_credit_code if kind == SubsidyKind.STARTUP else "",
        training_record=training_record
        if kind in (SubsidyKind.TRAINING, SubsidyKind.SKILL_CERTIFICATE)
        else None,
        note=(note or "").strip()[:500],
        eligibility=[c.__dict__ for c in result.checks],
        applied_by=by,
        applied_at=timezone.now(),
    )
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        message = "已申请过自主创业补贴" if kind == SubsidyKind.STARTUP else "该培训或鉴定记录已申请过补贴"
        raise ValidationError({"kind": message}) from error
    return application


def _locked(application: SubsidyApplication) -> SubsidyApplication:
    return (
        SubsidyApplication.objects.select_for_update(of=("self",))
        .select_related("person__region")
        .get(pk=application.pk)
    )


def _basis(application: SubsidyApplication) -> str:
    rule = subsidy_rules()[RULE_FOR_KIND[application.kind]]
    checks = "；".join(c["message"] for c in application.eligibility)
    confirmed = "" if rule.confirmed else "（标准未确认）"
    return f"{rule.label}：{rule.amount}{rule.unit}{confirmed}；依据：{rule.source}；资格：{checks}"[:500]


@transaction.atomic
def subsidy_application_propose(*, application: SubsidyApplication, by: User):
    """An auditor re-checks eligibility and proposes the ledger entry (first pair of eyes)."""
    application = _locked(application)
    require_decision(by, Decision.LEDGER_PROPOSE, region=application.person.region)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"status": f"该申请{application.get_status_display()}，不能再提出"})
    result = check_eligibility(
        kind=application.kind,
        today=timezone.localdate(),
        business_credit_code=application.business_credit_code,
        training_record_id=application.training_record_id,
        **eligibility_facts(application.person),
    )
    if not result.eligible:
        raise ValidationError({"status": "核验时不符合条件：" + "；".join(result.failures)})
    entry = ledger_entry_propose(
        person=application.person,
        data_year=application.applied_at.astimezone(timezone.get_current_timezone()).year,
        kind=application.kind,
        amount=application.amount,
        basis=_basis(application),
        by=by,
    )
    application.status, application.ledger_entry, application.decided_by = (
        ApplicationStatus.PROPOSED,
        entry,
        by,
    )
    application.save(update_fields=["status", "ledger_entry", "decided_by"])
    return application


@transaction.atomic
def subsidy_application_refuse(*, application: SubsidyApplication, by: User, reason: str):
    application = _locked(application)
    require_decision(by, Decision.LEDGER_PROPOSE, region=application.person.region)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError({"status": f"该申请{application.get_status_display()}，不能再处理"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明不予受理的理由"})
    application.status, application.refusal_reason, application.decided_by = (
        ApplicationStatus.REFUSED,
        reason[:500],
        by,
    )
    application.save(update_fields=["status", "refusal_reason", "decided_by"])
    return application


def subsidy_application_decide(*, application: SubsidyApplication, by: User, approve: bool, note: str = ""):
    """The second auditor's decision on the proposed entry: the ledger's approve or reject (which
    refuses the proposer)."""
    if application.ledger_entry_id is None:
        raise ValidationError({"status": "该申请尚未提出，不能审批"})
    if approve:
        return ledger_entry_approve(entry=application.ledger_entry, by=by, note=note)
    return ledger_entry_reject(entry=application.ledger_entry, by=by, note=note)


@transaction.atomic
def operating_subsidy_propose(*, centre: DayCentre, year: int, by: User):
    """Propose a centre's 运营奖补 for ``year`` from the policy rules (first pair of eyes)."""
    require_decision(by, Decision.LEDGER_PROPOSE, region=centre.region)
    if not isinstance(year, int) or not 2015 <= year <= timezone.localdate().year:
        raise ValidationError({"year": "年度不正确"})
    from quota.audit.choices import LedgerStatus
    from quota.models import LedgerEntry

    live = LedgerEntry.objects.filter(centre=centre, data_year=year, kind="operating_subsidy").exclude(
        status=LedgerStatus.REJECTED
    )
    if live.exists():
        raise ValidationError({"year": f"{centre.name}{year}年度的运营奖补已经提出"})
    result = operating_subsidy_for(centre=centre, year=year)
    if result.total <= 0:
        raise ValidationError({"year": f"{centre.name}{year}年度没有成员月份或完成的项目，奖补为0"})
    parts = "；".join(
        f"{line.rule.label} {line.rule.amount}{line.rule.unit} × {line.quantity.normalize():f} = {line.amount}元"
        f"（{line.rule.status_label}；{line.rule.source[:60]}）"
        for line in result.lines
    )
    return ledger_entry_propose(
        centre=centre, data_year=year, kind="operating_subsidy", amount=result.total, basis=parts[:500], by=by
    )
