"""Administrators keep the decision parameters as data in the admin (with history); the credit
process is read-only there — administrators decide nothing (三员分立)."""

import pytest
from django.test import Client

from backend.accounts.choices import Role
from backend.accounts.models import Region
from quota.models import CreditCase, DecisionPolicy

from .factories import make_user, open_case


@pytest.fixture
def browser(db):
    client = Client()
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def form_data(**overrides) -> dict:
    data = {
        "region": Region.objects.get(code="320585").pk,
        "year_from": "2026",
        "year_to": "",
        "post_subsidy_max": "100000.00",
        "insurance_subsidy_max": "100000.00",
        "meet_reward_max": "100000.00",
        "above_reward_max": "100000.00",
        "agency_reward_max": "10000.00",
        "credit_statement_days": "10",
        "sources": '{"credit_statement_days": "太仓市信用管理规定第八条"}',
        "unconfirmed": "[]",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_the_seeded_row_is_listed_with_its_assumptions_and_history(browser):
    row = DecisionPolicy.objects.get(region__code="32")
    assert (row.post_subsidy_max, row.credit_statement_days) == (500000, 15)
    assert "credit_statement_days" in row.unconfirmed and "[A]" in row.sources["post_subsidy_max"]
    for url in (
        "/admin/quota/decisionpolicy/",
        "/admin/quota/decisionpolicy/add/",
        f"/admin/quota/decisionpolicy/{row.pk}/change/",
        f"/admin/quota/decisionpolicy/{row.pk}/history/",
    ):
        assert browser.get(url).status_code == 200, url
    assert (
        "数据迁移：初始决定参数"
        in browser.get(f"/admin/quota/decisionpolicy/{row.pk}/history/").content.decode()
    )


def test_an_administrator_adds_a_local_row_and_bad_rows_are_refused(browser):
    assert browser.post("/admin/quota/decisionpolicy/add/", form_data()).status_code == 302
    row = DecisionPolicy.objects.get(region__code="320585")
    assert (row.credit_statement_days, row.history.count()) == (10, 1)
    overlap = browser.post("/admin/quota/decisionpolicy/add/", form_data(year_from="2027"))
    assert "重叠" in overlap.content.decode()
    unknown = browser.post(
        "/admin/quota/decisionpolicy/add/",
        form_data(region=Region.objects.get(code="3205").pk, unconfirmed='["x"]'),
    )
    assert "待确认参数中有未知参数：x" in unknown.content.decode()
    assert DecisionPolicy.objects.count() == 2


def test_credit_cases_are_read_only_in_the_admin(browser, employer_a, auditor):
    case = open_case(employer_a, by=auditor)
    assert browser.get(f"/admin/quota/creditcase/{case.pk}/change/").status_code == 200
    assert browser.get("/admin/quota/creditcase/add/").status_code == 403
    assert browser.post(f"/admin/quota/creditcase/{case.pk}/delete/", {"post": "yes"}).status_code == 403
    assert CreditCase.objects.filter(pk=case.pk).exists()
