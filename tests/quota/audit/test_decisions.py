"""Levy notices, payments with the late-payment surcharge, and hardship adjustments."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from quota.models.decisions import LevyNotice
from quota.services.decisions import (
    add_months,
    adjustment_approve,
    notice_cancel,
    notice_issue,
    payment_record,
)

from .factories import make_approved_report, make_employer, make_line, make_person, make_report

# Data year 2024, levy year 2025: N = 100, average wage 59,500 (cap 2 × 120,000 not reached), no
# disabled staff → 1.5 × 59,500 × 90 % = 80,325.00.
LEVY = Decimal("80325.00")


def at(day: str):
    return time_machine.travel(f"{day} 10:00 +0800", tick=False)


@pytest.fixture
def notice(db, employer_a, auditor):
    with at("2025-05-06"):
        report = make_approved_report(employer_a, auditor=auditor)
        return notice_issue(report=report, due_date=date(2025, 6, 30), by=auditor)


def test_notice_amount_is_the_approved_snapshots_levy_due(notice, employer_a):
    assert (notice.amount, notice.status, notice.data_year) == (LEVY, "issued", 2024)
    assert notice.employer == employer_a and notice.current_due_date == date(2025, 6, 30)
    assert notice.outstanding == LEVY
    assert notice.history.count() == 1


def test_payment_on_the_due_date_has_no_surcharge(notice, auditor):
    with at("2025-07-01"):
        payment = payment_record(notice=notice, amount=LEVY, paid_on=date(2025, 6, 30), by=auditor)
    notice.refresh_from_db()
    assert (payment.days_late, payment.surcharge) == (0, Decimal("0.00"))
    assert (notice.status, notice.paid_amount, notice.outstanding) == ("paid", LEVY, Decimal("0.00"))


def test_late_payment_carries_five_per_mille_a_day_on_the_amount_paid_late(notice, auditor):
    with at("2025-08-01"):
        payment = payment_record(notice=notice, amount=LEVY, paid_on=date(2025, 7, 20), by=auditor)
    # 80,325.00 × 0.005 × 20 days = 8,032.50 (条例第二十七条)
    assert (payment.days_late, payment.daily_rate, payment.surcharge) == (
        20,
        Decimal("0.005000"),
        Decimal("8032.50"),
    )
    notice.refresh_from_db()
    assert (notice.status, notice.surcharge_amount) == ("paid", Decimal("8032.50"))


def test_partial_payments_each_carry_their_own_surcharge_rounded_once_half_up(notice, auditor):
    with at("2025-08-01"):
        first = payment_record(
            notice=notice, amount=Decimal("30000.00"), paid_on=date(2025, 6, 30), by=auditor
        )
        notice.refresh_from_db()
        assert (notice.status, notice.outstanding) == ("partly_paid", Decimal("50325.00"))
        second = payment_record(
            notice=notice, amount=Decimal("50325.00"), paid_on=date(2025, 7, 3), by=auditor
        )
    # 50,325.00 × 0.005 × 3 = 754.875 → 754.88
    assert (first.surcharge, second.surcharge) == (Decimal("0.00"), Decimal("754.88"))
    notice.refresh_from_db()
    assert (notice.status, notice.surcharge_amount) == ("paid", Decimal("754.88"))


def test_payment_larger_than_what_is_owed_is_refused(notice, auditor):
    with at("2025-07-01"), pytest.raises(ValidationError) as error:
        payment_record(notice=notice, amount=LEVY + Decimal("0.01"), paid_on=date(2025, 6, 30), by=auditor)
    assert "amount" in error.value.message_dict


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("1.001")])
def test_payment_amount_must_be_positive_cents(notice, auditor, amount):
    with at("2025-07-01"), pytest.raises(ValidationError):
        payment_record(notice=notice, amount=amount, paid_on=date(2025, 6, 30), by=auditor)


def test_payment_dated_in_the_future_is_refused(notice, auditor):
    with at("2025-07-01"), pytest.raises(ValidationError) as error:
        payment_record(notice=notice, amount=LEVY, paid_on=date(2025, 7, 2), by=auditor)
    assert "paid_on" in error.value.message_dict


def test_deferral_moves_the_due_date_so_a_later_payment_is_on_time(notice, auditor):
    with at("2025-12-31"):
        adjustment_approve(
            notice=notice, kind="deferral", new_due_date=date(2025, 12, 30), reason="受灾停产", by=auditor
        )
        payment = payment_record(notice=notice, amount=LEVY, paid_on=date(2025, 12, 30), by=auditor)
    assert (payment.due_date_applied, payment.surcharge) == (date(2025, 12, 30), Decimal("0.00"))


def test_deferral_is_at_most_six_months_after_the_original_due_date(notice, auditor):
    # 2025-06-30 + 6 months = 2025-12-30 (72号第十七条)
    with at("2025-07-01"), pytest.raises(ValidationError) as error:
        adjustment_approve(
            notice=notice, kind="deferral", new_due_date=date(2025, 12, 31), reason="困难", by=auditor
        )
    assert "new_due_date" in error.value.message_dict


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)


def test_reduction_lowers_what_is_owed_and_a_full_reduction_settles_the_notice(notice, auditor):
    with at("2025-06-01"):
        adjustment_approve(
            notice=notice, kind="reduction", amount=Decimal("325.00"), reason="困难减免", by=auditor
        )
        notice.refresh_from_db()
        assert (notice.outstanding, notice.status) == (Decimal("80000.00"), "issued")
        with pytest.raises(ValidationError):
            adjustment_approve(
                notice=notice, kind="reduction", amount=Decimal("80000.01"), reason="x", by=auditor
            )
        adjustment_approve(
            notice=notice, kind="reduction", amount=Decimal("80000.00"), reason="全额减免", by=auditor
        )
    notice.refresh_from_db()
    assert (notice.reduced_amount, notice.outstanding, notice.status) == (LEVY, Decimal("0.00"), "paid")


def test_adjustment_needs_a_reason(notice, auditor):
    with pytest.raises(ValidationError) as error:
        adjustment_approve(notice=notice, kind="reduction", amount=Decimal("1.00"), reason="  ", by=auditor)
    assert "reason" in error.value.message_dict


def test_notice_for_a_report_owing_nothing_is_refused(db, employer_a, auditor):
    report = make_report(employer_a, status="submitted")
    for _ in range(2):
        make_line(report, make_person())
    from quota.services.reports import report_approve

    report_approve(report=report, by=auditor)
    with pytest.raises(ValidationError) as error:
        notice_issue(report=report, due_date=date(2099, 6, 30), by=auditor)
    assert "report" in error.value.message_dict


def test_only_one_live_notice_per_report_and_cancel_allows_a_new_one(notice, auditor):
    with pytest.raises(ValidationError):
        notice_issue(report=notice.report, due_date=date(2099, 6, 30), by=auditor)
    notice_cancel(notice=notice, reason="期限填错", by=auditor)
    again = notice_issue(report=notice.report, due_date=date(2099, 6, 30), by=auditor)
    assert LevyNotice.objects.filter(report=notice.report).count() == 2
    assert again.status == "issued"


def test_a_notice_with_payments_cannot_be_cancelled(notice, auditor):
    with at("2025-07-01"):
        payment_record(notice=notice, amount=Decimal("1.00"), paid_on=date(2025, 6, 30), by=auditor)
    with pytest.raises(ValidationError):
        notice_cancel(notice=notice, reason="x", by=auditor)


def test_unapproved_report_gets_no_notice(db, employer_a, auditor):
    report = make_report(employer_a, status="submitted")
    with pytest.raises(ValidationError):
        notice_issue(report=report, due_date=date(2099, 6, 30), by=auditor)


def test_administrators_and_other_regions_auditors_cannot_decide(
    notice, admin_user, outside_auditor, staff_a
):
    for user in (admin_user, outside_auditor, staff_a):
        with pytest.raises(PermissionDenied):
            payment_record(notice=notice, amount=Decimal("1.00"), paid_on=date(2025, 6, 30), by=user)
        with pytest.raises(PermissionDenied):
            notice_cancel(notice=notice, reason="x", by=user)


def test_every_change_to_a_notice_is_in_its_history(notice, auditor):
    with at("2025-07-10"):
        payment_record(notice=notice, amount=Decimal("100.00"), paid_on=date(2025, 7, 10), by=auditor)
    reasons = list(notice.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == [None, "缴纳 100.00 元"]


def test_a_notice_for_another_employer_is_unaffected(notice, auditor):
    other = make_employer()
    with at("2025-05-06"):
        other_notice = notice_issue(
            report=make_approved_report(other, auditor=auditor), due_date=date(2025, 6, 30), by=auditor
        )
    with at("2025-07-01"):
        payment_record(notice=notice, amount=LEVY, paid_on=date(2025, 6, 30), by=auditor)
    other_notice.refresh_from_db()
    assert (other_notice.status, other_notice.paid_amount) == ("issued", Decimal("0.00"))


def test_a_paper_notice_can_be_recorded_afterwards_with_its_issue_date(db, employer_a, auditor):
    with at("2025-05-06"):
        report = make_approved_report(employer_a, auditor=auditor)
    with at("2025-09-01"):
        notice = notice_issue(
            report=report, due_date=date(2025, 6, 30), issued_on=date(2025, 5, 10), by=auditor
        )
        with pytest.raises(ValidationError) as error:
            notice_issue(report=report, due_date=date(2025, 6, 30), issued_on=date(2025, 9, 2), by=auditor)
    assert notice.issued_at.date() == date(2025, 5, 10) and notice.due_date == date(2025, 6, 30)
    assert "issued_on" in error.value.message_dict


def test_due_date_before_the_issue_date_is_refused(db, employer_a, auditor):
    with at("2025-05-06"):
        report = make_approved_report(employer_a, auditor=auditor)
        with pytest.raises(ValidationError) as error:
            notice_issue(report=report, due_date=date(2025, 5, 5), by=auditor)
    assert "due_date" in error.value.message_dict
