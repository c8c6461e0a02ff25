"""The annual quota report (按比例安排残疾人就业情况申报), its roster and the approval snapshot.

One report per employer per data year (database constraint).  The levy for data year Y is
declared and paid in Y+1.  Roster lines point at a registry Person and keep only the
certificate's blind index: plaintext identifiers live encrypted on the Person row (security.md).
"""

import json
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from backend.accounts.crypto import cipher
from backend.accounts.scoping import ScopedQuerySet
from quota.audit.choices import AttachmentType

from ..choices import ReportAttachmentKind, ReportStatus, RosterCertificateKind


class QuotaReportQuerySet(ScopedQuerySet):
    """Employer staff: their employers' reports; auditors: employers in their regions; admins:
    all (read only for decisions — administrators do not approve, 三员分立); seekers: none."""

    employer_path = "employer"
    region_path = "employer__region"


class QuotaReport(models.Model):
    """An employer's report of staff, wages and disabled staff for one data year.

    Give either ``employee_count`` (annual average N) or ``monthly_headcounts`` (12 month-end
    counts as decimal strings), never both.  ``version`` rises with every change so a client can
    submit exactly the version it reviewed.
    """

    employer = models.ForeignKey(
        "accounts.Employer", on_delete=models.PROTECT, related_name="quota_reports", verbose_name="用人单位"
    )
    data_year = models.PositiveSmallIntegerField(
        "数据年度", help_text="职工人数和工资所属年度；保障金在下一年度申报缴纳"
    )
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    employee_count = models.DecimalField(
        "在职职工年平均人数", max_digits=12, decimal_places=4, null=True, blank=True
    )
    monthly_headcounts = models.JSONField("各月末在职职工人数", null=True, blank=True)
    total_wages = models.DecimalField(
        "在职职工工资总额（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    return_reasons = models.TextField("退回原因", blank=True)
    # What the auditor asked to see with the return (ReportAttachmentKind values); cleared on
    # resubmission, like the employer's view of the reasons.
    requested_attachments = models.JSONField("退回时要求补充的材料", default=list, blank=True)
    contact_name = models.CharField("经办人", max_length=40, blank=True)
    contact_phone = models.CharField("经办人电话", max_length=20, blank=True)
    receipt_no = models.CharField(
        "受理回执编号", max_length=20, null=True, blank=True, unique=True, editable=False
    )
    version = models.PositiveIntegerField("版本", default=1)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quota_reports_approved",
        verbose_name="审核人",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quota_reports_created",
        verbose_name="创建人",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = QuotaReportQuerySet.as_manager()

    class Meta:
        ordering = ["-data_year", "employer__name"]
        verbose_name = verbose_name_plural = "按比例就业年度申报"
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "data_year"], name="one_report_per_employer_per_data_year"
            ),
            models.CheckConstraint(
                condition=Q(employee_count__isnull=True) | Q(monthly_headcounts__isnull=True),
                name="quota_report_one_headcount_form",
            ),
            models.CheckConstraint(
                condition=Q(employee_count__isnull=True) | Q(employee_count__gte=0),
                name="quota_report_employee_count_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(total_wages__isnull=True) | Q(total_wages__gte=0),
                name="quota_report_wages_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.employer} {self.data_year}年度申报（{self.get_status_display()}）"

    @property
    def requested_attachment_labels(self) -> list[str]:
        """The documents the auditor asked for with the last return, as labels."""
        return [ReportAttachmentKind(kind).label for kind in self.requested_attachments or []]

    @property
    def levy_year(self) -> int:
        """The year the levy on this report is declared and paid (数据年度 + 1)."""
        return self.data_year + 1


class RosterLine(models.Model):
    """One disabled employee on a report's roster.  No plaintext identifiers are stored here:
    ``certificate_bidx`` copies the person's blind index for set-based cross-employer checks."""

    report = models.ForeignKey(
        QuotaReport, on_delete=models.CASCADE, related_name="roster", verbose_name="申报"
    )
    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="quota_roster_lines", verbose_name="人员"
    )
    certificate_bidx = models.CharField(max_length=64, db_index=True, editable=False)
    certificate_kind = models.CharField("证件类型", max_length=12, choices=RosterCertificateKind.choices)
    months = models.JSONField("在岗月份", help_text="数据年度内在岗的月份，1—12")
    monthly_wage = models.DecimalField("月工资（元）", max_digits=12, decimal_places=2)
    on_establishment = models.BooleanField("在编", default=False)
    contract_start = models.DateField("劳动合同开始日期", null=True, blank=True)
    contract_end = models.DateField("劳动合同结束日期", null=True, blank=True, help_text="留空表示无固定期限")
    insured_months = models.JSONField("缴纳社保月份", default=list, blank=True)
    dispatched = models.BooleanField("劳务派遣", default=False)
    dispatch_agency = models.CharField("派遣单位", max_length=120, blank=True)
    counts_here = models.BooleanField(
        "由本单位计算", default=True, help_text="派遣协议约定由本单位计入时为是"
    )
    line_no = models.PositiveIntegerField("序号", default=0)

    class Meta:
        ordering = ["report", "line_no", "id"]
        verbose_name = verbose_name_plural = "残疾职工名册"
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="roster_one_line_per_person"),
            models.CheckConstraint(condition=Q(monthly_wage__gte=0), name="roster_wage_not_negative"),
            models.CheckConstraint(
                condition=Q(contract_start__isnull=True)
                | Q(contract_end__isnull=True)
                | Q(contract_end__gte=models.F("contract_start")),
                name="roster_contract_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.report_id} 第{self.line_no}行 {self.person}"


def report_attachment_path(instance, filename: str) -> str:
    """A random name below ``reports/<report>/``: the uploader's file name is only a label."""
    extension = {AttachmentType.PDF: "pdf", AttachmentType.JPEG: "jpg", AttachmentType.PNG: "png"}.get(
        instance.content_type, "bin"
    )
    return f"reports/{instance.report_id}/{uuid.uuid4().hex}.{extension}"


class ReportAttachmentQuerySet(ScopedQuerySet):
    employer_path = "report__employer"
    region_path = "report__employer__region"


class ReportAttachment(models.Model):
    """A supporting document of an annual report (社保明细, contracts…): checked by content when
    uploaded (``quota.services.attachments.attachments_check``), stored privately under a random
    name, downloaded only through a view that checks who may see the report."""

    report = models.ForeignKey(
        QuotaReport, on_delete=models.CASCADE, related_name="attachments", verbose_name="申报"
    )
    kind = models.CharField("材料类型", max_length=20, choices=ReportAttachmentKind.choices)
    file = models.FileField("文件", upload_to=report_attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=120)
    content_type = models.CharField("文件类型", max_length=20, choices=AttachmentType.choices)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间")

    objects = ReportAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = verbose_name_plural = "申报材料"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"


class SnapshotQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("审核通过时的计算快照不能修改")

    def delete(self):
        raise PermissionError("审核通过时的计算快照不能删除")


class ReportSnapshot(models.Model):
    """What was approved, frozen: the inputs, the policy version, the result and its steps.

    ``inputs`` and ``result`` hold the report's figures only.  Everything about the named roster
    lines — who (person id, certificate blind index), months, wage, contract, and above all the
    disability category and grade each line was counted with (个人信息保护法 第二十八条) — is in
    ``lines_enc``: AES-GCM ciphertext of ``{"roster": [...], "lines": [...]}`` bound to this
    report (``aad``), read through ``quota.services.report_figures``, which logs each read.

    Immutable: written once by ``report_approve``; ``save`` refuses updates and ``delete``
    refuses.  The report is PROTECTed from deletion by it.
    """

    report = models.OneToOneField(QuotaReport, on_delete=models.PROTECT, related_name="snapshot")
    inputs = models.JSONField("申报数据")
    policy = models.JSONField("政策参数（含版本）")
    result = models.JSONField("计算结果")
    steps = models.JSONField("计算步骤", default=list)
    lines_enc = models.TextField("名册明细（加密）", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审核通过快照"

    def __str__(self):
        return f"{self.report} 快照"

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise PermissionError("审核通过时的计算快照不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审核通过时的计算快照不能删除")

    @staticmethod
    def aad(report_id: int) -> str:
        """Associated data binding the per-line ciphertext to its report: copied into another
        snapshot it fails to decrypt."""
        return f"report_snapshot:{report_id}:lines"

    def seal_lines(self, *, roster: list, lines: list) -> None:
        """Encrypt the per-line details (before the one save)."""
        payload = json.dumps({"roster": roster, "lines": lines}, ensure_ascii=False)
        self.lines_enc = cipher().encrypt(payload, self.aad(self.report_id))

    def open_lines(self) -> dict:
        """The decrypted ``{"roster": [...], "lines": [...]}``; callers log the read."""
        if not self.lines_enc:
            return {"roster": [], "lines": []}
        return json.loads(cipher().decrypt(self.lines_enc, self.aad(self.report_id)))
