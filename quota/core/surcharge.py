"""Late-payment surcharge (滞纳金) on an unpaid levy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .errors import InputError
from .money import round_money, to_fraction


def days_late(due_date: date, paid_date: date) -> int:
    """Whole days after the due date; paying on the due date is on time."""
    return max(0, (paid_date - due_date).days)


def late_surcharge(amount: Decimal, due_date: date, paid_date: date, daily_rate: Decimal) -> Decimal:
    """amount × daily_rate × days late, rounded once to 0.01 yuan.

    《残疾人就业条例》第二十七条 and 财税〔2015〕72号 第二十六条: 5‰ a day from the day
    the levy falls into arrears; some tax offices apply 0.5‰ [S], so the rate
    is an argument (``Policy.surcharge_daily_rate``).
    """
    exact_amount, rate = to_fraction(amount), to_fraction(daily_rate)
    if exact_amount < 0 or rate < 0:
        raise InputError("滞纳金的计算基数和日费率不能为负数")
    return round_money(exact_amount * rate * days_late(due_date, paid_date))
