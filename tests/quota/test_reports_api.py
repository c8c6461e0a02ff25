"""The report and roster API: role × endpoint matrix, two-user (BOLA) tests, bad input → 400."""

from decimal import Decimal

import pytest

from backend.accounts.models import AccessLog
from quota.choices import ReportStatus
from quota.models import QuotaReport, ReportSnapshot, RosterLine

from .conftest import client_for
from .factories import make_employer, make_line, make_person, make_report

pytestmark = pytest.mark.django_db
REPORTS = "/api/v1/quota/reports"
LINES = "/api/v1/quota/roster-lines"


@pytest.fixture
def report_a(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    make_line(report, make_person())
    return report


@pytest.fixture
def report_b(employer_b, staff_b):
    report = make_report(
        employer_b, by=staff_b, employee_count=Decimal("250"), total_wages=Decimal("25000000")
    )
    make_line(report, make_person())
    return report


def state(report):
    """Everything a write could change, to compare before and after a refused request."""
    fresh = QuotaReport.objects.get(pk=report.pk)
    lines = list(RosterLine.objects.filter(report=report).order_by("pk").values())
    return (fresh.status, fresh.version, fresh.employee_count, fresh.total_wages, fresh.return_reasons, lines)


# --- employer A against employer B (BOLA) -----------------------------------------------


def test_employer_lists_only_its_own_reports(staff_a, report_a, report_b):
    data = client_for(staff_a).get(REPORTS).json()
    assert [r["id"] for r in data["results"]] == [report_a.pk]


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"total_wages": "1.00"}),
        ("post", "/submit", {}),
        ("get", "/preview", None),
        ("post", "/carry-forward", {}),
    ],
)
def test_employer_cannot_touch_another_employers_report(staff_a, report_b, method, suffix, body):
    before = state(report_b)
    client = client_for(staff_a)
    response = getattr(client, method)(f"{REPORTS}/{report_b.pk}{suffix}", body, format="json")
    assert response.status_code == 404
    assert state(report_b) == before


def test_employer_cannot_import_into_another_employers_report(staff_a, report_b):
    from .test_roster_import import row, workbook_file

    before = state(report_b)
    response = client_for(staff_a).post(
        f"{REPORTS}/{report_b.pk}/roster-import",
        {"mode": "replace", "file": workbook_file([row(make_person())])},
        format="multipart",
    )
    assert response.status_code == 404
    assert state(report_b) == before


def test_employer_cannot_read_change_or_delete_another_employers_roster_lines(staff_a, report_a, report_b):
    client = client_for(staff_a)
    line_b = report_b.roster.get()
    before = state(report_b)
    assert client.get(f"{LINES}?report={report_b.pk}").json()["results"] == []
    assert [line["report"] for line in client.get(LINES).json()["results"]] == [report_a.pk]
    assert client.get(f"{LINES}/{line_b.pk}").status_code == 404
    assert client.patch(f"{LINES}/{line_b.pk}", {"months": [1]}, format="json").status_code == 404
    assert client.delete(f"{LINES}/{line_b.pk}").status_code == 404
    person = make_person()
    body = {
        "report": report_b.pk,
        "name": person.name,
        "certificate_no": person.decrypt("certificate"),
        "months": [1, 2],
        "monthly_wage": "5000",
    }
    assert client.post(LINES, body, format="json").status_code == 404
    assert state(report_b) == before


def test_employer_cannot_create_a_report_for_another_employer(staff_a, employer_b):
    response = client_for(staff_a).post(
        REPORTS, {"employer": employer_b.pk, "data_year": 2025}, format="json"
    )
    assert response.status_code == 404
    assert not QuotaReport.objects.filter(employer=employer_b).exists()


# --- other roles ------------------------------------------------------------------------


def test_seeker_and_anonymous_get_nothing(seeker, api, report_a):
    client = client_for(seeker)
    assert client.get(REPORTS).status_code == 403
    assert client.get(f"{REPORTS}/{report_a.pk}").status_code == 403
    assert client.get(LINES).status_code == 403
    assert client.post(f"{REPORTS}/{report_a.pk}/submit", {}, format="json").status_code == 403
    assert api.get(REPORTS).status_code in (401, 403)
    assert api.get(f"{REPORTS}/{report_a.pk}").status_code in (401, 403)
    assert QuotaReport.objects.get(pk=report_a.pk).status == ReportStatus.DRAFT


