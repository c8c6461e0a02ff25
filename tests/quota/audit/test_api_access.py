"""Role × endpoint matrix and two-user (BOLA) tests for the audit and decision API.

Employer staff see only their own employer's notices, payments, ledger, credit cases and flags;
auditors only their regions (another region's object is a 404); administrators read but never
decide.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from backend.accounts.choices import Role
from quota.models.credit import CreditCase
from quota.models.decisions import CreditFlag, LedgerEntry, LevyNotice, LevyPayment
from quota.services.credit import credit_objection_submit
from quota.services.decisions import adjustment_approve, notice_issue, payment_record
from quota.services.ledger import ledger_entry_propose

from ..conftest import client_for
from .factories import make_approved_report, make_flag, make_user, open_case, upload

API = "/api/v1/quota/"


@pytest.fixture
def world(db, employer_a, employer_b, auditor, reviewer):
    """A notice, a payment, an adjustment, a ledger entry, a flag (decided in a case by a second
    auditor) and an open credit case for each of A and B."""
    rows = {}
    for key, employer in (("a", employer_a), ("b", employer_b)):
        with time_machine.travel("2025-05-06 10:00 +0800", tick=False):
            report = make_approved_report(employer, auditor=auditor)
            notice = notice_issue(report=report, due_date=date(2025, 6, 30), by=auditor)
        with time_machine.travel("2025-07-10 10:00 +0800", tick=False):
            payment = payment_record(
                notice=notice, amount=Decimal("100.00"), paid_on=date(2025, 7, 10), by=auditor
            )
            adjustment = adjustment_approve(
                notice=notice, kind="reduction", amount=Decimal("5.00"), reason="困难", by=auditor
            )
        entry = ledger_entry_propose(
            employer=employer,
            data_year=2024,
            kind="post_subsidy",
            amount=Decimal("800.00"),
            basis="岗位补贴",
            by=auditor,
        )
        flag = make_flag(
            employer, proposer=auditor, decider=reviewer, start_date=date(2026, 1, 5), reason="逾期未缴"
        )
        rows[key] = {
            "report": report,
            "notices": notice,
            "payments": payment,
            "adjustments": adjustment,
            "ledger": entry,
            "credit-flags": flag,
            "credit-cases": open_case(employer, by=auditor, reason="名册挂靠"),
        }
    return rows


RESOURCES = ["notices", "payments", "adjustments", "ledger", "credit-flags", "credit-cases"]


def listing(resource: str) -> str:
    """The list URL; for credit cases only the open ones (each flag above came from its own case)."""
    return f"{API}{resource}/" + ("?status=notified" if resource == "credit-cases" else "")


def ids(response):
    return sorted(row["id"] for row in response.data["results"])


@pytest.mark.parametrize("resource", RESOURCES)
def test_employer_lists_and_reads_only_its_own_rows(world, staff_a, resource):
    client = client_for(staff_a)
    mine, theirs = world["a"][resource], world["b"][resource]
    assert ids(client.get(listing(resource))) == [mine.pk]
    own = client.get(f"{API}{resource}/{mine.pk}/")
    assert own.status_code == 200 and own.data["id"] == mine.pk
    response = client.get(f"{API}{resource}/{theirs.pk}/")
    assert response.status_code == 404 and "id" not in response.data


@pytest.mark.parametrize("resource", RESOURCES)
def test_auditor_of_another_region_sees_nothing_and_gets_404(world, outside_auditor, resource):
    client = client_for(outside_auditor)
    assert ids(client.get(listing(resource))) == []
    assert client.get(f"{API}{resource}/{world['a'][resource].pk}/").status_code == 404


@pytest.mark.parametrize("resource", RESOURCES)
def test_auditor_and_administrator_read_everything_in_scope(world, auditor, admin_user, resource):
    expected = sorted([world["a"][resource].pk, world["b"][resource].pk])
    assert ids(client_for(auditor).get(listing(resource))) == expected
    assert ids(client_for(admin_user).get(listing(resource))) == expected


@pytest.mark.parametrize("resource", RESOURCES)
def test_job_seekers_and_anonymous_users_have_no_access(world, seeker, api, resource):
    assert client_for(seeker).get(f"{API}{resource}/").status_code == 403
    assert api.get(f"{API}{resource}/").status_code in (401, 403)


def write_requests(world, who="a"):
    row = world[who]
    return [
        ("notices/", {"report": row["report"].pk, "due_date": "2099-06-30"}),
        (f"notices/{row['notices'].pk}/cancel/", {"reason": "x"}),
        ("payments/", {"notice": row["notices"].pk, "amount": "1.00", "paid_on": "2025-07-01"}),
        ("adjustments/", {"notice": row["notices"].pk, "kind": "reduction", "amount": "1.00", "reason": "x"}),
        (
            "ledger/",
            {
                "employer": row["report"].employer_id,
                "data_year": 2024,
                "kind": "post_subsidy",
                "amount": "1.00",
                "basis": "x",
            },
        ),
        ("ledger/propose-from-policy/", {"data_year": 2024}),
        (f"ledger/{row['ledger'].pk}/approve/", {}),
        (f"ledger/{row['ledger'].pk}/reject/", {"note": "x"}),
        (f"ledger/{row['ledger'].pk}/paid/", {}),
        (
            "credit-cases/",
            {
                "employer": row["report"].employer_id,
                "level": "general",
                "reason": "x",
                "basis": "x",
                "evidence": "x",
                "files": [upload()],
            },
        ),
        (f"credit-cases/{row['credit-cases'].pk}/decide/", {"decision": "drop", "reason": "x"}),
        (f"credit-flags/{row['credit-flags'].pk}/decide/", {"decision": "accepted", "reason": "x"}),
        (f"credit-flags/{row['credit-flags'].pk}/close/", {"action": "lift", "reason": "x"}),
        (f"credit-flags/{row['credit-flags'].pk}/close-decision/", {"decision": "approve"}),
        ("audits/", {"data_year": 2025}),
    ]


def send(client, path, body):
    """POST as the API's clients do: files as multipart, everything else as JSON."""
    return client.post(f"{API}{path}", body, format="multipart" if "files" in body else "json")


