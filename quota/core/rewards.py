"""Rewards for meeting or exceeding the quota.

72号 lets the levy fund reward employers above the quota [P]; the amounts are
local [S, unconfirmed]: Jiangsu cities pay about 2 × the monthly minimum wage
per disabled employee per year for meeting the quota and about 4 × per person
above it — the higher rate *replaces* the lower one for those persons.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .money import round_money
from .policy import Policy


def compute_rewards(
    policy: Policy, counted: Fraction, required: Fraction, met: bool
) -> tuple[Decimal, Decimal]:
    """Return ``(meet_reward, above_reward)``, each rounded once; zero unless ``met``.

    meet = reward_meet_multiple × minimum wage × min(D, required)
    above = reward_above_multiple × minimum wage × max(0, D − required)
    A missing multiple (None) means the region pays no such reward.
    """
    if not met:
        return round_money(0), round_money(0)
    wage = Fraction(policy.minimum_wage_monthly)
    meet = above = Fraction(0)
    if policy.reward_meet_multiple is not None:
        meet = Fraction(policy.reward_meet_multiple) * wage * min(counted, required)
    if policy.reward_above_multiple is not None:
        above = Fraction(policy.reward_above_multiple) * wage * max(Fraction(0), counted - required)
    return round_money(meet), round_money(above)
