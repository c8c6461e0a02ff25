"""Exports leave no identifier in clear and run no formula; every endpoint is in the schema."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from backend.accounts.masks import mask_disability_certificate
from quota.services.exports import credit_flags_export, mask_free_text

from .factories import make_employer, make_flag
from .factories import make_person as make_registered_person


def test_identifiers_typed_into_free_text_are_masked():
    text = "证号32058519850301001X44，身份证320585198503010011；统一代码91320585MA0000001X 不是身份证"
    assert mask_free_text(text) == (
        # The certificate's category and grade digits (44) are hidden too (backend/accounts/masks.py).
        "证号3205**********001X**，身份证3205**********0011；统一代码91320585MA0000001X 不是身份证"
    )


def test_credit_export_masks_ids_in_the_reason_and_neutralises_formulas(db, auditor, reviewer):
    person = make_registered_person()
    number = person.decrypt("certificate")
    employer = make_employer(name='=HYPERLINK("http://x")')
    make_flag(
        employer,
        proposer=auditor,
        decider=reviewer,
        level="serious",
        reason=f"挂靠：证号{number}同时在两家单位",
        evidence="见审核",
        start_date=date(2026, 1, 1),
    )
    csv_text = credit_flags_export(user=auditor, fmt="csv").content.decode("utf-8-sig")
    assert number not in csv_text and mask_disability_certificate(number) in csv_text
    assert "'=HYPERLINK" in csv_text

    book = load_workbook(io.BytesIO(credit_flags_export(user=auditor, fmt="xlsx").content))
    cells = [cell for row in book["失信名单"].iter_rows(values_only=True) for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert all(number not in str(cell) for cell in cells)


def test_the_credit_export_is_scoped_to_the_reader(
    db, auditor, reviewer, outside_auditor, employer_a, employer_b
):
    for employer in (employer_a, employer_b):
        make_flag(employer, proposer=auditor, decider=reviewer, start_date=date(2026, 1, 1))
    assert credit_flags_export(user=auditor, fmt="csv").content.decode("utf-8-sig").count("\n") == 3
    assert credit_flags_export(user=outside_auditor, fmt="csv").content.decode("utf-8-sig").count("\n") == 1


@pytest.fixture(scope="module")
def schema():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/quota/audits/", "post"),
        ("/api/v1/quota/audits/{id}/", "get"),
        ("/api/v1/quota/audits/{id}/results/", "get"),
        ("/api/v1/quota/audits/{id}/findings/", "get"),
        ("/api/v1/quota/audits/{id}/export/", "get"),
        ("/api/v1/quota/notices/", "post"),
        ("/api/v1/quota/notices/{id}/cancel/", "post"),
        ("/api/v1/quota/payments/", "post"),
        ("/api/v1/quota/adjustments/", "post"),
        ("/api/v1/quota/ledger/", "post"),
        ("/api/v1/quota/ledger/{id}/approve/", "post"),
        ("/api/v1/quota/ledger/propose-from-policy/", "post"),
        ("/api/v1/quota/ledger/{id}/paid/", "post"),
        ("/api/v1/quota/credit-flags/{id}/objection/", "post"),
        ("/api/v1/quota/credit-flags/{id}/decide/", "post"),
        ("/api/v1/quota/credit-flags/{id}/close/", "post"),
        ("/api/v1/quota/credit-flags/{id}/close-decision/", "post"),
        ("/api/v1/quota/credit-flags/export/", "get"),
        ("/api/v1/quota/credit-cases/", "post"),
        ("/api/v1/quota/credit-cases/{id}/", "get"),
        ("/api/v1/quota/credit-cases/{id}/statement/", "post"),
        ("/api/v1/quota/credit-cases/{id}/waive/", "post"),
        ("/api/v1/quota/credit-cases/{id}/decide/", "post"),
        ("/api/v1/quota/credit-cases/{id}/files/{file_id}/", "get"),
    ],
)
def test_every_endpoint_is_in_the_openapi_schema_with_its_errors(schema, path, method):
    operation = schema["paths"][path][method]
    assert {"401", "403"} <= set(operation["responses"])
    if method == "post":
        assert "400" in operation["responses"]


def test_results_filters_and_sorting_are_declared(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/quota/audits/{id}/results/"]["get"]["parameters"]}
    assert {
        "region",
        "org_type",
        "status",
        "has_findings",
        "finding_kind",
        "ordering",
        "page",
        "page_size",
    } <= names


def test_flags_are_created_only_by_deciding_a_case(schema):
    """The one-step listing is gone: no POST on the flag list, and opening a case takes files."""
    assert "post" not in schema["paths"]["/api/v1/quota/credit-flags/"]
    body = schema["paths"]["/api/v1/quota/credit-cases/"]["post"]["requestBody"]["content"]
    assert list(body) == ["multipart/form-data"]
