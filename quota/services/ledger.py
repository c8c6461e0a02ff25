"""The subsidies and rewards ledger (补贴奖励台账).

72号 lets the levy fund pay 岗位补贴, 社会保险补贴 and rewards above the quota [P]; the rates are
local parameters [S, mostly unconfirmed].  Rewards are proposed from the policy by the core's
own reward computation; subsidies are entered by an auditor.

Four eyes on public money (security.md, 72号 Art.19–21: the fund's spending is approved, not
self-granted): an entry is proposed by one auditor (Decision.LEDGER_PROPOSE), approved or
rejected by a *different* auditor (LEDGER_APPROVE), and recorded as paid by an auditor whose
agency records payments (LEDGER_PAY) who is not the proposer — the approver may record it.  An
entry above the per-kind maximum of the decision parameters (``DecisionPolicy``) is refused at
proposal and again at approval.  Administrators never propose, approve or pay (三员分立).

The payee is an employer, a person (个人补贴: 自主创业、灵活就业社保、培训、鉴定) or a 残疾人之家
(运营奖补), exactly one (a check constraint); each kind is paid to one kind of payee, and the
auditor's regions must cover the payee's region.  The rules above apply to every payee.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import Employer, User
from backend.accounts.permissions import Decision, require_decision, require_second_person
from quota.audit.choices import CENTRE_KINDS, EMPLOYER_KINDS, PERSON_KINDS, LedgerKind, LedgerStatus
from quota.core import compute_levy
from quota.core.display import format_count

from ..choices import ReportStatus
from ..models import QuotaReport
from ..models.decisions import LedgerEntry
from ..selectors import policy_for, report_input
from ..selectors.decision_policy import decision_policy_for
from .decisions import _amount

REWARD_KINDS = (LedgerKind.MEET_REWARD, LedgerKind.ABOVE_REWARD)


def _within_limit(region, kind: str, amount: Decimal) -> None:
    """Refuse an amount above the per-entry maximum for ``kind`` in force this year in ``region``
    (the payee's region)."""
    policy = decision_policy_for(region, timezone.localdate().year, field="amount")
    limit = policy.ledger_max(kind)
    if amount > limit:
        raise ValidationError(
            {
                "amount": f"金额 {amount} 元超过{LedgerKind(kind).label}每笔上限 {limit} 元"
                f"（{policy}）；请核对金额，确需超出时请分笔提出并写明依据"
            }
        )


def _payee_region(*, employer, person, centre, kind: str):
    """The one payee's region, after checking that exactly one payee is given and fits ``kind``."""
    given = [p for p in (employer, person, centre) if p is not None]
    if len(given) != 1:
        raise ValidationError({"payee": "补贴须发给一个对象：单位、个人或残疾人之家，只能选一个"})
    if kind not in LedgerKind.values:
        raise ValidationError({"kind": "请选择补贴或奖励的类型"})
    fits = (
        (employer is not None and kind in EMPLOYER_KINDS)
        or (person is not None and kind in PERSON_KINDS)
        or (centre is not None and kind in CENTRE_KINDS)
    )
    if not fits:
        raise ValidationError({"kind": f"{LedgerKind(kind).label}不能发给该对象"})
    region = given[0].region
    if region is None:
        raise ValidationError({"payee": "该对象没有登记所属区镇，无法确定审批区域"})
    return region


@transaction.atomic
def ledger_entry_propose(
    *,
    data_year: int,
    kind: str,
    amount: Decimal,
    basis: str,
    by: User,
    employer: Employer | None = None,
    person=None,
    centre=None,
    report: QuotaReport | None = None,
) -> LedgerEntry:
    """Propose one subsidy or reward for one payee (employer, person or 残疾人之家) in the
    auditor's regions."""
    require_decision(by, Decision.LEDGER_PROPOSE)  # who, before what: a refusal says nothing of the payee
    region = _payee_region(employer=employer, person=person, centre=centre, kind=kind)
    require_decision(by, Decision.LEDGER_PROPOSE, region=region)
    amount = _amount(amount)
    _within_limit(region, kind, amount)
    if not isinstance(data_year, int) or not 2015 <= data_year <= timezone.localdate().year:
        raise ValidationError({"data_year": "数据年度不正确"})
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": "请写明依据（文件、人数、标准）"})
    if report is not None and (
        employer is None or report.employer_id != employer.pk or report.data_year != data_year
    ):
        raise ValidationError({"report": "申报与单位或年度不一致"})
    if (
        kind in REWARD_KINDS
        and LedgerEntry.objects.filter(employer=employer, data_year=data_year, kind=kind)
        .exclude(status=LedgerStatus.REJECTED)
        .exists()
    ):
        raise ValidationError({"kind": f"该单位{data_year}年度已有{LedgerKind(kind).label}记录"})
    entry = LedgerEntry(
        employer=employer,
        person=person,
        centre=centre,
        report=report,
        data_year=data_year,
        kind=kind,
        amount=amount,
        basis=basis[:500],
        proposed_by=by,
        proposed_at=timezone.now(),
    )
    entry.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as error:  # a concurrent proposal of the same reward
        raise ValidationError({"kind": "该奖励已经提出过"}) from error
    return entry


def _reward_basis(kind: str, policy, result) -> str:
    multiple = policy.reward_meet_multiple if kind == LedgerKind.MEET_REWARD else policy.reward_above_multiple
    persons = (
        min(result.counted_disabled, result.required_count)
        if kind == LedgerKind.MEET_REWARD
        else result.counted_disabled - result.required_count
    )
    source = policy.source_for(
        "reward_meet_multiple" if kind == LedgerKind.MEET_REWARD else "reward_above_multiple"
    )
    return (
        f"{result.data_year}年度实际安排{format_count(result.counted_disabled)}人，应安排"
        f"{format_count(result.required_count)}人；{LedgerKind(kind).label} = {multiple} × 最低月工资"
        f"{policy.minimum_wage_monthly}元 × {format_count(persons)}人（{source}）"
    )


@transaction.atomic
def ledger_propose_from_policy(*, data_year: int, by: User) -> list[LedgerEntry]:
    """Propose 达比例/超比例奖励 for every approved report of ``data_year`` in the auditor's
    regions whose policy has reward rates; idempotent (an existing live entry is kept)."""
    require_decision(by, Decision.LEDGER_PROPOSE)  # each proposal below checks the employer's region
    reports = (
        QuotaReport.objects.visible_to(by)
        .filter(data_year=data_year, status=ReportStatus.APPROVED)
        .select_related("employer", "employer__region")
        .order_by("employer__name", "pk")
    )
    existing = set(
        LedgerEntry.objects.filter(
            data_year=data_year, kind__in=REWARD_KINDS, employer__in=reports.values("employer")
        )
        .exclude(status=LedgerStatus.REJECTED)
        .values_list("employer_id", "kind")
    )
    policies, created = {}, []
    for report in reports:
        region = report.employer.region
        if region.pk not in policies:
            try:
                policies[region.pk] = policy_for(region, data_year + 1)
            except ValidationError:
                policies[region.pk] = None  # no policy: nothing to propose in that region
        policy = policies[region.pk]
        if policy is None or (policy.reward_meet_multiple is None and policy.reward_above_multiple is None):
            continue
        result = compute_levy(policy, report_input(report))  # the core's reward computation
        for kind, amount in (
            (LedgerKind.MEET_REWARD, result.reward_meet),
            (LedgerKind.ABOVE_REWARD, result.reward_above),
        ):
            if amount <= 0 or (report.employer_id, kind) in existing:
                continue
            created.append(
                ledger_entry_propose(
                    employer=report.employer,
                    data_year=data_year,
                    kind=kind,
                    amount=amount,
                    basis=_reward_basis(kind, policy, result),
                    by=by,
                    report=report,
                )
            )
    return created


def _locked(entry: LedgerEntry) -> LedgerEntry:
    return (
        LedgerEntry.objects.select_for_update(of=("self",))
        .select_related("employer__region", "person__region", "centre__region")
        .get(pk=entry.pk)
    )


def _require_proposed(entry: LedgerEntry) -> None:
    if entry.status != LedgerStatus.PROPOSED:
        raise ValidationError({"status": f"该记录{entry.get_status_display()}，不能再审批"})


@transaction.atomic
def ledger_entry_approve(*, entry: LedgerEntry, by: User, note: str = "") -> LedgerEntry:
    """A second auditor approves a proposed entry (never its proposer)."""
    entry = _locked(entry)
    require_decision(by, Decision.LEDGER_APPROVE, region=entry.payee_region)
    _require_proposed(entry)  # first: "already decided" says more than "not you"
    require_second_person(by, entry.proposed_by, what="补贴、奖励的批准")
    _within_limit(entry.payee_region, entry.kind, entry.amount)
    entry.status = LedgerStatus.APPROVED
    entry.approved_by, entry.approved_at = by, timezone.now()
    entry.decision_note = (note or "").strip()[:500]
    entry._change_reason = "批准"
    entry.save(update_fields=["status", "approved_by", "approved_at", "decision_note"])
    return entry


@transaction.atomic
def ledger_entry_reject(*, entry: LedgerEntry, by: User, note: str) -> LedgerEntry:
    """A second auditor rejects a proposed entry, with the reason."""
    entry = _locked(entry)
    require_decision(by, Decision.LEDGER_APPROVE, region=entry.payee_region)
    _require_proposed(entry)
    require_second_person(by, entry.proposed_by, what="补贴、奖励的审批")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "请写明驳回理由"})
    entry.status = LedgerStatus.REJECTED
    entry.approved_by, entry.approved_at, entry.decision_note = by, timezone.now(), note[:500]
    entry._change_reason = "驳回"
    entry.save(update_fields=["status", "approved_by", "approved_at", "decision_note"])
    return entry


@transaction.atomic
def ledger_entry_mark_paid(*, entry: LedgerEntry, by: User) -> LedgerEntry:
    """Record that an approved entry has been paid out: by an auditor of an agency that records
    payments, who did not propose it (the approver may record it)."""
    entry = _locked(entry)
    require_decision(by, Decision.LEDGER_PAY, region=entry.payee_region)
    if entry.status != LedgerStatus.APPROVED:
        raise ValidationError({"status": "只有已批准的记录可以登记发放"})
    require_second_person(by, entry.proposed_by, what="补贴、奖励的发放登记")
    entry.status, entry.paid_at, entry.paid_by = LedgerStatus.PAID, timezone.now(), by
    entry._change_reason = "发放"
    entry.save(update_fields=["status", "paid_at", "paid_by"])
    return entry
