"""/api/v1/quota/audits/: start, progress, results (filter, sort, page), findings, export."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from backend.accounts.crypto import mask_identifier

from ..conftest import client_for
from .factories import filed_report, make_employer, make_line, make_person

URL = "/api/v1/quota/audits/"


@pytest.fixture
def region_data(db):
    """Three employers: one clean, one paying below the minimum wage, one institution sharing a
    certificate with the second in the same months (挂靠)."""
    clean = make_employer(name="合规公司")
    low = make_employer(name="低薪公司", region_code="320585101")
    public = make_employer(name="某事业单位", org_type="institution")
    shared = make_person()
    filed_report(clean, persons=[make_person(), make_person()])
    low_report = filed_report(low, employee_count=Decimal("300"))
    make_line(low_report, make_person(), monthly_wage=Decimal("1500.00"))
    make_line(low_report, shared)
    make_line(filed_report(public, employee_count=Decimal("50")), shared)
    return {"clean": clean, "low": low, "public": public, "shared": shared}


@pytest.fixture
def started(region_data, auditor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(auditor).post(URL, {"data_year": 2025}, format="json")
    assert response.status_code == 202, response.data
    return response.data


def names(response):
    return [row["employer_name"] for row in response.data["results"]]


def test_start_answers_202_with_the_run_and_get_shows_progress(started, auditor):
    assert started["data_year"] == 2025 and started["regions"] == ["320585"]
    run = client_for(auditor).get(f"{URL}{started['id']}/").data
    assert (run["status"], run["progress"], run["counts"]["employers"]) == ("done", 100, 3)


def test_results_have_the_figures_of_each_employer(started, auditor, region_data):
    response = client_for(auditor).get(f"{URL}{started['id']}/results/", {"ordering": "employer_name"})
    rows = {row["employer_name"]: row for row in response.data["results"]}
    assert response.data["count"] == 3
    clean = rows["合规公司"]
    # N = 100, D = 2 ≥ 1.5: nothing due.
    assert (clean["employee_count"], clean["counted_disabled"], clean["ratio"], clean["levy_due"]) == (
        "100.0000",
        "2.0000",
        "0.020000",
        "0.00",
    )
    assert (clean["status"], clean["findings_count"], clean["region"]) == ("submitted", 0, "320585100")
    assert rows["低薪公司"]["findings_count"] == 2 and rows["低薪公司"]["max_severity"] == "high"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "320585101"}, ["低薪公司"]),
        ({"org_type": "institution"}, ["某事业单位"]),
        ({"has_findings": "false"}, ["合规公司"]),
        ({"finding_kind": "below_minimum_wage"}, ["低薪公司"]),
        ({"finding_kind": "double_counting", "ordering": "-employee_count"}, ["低薪公司", "某事业单位"]),
        ({"ordering": "-levy_due", "has_findings": "true"}, ["低薪公司", "某事业单位"]),
        ({"ordering": "counted_disabled"}, ["低薪公司", "某事业单位", "合规公司"]),
        ({"status": "approved"}, []),
    ],
)
def test_results_filter_and_sort(started, auditor, params, expected):
    response = client_for(auditor).get(f"{URL}{started['id']}/results/", params)
    assert response.status_code == 200
    assert names(response) == expected


def test_results_are_paginated(started, auditor):
    response = client_for(auditor).get(
        f"{URL}{started['id']}/results/", {"page_size": 2, "ordering": "employer_name"}
    )
    assert response.data["count"] == 3 and len(response.data["results"]) == 2 and response.data["next"]


def test_findings_list_explains_each_problem(started, auditor, region_data):
    response = client_for(auditor).get(f"{URL}{started['id']}/findings/", {"kind": "double_counting"})
    assert sorted(row["employer_name"] for row in response.data["results"]) == ["低薪公司", "某事业单位"]
    assert all(row["severity"] == "high" and "挂靠" in row["message"] for row in response.data["results"])
    assert response.data["results"][0]["kind_display"] == "同一证件同月被多家单位计入（挂靠）"


def test_export_xlsx_has_results_and_findings_with_masked_certificates_only(started, auditor, region_data):
    response = client_for(auditor).get(f"{URL}{started['id']}/export/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["审核结果", "问题清单"]
    findings = list(book["问题清单"].iter_rows(values_only=True))
    number = region_data["shared"].decrypt("certificate")
    text = "".join(str(cell) for row in findings for cell in row)
    assert mask_identifier(number) in text and number not in text
    # Birth date, category and grade hidden (backend/accounts/masks.py).
    assert mask_identifier(number) == number[:4] + "*" * 10 + number[14:18] + "**"
    resident = region_data["shared"].decrypt("resident_id")
    assert resident not in response.content.decode("latin-1")


def test_export_csv_of_findings_has_masked_certificates_only(started, auditor, region_data):
    response = client_for(auditor).get(
        f"{URL}{started['id']}/export/", {"format": "csv", "table": "findings"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][3] == "残疾人证号（脱敏）"
    number = region_data["shared"].decrypt("certificate")
    assert mask_identifier(number) in body and number not in body


def test_export_csv_of_results_follows_the_filters(started, auditor):
    response = client_for(auditor).get(
        f"{URL}{started['id']}/export/", {"format": "csv", "region": "320585101"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["单位名称", "低薪公司"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("export/", {"format": "pdf"}, "format"),
        ("export/", {"format": "csv", "table": "people"}, "table"),
        ("results/", {"region": "abc"}, "region"),
        ("results/", {"ordering": "name; drop table"}, "ordering"),
        ("results/", {"finding_kind": "nonsense"}, "finding_kind"),
        ("results/", {"has_findings": "maybe"}, "has_findings"),
        ("findings/", {"employer": "99999999999999999999999"}, "employer"),
        ("findings/", {"severity": "extreme"}, "severity"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_field(started, auditor, path, params, field):
    response = client_for(auditor).get(f"{URL}{started['id']}/{path}", params)
    assert response.status_code == 400
    assert field in response.data["errors"]


@pytest.mark.parametrize(
    "body", [{}, {"data_year": "abc"}, {"data_year": 1999}, {"data_year": 2999}, {"data_year": None}]
)
def test_bad_start_requests_are_400(db, auditor, body):
    response = client_for(auditor).post(URL, body, format="json")
    assert response.status_code == 400 and "data_year" in response.data["errors"]


def test_a_run_that_does_not_exist_is_404(db, auditor):
    for path in ("999/", "999/results/", "999/findings/", "999/export/", "abc/"):
        assert client_for(auditor).get(f"{URL}{path}").status_code == 404
