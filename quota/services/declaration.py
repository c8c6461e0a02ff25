"""The declaration's paperwork around a report: the 经办人 and phone, supporting documents
(社保明细, contracts…) an auditor may ask for when returning it, and the 受理回执 number given at
submission.  The report workflow itself (submit, return, approve) is in ``reports``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from quota.core.declaration import normalise_phone

from ..choices import ReportAttachmentKind
from ..models import QuotaReport, ReportAttachment
from .attachments import attachments_check, attachments_write
from .reports import lock_report, require_editable, require_staff, touch


@transaction.atomic
def report_set_contact(
    *,
    report: QuotaReport,
    by: User,
    contact_name: str,
    contact_phone: str,
    expected_version: int | None = None,
) -> QuotaReport:
    """Record the 经办人 (the person who files the declaration) and their phone, normalised
    ("139-1234-5678" → "13912345678"); both are required, every message names its field."""
    report = lock_report(report)
    require_staff(by, report.employer)
    require_editable(report, expected_version)
    name = " ".join(str(contact_name or "").split())
    errors = {}
    if not name:
        errors["contact_name"] = "请填写经办人姓名"
    elif len(name) > 40:
        errors["contact_name"] = "经办人姓名不超过40个字"
    phone = normalise_phone(contact_phone)
    if not str(contact_phone or "").strip():
        errors["contact_phone"] = "请填写经办人电话"
    elif phone is None:
        errors["contact_phone"] = (
            "经办人电话应为11位手机号（如139-1234-5678）或带区号的固定电话（如0512-53512345）"
        )
    if errors:
        raise ValidationError(errors)
    report.contact_name, report.contact_phone = name, phone
    touch(report, "填写经办人")
    return report


@transaction.atomic
def report_attachment_add(*, report: QuotaReport, by: User, kind: str, files) -> list[ReportAttachment]:
    """Attach supporting documents (PDF, JPG or PNG, checked by content) to a draft or returned
    report.  Every file is checked before the first is written; a failure stores nothing."""
    report = lock_report(report)
    require_staff(by, report.employer)
    require_editable(report)
    if kind not in ReportAttachmentKind.values:
        raise ValidationError({"kind": "请选择材料类型"})
    checked = attachments_check(files, field="files", required=True)
    return attachments_write(
        checked,
        lambda item: ReportAttachment(
            report=report,
            kind=kind,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_by=by,
            uploaded_at=timezone.now(),
        ),
    )


@transaction.atomic
def report_attachment_remove(*, attachment: ReportAttachment, by: User) -> None:
    """Remove a document from a draft or returned report (the file once the row is gone)."""
    report = lock_report(attachment.report)
    require_staff(by, report.employer)
    require_editable(report)
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
