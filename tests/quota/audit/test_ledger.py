"""The subsidies and rewards ledger: proposals from the policy, approval, rejection, payment —
four eyes (proposer ≠ approver, payer ≠ proposer), decisions by auditor kind, per-kind maxima."""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.models import Region
from quota.models import DecisionPolicy
from quota.models.decisions import LedgerEntry
from quota.services.ledger import (
    ledger_entry_approve,
    ledger_entry_mark_paid,
    ledger_entry_propose,
    ledger_entry_reject,
    ledger_propose_from_policy,
)
from quota.services.reports import report_approve

from .factories import (
    make_approved_report,
    make_employer,
    make_line,
    make_person,
    make_report,
    second_auditor,
)


def approved_with(employer, auditor, persons: int, **overrides):
    report = make_report(employer, status="submitted", **overrides)
    for _ in range(persons):
        make_line(report, make_person())
    return report_approve(report=report, by=auditor)


def test_rewards_are_proposed_from_taicangs_rates_with_exact_amounts(db, employer_a, auditor):
    # Data year 2024 (levy year 2025): minimum wage 2,280; Taicang pays 2 × and 4 × [S].
    # N = 100 → required 1.5; D = 3 → meet = 2 × 2,280 × 1.5 = 6,840.00, above = 4 × 2,280 × 1.5 = 13,680.00.
    approved_with(employer_a, auditor, persons=3)

    entries = ledger_propose_from_policy(data_year=2024, by=auditor)

    assert [(e.kind, e.amount, e.status) for e in entries] == [
        ("meet_reward", Decimal("6840.00"), "proposed"),
        ("above_reward", Decimal("13680.00"), "proposed"),
    ]
    assert entries[0].proposed_by == auditor and entries[0].report.employer == employer_a
    assert "实际安排3人，应安排1.5人" in entries[0].basis and "2280" in entries[0].basis


def test_meeting_the_quota_exactly_earns_only_the_meet_reward(db, employer_a, auditor):
    approved_with(employer_a, auditor, persons=2, employee_count=Decimal("133.3333"))
    # required = 133.3333 × 1.5 % = 1.9999995 ≤ D = 2 → meet = 2 × 2,280 × 1.9999995 = 9,119.99772 → 9,120.00,
    # above = 4 × 2,280 × 0.0000005 = 0.00456 → 0.00 (nothing proposed).
    entries = ledger_propose_from_policy(data_year=2024, by=auditor)
    assert [(e.kind, e.amount) for e in entries] == [("meet_reward", Decimal("9120.00"))]


def test_proposing_again_adds_nothing(db, employer_a, auditor):
    approved_with(employer_a, auditor, persons=3)
    ledger_propose_from_policy(data_year=2024, by=auditor)
    assert ledger_propose_from_policy(data_year=2024, by=auditor) == []
    assert LedgerEntry.objects.count() == 2


def test_below_the_quota_earns_no_reward_and_unapproved_reports_are_skipped(
    db, employer_a, employer_b, auditor
):
    make_approved_report(employer_a, auditor=auditor)  # D = 0
    report = make_report(employer_b, status="submitted")
    for _ in range(3):
        make_line(report, make_person())
    assert ledger_propose_from_policy(data_year=2024, by=auditor) == []


def test_a_region_without_reward_rates_gets_no_proposal(db, auditor):
    from quota.models import QuotaPolicy

    QuotaPolicy.objects.filter(region__code="320585").update(
        reward_meet_multiple=None, reward_above_multiple=None
    )
    approved_with(make_employer(), auditor, persons=3)
    assert ledger_propose_from_policy(data_year=2024, by=auditor) == []


def propose(employer, by, amount: str = "3000.00", kind: str = "post_subsidy", **extra):
    return ledger_entry_propose(
        employer=employer,
        data_year=2024,
        kind=kind,
        amount=Decimal(amount),
        basis=extra.pop("basis", "1名残疾职工 × 岗位补贴每人每年3000元"),
        by=by,
        **extra,
    )


def test_one_auditor_cannot_propose_approve_and_pay_an_absurd_amount_alone(db, employer_a, auditor):
    # The failure: one auditor proposed 999,999,999,999.99, approved it and marked it paid.
    with pytest.raises(ValidationError) as error:
        propose(employer_a, auditor, amount="999999999999.99")
    assert error.value.message_dict == {
        "amount": [
            "金额 999999999999.99 元超过岗位补贴每笔上限 500000.00 元（江苏省 2015—长期 年度决定参数）；"
            "请核对金额，确需超出时请分笔提出并写明依据"
        ]
    }
    assert not LedgerEntry.objects.exists()
    entry = propose(employer_a, auditor)
    with pytest.raises(PermissionDenied, match="补贴、奖励的批准须由另一名审核人员复核，提出人不能自己批准"):
        ledger_entry_approve(entry=entry, by=auditor, note="本人批准")
    with pytest.raises(ValidationError):  # not approved: nothing to pay
        ledger_entry_mark_paid(entry=entry, by=auditor)
    entry.refresh_from_db()
    assert (entry.status, entry.approved_by, entry.paid_at) == ("proposed", None, None)


