"""Late-payment surcharge (滞纳金) on an unpaid levy."""

from __future__ import annotations

from dataclasses import dataclass
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


SURCHARGE_SOURCE = "《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条"


@dataclass(frozen=True)
class AccruedSurcharge:
    """The surcharge an unpaid, overdue levy has run up by ``as_of`` (not yet recorded)."""

    outstanding: Decimal  # levy still unpaid (yuan)
    due_date: date  # the current due date (after any deferral)
    as_of: date
    days: int  # days overdue on ``as_of``
    daily_rate: Decimal
    amount: Decimal  # outstanding × daily_rate × days, rounded once to 0.01 yuan
    source: str  # the document the rate comes from


def accrued_surcharge(
    outstanding: Decimal, due_date: date, today: date, daily_rate: Decimal, *, source: str = SURCHARGE_SOURCE
) -> AccruedSurcharge | None:
    """The surcharge accrued on the unpaid levy from the due date to ``today``; None when
    nothing is unpaid or the due date has not passed.

    《残疾人就业条例》第二十七条; 财税〔2015〕72号 第二十六条: a surcharge per day on the amount in
    arrears, from the day after the due date — the same count :func:`late_surcharge` applies
    when the payment is recorded, so paying today would carry exactly this amount.
    """
    days = days_late(due_date, today)
    if outstanding <= 0 or days == 0:
        return None
    amount = late_surcharge(outstanding, due_date, today, daily_rate)
    return AccruedSurcharge(
        outstanding, due_date, today, days, daily_rate, amount, source or SURCHARGE_SOURCE
    )