def test_administrators_cannot_take_any_decision(world, admin_user):
    client = client_for(admin_user)
    for path, body in write_requests(world):
        assert send(client, path, body).status_code == 403, path
    flag = CreditFlag.objects.get(pk=world["a"]["credit-flags"].pk)
    assert flag.status == "active" and not flag.closures.exists()
    assert LevyPayment.objects.count() == 2 and LedgerEntry.objects.filter(status="proposed").count() == 2
    assert CreditCase.objects.filter(status="notified").count() == 2


def test_employer_staff_cannot_take_any_decision_even_on_their_own_rows(world, staff_a):
    client = client_for(staff_a)
    for path, body in write_requests(world):
        assert send(client, path, body).status_code == 403, path
    assert LevyNotice.objects.filter(status="cancelled").count() == 0


def test_auditor_of_another_region_cannot_decide_on_these_employers(world, outside_auditor):
    client = client_for(outside_auditor)
    for path, body in write_requests(world):
        response = send(client, path, body)
        # Detail actions: 404; bodies naming an out-of-scope object: 400 "不存在"; batch actions
        # (start an audit, propose rewards) work on the auditor's own region only.
        if path in ("audits/", "ledger/propose-from-policy/"):
            assert response.status_code in (201, 202), path
            assert path == "audits/" or response.data == []
            continue
        assert response.status_code in (400, 404), (path, response.status_code)
        if response.status_code == 400:
            assert response.data["errors"], path
    assert LedgerEntry.objects.filter(status="proposed").count() == 2
    assert CreditFlag.objects.filter(status="active").count() == 2
    assert CreditCase.objects.filter(status="notified").count() == 2


