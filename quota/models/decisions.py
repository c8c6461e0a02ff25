"""Decisions on money and credit: levy notices, payments and hardship adjustments, the
subsidies-and-rewards ledger, and credit flags with the employer's objections.

Every model keeps its history (django-simple-history): who changed what, and when.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from backend.accounts.choices import Role
from backend.accounts.scoping import ScopedQuerySet, region_scope_q
from quota.audit.choices import (
    AdjustmentKind,
    CreditLevel,
    CreditStatus,
    LedgerKind,
    LedgerStatus,
    NoticeStatus,
    ObjectionDecision,
)

__all__ = ["LevyNotice", "LevyPayment", "LevyAdjustment", "LedgerEntry", "CreditFlag", "CreditObjection"]

USER = settings.AUTH_USER_MODEL


def money(label: str, **extra) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **extra)


class EmployerScopedQuerySet(ScopedQuerySet):
    """Employer staff see their own employer's rows, auditors their regions', administrators all
    (read-only is enforced by the API and the services)."""

    employer_path = "employer"
    region_path = "employer__region"


class LedgerQuerySet(EmployerScopedQuerySet):
    """A ledger entry is paid to an employer, a person or a 残疾人之家 (issue 15): employer staff
    read their employer's entries, a seeker their own, auditors the entries whose payee lies in
    their regions, administrators all."""

    person_path = "person"

    def role_q(self, user):
        if user.role == Role.AUDITOR:
            return (
                region_scope_q(user, "employer__region__path")
                | region_scope_q(user, "person__region__path")
                | region_scope_q(user, "centre__region__path")
            )
        return super().role_q(user)


class NoticeChildQuerySet(EmployerScopedQuerySet):
    employer_path = "notice__employer"
    region_path = "notice__employer__region"


class FlagChildQuerySet(EmployerScopedQuerySet):
    employer_path = "flag__employer"
    region_path = "flag__employer__region"


class LevyNotice(models.Model):
    """A levy notice (保障金缴款通知) for an approved report: the snapshot's levy due, a due date.

    ``reduced_amount``, ``paid_amount``, ``surcharge_amount`` and ``current_due_date`` are kept
    up to date by the services (under a row lock) so lists need no aggregation.
    """

    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="levy_notices")
    report = models.ForeignKey("quota.QuotaReport", on_delete=models.PROTECT, related_name="levy_notices")
    data_year = models.PositiveIntegerField("数据年度")
    amount = money("应缴保障金")
    due_date = models.DateField("缴款期限")
    current_due_date = models.DateField("当前缴款期限（含缓缴）")
    reduced_amount = money("已减免", default=0)
    paid_amount = money("已缴保障金", default=0)
    surcharge_amount = money("滞纳金", default=0)
    status = models.CharField(
        "状态", max_length=12, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED
    )
    cancel_reason = models.CharField("作废原因", max_length=300, blank=True)
    issued_at = models.DateTimeField("开具时间")
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="开具人")

    history = HistoricalRecords()
    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = verbose_name_plural = "保障金缴款通知"
        constraints = [
            models.UniqueConstraint(
                fields=["report"], condition=~Q(status="cancelled"), name="one_live_notice_per_report"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="notice_amount_positive"),
            models.CheckConstraint(
                condition=Q(paid_amount__gte=0) & Q(reduced_amount__gte=0) & Q(surcharge_amount__gte=0),
                name="notice_totals_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.employer} {self.data_year}年度保障金 {self.amount}元"

    @property
    def outstanding(self):
        """Levy still to pay (after reductions and payments; the surcharge is separate)."""
        return self.amount - self.reduced_amount - self.paid_amount


class LevyPayment(models.Model):
    """A payment against a notice, with the late-payment surcharge on it (条例第二十七条)."""

    notice = models.ForeignKey(LevyNotice, on_delete=models.PROTECT, related_name="payments")
    amount = money("缴纳金额")
    paid_on = models.DateField("缴纳日期")
    due_date_applied = models.DateField("适用的缴款期限")
    days_late = models.PositiveIntegerField("滞纳天数", default=0)
    daily_rate = models.DecimalField("滞纳金日费率", max_digits=8, decimal_places=6)
    surcharge = money("滞纳金", default=0)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")
    recorded_at = models.DateTimeField("登记时间")

    history = HistoricalRecords()
    objects = NoticeChildQuerySet.as_manager()

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = verbose_name_plural = "保障金缴纳记录"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(surcharge__gte=0), name="payment_surcharge_not_negative"),
        ]

    def __str__(self):
        return f"{self.notice_id}: {self.amount}元（{self.paid_on}）"


class LevyAdjustment(models.Model):
    """A hardship reduction or deferral approved by an auditor (财税〔2015〕72号 第十七条)."""

    notice = models.ForeignKey(LevyNotice, on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField("类型", max_length=10, choices=AdjustmentKind.choices)
    amount = money("减免金额", null=True, blank=True)
    new_due_date = models.DateField("缓缴至", null=True, blank=True)
    reason = models.CharField("理由", max_length=500)
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="批准人")
    approved_at = models.DateTimeField("批准时间")

    history = HistoricalRecords()
    objects = NoticeChildQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-id"]
        verbose_name = verbose_name_plural = "保障金减免缓缴"
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="reduction", amount__gt=0, new_due_date__isnull=True))
                | (Q(kind="deferral", amount__isnull=True, new_due_date__isnull=False)),
                name="adjustment_fields_match_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · 通知 {self.notice_id}"


class LedgerEntry(models.Model):
    """A subsidy or reward owed to one payee — an employer, a person (个人补贴) or a 残疾人之家
    (运营奖补) — proposed then approved (or rejected) by auditors."""

    employer = models.ForeignKey(
        "accounts.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    person = models.ForeignKey(
        "accounts.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name="个人",
    )
    centre = models.ForeignKey(
        "daycentres.DayCentre",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name="残疾人之家",
    )
    report = models.ForeignKey(
        "quota.QuotaReport", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_entries"
    )
    data_year = models.PositiveIntegerField("数据年度")
    kind = models.CharField("类型", max_length=30, choices=LedgerKind.choices)
    amount = money("金额")
    basis = models.CharField("依据", max_length=500)
    status = models.CharField(
        "状态", max_length=10, choices=LedgerStatus.choices, default=LedgerStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="提出人")
    proposed_at = models.DateTimeField("提出时间")
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="审批人"
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=500, blank=True)
    paid_at = models.DateTimeField("发放时间", null=True, blank=True)
    paid_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="发放登记人"
    )

    history = HistoricalRecords()
    objects = LedgerQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = verbose_name_plural = "补贴奖励台账"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            # Exactly one payee: an employer, a person or a 残疾人之家.
            models.CheckConstraint(
                condition=Q(employer__isnull=False, person__isnull=True, centre__isnull=True)
                | Q(employer__isnull=True, person__isnull=False, centre__isnull=True)
                | Q(employer__isnull=True, person__isnull=True, centre__isnull=False),
                name="ledger_exactly_one_payee",
            ),
            # Rewards are proposed from the policy once per employer and year (idempotent).
            models.UniqueConstraint(
                fields=["employer", "data_year", "kind"],
                condition=Q(kind__in=["meet_reward", "above_reward"]) & ~Q(status="rejected"),
                name="one_live_reward_per_employer_year_kind",
            ),
        ]

    def __str__(self):
        return f"{self.payee} {self.data_year} {self.get_kind_display()} {self.amount}元"

    @property
    def payee(self):
        """The employer, person or 残疾人之家 the entry is paid to."""
        return self.employer or self.person or self.centre

    @property
    def payee_region(self):
        payee = self.payee
        return getattr(payee, "region", None)

    @property
    def payee_type(self) -> str:
        return "单位" if self.employer_id else ("个人" if self.person_id else "残疾人之家")


class CreditFlag(models.Model):
    """A 失信 listing of an employer (一般失信 / 严重失信) with reason, evidence and dates."""

    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="credit_flags")
    # The name and credit code the decision was made about. A later registry change (a corrected
    # code, a new name) must not re-label a published listing or pin it on another company, so the
    # export and the API show these, not the employer's current master data (issue 9 §1).
    employer_name = models.CharField("认定时单位名称", max_length=120, blank=True)
    credit_code = models.CharField("认定时统一社会信用代码", max_length=18, blank=True)
    level = models.CharField("失信等级", max_length=10, choices=CreditLevel.choices)
    reason = models.CharField("认定理由", max_length=500)
    evidence = models.TextField("证据")
    start_date = models.DateField("起始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=CreditStatus.choices, default=CreditStatus.ACTIVE
    )
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="认定人")
    decided_at = models.DateTimeField("认定时间")
    closed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="撤销/修复人"
    )
    closed_at = models.DateTimeField("撤销/修复时间", null=True, blank=True)
    closed_reason = models.CharField("撤销/修复理由", max_length=500, blank=True)
    # The case (告知 → 陈述申辩 → 决定) the flag was decided in; empty for flags listed before
    # the process existed, which stay valid as they are.
    case = models.OneToOneField(
        "quota.CreditCase",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flag",
        verbose_name="认定案件",
    )

    history = HistoricalRecords()
    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = verbose_name_plural = "失信记录"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="credit_flag_end_after_start",
            ),
        ]

    def __str__(self):
        return (
            f"{self.employer_name or self.employer} {self.get_level_display()}（{self.get_status_display()}）"
        )

    def save(self, *args, **kwargs):
        # Taken once, when the flag is first stored (the decision); never refreshed afterwards.
        if self._state.adding:
            self.employer_name = self.employer_name or self.employer.name
            self.credit_code = self.credit_code or self.employer.credit_code
        super().save(*args, **kwargs)


class CreditObjection(models.Model):
    """The employer's objection (异议) to a credit flag and the auditor's decision on it."""

    flag = models.ForeignKey(CreditFlag, on_delete=models.PROTECT, related_name="objections")
    text = models.TextField("异议内容")
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="提出人")
    submitted_at = models.DateTimeField("提出时间")
    decision = models.CharField(
        "处理结果", max_length=10, choices=ObjectionDecision.choices, default=ObjectionDecision.PENDING
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="处理人"
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decision_reason = models.CharField("处理理由", max_length=500, blank=True)

    history = HistoricalRecords()
    objects = FlagChildQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = verbose_name_plural = "失信异议"
        constraints = [
            models.UniqueConstraint(
                fields=["flag"], condition=Q(decision="pending"), name="one_pending_objection_per_flag"
            ),
        ]

    def __str__(self):
        return f"异议 · {self.flag}"
