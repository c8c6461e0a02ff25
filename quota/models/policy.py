"""Policy parameters as data: one row per region and range of levy (collection) years.

The levy for data year Y is declared and paid in levy year Y+1, so periods are keyed by the
levy year (quota-rules.md, "The levy" 7).  Resolution walks county → city → province and the
most specific region with a row for the year wins *as a whole row* (no per-field mixing), so an
administrator reads every figure that applies in one place.  See ``quota.selectors.policy_for``.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from quota.core import Policy
from quota.core.retirement import DEFAULT_RETIREMENT_SCHEDULES, schedules_as_data

# The parameters copied one-to-one into the core Policy (region and levy year are added).
POLICY_PARAMETERS = (
    "quota_ratio",
    "tiered_reduction",
    "tier_lower_ratio",
    "tier_share_between",
    "tier_share_below",
    "exemption_max_headcount",
    "exempt_org_types",
    "wage_cap_multiple",
    "social_average_wage",
    "minimum_wage_monthly",
    "working_age_min",
    "retirement_age_male",
    "retirement_age_female",
    "retirement_schedules",
    "min_contract_months",
    "surcharge_daily_rate",
    "reward_meet_multiple",
    "reward_above_multiple",
    "ratio_uses_weighted_count",
    "severe_weight",
)


def _default_exempt_org_types():
    return ["enterprise"]


def default_retirement_schedules():
    """The three schedules of the 2025 gradual retirement reform, as stored rows."""
    return schedules_as_data(DEFAULT_RETIREMENT_SCHEDULES)


class QuotaPolicy(models.Model):
    """The quota and levy parameters of one region for levy years ``levy_year_from``–``levy_year_to``.

    ``sources`` maps a parameter name to the document it comes from; ``unconfirmed`` lists the
    parameters still awaiting official confirmation (shown as "待确认" to users).
    """

    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="quota_policies", verbose_name="地区"
    )
    levy_year_from = models.PositiveSmallIntegerField(
        "起始征收年度", help_text="征收年度：对上一年度（数据年度）的申报进行征收的年份"
    )
    levy_year_to = models.PositiveSmallIntegerField(
        "截止征收年度", null=True, blank=True, help_text="留空表示长期有效，直到有新的政策"
    )
    quota_ratio = models.DecimalField(
        "安排残疾人就业比例", max_digits=7, decimal_places=5, help_text="如 0.015 表示1.5%（条例第八条）"
    )
    tiered_reduction = models.BooleanField(
        "分档减缴", null=True, blank=True, help_text="留空表示按文件自动判断（98号、8号：2020—2027征收年度）"
    )
    tier_lower_ratio = models.DecimalField(
        "分档下限比例", max_digits=7, decimal_places=5, default=Decimal("0.01")
    )
    tier_share_between = models.DecimalField(
        "达到下限未达规定比例时的征收比例", max_digits=5, decimal_places=4, default=Decimal("0.5")
    )
    tier_share_below = models.DecimalField(
        "低于下限比例时的征收比例", max_digits=5, decimal_places=4, default=Decimal("0.9")
    )
    exemption_max_headcount = models.DecimalField(
        "免征的职工人数上限", max_digits=10, decimal_places=4, default=Decimal("30")
    )
    exempt_org_types = models.JSONField(
        "可享受免征的单位类型", default=_default_exempt_org_types, help_text='如 ["enterprise"]'
    )
    wage_cap_multiple = models.DecimalField(
        "工资上限倍数", max_digits=6, decimal_places=2, default=Decimal("2")
    )
    social_average_wage = models.DecimalField(
        "社会平均工资（年，元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    minimum_wage_monthly = models.DecimalField("最低月工资标准（元）", max_digits=14, decimal_places=2)
    working_age_min = models.PositiveSmallIntegerField("最低就业年龄", default=16)
    retirement_age_male = models.PositiveSmallIntegerField("男性退休年龄", default=60)
    retirement_age_female = models.PositiveSmallIntegerField("女性退休年龄", default=50)
    retirement_schedules = models.JSONField(
        "延迟退休过渡办法",
        default=default_retirement_schedules,
        help_text="按出生年月逐步延长原法定退休年龄：每条记录含 sex（M/F）、original_age（原退休年龄）、"
        "start（起始出生年月，如 1965-01）、step_months（每几个月延长1个月）、cap_months（最多延长月数）、"
        "source（依据）。全国人大常委会2024年9月13日决定；国务院《关于渐进式延迟法定退休年龄的办法》",
    )
    min_contract_months = models.PositiveSmallIntegerField("最短合同期限（月）", default=12)
    surcharge_daily_rate = models.DecimalField(
        "滞纳金日费率", max_digits=8, decimal_places=6, default=Decimal("0.005")
    )
    reward_meet_multiple = models.DecimalField(
        "达标奖励倍数（最低工资的倍数）", max_digits=6, decimal_places=2, null=True, blank=True
    )
    reward_above_multiple = models.DecimalField(
        "超比例奖励倍数（最低工资的倍数）", max_digits=6, decimal_places=2, null=True, blank=True
    )
    ratio_uses_weighted_count = models.BooleanField("实际比例按加倍人数计算", default=True)
    severe_weight = models.PositiveSmallIntegerField("重度残疾折算人数", default=2)
    sources = models.JSONField("参数来源", default=dict, blank=True, help_text="参数名 → 文件名称")
    unconfirmed = models.JSONField("待官方确认的参数", default=list, blank=True)
    notes = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["region__path", "levy_year_from"]
        verbose_name = verbose_name_plural = "按比例就业政策参数"
        constraints = [
            models.CheckConstraint(
                condition=Q(quota_ratio__gt=0) & Q(quota_ratio__lt=1), name="quota_policy_ratio_in_0_1"
            ),
            models.CheckConstraint(
                condition=Q(levy_year_to__isnull=True) | Q(levy_year_to__gte=F("levy_year_from")),
                name="quota_policy_years_ordered",
            ),
            models.UniqueConstraint(
                fields=["region", "levy_year_from"], name="quota_policy_one_start_per_region"
            ),
        ]

    def __str__(self):
        until = self.levy_year_to if self.levy_year_to else "长期"
        return f"{self.region} {self.levy_year_from}—{until} 征收年度"

    def covers(self, levy_year: int) -> bool:
        return self.levy_year_from <= levy_year and (
            self.levy_year_to is None or levy_year <= self.levy_year_to
        )

    def parameters(self) -> dict:
        """The parameter values, as the core Policy takes them."""
        values = {name: getattr(self, name) for name in POLICY_PARAMETERS}
        values["exempt_org_types"] = frozenset(values["exempt_org_types"] or [])
        return values

    def to_core(self, levy_year: int) -> Policy:
        """The pure policy for one levy year (raises quota.core.PolicyError on bad parameters)."""
        return Policy(
            self.region.code,
            levy_year,
            **self.parameters(),
            sources=dict(self.sources or {}),
            unconfirmed=frozenset(self.unconfirmed or []),
        )
