"""The calculation as short, numbered steps in plain Chinese, for employers and auditors.

Values shown are rounded for reading only ("约" marks a rounded value); the
calculation itself stays exact.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .display import format_amount, format_count, format_money, format_percent, format_rate
from .eligibility import BLOCKING_CODES
from .inputs import ReportInput
from .policy import Policy
from .tiers import TIER_BELOW, TIER_BETWEEN, TIER_EXEMPT, TIER_NO_STAFF, TIER_QUOTA_MET

if TYPE_CHECKING:
    from .levy import LevyResult


def build_steps(policy: Policy, report: ReportInput, result: LevyResult) -> tuple[str, ...]:
    """Return the ordered steps ("1. 在职职工人数 N = 100（年平均）", …)."""
    steps: list[str] = []

    def add(text: str) -> None:
        steps.append(f"{len(steps) + 1}. {text}")

    n, required, d = result.employee_count, result.required_count, result.counted_disabled
    rate = format_rate(policy.quota_ratio)
    if report.monthly_headcounts is not None:
        total = sum((Fraction(value) for value in report.monthly_headcounts), Fraction(0))
        add(f"在职职工人数 N = 各月人数合计 {format_count(total)} ÷ 12 = {format_count(n)}（年平均）")
    else:
        add(f"在职职工人数 N = {format_count(n)}（年平均）")
    add(f"应安排残疾人数 = N × {rate} = {format_count(required)} 人")
    add(f"实际安排（{_weighting(policy)}）D = {format_count(d)} 人{_roster_note(result)}")
    basis = "" if policy.ratio_uses_weighted_count else "（按未加倍人数计算）"
    add(f"实际比例 p = {format_percent(result.ratio)}{basis}")
    if result.tier == TIER_EXEMPT:
        add(result.exempt_reason or "免征保障金")
    elif result.tier == TIER_NO_STAFF:
        add("在职职工人数为0，无需缴纳保障金")
    else:
        if result.shortfall:
            add(f"差额 = {format_count(required)} − {format_count(d)} = {format_count(result.shortfall)} 人")
        else:
            add("差额 = 0 人（实际安排已达到应安排人数）")
        if result.tier == TIER_QUOTA_MET:
            add(f"已达到规定比例{rate}，无需缴纳保障金")
        else:
            add(_wage_step(policy, report, result))
            gross = format_money(result.gross_levy)
            add(
                f"应缴金额 = {format_count(result.shortfall)} × {format_money(result.wage_base)} = {gross} 元"
            )
            add(_tier_step(policy, result))
    add(f"应缴保障金 = {format_money(result.levy_due)} 元")
    if result.reward_meet or result.reward_above:
        add(
            f"达到规定比例，按当地办法可申请奖励：达标奖励 {format_money(result.reward_meet)} 元，"
            f"超比例奖励 {format_money(result.reward_above)} 元（标准待确认）"
        )
    return tuple(steps)


def _weighting(policy: Policy) -> str:
    if policy.severe_weight == 2:
        return "按月折算、一二级加倍"
    return f"按月折算、重度残疾按{policy.severe_weight}人计"


def _roster_note(result: LevyResult) -> str:
    """Say how many roster lines were not counted, or only in part, and where to look."""
    dropped = sum(1 for line in result.lines if not line.counted)
    partial = sum(
        1
        for line in result.lines
        if line.counted and any(r.months and r.code not in BLOCKING_CODES for r in line.reasons)
    )
    if not dropped and not partial:
        return ""
    parts = [f"{dropped} 人未计入"] if dropped else []
    parts += [f"{partial} 人部分月份未计入"] if partial else []
    return f"（名册中{'、'.join(parts)}，原因见名册明细）"


def _wage_step(policy: Policy, report: ReportInput, result: LevyResult) -> str:
    average = format_money(result.average_wage)
    text = f"年平均工资 = {format_amount(report.total_wages)} ÷ {format_count(result.employee_count)} = {average} 元"
    multiple = format_count(policy.wage_cap_multiple)
    if result.wage_cap is None:
        return f"{text}；未提供社会平均工资，无法核对{multiple}倍上限，暂按本单位年平均工资计"
    social = format_money(result.social_average_wage or 0)
    cap = format_money(result.wage_cap)
    text = f"{text}；上限 = {multiple} × 社会平均工资 {social} = {cap} 元"
    if result.average_wage > result.wage_cap:
        return f"{text}，按 {cap} 元计"
    return f"{text}，未超过上限，按 {average} 元计"


def _tier_step(policy: Policy, result: LevyResult) -> str:
    source = policy.source_for("tiered_reduction")
    lower, rate = format_rate(policy.tier_lower_ratio), format_rate(policy.quota_ratio)
    if result.tier == TIER_BETWEEN:
        return f"比例在{lower}（含）至{rate}之间，按{format_rate(policy.tier_share_between)}征收（{source}）"
    if result.tier == TIER_BELOW:
        return f"比例低于{lower}，按{format_rate(policy.tier_share_below)}征收（{source}）"
    return f"本征收年度（{policy.levy_year}年）不适用分档减缴，按全额征收"
