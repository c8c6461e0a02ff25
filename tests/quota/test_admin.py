"""Administrators edit policy parameters in the admin (with history); reports are read-only there."""

import pytest
from django.test import Client

from backend.accounts.choices import Role
from quota.models import QuotaPolicy

from .factories import make_line, make_person, make_report, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    client = Client()
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def test_policy_admin_pages_and_history_open(browser):
    row = QuotaPolicy.objects.get(region__code="320585", levy_year_from=2026)
    for url in (
        "/admin/quota/quotapolicy/",
        "/admin/quota/quotapolicy/add/",
        f"/admin/quota/quotapolicy/{row.pk}/change/",
        f"/admin/quota/quotapolicy/{row.pk}/history/",
    ):
        assert browser.get(url).status_code == 200, url


def test_policy_admin_refuses_an_overlapping_period(browser):
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    data = {
        name: value
        for name, value in QuotaPolicy.objects.filter(pk=row.pk).values()[0].items()
        if value is not None
    }
    data.update(
        region=row.region_id, levy_year_from=2024, levy_year_to=2024, exempt_org_types='["enterprise"]'
    )
    data.update(sources="{}", unconfirmed="[]")
    data = {k: v for k, v in data.items() if k not in ("id", "region_id", "updated_at")}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = browser.post("/admin/quota/quotapolicy/add/", data)
    assert response.status_code == 200
    assert "重叠" in response.content.decode()
    assert not QuotaPolicy.objects.filter(region=row.region, levy_year_from=2024).exists()


def test_reports_are_read_only_in_the_admin(browser, employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    make_line(report, make_person())
    assert browser.get(f"/admin/quota/quotareport/{report.pk}/change/").status_code == 200
    assert browser.get("/admin/quota/quotareport/add/").status_code == 403
    assert browser.post(f"/admin/quota/quotareport/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert report.__class__.objects.filter(pk=report.pk).exists()
