"""The subsidies and rewards ledger: proposals from the policy, approval, rejection, payment."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quota.models.decisions import LedgerEntry
from quota.services.ledger import (
    ledger_entry_approve,
    ledger_entry_mark_paid,
    ledger_entry_propose,
    ledger_entry_reject,
    ledger_propose_from_policy,
)
from quota.services.reports import report_approve

from .factories import make_approved_report, make_employer, make_line, make_person, make_report


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


def test_the_proposer_may_approve_and_both_are_recorded(db, employer_a, auditor):
    approved_with(employer_a, auditor, persons=3)
    entry = ledger_propose_from_policy(data_year=2024, by=auditor)[0]

    entry = ledger_entry_approve(entry=entry, by=auditor, note="核实无误")

    assert (entry.status, entry.proposed_by, entry.approved_by) == ("approved", auditor, auditor)
    assert entry.history.latest().history_change_reason == "本人提出并批准"
    entry = ledger_entry_mark_paid(entry=entry, by=auditor)
    assert entry.status == "paid" and entry.paid_at is not None


def test_rejecting_needs_a_reason_and_frees_the_reward_for_a_new_proposal(db, employer_a, auditor):
    approved_with(employer_a, auditor, persons=3)
    entry = ledger_propose_from_policy(data_year=2024, by=auditor)[0]
    with pytest.raises(ValidationError):
        ledger_entry_reject(entry=entry, by=auditor, note="")
    ledger_entry_reject(entry=entry, by=auditor, note="人数有误")
    again = ledger_propose_from_policy(data_year=2024, by=auditor)
    assert [e.kind for e in again] == ["meet_reward"]


def test_a_decided_entry_cannot_be_decided_again(db, employer_a, auditor):
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="post_subsidy",
        amount=Decimal("3000.00"),
        basis="岗位补贴",
        by=auditor,
    )
    ledger_entry_approve(entry=entry, by=auditor)
    with pytest.raises(ValidationError):
        ledger_entry_reject(entry=entry, by=auditor, note="x")
    with pytest.raises(ValidationError):
        ledger_entry_approve(entry=entry, by=auditor)


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


def test_administrators_other_regions_and_employers_cannot_propose_or_approve(
    db, employer_a, auditor, admin_user, outside_auditor, staff_a
):
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="post_subsidy",
        amount=Decimal("1.00"),
        basis="x",
        by=auditor,
    )
    for user in (admin_user, outside_auditor, staff_a):
        with pytest.raises(PermissionDenied):
            ledger_entry_approve(entry=entry, by=user)
        with pytest.raises(PermissionDenied):
            ledger_entry_propose(
                employer=employer_a,
                data_year=2024,
                kind="post_subsidy",
                amount=Decimal("1.00"),
                basis="x",
                by=user,
            )
    with pytest.raises(PermissionDenied):
        ledger_propose_from_policy(data_year=2024, by=admin_user)
