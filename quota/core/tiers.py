"""Which share of the gross amount is payable: exemption, quota met, or a reduction tier."""

from __future__ import annotations

from fractions import Fraction

from .policy import Policy

TIER_EXEMPT = "exempt"  # small enterprise (18号; 98号; 8号)
TIER_NO_STAFF = "no_staff"  # N = 0: nothing to assess
TIER_QUOTA_MET = "quota_met"  # p >= r, or no shortfall
TIER_NO_REDUCTION = "no_reduction"  # below quota, no tiered reduction in this levy year
TIER_BETWEEN = "tier_between"  # tier_lower_ratio <= p < r
TIER_BELOW = "tier_below"  # p < tier_lower_ratio


def payable_share(
    policy: Policy, n: Fraction, ratio: Fraction, shortfall: Fraction, exempt: bool
) -> tuple[str, Fraction]:
    """Return ``(tier, share)``: the share of the gross amount that is due.

    98号 (levy years 2020–2022) and 8号 (2023–2027): p >= r pays nothing;
    1 % <= p < r pays 50 %; p < 1 % pays 90 %.  Exactly 1 % is in the 50 % band.
    Without a reduction notice (``policy.tiered_reduction`` False) all is due.
    """
    if exempt:
        return TIER_EXEMPT, Fraction(0)
    if not n:
        return TIER_NO_STAFF, Fraction(0)
    if ratio >= Fraction(policy.quota_ratio) or not shortfall:
        return TIER_QUOTA_MET, Fraction(0)
    if not policy.tiered_reduction:
        return TIER_NO_REDUCTION, Fraction(1)
    if ratio >= Fraction(policy.tier_lower_ratio):
        return TIER_BETWEEN, Fraction(policy.tier_share_between)
    return TIER_BELOW, Fraction(policy.tier_share_below)
