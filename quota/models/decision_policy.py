"""Parameters of the money and credit decisions, as data per region and period.

Like ``QuotaPolicy`` (one row per region and period, the most specific region wins as a whole
row, sources and doubts recorded), but keyed by the calendar year in which the decision is
taken, and kept apart from the levy engine's policy: these figures limit what an auditor may
propose or how long an employer has to answer, they never enter the levy computation (and the
pure core's Policy refuses parameter names it does not know).
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from quota.audit.choices import LedgerKind

__all__ = ["DecisionPolicy", "LEDGER_MAX_FIELDS"]

# LedgerKind → the field holding the largest amount one entry of that kind may have.
LEDGER_MAX_FIELDS = {kind: f"{kind}_max" for kind in LedgerKind.values}


def _ledger_max(label: str, **extra) -> models.DecimalField:
    return models.DecimalField(
        f"{label}每笔上限（元）",
        max_digits=14,
        decimal_places=2,
        help_text="一笔台账记录的金额不能超过此数，超过时请拆分并写明依据，或由管理员调整参数",
        **extra,
    )


class DecisionPolicy(models.Model):
    """Limits and periods of the decisions of one region for years ``year_from``–``year_to``."""

    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="decision_policies", verbose_name="地区"
    )
    year_from = models.PositiveSmallIntegerField("起始年度", help_text="作出决定的年份（自然年）")
    year_to = models.PositiveSmallIntegerField(
        "截止年度", null=True, blank=True, help_text="留空表示长期有效"
    )
    post_subsidy_max = _ledger_max("岗位补贴")
    insurance_subsidy_max = _ledger_max("社会保险补贴")
    meet_reward_max = _ledger_max("达比例奖励")
    above_reward_max = _ledger_max("超比例奖励")
    agency_reward_max = _ledger_max("职业中介推荐奖励")
    # Issue 15: payments to 残疾人之家 and to persons. [A] Defaults are the platform's sanity
    # limits (no local text sets a per-entry maximum); administrators change them per region.
    operating_subsidy_max = _ledger_max("残疾人之家运营奖补", default=Decimal("200000.00"))
    startup_subsidy_max = _ledger_max("自主创业补贴", default=Decimal("20000.00"))
    flexible_insurance_subsidy_max = _ledger_max("重度残疾人灵活就业社保补贴", default=Decimal("10000.00"))
    training_subsidy_max = _ledger_max("职业培训补贴", default=Decimal("5000.00"))
    skill_certificate_subsidy_max = _ledger_max("职业技能鉴定补贴", default=Decimal("5000.00"))
    credit_statement_days = models.PositiveSmallIntegerField(
        "陈述申辩期限（天）",
        default=15,
        help_text="告知单位拟认定失信后，单位可以陈述申辩的天数（自告知之日起算）",
    )
    sources = models.JSONField("参数来源", default=dict, blank=True, help_text="参数名 → 文件名称")
    unconfirmed = models.JSONField("待官方确认的参数", default=list, blank=True)
    notes = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__path", "year_from"]
        verbose_name = verbose_name_plural = "资金与信用决定参数"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year_from"], name="decision_policy_one_start_per_region"
            ),
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_to__gte=F("year_from")),
                name="decision_policy_years_ordered",
            ),
            models.CheckConstraint(
                condition=Q(post_subsidy_max__gt=0)
                & Q(insurance_subsidy_max__gt=0)
                & Q(meet_reward_max__gt=0)
                & Q(above_reward_max__gt=0)
                & Q(agency_reward_max__gt=0),
                name="decision_policy_maxima_positive",
            ),
            models.CheckConstraint(
                condition=Q(credit_statement_days__gte=1) & Q(credit_statement_days__lte=90),
                name="decision_policy_statement_days_1_90",
            ),
        ]

    def __str__(self):
        until = self.year_to if self.year_to else "长期"
        return f"{self.region} {self.year_from}—{until} 年度决定参数"

    def ledger_max(self, kind: str) -> Decimal:
        """The largest amount one ledger entry of ``kind`` may have."""
        return getattr(self, LEDGER_MAX_FIELDS[kind])

    def is_unconfirmed(self, name: str) -> bool:
        return name in (self.unconfirmed or [])