def test_auditor_sees_reports_in_region_and_not_outside(auditor, outside_auditor, report_a, report_b):
    in_region = client_for(auditor).get(REPORTS).json()
    assert sorted(r["id"] for r in in_region["results"]) == sorted([report_a.pk, report_b.pk])
    outside = client_for(outside_auditor)
    assert outside.get(REPORTS).json()["results"] == []
    assert outside.get(f"{REPORTS}/{report_a.pk}").status_code == 404
    assert outside.get(f"{LINES}?report={report_a.pk}").json()["results"] == []


def test_auditor_outside_region_cannot_approve(staff_a, outside_auditor, report_a):
    client_for(staff_a).post(f"{REPORTS}/{report_a.pk}/submit", {}, format="json")
    before = state(report_a)
    response = client_for(outside_auditor).post(f"{REPORTS}/{report_a.pk}/approve", {}, format="json")
    assert response.status_code == 404
    assert state(report_a) == before


def test_admin_reads_everything_but_cannot_decide_or_file(staff_a, admin_user, report_a, report_b):
    client = client_for(admin_user)
    assert len(client.get(REPORTS).json()["results"]) == 2
    client_for(staff_a).post(f"{REPORTS}/{report_a.pk}/submit", {}, format="json")
    before = state(report_a)
    assert client.post(f"{REPORTS}/{report_a.pk}/approve", {}, format="json").status_code == 403
    assert client.post(f"{REPORTS}/{report_a.pk}/return", {"reasons": "x"}, format="json").status_code == 403
    assert client.patch(f"{REPORTS}/{report_a.pk}", {"total_wages": "1"}, format="json").status_code == 403
    assert (
        client.post(REPORTS, {"employer": report_a.employer_id, "data_year": 2023}, format="json").status_code
        == 403
    )
    assert state(report_a) == before
    assert not ReportSnapshot.objects.exists()


def test_employer_cannot_approve_or_return_its_own_report(staff_a, report_a):
    client = client_for(staff_a)
    client.post(f"{REPORTS}/{report_a.pk}/submit", {}, format="json")
    assert client.post(f"{REPORTS}/{report_a.pk}/approve", {}, format="json").status_code == 403
    assert client.post(f"{REPORTS}/{report_a.pk}/return", {"reasons": "x"}, format="json").status_code == 403
    assert QuotaReport.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED


# --- the workflow through the API --------------------------------------------------------


def test_full_workflow_through_the_api(staff_a, auditor, employer_a):
    staff, checker = client_for(staff_a), client_for(auditor)
    created = staff.post(REPORTS, {"data_year": 2024}, format="json")
    assert created.status_code == 201, created.json()
    report = created.json()
    assert (report["status"], report["levy_year"], report["version"]) == ("draft", 2025, 1)
    url = f"{REPORTS}/{report['id']}"
    patched = staff.patch(url, {"employee_count": "100", "total_wages": "5950000"}, format="json").json()
    assert patched["version"] == 2
    person = make_person()
    line = staff.post(
        LINES,
        {
            "report": report["id"],
            "name": person.name,
            "certificate_no": person.decrypt("certificate"),
            "months": list(range(1, 13)),
            "monthly_wage": "5000",
            "contract_start": "2023-01-01",
        },
        format="json",
    )
    assert line.status_code == 201, line.json()
    # Staff read back the number masked, without category and grade: the full number and the
    # disability digits leave the server only through the auditor's logged reveal.
    number = person.decrypt("certificate")
    assert "certificate_no" not in line.json()
    assert line.json()["certificate_no_masked"] == number[:4] + "*" * 10 + number[14:18] + "**"
    assert number not in line.content.decode()
    preview = staff.get(f"{url}/preview").json()
    assert preview["levy_due"] == "14875.00"
    assert preview["lines"][0]["counted"] is True
    stale = staff.post(f"{url}/submit", {"expected_version": 1}, format="json")
    assert stale.status_code == 400 and "expected_version" in stale.json()["errors"]
    submitted = staff.post(f"{url}/submit", {"expected_version": 3}, format="json")
    assert submitted.json()["status"] == "submitted"
    assert staff.patch(url, {"total_wages": "1"}, format="json").status_code == 400
    assert staff.post(f"{url}/submit", {}, format="json").status_code == 400
    assert checker.post(f"{url}/return", {}, format="json").status_code == 400
    returned = checker.post(f"{url}/return", {"reasons": "请补充社保缴费证明"}, format="json").json()
    assert (returned["status"], returned["return_reasons"]) == ("returned", "请补充社保缴费证明")
    assert staff.post(f"{url}/submit", {}, format="json").json()["status"] == "resubmitted"
    approved = checker.post(f"{url}/approve", {}, format="json").json()
    assert approved["status"] == "approved"
    assert approved["snapshot"]["result"]["levy_due"] == "14875.00"
    assert staff.get(url).json()["snapshot"]["steps"] == approved["snapshot"]["steps"]


