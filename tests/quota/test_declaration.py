"""The declaration's paperwork through the services and the API: 经办人 and phone, documents
requested with a return, the 受理回执 number, payment instructions and the hires needed."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quota.choices import ReportStatus
from quota.selectors.declaration import hires_needed_for_report, payment_instructions
from quota.services import report_approve, report_return, report_submit
from quota.services.declaration import report_attachment_add, report_set_contact

from .audit.factories import PDF_BYTES
from .conftest import client_for
from .factories import make_line, make_person, make_report

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
MID_JULY = datetime(2026, 7, 15, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(name="社保明细.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_contact_phone_with_hyphens_is_saved_as_digits(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    report = report_set_contact(
        report=report, by=staff_a, contact_name=" 王  芳 ", contact_phone="139-1234-5678"
    )
    report.refresh_from_db()
    assert (report.contact_name, report.contact_phone) == ("王 芳", "13912345678")


def test_bad_contact_is_refused_field_by_field_and_nothing_saved(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    with pytest.raises(ValidationError) as error:
        report_set_contact(report=report, by=staff_a, contact_name="", contact_phone="12345")
    assert set(error.value.message_dict) == {"contact_name", "contact_phone"}
    assert "11位手机号" in error.value.message_dict["contact_phone"][0]
    report.refresh_from_db()
    assert (report.contact_name, report.contact_phone, report.version) == ("", "", 1)


@time_machine.travel(MID_JULY, tick=False)
def test_submission_gives_sequential_receipts_kept_on_resubmission(
    employer_a, staff_a, employer_b, staff_b, auditor
):
    first = report_submit(report=make_report(employer_a, by=staff_a, data_year=2025), by=staff_a)
    second = report_submit(report=make_report(employer_b, by=staff_b, data_year=2025), by=staff_b)
    assert (first.receipt_no, second.receipt_no) == ("TC-2026-000001", "TC-2026-000002")
    report_return(report=first, by=auditor, reasons="请核对人数")
    again = report_submit(report=first, by=staff_a)
    assert again.status == ReportStatus.RESUBMITTED and again.receipt_no == "TC-2026-000001"


@time_machine.travel(MID_JULY, tick=False)
def test_requested_documents_must_be_uploaded_before_resubmitting(employer_a, staff_a, auditor):
    report = report_submit(report=make_report(employer_a, by=staff_a, data_year=2025), by=staff_a)
    report = report_return(
        report=report,
        by=auditor,
        reasons="缺少社保明细",
        requested_attachments=["social_insurance", "contract"],
    )
    assert report.requested_attachment_labels == ["社保缴费明细", "劳动合同"]
    report_attachment_add(report=report, by=staff_a, kind="social_insurance", files=[_pdf()])
    with pytest.raises(ValidationError) as error:
        report_submit(report=report, by=staff_a)
    assert "劳动合同" in error.value.message_dict["attachments"][0]
    assert "社保缴费明细" not in error.value.message_dict["attachments"][0]
    report_attachment_add(report=report, by=staff_a, kind="contract", files=[_pdf("合同.pdf")])
    assert report_submit(report=report, by=staff_a).status == ReportStatus.RESUBMITTED


def test_unknown_requested_kind_is_refused(employer_a, staff_a, auditor):
    report = make_report(employer_a, by=staff_a, status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        report_return(report=report, by=auditor, reasons="x", requested_attachments=["photo"])
    assert "requested_attachments" in error.value.message_dict
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_file_that_is_not_pdf_is_refused_and_nothing_stored(employer_a, staff_a, tmp_path):
    report = make_report(employer_a, by=staff_a)
    fake = SimpleUploadedFile("明细.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        report_attachment_add(report=report, by=staff_a, kind="wages", files=[fake])
    assert "不是PDF" in error.value.message_dict["files"][0]
    assert report.attachments.count() == 0
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


@time_machine.travel(MID_JULY, tick=False)
def test_payment_instructions_give_the_approved_levy_and_a_reference(employer_a, staff_a, auditor):
    # N = 100, no disabled staff: shortfall 1.5 × average wage 59,500, capped at 2 × the social
    # average; the exact levy is whatever the snapshot froze — the instructions repeat it.
    report = report_submit(report=make_report(employer_a, by=staff_a, data_year=2025), by=staff_a)
    assert payment_instructions(report) is None  # not before approval
    report = report_approve(report=report, by=auditor)
    payment = payment_instructions(report)
    assert payment["amount"] == Decimal(report.snapshot.result["levy_due"]) > 0
    assert payment["reference"] == "TC-2026-000001-BZJ2026"
    assert payment["deadline"]["date"] == date(2026, 10, 31)
    assert len(payment["steps"]) == 5


@time_machine.travel(MID_JULY, tick=False)
def test_hires_needed_for_a_current_year_report(employer_a, staff_a):
    # N = 200 → 3 required; one grade-4 employee all year → D = 1, gap 2 (see the core test).
    report = make_report(employer_a, by=staff_a, data_year=2026, employee_count=Decimal("200"))
    make_line(report, make_person(grade=4), contract_start=date(2025, 1, 1))
    needed = hires_needed_for_report(report=report)
    assert needed.gap == 2
    assert [(o.weight, o.hires, o.start_by) for o in needed.options] == [
        (2, 3, date(2026, 8, 1)),
        (1, 5, date(2026, 8, 1)),
    ]


@time_machine.travel(MID_JULY, tick=False)
def test_api_contact_and_hires_needed_and_other_employer_gets_404(employer_a, staff_a, staff_b):
    report = make_report(employer_a, by=staff_a, data_year=2026, employee_count=Decimal("200"))
    api = client_for(staff_a)
    url = f"/api/v1/quota/reports/{report.pk}/"
    answer = api.post(
        url + "contact/", {"contact_name": "王芳", "contact_phone": "0512-5351 2345"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["contact_name"], answer.json()["contact_phone"]) == ("王芳", "0512-53512345")
    bad = api.post(url + "contact/", {"contact_name": "王芳", "contact_phone": "139"}, format="json")
    assert bad.status_code == 400 and "contact_phone" in bad.json()["errors"]
    hires = api.get(url + "hires-needed/")
    assert hires.status_code == 200
    body = hires.json()
    assert body["gap"] == "3.0000" and body["earliest_start"] == "2026-08-01"
    assert [(o["weight"], o["hires"], o["start_by"]) for o in body["options"]] == [
        (2, 4, "2026-08-01"),
        (1, 8, "2026-08-01"),
    ]
    other = client_for(staff_b)
    assert other.get(url + "hires-needed/").status_code == 404
    assert (
        other.post(url + "contact/", {"contact_name": "x", "contact_phone": "13912345678"}).status_code == 404
    )


def test_api_return_records_requested_attachments(employer_a, staff_a, auditor):
    report = make_report(employer_a, by=staff_a, status=ReportStatus.SUBMITTED)
    answer = client_for(auditor).post(
        f"/api/v1/quota/reports/{report.pk}/return/",
        {"reasons": "请补充合同", "requested_attachments": ["contract"]},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["requested_attachments"] == ["contract"]


def test_api_uploads_lists_and_removes_documents_checked_whole(employer_a, staff_a, staff_b):
    report = make_report(employer_a, by=staff_a)
    api = client_for(staff_a)
    url = f"/api/v1/quota/reports/{report.pk}/attachments/"

    created = api.post(
        url, {"kind": "social_insurance", "files": [_pdf(), _pdf("第二页.pdf")]}, format="multipart"
    )

    assert created.status_code == 201, created.content
    assert [a["name"] for a in created.json()] == ["社保明细.pdf", "第二页.pdf"]
    listed = api.get(url).json()
    assert [a["kind_label"] for a in listed] == ["社保缴费明细", "社保缴费明细"]
    assert listed[0]["download_url"] == f"/quota/attachments/{listed[0]['id']}/"
    # One bad file: nothing of the batch is stored, the error names the field.
    fake = SimpleUploadedFile("明细.pdf", b"not a pdf at all", content_type="application/pdf")
    bad = api.post(url, {"kind": "social_insurance", "files": [_pdf("三.pdf"), fake]}, format="multipart")
    assert bad.status_code == 400 and "files" in bad.json()["errors"]
    assert report.attachments.count() == 2
    assert api.post(url, {"kind": "nonsense", "files": [_pdf()]}, format="multipart").json()["errors"]["kind"]
    # Another employer's staff: not found, neither to read nor to write.
    other = client_for(staff_b)
    assert other.get(url).status_code == 404
    assert other.delete(f"{url}{listed[0]['id']}/").status_code == 404

    removed = api.delete(f"{url}{listed[0]['id']}/")

    assert removed.status_code == 204
    assert [a.name for a in report.attachments.all()] == ["第二页.pdf"]
