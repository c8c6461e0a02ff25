"""Distribute an amount of income among members by hours or pieces, to the cent.

Rule (stated on the page and in the API): each member's exact share is amount × weight ÷ total
weight; every share is first cut down to the cent (ROUND_DOWN), and the cents left over — fewer
than the number of members — go one each to the members with the largest cut-off fractions, ties
to the earlier member in the list. The shares therefore always add up to exactly the amount
(the largest-remainder method; rounding happens once, here, and nowhere else).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")

REMAINDER_RULE = (
    "按工时或件数比例计算，每人先舍去分以下部分，剩余的分按舍去部分从大到小每人补1分"
    "（相同时按名单顺序），合计恰好等于分配总额"
)


@dataclass(frozen=True)
class Share:
    key: object
    weight: Decimal
    amount: Decimal


def distribute(amount: Decimal, weights: list[tuple[object, Decimal]]) -> list[Share]:
    """Split ``amount`` (≥ 0, in cents) by ``weights`` (each ≥ 0, at least one > 0)."""
    if amount != amount.quantize(CENT) or amount < 0:
        raise ValueError("amount must be a non-negative amount in cents")
    if not weights:
        raise ValueError("no members to distribute to")
    if any(weight < 0 for _, weight in weights):
        raise ValueError("weights must not be negative")
    total = sum((weight for _, weight in weights), Decimal(0))
    if total <= 0:
        raise ValueError("the weights add up to zero")
    exact = [amount * weight / total for _, weight in weights]
    floors = [value.quantize(CENT, rounding=ROUND_DOWN) for value in exact]
    left = int((amount - sum(floors, Decimal(0))) / CENT)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += CENT
    return [Share(key, weight, floors[i]) for i, (key, weight) in enumerate(weights)]
