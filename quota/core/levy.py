"""The levy (残疾人就业保障金) for one employer and one data year.

Formula (财税〔2015〕72号 第八条): (N × r − D) × average wage, with the wage capped
at a multiple of the social average wage (方案; 98号), the small-enterprise
exemption (18号; 98号; 8号) and the tiered reduction (98号; 8号).  Everything is
an exact Fraction until ``levy_due``, which is rounded once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from .counting import count_roster, counted_total
from .display import format_count, format_percent
from .eligibility import LineResult
from .errors import PolicyError
from .explain import build_steps
from .inputs import ReportInput
from .money import round_money, to_decimal
from .policy import Policy
from .rewards import compute_rewards
from .tiers import TIER_NO_REDUCTION, payable_share


@dataclass(frozen=True)
class LevyResult:
    """Every figure of the calculation, exact, plus the rounded amounts and the steps."""

    employee_count: Fraction  # N
    required_count: Fraction  # N × r
    counted_disabled: Fraction  # D, weighted
    ratio: Fraction  # p = D ÷ N (unweighted D if the policy says so); 0 when N = 0
    exempt: bool
    exempt_reason: str | None
    shortfall: Fraction
    average_wage: Fraction
    wage_cap: Fraction | None
    wage_base: Fraction
    gross_levy: Fraction  # shortfall × wage base, before exemption and reduction
    payable_share: Fraction  # 1, 0.5, 0.9 or 0
    levy_due: Decimal
    reward_meet: Decimal
    reward_above: Decimal
    lines: tuple[LineResult, ...]
    steps: tuple[str, ...] = ()
    tier: str = TIER_NO_REDUCTION
    data_year: int = 0
    levy_year: int = 0
    social_average_wage: Fraction | None = None
    wage_cap_unknown: bool = False  # no social average wage: the cap could not be checked

    def as_display_dict(self) -> dict[str, str]:
        """Strings for templates and exports: money 2 places, counts 4, ratio 6 (and %)."""
        money = {
            name: format(to_decimal(getattr(self, name), 2), "f")
            for name in ("average_wage", "wage_base", "gross_levy", "levy_due", "reward_meet", "reward_above")
        }
        counts = {
            name: format(to_decimal(getattr(self, name), 4), "f")
            for name in ("employee_count", "required_count", "counted_disabled", "shortfall")
        }
        return {
            **counts,
            **money,
            "ratio": format(to_decimal(self.ratio, 6), "f"),
            "ratio_percent": format_percent(self.ratio, 4),
            "wage_cap": "" if self.wage_cap is None else format(to_decimal(self.wage_cap, 2), "f"),
            "payable_share": format(to_decimal(self.payable_share, 2), "f"),
            "payable_share_percent": format_percent(self.payable_share, 0),
            "exempt": "是" if self.exempt else "否",
            "exempt_reason": self.exempt_reason or "",
            "tier": self.tier,
            "data_year": str(self.data_year),
            "levy_year": str(self.levy_year),
        }


def compute_levy(policy: Policy, report: ReportInput) -> LevyResult:
    """Compute the levy for ``report`` (data year Y) under ``policy`` (levy year Y+1)."""
    if report.data_year != policy.data_year:
        raise PolicyError(
            f"政策参数适用于{policy.levy_year}年征收（{policy.data_year}年数据），"
            f"与申报的{report.data_year}年数据不符"
        )
    n = report.headcount
    lines = count_roster(report.roster, policy, report.data_year)
    d = counted_total(lines)
    ratio_count = d if policy.ratio_uses_weighted_count else counted_total(lines, weighted=False)
    ratio = ratio_count / n if n else Fraction(0)
    rate = Fraction(policy.quota_ratio)
    required = n * rate
    shortfall = max(Fraction(0), required - d)  # 财税〔2015〕72号 第八条: may be fractional, never rounded

    average = Fraction(report.total_wages) / n if n else Fraction(0)
    social = (
        report.social_average_wage if report.social_average_wage is not None else policy.social_average_wage
    )
    social_exact = None if social is None else Fraction(social)
    # 发改价格规〔2019〕2015号; 财政部公告2019年第98号: the base is capped at 2 × the social
    # average wage; at exactly 2× the employer's own average is used (same value, own figure).
    cap = None if social_exact is None else Fraction(policy.wage_cap_multiple) * social_exact
    base = average if cap is None else min(average, cap)
    gross = shortfall * base

    # 财税〔2017〕18号; 财政部公告2019年第98号; 2023年第8号: enterprises with N <= 30 pay
    # nothing; government bodies, institutions and social organisations are not exempt.
    exempt = report.org_type in policy.exempt_org_types and n <= Fraction(policy.exemption_max_headcount)
    exempt_reason = None
    if exempt:
        exempt_reason = (
            f"在职职工人数{format_count(n)}人，不超过{format_count(policy.exemption_max_headcount)}人，"
            f"暂免征收保障金（{policy.source_for('exemption_max_headcount')}）"
        )
    tier, share = payable_share(policy, n, ratio, shortfall, exempt)
    reward_meet, reward_above = compute_rewards(policy, d, required, met=bool(n) and ratio >= rate)
    result = LevyResult(
        employee_count=n,
        required_count=required,
        counted_disabled=d,
        ratio=ratio,
        exempt=exempt,
        exempt_reason=exempt_reason,
        shortfall=shortfall,
        average_wage=average,
        wage_cap=cap,
        wage_base=base,
        gross_levy=gross,
        payable_share=share,
        levy_due=round_money(gross * share),  # the one rounding (quota-rules.md 6)
        reward_meet=reward_meet,
        reward_above=reward_above,
        lines=lines,
        tier=tier,
        data_year=report.data_year,
        levy_year=policy.levy_year,
        social_average_wage=social_exact,
        wage_cap_unknown=cap is None,
    )
    return replace(result, steps=build_steps(policy, report, result))