def test_a_second_auditor_approves_and_an_auditor_other_than_the_proposer_records_payment(
    db, employer_a, auditor, reviewer
):
    approved_with(employer_a, auditor, persons=3)
    entry = ledger_propose_from_policy(data_year=2024, by=auditor)[0]

    entry = ledger_entry_approve(entry=entry, by=reviewer, note="核实无误")

    assert (entry.status, entry.proposed_by, entry.approved_by) == ("approved", auditor, reviewer)
    assert entry.history.latest().history_change_reason == "批准"
    with pytest.raises(PermissionDenied, match="补贴、奖励的发放登记须由另一名审核人员复核"):
        ledger_entry_mark_paid(entry=entry, by=auditor)  # the proposer, although 残联 may pay
    with pytest.raises(PermissionDenied, match="人社局的审核人员不能登记补贴、奖励已发放"):
        ledger_entry_mark_paid(entry=entry, by=reviewer)  # 人社局 approves but does not pay
    tax = second_auditor(kind="tax")
    entry = ledger_entry_mark_paid(entry=entry, by=tax)
    stored = LedgerEntry.objects.filter(pk=entry.pk).values("status", "paid_by", "approved_by").get()
    assert stored == {"status": "paid", "paid_by": tax.pk, "approved_by": reviewer.pk}


def test_the_approver_may_record_the_payment_when_their_agency_pays(db, employer_a, reviewer):
    dpf_approver = second_auditor(kind="dpf")
    entry = propose(employer_a, reviewer)  # 人社局 proposes
    ledger_entry_approve(entry=entry, by=dpf_approver)
    assert ledger_entry_mark_paid(entry=entry, by=dpf_approver).paid_by == dpf_approver


def test_an_entry_above_a_lowered_maximum_is_refused_at_approval(db, employer_a, auditor, reviewer):
    entry = propose(employer_a, auditor, amount="3000.00")
    # Taicang sets its own, lower limit: the most specific region's row applies as a whole.
    DecisionPolicy.objects.create(
        region=Region.objects.get(code="320585"),
        year_from=2015,
        post_subsidy_max=Decimal("2000.00"),
        insurance_subsidy_max=Decimal("2000.00"),
        meet_reward_max=Decimal("2000.00"),
        above_reward_max=Decimal("2000.00"),
        agency_reward_max=Decimal("2000.00"),
    )
    with pytest.raises(ValidationError) as error:
        ledger_entry_approve(entry=entry, by=reviewer)
    assert error.value.message_dict["amount"][0].startswith(
        "金额 3000.00 元超过岗位补贴每笔上限 2000.00 元（太仓市"
    )
    assert LedgerEntry.objects.get(pk=entry.pk).status == "proposed"


def test_without_decision_parameters_nothing_is_proposed(db, employer_a, auditor):
    DecisionPolicy.objects.all().delete()
    with time_machine.travel("2026-05-06 10:00 +0800", tick=False), pytest.raises(ValidationError) as error:
        propose(employer_a, auditor)
    assert error.value.message_dict["amount"] == [
        "没有找到 城厢镇 2026 年的资金与信用决定参数，请管理员在后台补充"
    ]


def test_rejecting_needs_a_reason_and_frees_the_reward_for_a_new_proposal(db, employer_a, auditor, reviewer):
    approved_with(employer_a, auditor, persons=3)
    entry = ledger_propose_from_policy(data_year=2024, by=auditor)[0]
    with pytest.raises(ValidationError):
        ledger_entry_reject(entry=entry, by=reviewer, note="")
    with pytest.raises(PermissionDenied):
        ledger_entry_reject(entry=entry, by=auditor, note="提出人自己驳回")
    ledger_entry_reject(entry=entry, by=reviewer, note="人数有误")
    again = ledger_propose_from_policy(data_year=2024, by=auditor)
    assert [e.kind for e in again] == ["meet_reward"]


def test_a_decided_entry_cannot_be_decided_again(db, employer_a, auditor, reviewer):
    entry = propose(employer_a, auditor)
    ledger_entry_approve(entry=entry, by=reviewer)
    with pytest.raises(ValidationError):
        ledger_entry_reject(entry=entry, by=reviewer, note="x")
    with pytest.raises(ValidationError):
        ledger_entry_approve(entry=entry, by=reviewer)


def test_subsidies_are_entered_by_hand_with_a_basis(db, employer_a, auditor):
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="insurance_subsidy",
        amount=Decimal("12345.67"),
        basis="社会保险补贴：3人×12个月",
        by=auditor,
    )
    assert (entry.kind, entry.amount, entry.status) == ("insurance_subsidy", Decimal("12345.67"), "proposed")
    with pytest.raises(ValidationError) as error:
        ledger_entry_propose(
            employer=employer_a,
            data_year=2024,
            kind="post_subsidy",
            amount=Decimal("1"),
            basis=" ",
            by=auditor,
        )
    assert "basis" in error.value.message_dict


def test_administrators_other_regions_employers_and_the_tax_office_cannot_propose_or_approve(
    db, employer_a, auditor, admin_user, outside_auditor, staff_a
):
    entry = propose(employer_a, auditor, amount="1.00", basis="x")
    tax = second_auditor(kind="tax")
    for user in (admin_user, outside_auditor, staff_a, tax):
        with pytest.raises(PermissionDenied):
            ledger_entry_approve(entry=entry, by=user)
        with pytest.raises(PermissionDenied):
            propose(employer_a, user, amount="1.00", basis="x")
    for user in (admin_user, tax, staff_a):
        with pytest.raises(PermissionDenied):
            ledger_propose_from_policy(data_year=2024, by=user)
    assert LedgerEntry.objects.get().status == "proposed"
