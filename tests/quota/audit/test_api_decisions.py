"""Decision endpoints used by an auditor: happy paths with exact amounts, and bad input → 400."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from backend.accounts.choices import Role
from quota.models.decisions import LedgerEntry, LevyPayment
from quota.services.ledger import ledger_entry_propose

from ..conftest import client_for
from .factories import make_approved_report, make_flag, make_user, second_auditor

API = "/api/v1/quota/"


@pytest.fixture
def approved(db, employer_a, auditor):
    with time_machine.travel("2025-05-06 10:00 +0800", tick=False):
        return make_approved_report(employer_a, auditor=auditor)


@pytest.fixture
def notice(approved, auditor):
    with time_machine.travel("2025-05-06 10:00 +0800", tick=False):
        response = client_for(auditor).post(
            f"{API}notices/", {"report": approved.pk, "due_date": "2025-06-30"}, format="json"
        )
    assert response.status_code == 201, response.data
    return response.data


def test_issue_a_notice_then_record_a_late_payment_with_its_surcharge(notice, auditor, staff_a):
    assert (notice["amount"], notice["levy_year"], notice["status"]) == ("80325.00", 2025, "issued")
    with time_machine.travel("2025-07-15 10:00 +0800", tick=False):
        response = client_for(auditor).post(
            f"{API}payments/",
            {"notice": notice["id"], "amount": "80325.00", "paid_on": "2025-07-02"},
            format="json",
        )
    assert response.status_code == 201
    # 80,325.00 × 0.5 % × 2 days = 803.25
    assert (response.data["days_late"], response.data["surcharge"]) == (2, "803.25")
    mine = client_for(staff_a).get(f"{API}notices/{notice['id']}/").data
    assert (mine["status"], mine["outstanding"], mine["surcharge_amount"]) == ("paid", "0.00", "803.25")
    late = client_for(staff_a).get(f"{API}payments/", {"late": "true"}).data
    assert [row["surcharge"] for row in late["results"]] == ["803.25"]


def test_an_unpaid_overdue_notice_shows_the_surcharge_accrued_to_today(notice, auditor, staff_a):
    assert notice["surcharge_accrued"] is None  # issued before its due date
    with time_machine.travel("2025-06-30 23:00 +0800", tick=False):
        on_due_date = client_for(staff_a).get(f"{API}notices/{notice['id']}/").data
    assert on_due_date["surcharge_accrued"] is None
    with time_machine.travel("2025-07-10 10:00 +0800", tick=False):
        mine = client_for(staff_a).get(f"{API}notices/{notice['id']}/").data  # the employer's own
        listed = client_for(auditor).get(f"{API}notices/").data["results"]
    # Due 2025-06-30, unpaid on 2025-07-10: 80,325.00 × 0.5 % × 10 days = 4,016.25, rounded once.
    assert mine["surcharge_accrued"] == {
        "as_of": "2025-07-10",
        "due_date": "2025-06-30",
        "days_overdue": 10,
        "outstanding": "80325.00",
        "daily_rate": "0.005000",
        "amount": "4016.25",
        "source": "《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条（每日5‰）",
    }
    assert mine["surcharge_amount"] == "0.00"  # nothing recorded yet
    assert [row["surcharge_accrued"]["amount"] for row in listed] == ["4016.25"]


def test_a_deferral_moves_the_start_of_the_accrued_surcharge(notice, auditor):
    with time_machine.travel("2025-06-01 10:00 +0800", tick=False):
        client_for(auditor).post(
            f"{API}adjustments/",
            {"notice": notice["id"], "kind": "deferral", "new_due_date": "2025-09-30", "reason": "台风停产"},
            format="json",
        )
    with time_machine.travel("2025-09-30 10:00 +0800", tick=False):
        assert client_for(auditor).get(f"{API}notices/{notice['id']}/").data["surcharge_accrued"] is None
    with time_machine.travel("2025-10-01 10:00 +0800", tick=False):
        accrued = client_for(auditor).get(f"{API}notices/{notice['id']}/").data["surcharge_accrued"]
    assert (accrued["days_overdue"], accrued["amount"]) == (1, "401.63")  # 401.625 → 401.63, half up


def test_a_paid_notice_accrues_nothing(notice, auditor):
    with time_machine.travel("2025-07-15 10:00 +0800", tick=False):
        client_for(auditor).post(
            f"{API}payments/",
            {"notice": notice["id"], "amount": "80325.00", "paid_on": "2025-07-02"},
            format="json",
        )
        assert client_for(auditor).get(f"{API}notices/{notice['id']}/").data["surcharge_accrued"] is None


def test_deferral_through_the_api(notice, auditor):
    with time_machine.travel("2025-06-01 10:00 +0800", tick=False):
        response = client_for(auditor).post(
            f"{API}adjustments/",
            {"notice": notice["id"], "kind": "deferral", "new_due_date": "2025-09-30", "reason": "台风停产"},
            format="json",
        )
    assert response.status_code == 201 and response.data["new_due_date"] == "2025-09-30"
    assert client_for(auditor).get(f"{API}notices/{notice['id']}/").data["current_due_date"] == "2025-09-30"


def test_a_ledger_entry_is_approved_by_a_second_auditor_and_paid_by_a_paying_agency(
    db, employer_a, auditor, reviewer
):
    client = client_for(auditor)
    created = client.post(
        f"{API}ledger/",
        {
            "employer": employer_a.pk,
            "data_year": 2024,
            "kind": "agency_reward",
            "amount": "500.00",
            "basis": "推荐就业1人",
        },
        format="json",
    )
    assert created.status_code == 201 and created.data["status"] == "proposed"
    url = f"{API}ledger/{created.data['id']}/"
    own = client.post(f"{url}approve/", {"note": "同意"}, format="json")
    assert own.status_code == 403
    assert own.data == {"detail": "补贴、奖励的批准须由另一名审核人员复核，提出人不能自己批准", "errors": {}}
    approved = client_for(reviewer).post(f"{url}approve/", {"note": "同意"}, format="json")
    assert approved.status_code == 200
    assert (approved.data["status"], approved.data["self_approved"], approved.data["approved_by"]) == (
        "approved",
        False,
        reviewer.username,
    )
    assert client_for(reviewer).post(f"{url}paid/").status_code == 403  # 人社局 does not pay out
    assert client.post(f"{url}paid/").status_code == 403  # the proposer
    tax = second_auditor(kind="tax", first_name="税务审核员")
    paid = client_for(tax).post(f"{url}paid/")
    assert (paid.status_code, paid.data["status"], paid.data["paid_by"]) == (200, "paid", "税务审核员")


def test_an_absurd_amount_is_400_naming_the_amount(db, employer_a, auditor):
    response = client_for(auditor).post(
        f"{API}ledger/",
        {
            "employer": employer_a.pk,
            "data_year": 2024,
            "kind": "post_subsidy",
            "amount": "999999999999.99",
            "basis": "x",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data["errors"]["amount"][0].startswith("金额 999999999999.99 元超过岗位补贴每笔上限")
    assert not LedgerEntry.objects.exists()


def test_lift_and_repair_are_proposed_and_approved_by_two_auditors_through_the_api(
    db, employer_a, employer_b, auditor, reviewer
):
    flags = [
        make_flag(employer, proposer=auditor, decider=reviewer, start_date=date(2026, 1, 1), level="serious")
        for employer in (employer_a, employer_b)
    ]
    client = client_for(auditor)
    for flag, action in zip(flags, ("lift", "repair"), strict=True):
        reason = "认定有误" if action == "lift" else "已整改"
        proposed = client.post(
            f"{API}credit-flags/{flag.pk}/close/", {"action": action, "reason": reason}, format="json"
        )
        assert proposed.status_code == 201 and proposed.data["status"] == "active"
        assert proposed.data["closures"][0]["status"] == "pending"
        own = client.post(
            f"{API}credit-flags/{flag.pk}/close-decision/", {"decision": "approve"}, format="json"
        )
        assert own.status_code == 403 and "须由另一名审核人员复核" in own.data["detail"]
    lifted, repaired = (
        client_for(reviewer).post(
            f"{API}credit-flags/{flag.pk}/close-decision/", {"decision": "approve"}, format="json"
        )
        for flag in flags
    )
    assert (lifted.data["status"], repaired.data["status"]) == ("lifted", "repaired")
    assert client.get(f"{API}credit-flags/", {"status": "active"}).data["count"] == 0
    again = client_for(reviewer).post(
        f"{API}credit-flags/{flags[0].pk}/close-decision/", {"decision": "approve"}, format="json"
    )
    assert again.status_code == 400 and "decision" in again.data["errors"]


BAD = [
    ("notices/", {"report": "x", "due_date": "2099-01-01"}, "report"),
    ("notices/", {"report": 10**30, "due_date": "2099-01-01"}, "report"),
    ("notices/", {"report": None, "due_date": "2099-01-01"}, "report"),
    ("notices/", {"due_date": "2025-13-01"}, "due_date"),
    ("payments/", {"notice": "{notice}", "amount": "abc", "paid_on": "2025-07-01"}, "amount"),
    ("payments/", {"notice": "{notice}", "amount": "1e30", "paid_on": "2025-07-01"}, "amount"),
    ("payments/", {"notice": "{notice}", "amount": "-5", "paid_on": "2025-07-01"}, "amount"),
    ("payments/", {"notice": "{notice}", "amount": "5.00", "paid_on": "tomorrow"}, "paid_on"),
    ("payments/", {"notice": "{notice}", "amount": "5.00", "paid_on": "2030-01-01"}, "paid_on"),
    ("payments/", {"notice": [1], "amount": "5.00", "paid_on": "2025-07-01"}, "notice"),
    ("adjustments/", {"notice": "{notice}", "kind": "forgive", "reason": "x"}, "kind"),
    ("adjustments/", {"notice": "{notice}", "kind": "reduction", "reason": "x"}, "amount"),
    ("adjustments/", {"notice": "{notice}", "kind": "deferral", "reason": "x"}, "new_due_date"),
    (
        "adjustments/",
        {"notice": "{notice}", "kind": "deferral", "new_due_date": "2026-06-30", "reason": "x"},
        "new_due_date",
    ),
    ("adjustments/", {"notice": "{notice}", "kind": "reduction", "amount": "1.00", "reason": ""}, "reason"),
    (
        "ledger/",
        {"employer": "{employer}", "data_year": 2024, "kind": "gift", "amount": "1", "basis": "x"},
        "kind",
    ),
    (
        "ledger/",
        {"employer": "{employer}", "data_year": 1900, "kind": "post_subsidy", "amount": "1", "basis": "x"},
        "data_year",
    ),
    (
        "ledger/",
        {"employer": "{employer}", "data_year": 2024, "kind": "post_subsidy", "amount": "0", "basis": "x"},
        "amount",
    ),
    ("ledger/propose-from-policy/", {"data_year": "last"}, "data_year"),
    ("credit-flags/{flag}/close/", {"action": "forget", "reason": "x"}, "action"),
    ("credit-flags/{flag}/close/", {"action": "lift", "reason": ""}, "reason"),
    ("credit-flags/{flag}/close/", {"action": "lift", "reason": "x" * 501}, "reason"),
    ("credit-flags/{flag}/close-decision/", {"decision": "maybe"}, "decision"),
]


@pytest.mark.parametrize(("path", "body", "field"), BAD)
def test_bad_input_is_400_with_the_field_named(notice, employer_a, auditor, reviewer, path, body, field):
    flag = make_flag(employer_a, proposer=reviewer, decider=second_auditor(), start_date=date(2025, 7, 1))
    path = path.replace("{flag}", str(flag.pk))
    values = {
        key: {"{notice}": notice["id"], "{employer}": employer_a.pk}.get(value, value)
        if isinstance(value, str)
        else value
        for key, value in body.items()
    }
    with time_machine.travel("2025-07-15 10:00 +0800", tick=False):
        response = client_for(auditor).post(f"{API}{path}", values, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data["errors"], response.data


def test_malformed_json_is_400(db, auditor):
    response = client_for(auditor).post(f"{API}payments/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "请求内容无法解析，请检查格式（例如 JSON 是否完整、编码是否为 UTF-8）。",
        "errors": {},
    }
    assert not LevyPayment.objects.exists()


@pytest.mark.parametrize(
    ("resource", "params", "field"),
    [
        ("notices", {"data_year": "x"}, "data_year"),
        ("notices", {"status": "lost"}, "status"),
        ("payments", {"late": "perhaps"}, "late"),
        ("ledger", {"employer": "-1"}, "employer"),
        ("credit-flags", {"region": "32/"}, "region"),
    ],
)
def test_bad_list_filters_are_400(db, auditor, resource, params, field):
    response = client_for(auditor).get(f"{API}{resource}/", params)
    assert response.status_code == 400 and field in response.data["errors"]


def test_an_entry_can_be_rejected_once(db, employer_a, auditor):
    entry = ledger_entry_propose(
        employer=employer_a,
        data_year=2024,
        kind="post_subsidy",
        amount=Decimal("1.00"),
        basis="x",
        by=auditor,
    )
    reviewer = make_user(Role.AUDITOR, regions=["320585"])  # a second auditor: proposers never decide
    url = f"{API}ledger/{entry.pk}/reject/"
    with time_machine.travel("2025-05-06 10:00 +0800", tick=False):
        rejected = client_for(reviewer).post(url, {"note": "  重复申报  "}, format="json")
    assert rejected.status_code == 200, rejected.data
    assert (
        rejected.data["status"],
        rejected.data["approved_by"],
        rejected.data["approved_at"],
        rejected.data["decision_note"],
        rejected.data["self_approved"],
        rejected.data["paid_at"],
    ) == ("rejected", reviewer.username, "2025-05-06T10:00:00+08:00", "重复申报", False, None)
    stored = LedgerEntry.objects.filter(pk=entry.pk).values().get()
    assert (stored["status"], stored["approved_by_id"], stored["decision_note"]) == (
        "rejected",
        reviewer.pk,
        "重复申报",
    )
    versions = entry.history.count()

    with time_machine.travel("2025-05-07 10:00 +0800", tick=False):
        again = client_for(auditor).post(url, {"note": "再次驳回"}, format="json")

    assert again.status_code == 400
    assert again.data["errors"] == {"status": ["该记录已驳回，不能再审批"]}
    assert LedgerEntry.objects.filter(pk=entry.pk).values().get() == stored
    assert entry.history.count() == versions