def test_auditor_sees_masked_numbers_and_reveal_is_logged(auditor, report_a):
    client = client_for(auditor)
    line = client.get(f"{LINES}?report={report_a.pk}").json()["results"][0]
    number = report_a.roster.get().person.decrypt("certificate")
    assert "certificate_no" not in line
    # No category or grade digits in a masked number (backend/accounts/masks.py).
    assert line["certificate_no_masked"] == number[:4] + "*" * 10 + number[14:18] + "**"
    assert number not in str(client.get(f"{REPORTS}/{report_a.pk}").json())
    assert client.post(f"{LINES}/{line['id']}/reveal", {}, format="json").status_code == 400
    revealed = client.post(
        f"{LINES}/{line['id']}/reveal", {"purpose": "audit", "reason": "核对"}, format="json"
    )
    assert revealed.status_code == 200
    assert revealed.json()["certificate_no"] == number
    assert revealed["Cache-Control"] == "no-store"
    log = AccessLog.objects.get()
    assert (log.actor, log.person_id, log.purpose) == (auditor, line["person"], "audit")


def test_employer_cannot_use_reveal(staff_a, report_a):
    line = report_a.roster.get()
    response = client_for(staff_a).post(f"{LINES}/{line.pk}/reveal", {"purpose": "audit"}, format="json")
    assert response.status_code == 403
    assert not AccessLog.objects.exists()


def test_report_filters(auditor, report_a, report_b, employer_b, staff_b):
    client = client_for(auditor)
    gov = make_employer(org_type="government", region_code="320585101")
    make_report(gov, status=ReportStatus.APPROVED)

    def ids(query):
        response = client.get(f"{REPORTS}?{query}")
        assert response.status_code == 200, response.json()
        return sorted(r["id"] for r in response.json()["results"])

    assert ids("org_type=government") == [QuotaReport.objects.get(employer=gov).pk]
    assert ids("region=320585101") == [QuotaReport.objects.get(employer=gov).pk]
    assert ids("region=320585") == sorted(
        [report_a.pk, report_b.pk, QuotaReport.objects.get(employer=gov).pk]
    )
    assert ids("status=approved") == [QuotaReport.objects.get(employer=gov).pk]
    assert ids(f"employer={employer_b.pk}") == [report_b.pk]
    assert ids("data_year=2023") == []
    assert ids("levy_year=2025") == ids("data_year=2024")


@pytest.mark.parametrize(
    "query", ["data_year=abc", "status=bogus", "org_type=bank", "employer=x", "levy_year=1e99"]
)
def test_bad_filters_are_400_not_500(auditor, query):
    assert client_for(auditor).get(f"{REPORTS}?{query}").status_code == 400


