from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from quota.core import (
    AccruedSurcharge,
    InputError,
    accrued_surcharge,
    compute_levy,
    compute_rewards,
    days_late,
    late_surcharge,
)

from .factories import make_line, make_policy, make_report

REWARDING = {"reward_meet_multiple": Decimal(2), "reward_above_multiple": Decimal(4)}


def test_meet_reward_is_paid_on_the_required_count_and_above_reward_on_the_rest():
    policy = make_policy(**REWARDING)  # minimum wage 2,490
    meet, above = compute_rewards(policy, counted=Fraction(5, 2), required=Fraction(3, 2), met=True)
    assert meet == Decimal("7470.00")  # 2 × 2,490 × 1.5
    assert above == Decimal("9960.00")  # 4 × 2,490 × 1 (replaces, not adds to, the meet reward)


def test_no_reward_below_quota_or_without_multiples():
    zero = (Decimal("0.00"), Decimal("0.00"))
    assert compute_rewards(make_policy(**REWARDING), Fraction(1), Fraction(3, 2), met=False) == zero
    assert compute_rewards(make_policy(), Fraction(5, 2), Fraction(3, 2), met=True) == zero


def test_levy_result_carries_rewards_when_quota_is_met():
    report = make_report(employee_count=Decimal(100), roster=tuple(make_line() for _ in range(2)))
    result = compute_levy(make_policy(**REWARDING), report)
    assert (result.reward_meet, result.reward_above) == (Decimal("7470.00"), Decimal("4980.00"))


def test_surcharge_per_day_late():
    amount = Decimal("10000.00")
    assert late_surcharge(amount, date(2025, 6, 30), date(2025, 7, 30), Decimal("0.0005")) == Decimal(
        "150.00"
    )
    assert late_surcharge(amount, date(2025, 6, 30), date(2025, 7, 1), Decimal("0.005")) == Decimal("50.00")


@pytest.mark.parametrize("paid", [date(2025, 6, 30), date(2025, 6, 1)])
def test_paying_on_or_before_the_due_date_costs_nothing(paid):
    assert days_late(date(2025, 6, 30), paid) == 0
    assert late_surcharge(Decimal("10000.00"), date(2025, 6, 30), paid, Decimal("0.005")) == Decimal("0.00")


def test_surcharge_is_rounded_once():
    # 333.33 × 0.0005 × 3 = 0.499995 -> 0.50; per-day rounding would give 3 × 0.17 = 0.51.
    assert late_surcharge(
        Decimal("333.33"), date(2025, 1, 1), date(2025, 1, 4), Decimal("0.0005")
    ) == Decimal("0.50")


def test_surcharge_refuses_negative_or_float_input():
    with pytest.raises(InputError):
        late_surcharge(Decimal("-1"), date(2025, 1, 1), date(2025, 1, 4), Decimal("0.005"))
    with pytest.raises(TypeError):
        late_surcharge(Decimal("1"), date(2025, 1, 1), date(2025, 1, 4), 0.005)


def test_surcharge_accrued_to_today_on_the_unpaid_levy():
    accrued = accrued_surcharge(Decimal("80325.00"), date(2025, 6, 30), date(2025, 7, 10), Decimal("0.005"))
    assert accrued == AccruedSurcharge(
        outstanding=Decimal("80325.00"),
        due_date=date(2025, 6, 30),
        as_of=date(2025, 7, 10),
        days=10,
        daily_rate=Decimal("0.005"),
        amount=Decimal("4016.25"),
        source="《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条",
    )
    # The same figure a payment recorded today would carry.
    assert accrued.amount == late_surcharge(
        Decimal("80325.00"), date(2025, 6, 30), date(2025, 7, 10), Decimal("0.005")
    )


def test_nothing_accrues_on_or_before_the_due_date_or_when_nothing_is_owed():
    rate = Decimal("0.0005")
    assert accrued_surcharge(Decimal("100"), date(2025, 6, 30), date(2025, 6, 30), rate) is None
    assert accrued_surcharge(Decimal("100"), date(2025, 6, 30), date(2025, 6, 1), rate) is None
    assert accrued_surcharge(Decimal("0"), date(2025, 6, 30), date(2025, 9, 1), rate) is None
    one_day = accrued_surcharge(
        Decimal("80325.00"), date(2025, 6, 30), date(2025, 7, 1), rate, source="地方文件"
    )
    assert (one_day.amount, one_day.source) == (Decimal("40.16"), "地方文件")  # 40.1625 → 40.16
