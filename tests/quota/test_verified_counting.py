"""The levy rests on verified facts (issue 10 §4): a self-declared certificate is 待核验 and does
not count until the registry lists it as valid; imported insurance months replace the declared
ones, and a declared month without a record is a finding. Same figures in the report preview, the
approval snapshot and the annual audit."""

from datetime import date
from decimal import Decimal

import pytest

from quota.audit.services.run import audit_execute, audit_start
from quota.choices import ReportStatus
from quota.models import AuditFinding
from quota.services.reports import report_preview_dict
from tests.factories import make_certificate_record, make_confirmation, make_insurance_records

from .conftest import client_for
from .core.factories import make_certificate
from .factories import make_employer, make_line, make_person, make_report, make_user

YEAR = 2025


@pytest.fixture
def world(db):
    employer = make_employer()
    staff = make_user("employer", employer=employer)
    report = make_report(
        employer, by=staff, data_year=YEAR, employee_count=Decimal("100"), total_wages=Decimal("6000000")
    )
    person = make_person(grade=4, verified=False)  # self-registered: the registry does not list it
    line = make_line(report, person)
    return employer, staff, report, person, line


def _preview(staff, report) -> dict:
    response = client_for(staff).get(f"/api/v1/quota/reports/{report.pk}/preview/")
    assert response.status_code == 200, response.content
    return response.json()


def test_an_unverified_certificate_is_pending_and_the_levy_on_facts_does_not_count_it(world):
    employer, staff, report, person, line = world
    preview = _preview(staff, report)
    (shown,) = preview["lines"]
    assert (shown["verification"], shown["verification_name"]) == ("pending", "待核验")
    assert "核验库中没有该证" in shown["verification_message"]
    assert shown["months_counted"] == 0 and preview["counted_disabled"] == "0.0000"
    assert preview["verification"] == {"verified": 0, "pending": 1, "mismatch": 0}
    # If it is confirmed: D = 1 of the 1.5 required → p = 1 % → half of 0.5 × 60,000.
    assert preview["if_confirmed"]["counted_disabled"] == "1.0000"
    assert preview["levy_due"] == "81000.00"  # 1.5 × 60,000 × 90 %
    assert preview["if_confirmed"]["levy_due"] == "15000.00"


def test_a_registry_import_listing_it_as_valid_makes_it_count(world):
    employer, staff, report, person, line = world
    make_certificate_record(person.decrypt("certificate"), name=person.name)
    preview = _preview(staff, report)
    (shown,) = preview["lines"]
    assert shown["verification"] == "verified" and shown["months_counted"] == 12
    assert preview["levy_due"] == preview["if_confirmed"]["levy_due"] == "15000.00"


def test_insurance_records_for_january_to_june_count_six_months_and_flag_the_rest(world):
    employer, staff, report, person, line = world
    make_certificate_record(person.decrypt("certificate"), name=person.name)
    make_insurance_records(employer, person, year=YEAR, months=range(1, 7))
    preview = _preview(staff, report)
    (shown,) = preview["lines"]
    assert shown["months_counted"] == 6 and shown["contribution"] == "0.5000"
    assert shown["verification"] == "mismatch"
    codes = {reason["code"]: reason["months"] for reason in shown["reasons"]}
    assert codes["insurance_not_on_record"] == [7, 8, 9, 10, 11, 12]


def test_the_annual_audit_raises_the_uninsured_months_as_a_finding(world):
    employer, staff, report, person, line = world
    make_certificate_record(person.decrypt("certificate"), name=person.name)
    make_insurance_records(employer, person, year=YEAR, months=range(1, 7))
    report.status = ReportStatus.SUBMITTED
    report.save()
    run = audit_start(data_year=YEAR, by=make_user("auditor", regions=["320585"]))
    audit_execute(run_id=run.pk)
    finding = AuditFinding.objects.get(run=run, kind="insurance_not_on_record")
    assert finding.roster_line_id == line.pk and finding.severity == "high"
    assert "7至12月" in finding.message
    result = run.results.get(employer=employer)
    assert result.levy_due == Decimal(report_preview_dict(report)["levy_due"])


def test_records_without_every_required_insurance_do_not_make_a_month_insured(world):
    employer, staff, report, person, line = world
    make_certificate_record(person.decrypt("certificate"), name=person.name)
    make_insurance_records(employer, person, year=YEAR, months=range(1, 13), types="养老|医疗")
    (shown,) = _preview(staff, report)["lines"]
    assert shown["months_counted"] == 0


def test_without_insurance_records_the_declared_months_stand(world):
    employer, staff, report, person, line = world
    make_certificate_record(person.decrypt("certificate"), name=person.name)
    other = make_person()
    make_insurance_records(make_employer(), other, year=YEAR, months=range(1, 13))  # another employer's
    (shown,) = _preview(staff, report)["lines"]
    assert shown["months_counted"] == 12 and shown["verification"] == "verified"


def test_a_cancelled_certificate_counts_until_the_day_before_the_cancellation(world):
    employer, staff, report, person, line = world
    make_certificate_record(
        person.decrypt("certificate"), status="cancelled", status_changed_on=date(YEAR, 4, 1)
    )
    (shown,) = _preview(staff, report)["lines"]
    assert shown["months"] == [1, 2, 3] and shown["verification"] == "mismatch"
    assert "注销" in shown["verification_message"]


def test_an_auditors_confirmation_verifies_a_veteran_certificate(world):
    employer, staff, report, person, line = world
    veteran = make_person(veteran_grade=2, verified=False)
    make_line(report, veteran)
    lines = _preview(staff, report)["lines"]
    assert lines[1]["verification"] == "pending" and "残疾军人证" in lines[1]["verification_message"]
    make_confirmation(veteran)
    lines = _preview(staff, report)["lines"]
    assert lines[1]["verification"] == "verified" and lines[1]["months_counted"] == 12


def test_the_public_calculator_is_an_estimate_without_verification(db):
    response = client_for(None).post(
        "/api/v1/quota/calculate/",
        {
            "data_year": YEAR,
            "org_type": "enterprise",
            "employee_count": "100",
            "total_wages": "6000000",
            "disabled_employees": [
                {"certificate_no": make_certificate(), "monthly_wage": "5000", "contract_months": 24}
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    (line,) = response.json()["employees"]
    assert line["months_counted"] == 12 and "verification" not in line