# --- bad input on every write endpoint ---------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"data_year": "x"}, "data_year"),
        ({}, "data_year"),
        ({"data_year": 1999}, "data_year"),
        ({"data_year": 2999}, "data_year"),
        ({"data_year": 2024, "employer": "abc"}, "employer"),
    ],
)
def test_create_bad_input(staff_a, body, field):
    response = client_for(staff_a).post(REPORTS, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_create_duplicate_year_is_a_400(staff_a, report_a):
    response = client_for(staff_a).post(REPORTS, {"data_year": 2024}, format="json")
    assert response.status_code == 400
    assert "已经存在" in response.json()["errors"]["data_year"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"employee_count": "-1"}, "employee_count"),
        ({"employee_count": "abc"}, "employee_count"),
        ({"employee_count": "1.00001"}, "employee_count"),
        ({"monthly_headcounts": ["1"] * 11}, "monthly_headcounts"),
        ({"monthly_headcounts": ["x"] * 12}, "monthly_headcounts.0"),
        ({"employee_count": "1", "monthly_headcounts": ["1"] * 12}, "employee_count"),
        ({"total_wages": "1e20"}, "total_wages"),
        ({"expected_version": 0}, "expected_version"),
    ],
)
def test_patch_bad_input(staff_a, report_a, body, field):
    before = state(report_a)
    response = client_for(staff_a).patch(f"{REPORTS}/{report_a.pk}", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert state(report_a) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"months": [13]}, "months.0"),
        ({"months": []}, "months"),
        ({"months": [1, 1]}, "months"),
        ({"monthly_wage": "0"}, "monthly_wage"),
        ({"monthly_wage": "abc"}, "monthly_wage"),
        ({"contract_start": "2024-05-01", "contract_end": "2024-04-01"}, "contract_end"),
        ({"contract_start": "2024-02-30"}, "contract_start"),
        ({"report": "x"}, "report"),
        ({"name": ""}, "name"),
        ({"certificate_no": "123"}, "certificate_no"),
        ({"certificate_kind": "passport"}, "certificate_kind"),
        ({"insured_months": "1-12"}, "insured_months"),
    ],
)
def test_roster_line_create_bad_input(staff_a, report_a, change, field):
    person = make_person()
    body = {
        "report": report_a.pk,
        "name": person.name,
        "certificate_no": person.decrypt("certificate"),
        "months": [1, 2, 3],
        "monthly_wage": "5000",
    }
    body.update(change)
    before = state(report_a)
    response = client_for(staff_a).post(LINES, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert state(report_a) == before


def test_roster_line_create_for_a_person_already_listed_is_a_400(staff_a, report_a):
    person = report_a.roster.get().person
    body = {
        "report": report_a.pk,
        "name": person.name,
        "certificate_no": person.decrypt("certificate"),
        "months": [1],
        "monthly_wage": "5000",
    }
    response = client_for(staff_a).post(LINES, body, format="json")
    assert response.status_code == 400
    assert "已在名册第 1 行" in response.json()["errors"]["certificate_no"][0]


@pytest.mark.parametrize(
    "body",
    [
        {"months": "x"},
        {"monthly_wage": "-5"},
        {"insured_months": [0]},
        {"contract_end": "yesterday"},
        {"expected_version": 99},
    ],
)
def test_roster_line_patch_bad_input(staff_a, report_a, body):
    line = report_a.roster.get()
    before = state(report_a)
    response = client_for(staff_a).patch(f"{LINES}/{line.pk}", body, format="json")
    assert response.status_code == 400
    assert state(report_a) == before


def test_action_bad_input_is_400(staff_a, auditor, report_a):
    assert (
        client_for(staff_a)
        .post(f"{REPORTS}/{report_a.pk}/submit", {"expected_version": "x"}, format="json")
        .status_code
        == 400
    )
    client_for(staff_a).post(f"{REPORTS}/{report_a.pk}/submit", {}, format="json")
    response = client_for(auditor).post(
        f"{REPORTS}/{report_a.pk}/return", {"reasons": "x" * 3000}, format="json"
    )
    assert response.status_code == 400
    assert (
        client_for(staff_a).post(f"{REPORTS}/{report_a.pk}/carry-forward", {}, format="json").status_code
        == 400
    )


def test_preview_of_an_incomplete_report_is_a_400(staff_a, employer_a):
    report = make_report(employer_a, by=staff_a, data_year=2025, employee_count=None, total_wages=None)
    response = client_for(staff_a).get(f"{REPORTS}/{report.pk}/preview")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"employee_count", "total_wages"}


def test_schema_documents_the_quota_endpoints(api):
    schema = api.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/quota/calculate",
        "/api/v1/quota/reports/{id}/submit",
        "/api/v1/quota/reports/{id}/roster-import",
        "/api/v1/quota/roster-lines/{id}/reveal",
        "/api/v1/quota/policies/current",
    ):
        assert path + "/" in schema["paths"], path


def test_roster_errors_without_a_file_is_a_400_and_other_employers_get_404(staff_a, staff_b, report_a):
    assert (
        client_for(staff_a).post(f"{REPORTS}/{report_a.pk}/roster-errors", {}, format="multipart").status_code
        == 400
    )
    assert (
        client_for(staff_b).post(f"{REPORTS}/{report_a.pk}/roster-errors", {}, format="multipart").status_code
        == 404
    )
