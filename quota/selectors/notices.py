"""Reads of levy notices: the late-payment surcharge an unpaid, overdue notice has accrued.

A recorded payment carries its own surcharge (``services.decisions.payment_record``); until the
rest is paid, the amount still owed keeps accruing one from the current due date
(《残疾人就业条例》第二十七条; 财税〔2015〕72号 第二十六条) at the daily rate of the policy for
the notice's levy year.  Shown on the auditors' pages and in the API, computed for "today".
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from quota.audit.choices import NoticeStatus
from quota.core import AccruedSurcharge, Policy, accrued_surcharge

from ..models.decisions import LevyNotice
from .policy import policy_for

__all__ = ["notice_surcharge_to_date", "notice_surcharges_to_date"]


def notice_surcharge_to_date(
    notice: LevyNotice, *, today: date | None = None, policies: dict | None = None
) -> AccruedSurcharge | None:
    """The surcharge ``notice`` has accrued by ``today`` (default: the local date), or None when
    it is paid, cancelled, not yet overdue, or its levy year has no usable policy.

    ``policies`` caches the policy per (region, levy year) across a list of notices."""
    if notice.status in (NoticeStatus.PAID, NoticeStatus.CANCELLED):
        return None
    today = today or timezone.localdate()
    if notice.outstanding <= 0 or today <= notice.current_due_date:
        return None
    policy = _policy(notice, {} if policies is None else policies)
    if policy is None:
        return None
    return accrued_surcharge(
        notice.outstanding,
        notice.current_due_date,
        today,
        policy.surcharge_daily_rate,
        source=policy.source_for("surcharge_daily_rate"),
    )


def notice_surcharges_to_date(
    notices: Iterable[LevyNotice], *, today: date | None = None
) -> dict[int, AccruedSurcharge]:
    """Accrued surcharges by notice id, for the notices that have one (one policy read per
    region and levy year)."""
    today = today or timezone.localdate()
    policies: dict = {}
    found = {n.pk: notice_surcharge_to_date(n, today=today, policies=policies) for n in notices}
    return {pk: accrued for pk, accrued in found.items() if accrued is not None}


def _policy(notice: LevyNotice, cache: dict) -> Policy | None:
    key = (notice.employer.region_id, notice.data_year + 1)
    if key not in cache:
        try:
            cache[key] = policy_for(notice.employer.region, notice.data_year + 1)
        except ValidationError:
            cache[key] = None  # no policy for that year: nothing can be computed, nothing shown
    return cache[key]
