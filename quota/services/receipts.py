"""What a submission and a return leave on the report: the 受理回执 number, and the documents an
auditor asked for with the return (checked before the report can be resubmitted).  Called by
``reports.report_submit`` and ``reports.report_return`` inside their transaction and row lock.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from quota.core.declaration import receipt_number

from ..choices import ReportAttachmentKind, ReportStatus
from ..models import QuotaReport

RECEIPT_ATTEMPTS = 5


def requested_kinds_check(kinds) -> list[str]:
    """The auditor's request as a list of known kinds (order kept, no repeats)."""
    kinds = list(dict.fromkeys(kinds or []))
    unknown = [kind for kind in kinds if kind not in ReportAttachmentKind.values]
    if unknown:
        raise ValidationError({"requested_attachments": f"未知的材料类型：{'、'.join(map(str, unknown))}"})
    return kinds


def missing_requested_attachments(report: QuotaReport) -> list[str]:
    """Kinds the auditor asked for with the return that have no uploaded file yet."""
    have = set(report.attachments.values_list("kind", flat=True))
    return [kind for kind in report.requested_attachments or [] if kind not in have]


def receipt_assign(report: QuotaReport) -> None:
    """Give a report its 受理回执 number at its first submission (kept on resubmission), inside
    the caller's transaction and row lock.  Numbers run per calendar year of submission; two
    reports submitted at the same moment may pick the same next number — the unique column
    decides and the loser takes the next one."""
    if report.receipt_no:
        return
    year = timezone.localdate().year
    prefix = receipt_number(year, 1)[:-6]
    for _attempt in range(RECEIPT_ATTEMPTS):
        last = (
            QuotaReport.objects.filter(receipt_no__startswith=prefix)
            .order_by("-receipt_no")
            .values_list("receipt_no", flat=True)
            .first()
        )
        number = receipt_number(year, int(last[-6:]) + 1 if last else 1)
        try:
            with transaction.atomic():
                updated = QuotaReport.objects.filter(pk=report.pk, receipt_no__isnull=True).update(
                    receipt_no=number
                )
        except IntegrityError:
            continue
        if updated:
            report.receipt_no = number
        return
    raise ValidationError("受理回执编号生成失败，请稍后再提交", code="receipt_busy")


def require_requested_attachments(report: QuotaReport) -> None:
    """A returned report is resubmitted only with the documents the auditor asked for."""
    if report.status != ReportStatus.RETURNED:
        return
    missing = missing_requested_attachments(report)
    if missing:
        labels = "、".join(ReportAttachmentKind(kind).label for kind in missing)
        raise ValidationError({"attachments": f"审核人员要求补充{labels}，请先在“申报材料”中上传"})
