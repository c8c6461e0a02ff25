"""Employer master data (name, credit code, org type, region, sheltered status) changes only by a
registry decision. Reproduces the reported failures: an HR admin's PATCH turned a levy into
"exempt, 0.00" (org_type), moved the employer out of its town auditor's scope (region) and
re-labelled a 严重失信 flag in the export (credit_code)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts.demo import credit_code
from backend.accounts.models import Employer
from backend.accounts.services import employer_registry_change
from quota.audit.choices import CreditLevel
from quota.models import CreditFlag, QuotaReport
from quota.services.exports import credit_flags_export
from quota.services.reports import report_preview

from ..conftest import client_for

pytestmark = pytest.mark.django_db

ONLY_BY_REQUEST = "等登记信息只能通过变更申请修改"


@pytest.fixture
def institution(make):
    """A 事业单位 of 25 staff with no disabled employee: it owes a levy (only enterprises of at
    most 30 staff are exempt), so turning it into an "enterprise" would wipe the levy out."""
    return make.make_employer(org_type="institution", name="太仓某研究所")


@pytest.fixture
def hr(make, institution):
    return make.make_employer_user(institution)


def _report(employer, by):
    return QuotaReport.objects.create(
        employer=employer,
        created_by=by,
        data_year=2024,
        employee_count=Decimal("25"),
        total_wages=Decimal("3562500"),
    )


def _levy(report) -> tuple[Decimal, bool]:
    report = QuotaReport.objects.select_related("employer__region").get(pk=report.pk)
    result = report_preview(report)
    return result.levy_due, result.exempt


def _patch(user, employer, body):
    return client_for(user).patch(f"/api/v1/employers/{employer.pk}/", body, format="json")


def test_staff_cannot_change_org_type_and_the_levy_stays(hr, institution):
    report = _report(institution, hr)
    before = _levy(report)
    assert before[0] > 0 and before[1] is False

    response = _patch(hr, institution, {"org_type": "enterprise"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"org_type": [f"单位性质{ONLY_BY_REQUEST}"]}
    assert Employer.objects.get(pk=institution.pk).org_type == "institution"
    assert _levy(report) == before


def test_staff_cannot_move_the_employer_out_of_its_town_auditors_scope(make, hr, institution):
    town_auditor = make.make_auditor("320585100")
    response = _patch(hr, institution, {"region": "320585101"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"region": [f"所在区镇{ONLY_BY_REQUEST}"]}
    assert Employer.objects.get(pk=institution.pk).region.code == "320585100"
    assert Employer.objects.visible_to(town_auditor).filter(pk=institution.pk).exists()


def serious_flag(employer, auditor) -> CreditFlag:
    # Built directly: the credit services are being reworked (告知 → 陈述申辩 → 决定) elsewhere.
    return CreditFlag.objects.create(
        employer=employer,
        level=CreditLevel.SERIOUS,
        reason="拒不缴纳残疾人就业保障金",
        evidence="催缴通知书",
        start_date=date(2025, 1, 1),
        decided_by=auditor,
        decided_at=timezone.now(),
    )


def _export_codes(auditor) -> list[str]:
    text = credit_flags_export(user=auditor, fmt="csv").content.decode("utf-8-sig")
    return [row[1] for row in list(csv.reader(io.StringIO(text)))[1:]]


def test_staff_cannot_change_the_credit_code_under_a_credit_flag(make, hr, institution):
    auditor = make.make_auditor("320585", kind="hrss")
    serious_flag(institution, auditor)
    original = institution.credit_code
    other = credit_code("enterprise", "320585", 7777)

    response = _patch(hr, institution, {"credit_code": other})

    assert response.status_code == 400
    assert response.json()["errors"] == {"credit_code": [f"统一社会信用代码{ONLY_BY_REQUEST}"]}
    assert Employer.objects.get(pk=institution.pk).credit_code == original
    assert _export_codes(auditor) == [original]


def test_every_master_field_in_one_patch_gets_its_own_message_and_nothing_is_saved(hr, institution):
    body = {
        "name": "换了名字",
        "credit_code": credit_code("enterprise", "320585", 7778),
        "org_type": "enterprise",
        "region": "320585101",
        "sheltered": True,
        "contact_phone": "13912345678",
    }
    response = _patch(hr, institution, body)

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"name", "credit_code", "org_type", "region", "sheltered"}
    assert errors["name"] == [f"单位名称{ONLY_BY_REQUEST}"]
    fresh = Employer.objects.get(pk=institution.pk)
    assert (fresh.name, fresh.contact_phone, fresh.sheltered) == ("太仓某研究所", "", False)


def test_staff_still_change_contact_details(hr, institution):
    body = {"contact_name": "王芳", "contact_phone": "0512-53521234", "address": "太仓市城厢镇1号"}
    response = _patch(hr, institution, {**body, "industry": "科学研究"})

    assert response.status_code == 200
    fresh = Employer.objects.get(pk=institution.pk)
    assert (fresh.contact_name, fresh.contact_phone, fresh.address, fresh.industry) == (
        "王芳",
        "0512-53521234",
        "太仓市城厢镇1号",
        "科学研究",
    )


def test_an_unknown_or_read_only_field_is_refused_not_ignored(hr, institution):
    response = _patch(hr, institution, {"status": "active", "contact_name": "王芳"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status"}
    assert Employer.objects.get(pk=institution.pk).contact_name == ""


def test_the_schema_lists_only_contact_fields_as_writable(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    request = schema["components"]["schemas"]["PatchedEmployerContactUpdateRequest"]
    assert set(request["properties"]) == {"industry", "address", "contact_name", "contact_phone"}


def test_the_credit_export_keeps_the_code_of_the_decision_after_a_registry_change(make, institution):
    auditor = make.make_auditor("320585", kind="hrss")
    serious_flag(institution, auditor)
    original = institution.credit_code

    employer_registry_change(
        employer=institution,
        changes={"credit_code": credit_code("enterprise", "320585", 7779)},
        reason="原登记代码录入错误，按营业执照更正",
        by=auditor,
    )

    assert _export_codes(auditor) == [original]