def test_employer_objects_to_its_own_flag_but_not_to_another_employers(world, staff_a, staff_b):
    flag = world["a"]["credit-flags"]
    response = client_for(staff_b).post(
        f"{API}credit-flags/{flag.pk}/objection/", {"text": "我们反对"}, format="json"
    )
    assert response.status_code == 404
    flag.refresh_from_db()
    assert flag.status == "active" and not flag.objections.exists()

    response = client_for(staff_a).post(
        f"{API}credit-flags/{flag.pk}/objection/", {"text": "已缴清"}, format="json"
    )
    assert response.status_code == 201
    assert response.data["status"] == "objected" and response.data["objections"][0]["text"] == "已缴清"


def test_only_employer_staff_object(world, auditor, admin_user):
    flag = world["a"]["credit-flags"]
    for user in (auditor, admin_user):
        response = client_for(user).post(
            f"{API}credit-flags/{flag.pk}/objection/", {"text": "x"}, format="json"
        )
        assert response.status_code == 403


def test_auditor_decides_an_objection_through_the_api(world, auditor, staff_a):
    flag = world["a"]["credit-flags"]
    credit_objection_submit(flag=flag, text="已缴清", by=staff_a)
    response = client_for(auditor).post(
        f"{API}credit-flags/{flag.pk}/decide/", {"decision": "rejected", "reason": "未见凭证"}, format="json"
    )
    assert response.status_code == 200
    assert response.data["status"] == "active"
    assert response.data["objections"][0]["decision"] == "rejected"


def test_decide_without_a_pending_objection_is_400(world, auditor):
    flag = world["a"]["credit-flags"]
    response = client_for(auditor).post(
        f"{API}credit-flags/{flag.pk}/decide/", {"decision": "accepted", "reason": "x"}, format="json"
    )
    assert response.status_code == 400 and "decision" in response.data["errors"]


def test_credit_export_is_for_auditors_and_administrators(
    world, auditor, admin_user, staff_a, outside_auditor
):
    for user in (auditor, admin_user):
        response = client_for(user).get(f"{API}credit-flags/export/", {"format": "csv"})
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
        assert response.content.decode("utf-8-sig").count("\n") == 3  # header + A + B
    assert client_for(staff_a).get(f"{API}credit-flags/export/").status_code == 403
    response = client_for(outside_auditor).get(f"{API}credit-flags/export/", {"format": "csv"})
    assert response.content.decode("utf-8-sig").count("\n") == 1  # header only


def test_audit_runs_are_for_auditors_in_scope_and_read_only_for_administrators(
    db, auditor, outside_auditor, admin_user, staff_a, seeker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = client_for(auditor).post(f"{API}audits/", {"data_year": 2025}, format="json").data
    base = f"{API}audits/{run['id']}/"
    for path in ("", "results/", "findings/", "export/"):
        assert client_for(auditor).get(base + path).status_code == 200, path
        assert client_for(admin_user).get(base + path).status_code == 200, path
        assert client_for(outside_auditor).get(base + path).status_code == 404, path
        assert client_for(staff_a).get(base + path).status_code == 403, path
        assert client_for(seeker).get(base + path).status_code == 403, path
    assert [r["id"] for r in client_for(outside_auditor).get(f"{API}audits/").data["results"]] == []
    assert client_for(staff_a).post(f"{API}audits/", {"data_year": 2025}, format="json").status_code == 403


def test_a_town_auditor_sees_only_its_towns_rows_in_a_county_run(db, auditor, run_audit):
    from quota.audit.models import AuditResult

    from .factories import filed_report, make_employer

    filed_report(make_employer(region_code="320585101"))
    filed_report(make_employer(region_code="320585100"))
    run = run_audit(by=auditor)
    town = make_user(Role.AUDITOR, regions=["320585101"])
    assert AuditResult.objects.filter(run=run).count() == 2
    assert client_for(town).get(f"{API}audits/{run.pk}/results/").status_code == 404  # a county run
