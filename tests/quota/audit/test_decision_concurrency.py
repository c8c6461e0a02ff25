"""Concurrent decisions on PostgreSQL (SQLite ignores ``select_for_update``): two auditors
approving one ledger entry, two notices to one employer, two decisions on one credit case —
exactly one wins, and no second flag, decision or case appears.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch .venv/bin/python -m pytest tests/quota/audit -q
"""

from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from quota.models import CreditCase, CreditFlag, LedgerEntry
from quota.services.credit_case import credit_case_decide, credit_statement_waive
from quota.services.ledger import ledger_entry_approve, ledger_entry_propose

from ..test_concurrency import race
from .factories import open_case, second_auditor, upload

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite ignores select_for_update"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),  # keep regions and policies
]


def test_two_reviewers_approving_one_entry_make_one_decision(employer_a, auditor):
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="post_subsidy",
        amount=Decimal("3000.00"),
        basis="x",
        by=auditor,
    )
    pairs = [second_auditor(), second_auditor()]
    calls = iter(pairs)  # each thread takes its own reviewer
    outcomes = race(lambda: ledger_entry_approve(entry=LedgerEntry.objects.get(pk=entry.pk), by=next(calls)))
    assert sum(isinstance(o, LedgerEntry) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    entry.refresh_from_db()
    assert entry.status == "approved" and entry.approved_by in pairs
    assert list(entry.history.values_list("status", flat=True)).count("approved") == 1


def test_two_notices_to_one_employer_open_one_case(employer_a, auditor):
    outcomes = race(lambda: open_case(employer_a, by=auditor, files=[upload()]))
    assert sum(isinstance(o, CreditCase) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    assert CreditCase.objects.filter(employer=employer_a).count() == 1


def test_two_decisions_on_one_case_list_the_employer_once(employer_a, auditor, staff_a):
    with time_machine.travel("2026-03-01 09:00 +0800", tick=False):
        case = open_case(employer_a, by=auditor)
        credit_statement_waive(case=case, by=staff_a)
    deciders = iter([second_auditor(), second_auditor()])
    outcomes = race(
        lambda: credit_case_decide(
            case=CreditCase.objects.get(pk=case.pk),
            decision="flag",
            reason="事实清楚",
            start_date=timezone.localdate(),
            by=next(deciders),
        )
    )
    assert sum(isinstance(o, CreditCase) for o in outcomes) == 1, outcomes
    assert CreditFlag.objects.filter(case=case).count() == 1
