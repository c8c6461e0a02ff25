"""The declaration pages through Django's client: the 经办人 step saves a lenient phone and keeps
bad input, documents upload on the same step, the auditor's return asks for documents, and
levy notices of another employer are a 404."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backend.accounts.choices import Role
from quota.choices import ReportStatus
from quota.services import report_approve, report_submit
from quota.services.decisions import notice_issue
from tests.quota.audit.factories import PDF_BYTES
from tests.quota.factories import make_report, make_user

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_contact_step_saves_a_hyphenated_phone_and_goes_on_to_the_preview(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    url = f"/employer/quota/{report.pk}/contact/"
    answer = signed_in(staff_a).post(
        url, {"contact_name": "王芳", "contact_phone": "139-1234-5678", "version": 1}
    )
    assert answer.status_code == 302 and answer["Location"].endswith(f"/employer/quota/{report.pk}/preview/")
    report.refresh_from_db()
    assert report.contact_phone == "13912345678"


def test_contact_step_keeps_what_was_typed_and_names_the_field(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    answer = signed_in(staff_a).post(
        f"/employer/quota/{report.pk}/contact/",
        {"contact_name": "王芳", "contact_phone": "139-12", "version": 1},
    )
    html = answer.content.decode()
    assert answer.status_code == 200 and "<title>错误：" in html
    assert "经办人电话应为11位手机号" in html and 'value="139-12"' in html and 'value="王芳"' in html
    report.refresh_from_db()
    assert report.contact_name == ""


def test_documents_upload_on_the_contact_step(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    upload = SimpleUploadedFile("社保明细.pdf", PDF_BYTES, content_type="application/pdf")
    client = signed_in(staff_a)
    answer = client.post(
        f"/employer/quota/{report.pk}/attachments/", {"kind": "social_insurance", "files": [upload]}
    )
    assert answer.status_code == 302
    attachment = report.attachments.get()
    assert (attachment.kind, attachment.name) == ("social_insurance", "社保明细.pdf")
    download = client.get(f"/quota/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_auditor_return_page_records_the_requested_documents(employer_a, staff_a):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    report = report_submit(report=make_report(employer_a, by=staff_a), by=staff_a)
    answer = signed_in(auditor).post(
        f"/auditor/reports/{report.pk}/return/",
        {"reasons": "请补充劳动合同", "requested_attachments": ["contract"]},
    )
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.requested_attachments == ["contract"]
    page = signed_in(staff_a).get(f"/employer/quota/{report.pk}/wages/").content.decode()
    assert "请补充劳动合同" in page and "劳动合同" in page


def test_levy_notices_list_own_and_refuse_another_employers(employer_a, staff_a, staff_b):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    report = report_approve(
        report=report_submit(report=make_report(employer_a, by=staff_a), by=staff_a), by=auditor
    )
    today = timezone.localdate()
    notice = notice_issue(report=report, issued_on=today, due_date=today + timedelta(days=30), by=auditor)
    assert notice.amount > Decimal("0")
    mine = signed_in(staff_a).get("/employer/levy/").content.decode()
    assert "共 1 份缴款通知" in mine and f"{notice.amount}" in mine
    assert signed_in(staff_b).get(f"/employer/levy/{notice.pk}/").status_code == 404
    assert "共 0 份缴款通知" in signed_in(staff_b).get("/employer/levy/").content.decode()
