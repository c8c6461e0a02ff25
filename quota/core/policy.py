"""Policy parameters for one region and one levy (collection) year.

Periods are keyed by the **levy year**: the levy for data year Y is declared and
paid in Y+1, so a report for data year 2024 needs the policy of levy year 2025
(quota-rules.md, "The levy" 7).  Every number is a parameter an administrator
can change, with its source in ``sources`` and doubts in ``unconfirmed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import KW_ONLY, dataclass, fields
from decimal import Decimal

from .errors import PolicyError
from .frozenmap import FrozenMap
from .policy_defaults import DEFAULT_UNCONFIRMED, PARAMETER_LABELS, default_sources, tiered_reduction_in_force
from .retirement import DEFAULT_RETIREMENT_SCHEDULES, RetirementSchedule, parse_schedules

__all__ = ["ORG_TYPES", "Policy", "PolicyError"]

ORG_TYPES = frozenset({"enterprise", "government", "institution", "social_org", "private_non_enterprise"})

_ZERO, _ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Policy:
    """Immutable, hashable policy parameters; validated on construction.

    ``tiered_reduction=None`` (the default) means "as the notices say for this
    levy year": on for 2020–2027 (98号; 8号), off otherwise.  ``sources`` given
    by the caller are merged over the default sources.

    ``retirement_age_male`` and ``retirement_age_female`` are the *original*
    statutory ages; ``retirement_age_female`` defaults to 50 [A] (women workers;
    cadres retire at 55 — which applies depends on the post, no local text
    decides).  ``retirement_schedules`` raise them gradually by birth month
    (2025 reform, see ``retirement.py``); a schedule applies to the sex and
    original age it names.
    """

    region_code: str
    levy_year: int
    _: KW_ONLY
    minimum_wage_monthly: Decimal
    quota_ratio: Decimal = Decimal("0.015")  # 条例第八条: at least 1.5 %, set by the province
    tiered_reduction: bool | None = None
    tier_lower_ratio: Decimal = Decimal("0.01")  # 98号; 8号
    tier_share_between: Decimal = Decimal("0.5")  # tier_lower_ratio <= p < quota_ratio
    tier_share_below: Decimal = Decimal("0.9")  # p < tier_lower_ratio
    exemption_max_headcount: Decimal = Decimal("30")  # 18号; 98号; 8号
    exempt_org_types: frozenset[str] = frozenset({"enterprise"})
    wage_cap_multiple: Decimal = Decimal("2")  # 方案; 98号
    social_average_wage: Decimal | None = None  # yuan per year
    working_age_min: int = 16
    retirement_age_male: int = 60
    retirement_age_female: int = 50
    # 全国人大常委会2024-09-13决定；国务院《关于渐进式延迟法定退休年龄的办法》(2025-01-01)
    retirement_schedules: tuple[RetirementSchedule, ...] = DEFAULT_RETIREMENT_SCHEDULES
    min_contract_months: int = 12  # 72号: contract or service agreement of >= 1 year
    surcharge_daily_rate: Decimal = Decimal("0.005")  # 条例第二十七条; 72号第二十六条
    reward_meet_multiple: Decimal | None = None
    reward_above_multiple: Decimal | None = None
    ratio_uses_weighted_count: bool = True
    severe_weight: int = 2  # 72号第七条; 63号
    sources: Mapping[str, str] | None = None
    unconfirmed: frozenset[str] = DEFAULT_UNCONFIRMED

    def __post_init__(self) -> None:
        if not isinstance(self.region_code, str) or not self.region_code.strip():
            raise PolicyError("政策参数缺少地区代码")
        if not isinstance(self.levy_year, int) or not 2000 <= self.levy_year <= 2100:
            raise PolicyError("政策参数的征收年度不正确")
        if self.tiered_reduction is None:
            self._set("tiered_reduction", tiered_reduction_in_force(self.levy_year))
        for name in ("tiered_reduction", "ratio_uses_weighted_count"):
            if not isinstance(getattr(self, name), bool):
                raise PolicyError(f"政策参数“{PARAMETER_LABELS[name]}”应为是或否")
        self._decimal("minimum_wage_monthly", low=_ZERO, strict_low=True)
        self._decimal("quota_ratio", low=_ZERO, high=_ONE, strict_low=True)
        self._decimal("tier_lower_ratio", low=_ZERO, high=self.quota_ratio)
        self._decimal("tier_share_between", low=_ZERO, high=_ONE)
        self._decimal("tier_share_below", low=_ZERO, high=_ONE)
        if self.tier_share_between > self.tier_share_below:
            # Otherwise employing more disabled people could raise the levy.
            raise PolicyError("分档征收比例设置有误：接近规定比例的一档不能比更低一档缴得更多")
        self._decimal("exemption_max_headcount", low=_ZERO)
        self._decimal("wage_cap_multiple", low=_ZERO, strict_low=True)
        self._decimal("social_average_wage", low=_ZERO, strict_low=True, optional=True)
        self._decimal("surcharge_daily_rate", low=_ZERO, high=_ONE)
        self._decimal("reward_meet_multiple", low=_ZERO, optional=True)
        self._decimal("reward_above_multiple", low=_ZERO, optional=True)
        self._integer("working_age_min", 0, 100)
        self._integer("retirement_age_male", self.working_age_min + 1, 100)
        self._integer("retirement_age_female", self.working_age_min + 1, 100)
        self._integer("min_contract_months", 0, 120)
        self._set("retirement_schedules", parse_schedules(self.retirement_schedules))
        self._integer("severe_weight", 1, 10)
        self._set("exempt_org_types", self._names("exempt_org_types", ORG_TYPES))
        self._set("unconfirmed", self._names("unconfirmed", _PARAMETER_NAMES))
        merged = {**default_sources(self.levy_year), **dict(self.sources or {})}
        if unknown := set(merged) - _PARAMETER_NAMES:
            raise PolicyError(f"政策参数来源中有未知参数：{'、'.join(sorted(unknown))}")
        self._set("sources", FrozenMap(merged))

    @property
    def data_year(self) -> int:
        """The year whose staff and wages this levy year assesses (上年)."""
        return self.levy_year - 1

    def source_for(self, name: str) -> str:
        """The document a parameter comes from ("" when none is recorded)."""
        return (self.sources or {}).get(name, "")

    # -- validation helpers -------------------------------------------------
    def _set(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)  # frozen: normalise once, here only

    def _decimal(
        self, name: str, *, low: Decimal, high: Decimal | None = None, strict_low=False, optional=False
    ) -> None:
        value = getattr(self, name)
        if value is None and optional:
            return
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
            self._set(name, value)
        label = PARAMETER_LABELS[name]
        if not isinstance(value, Decimal) or not value.is_finite():
            raise PolicyError(f"政策参数“{label}”应为精确小数（Decimal），不能为空或浮点数")
        if value < low or (strict_low and value == low) or (high is not None and value > high):
            raise PolicyError(f"政策参数“{label}”的取值 {value} 超出允许范围")

    def _integer(self, name: str, low: int, high: int) -> None:
        value = getattr(self, name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise PolicyError(f"政策参数“{PARAMETER_LABELS[name]}”应为{low}至{high}之间的整数")

    def _names(self, name: str, allowed: Iterable[str]) -> frozenset[str]:
        value = getattr(self, name)
        names = frozenset([value] if isinstance(value, str) else value)
        if unknown := names - frozenset(allowed):
            raise PolicyError(f"政策参数“{name}”含有未知取值：{'、'.join(sorted(unknown))}")
        return names


_PARAMETER_NAMES = frozenset(f.name for f in fields(Policy)) - {
    "region_code",
    "levy_year",
    "sources",
    "unconfirmed",
}
