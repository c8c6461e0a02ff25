"""Levy notices, payments with the late-payment surcharge, and hardship adjustments.

A notice is issued by an auditor for an approved report, for the levy due frozen in its
snapshot.  Payments are recorded against it; paying after the (possibly deferred) due date adds
a surcharge per day on the amount paid late (《残疾人就业条例》第二十七条; 财税〔2015〕72号
第二十六条), at the daily rate of the policy for the levy year.  Hardship reduction or deferral
(up to 6 months) is an auditor's decision (72号第十七条).  Each write locks the notice row.
Every write is a ``Decision.LEVY_NOTICE``: taken by an auditor of an agency that issues notices
(the tax office or 残联, see ``DECISIONS_BY_KIND``) whose regions cover the employer.
"""

import calendar
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.permissions import Decision, require_decision
from quota.audit.choices import AdjustmentKind, NoticeStatus
from quota.core import days_late, late_surcharge

from ..choices import ReportStatus
from ..models import QuotaReport
from ..models.decisions import LevyAdjustment, LevyNotice, LevyPayment
from ..selectors import policy_for

MAX_DEFERRAL_MONTHS = 6  # 财税〔2015〕72号 第十七条: deferral of up to six months


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clipped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _reason(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({"reason": "请写明理由"})
    if len(value) > 500:
        raise ValidationError({"reason": "理由不能超过500个字"})
    return value


def _amount(value, field: str = "amount") -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise ValidationError({field: "金额应为大于0的数字（元）"})
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError({field: "金额最多保留两位小数（分）"})
    return value


@transaction.atomic
def notice_issue(
    *, report: QuotaReport, due_date: date, by: User, issued_on: date | None = None
) -> LevyNotice:
    """Issue the levy notice of an approved report; the amount is the snapshot's levy due.

    ``issued_on`` records a notice already issued on paper on an earlier day (the due date
    then only has to follow that day); the history keeps when it was entered.
    """
    report = QuotaReport.objects.select_for_update().select_related("employer").get(pk=report.pk)
    require_decision(by, Decision.LEVY_NOTICE, employer=report.employer)
    snapshot = getattr(report, "snapshot", None) if report.status == ReportStatus.APPROVED else None
    if snapshot is None:
        raise ValidationError({"report": "只有审核通过的申报可以开具缴款通知"})
    amount = Decimal(snapshot.result["levy_due"])
    if amount <= 0:
        raise ValidationError({"report": "该申报应缴保障金为0元，无需开具缴款通知"})
    today = timezone.localdate()
    issued_on = issued_on or today
    if issued_on > today:
        raise ValidationError({"issued_on": "开具日期不能晚于今天"})
    if issued_on.year < report.levy_year:
        raise ValidationError({"issued_on": f"开具日期应在征收年度{report.levy_year}年或之后"})
    if due_date < issued_on:
        raise ValidationError({"due_date": "缴款期限不能早于开具日期"})
    if LevyNotice.objects.filter(report=report).exclude(status=NoticeStatus.CANCELLED).exists():
        raise ValidationError({"report": "该申报已开具缴款通知；如需重开，请先作废原通知"})
    notice = LevyNotice(
        employer=report.employer,
        report=report,
        data_year=report.data_year,
        amount=amount,
        due_date=due_date,
        current_due_date=due_date,
        issued_at=timezone.now() if issued_on == today else _start_of(issued_on),
        issued_by=by,
    )
    notice.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError as error:  # the constraint is the backstop for a concurrent issue
        raise ValidationError({"report": "该申报已开具缴款通知"}) from error
    return notice


def _start_of(day: date) -> datetime:
    """09:00 local time on ``day`` (the office opens), for a notice recorded after the fact."""
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _locked(notice: LevyNotice) -> LevyNotice:
    return (
        LevyNotice.objects.select_for_update()
        .select_related("employer", "employer__region")
        .get(pk=notice.pk)
    )


def _settle_status(notice: LevyNotice) -> None:
    if notice.outstanding <= 0:
        notice.status = NoticeStatus.PAID
    elif notice.paid_amount > 0:
        notice.status = NoticeStatus.PARTLY_PAID
    else:
        notice.status = NoticeStatus.ISSUED


def _require_open(notice: LevyNotice) -> None:
    if notice.status == NoticeStatus.CANCELLED:
        raise ValidationError({"notice": "该缴款通知已作废"})
    if notice.status == NoticeStatus.PAID:
        raise ValidationError({"notice": "该缴款通知已缴清"})


@transaction.atomic
def notice_cancel(*, notice: LevyNotice, reason: str, by: User) -> LevyNotice:
    """Cancel a notice issued in error (only while nothing has been paid or adjusted)."""
    notice = _locked(notice)
    require_decision(by, Decision.LEVY_NOTICE, employer=notice.employer)
    if notice.status == NoticeStatus.CANCELLED:
        raise ValidationError({"notice": "该缴款通知已作废"})
    if notice.payments.exists() or notice.adjustments.exists():
        raise ValidationError({"notice": "已有缴款或减免缓缴记录的通知不能作废"})
    notice.status = NoticeStatus.CANCELLED
    notice.cancel_reason = _reason(reason)
    notice._change_reason = f"作废：{notice.cancel_reason[:80]}"
    notice.save(update_fields=["status", "cancel_reason"])
    return notice


@transaction.atomic
def payment_record(*, notice: LevyNotice, amount: Decimal, paid_on: date, by: User) -> LevyPayment:
    """Record a payment; paid after the current due date, it carries the surcharge
    amount × daily rate × days late (rounded once, by the core's ``late_surcharge``)."""
    notice = _locked(notice)
    require_decision(by, Decision.LEVY_NOTICE, employer=notice.employer)
    _require_open(notice)
    amount = _amount(amount)
    if amount > notice.outstanding:
        raise ValidationError({"amount": f"缴纳金额超过尚欠的保障金 {notice.outstanding} 元"})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "缴纳日期不能晚于今天"})
    if paid_on < date(notice.data_year + 1, 1, 1):
        raise ValidationError({"paid_on": f"缴纳日期不能早于征收年度{notice.data_year + 1}年"})
    try:
        rate = policy_for(notice.employer.region, notice.data_year + 1).surcharge_daily_rate
    except ValidationError as error:
        raise ValidationError({"notice": error.messages}) from error
    due = notice.current_due_date
    payment = LevyPayment(
        notice=notice,
        amount=amount,
        paid_on=paid_on,
        due_date_applied=due,
        days_late=days_late(due, paid_on),
        daily_rate=rate,
        surcharge=late_surcharge(amount, due, paid_on, rate),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    payment.full_clean()
    payment.save()
    notice.paid_amount += amount
    notice.surcharge_amount += payment.surcharge
    _settle_status(notice)
    notice._change_reason = f"缴纳 {amount} 元"
    notice.save(update_fields=["paid_amount", "surcharge_amount", "status"])
    return payment


@transaction.atomic
def adjustment_approve(
    *,
    notice: LevyNotice,
    kind: str,
    reason: str,
    by: User,
    amount: Decimal | None = None,
    new_due_date: date | None = None,
) -> LevyAdjustment:
    """Approve a hardship reduction (up to what is still owed) or a deferral of the due date
    (to at most 6 months after the original due date) — 财税〔2015〕72号 第十七条."""
    notice = _locked(notice)
    require_decision(by, Decision.LEVY_NOTICE, employer=notice.employer)
    _require_open(notice)
    reason = _reason(reason)
    if kind == AdjustmentKind.REDUCTION:
        amount = _amount(amount)
        if amount > notice.outstanding:
            raise ValidationError({"amount": f"减免金额不能超过尚欠的保障金 {notice.outstanding} 元"})
        new_due_date = None
    elif kind == AdjustmentKind.DEFERRAL:
        if not isinstance(new_due_date, date):
            raise ValidationError({"new_due_date": "请填写缓缴后的缴款期限"})
        latest = add_months(notice.due_date, MAX_DEFERRAL_MONTHS)
        if new_due_date <= notice.current_due_date:
            raise ValidationError({"new_due_date": f"缓缴期限应晚于当前缴款期限 {notice.current_due_date}"})
        if new_due_date > latest:
            raise ValidationError({"new_due_date": f"缓缴最长6个月，不能晚于 {latest}"})
        amount = None
    else:
        raise ValidationError({"kind": "类型应为 reduction（减免）或 deferral（缓缴）"})
    adjustment = LevyAdjustment(
        notice=notice,
        kind=kind,
        amount=amount,
        new_due_date=new_due_date,
        reason=reason,
        approved_by=by,
        approved_at=timezone.now(),
    )
    adjustment.full_clean()
    adjustment.save()
    if kind == AdjustmentKind.REDUCTION:
        notice.reduced_amount += amount
    else:
        notice.current_due_date = new_due_date
    _settle_status(notice)
    notice._change_reason = f"{AdjustmentKind(kind).label}：{reason[:80]}"
    notice.save(update_fields=["reduced_amount", "current_due_date", "status"])
    return adjustment
