"""人工核验: a 残联 auditor confirms a certificate the registry does not list, with a reason and
evidence; the line then counts for the confirmed months (service, API, page)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quota.services.reports import report_preview_dict
from registry.models import CertificateConfirmation
from registry.services import certificate_confirm
from tests.factories import make_certificate_record
from tests.frontend.audit.conftest import signed_in
from tests.quota.conftest import client_for
from tests.quota.factories import make_employer, make_line, make_person, make_report, make_user

YEAR = 2025


@pytest.fixture
def veteran_line(db):
    report = make_report(make_employer(), data_year=YEAR)
    return make_line(report, make_person(veteran_grade=2, verified=False))


@pytest.fixture
def dpf_auditor(db):
    return make_user("auditor", regions=["320585"], auditor_kind="dpf")


def _line(report) -> dict:
    return report_preview_dict(report)["lines"][0]


def test_a_dpf_auditor_confirms_a_veteran_certificate_and_the_line_counts(veteran_line, dpf_auditor):
    assert _line(veteran_line.report)["verification"] == "pending"
    confirmation = certificate_confirm(
        line=veteran_line,
        by=dpf_auditor,
        valid_from=date(2025, 4, 1),
        valid_until=None,
        reason="核对原件",
        evidence="残疾军人证原件",
    )
    assert confirmation.confirmed_by == dpf_auditor and confirmation.certificate_kind == "veteran"
    shown = _line(veteran_line.report)
    assert shown["months"] == list(range(4, 13)) and shown["verification"] == "pending"
    assert "1至3月" in shown["verification_message"]


def test_a_tax_auditor_may_not_confirm(veteran_line):
    tax = make_user("auditor", regions=["320585"], auditor_kind="tax")
    with pytest.raises(PermissionDenied):
        certificate_confirm(
            line=veteran_line, by=tax, valid_from=date(2020, 1, 1), valid_until=None, reason="x", evidence="y"
        )


def test_every_missing_field_is_named_at_once(veteran_line, dpf_auditor):
    with pytest.raises(ValidationError) as error:
        certificate_confirm(
            line=veteran_line,
            by=dpf_auditor,
            valid_from=date(2025, 5, 1),
            valid_until=date(2025, 4, 30),
            reason=" ",
            evidence="",
        )
    assert set(error.value.message_dict) == {"valid_until", "reason", "evidence"}
    assert not CertificateConfirmation.objects.exists()


def test_a_certificate_the_registry_lists_as_cancelled_cannot_be_confirmed_by_hand(dpf_auditor):
    person = make_person(verified=False)
    make_certificate_record(
        person.decrypt("certificate"), status="cancelled", status_changed_on=date(2025, 3, 1)
    )
    line = make_line(make_report(make_employer(), data_year=YEAR), person)
    with pytest.raises(ValidationError) as error:
        certificate_confirm(
            line=line, by=dpf_auditor, valid_from=date(2020, 1, 1), valid_until=None, reason="x", evidence="y"
        )
    assert "注销" in error.value.message_dict["valid_from"][0]


def test_the_api_creates_and_lists_confirmations(veteran_line, dpf_auditor):
    payload = {
        "roster_line": veteran_line.pk,
        "valid_from": "2020-01-01",
        "reason": "核对原件",
        "evidence": "残疾军人证原件，档案号 12",
    }
    response = client_for(dpf_auditor).post("/api/v1/registry/confirmations/", payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["reason"] == "核对原件"
    listed = client_for(dpf_auditor).get("/api/v1/registry/confirmations/").json()
    assert [row["id"] for row in listed["results"]] == [response.json()["id"]]
    staff = make_user("employer", employer=veteran_line.report.employer)
    assert (
        client_for(staff).post("/api/v1/registry/confirmations/", payload, format="json").status_code == 403
    )
    bad = client_for(dpf_auditor).post(
        "/api/v1/registry/confirmations/", {**payload, "reason": "", "valid_from": "昨天"}, format="json"
    )
    assert bad.status_code == 400 and {"reason", "valid_from"} <= set(bad.json()["errors"])


def test_the_api_refuses_a_line_outside_the_auditors_regions(veteran_line):
    elsewhere = make_user(
        "auditor", regions=["320585101"], auditor_kind="dpf"
    )  # 沙溪镇; the employer is in 城厢镇
    response = client_for(elsewhere).post(
        "/api/v1/registry/confirmations/",
        {"roster_line": veteran_line.pk, "valid_from": "2020-01-01", "reason": "x", "evidence": "y"},
        format="json",
    )
    assert response.status_code == 400 and "roster_line" in response.json()["errors"]


def test_the_page_confirms_and_returns_to_the_report(veteran_line, dpf_auditor):
    client = signed_in(dpf_auditor)
    report = veteran_line.report
    detail = client.get(f"/auditor/reports/{report.pk}/").content.decode()
    url = f"/auditor/reports/{report.pk}/lines/{veteran_line.pk}/confirm/"
    assert url in detail  # offered on the pending line
    empty = client.post(url, {"valid_from": "", "reason": "", "evidence": ""})
    assert empty.status_code == 200 and "请填写核验理由" in empty.content.decode()
    done = client.post(
        url, {"valid_from": "2020-01-01", "valid_until": "", "reason": "核对原件", "evidence": "原件"}
    )
    assert done.status_code == 302 and done["Location"] == f"/auditor/reports/{report.pk}/"
    assert _line(report)["verification"] == "verified"
