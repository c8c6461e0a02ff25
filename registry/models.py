"""Verified facts the levy rests on: the 残疾人证 registry extract and social-insurance records.

The 联网认证 system checks each roster certificate against the national disabled persons' database
and each person's insurance record before the levy is declared (63号; quota-rules.md "Verified,
not declared"). These tables hold what the imports brought in; a roster line counts for the months
they (or an auditor's recorded confirmation) support. Identifiers are stored encrypted with a blind
index for lookup, computed exactly as ``backend.accounts.services`` computes Person's.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from backend.accounts.crypto import cipher
from backend.accounts.scoping import ScopedQuerySet

from .choices import CertificateStatus, ImportKind


class AuditorReadsQuerySet(ScopedQuerySet):
    """City-wide verification data: auditors and administrators read it; nobody else does."""

    auditors_read_all = True


class DataImport(models.Model):
    """One import of a registry or insurance file: who, when, from what, and what it changed."""

    kind = models.CharField("数据类型", max_length=12, choices=ImportKind.choices)
    source = models.CharField("来源文件", max_length=200)
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="导入人（空：命令行）",
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)
    rows = models.PositiveIntegerField("行数", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("更新", default=0)
    unchanged = models.PositiveIntegerField("未变", default=0)
    rechecked_reports = models.PositiveIntegerField("重新核对的申报", default=0)

    objects = AuditorReadsQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "核验数据导入"

    def __str__(self):
        return f"{self.get_kind_display()} {self.source}"


class CertificateRecord(models.Model):
    """One 残疾人证 as the registry extract lists it (the latest import that mentions it wins)."""

    certificate_bidx = models.CharField(max_length=64, unique=True, editable=False)
    certificate_enc = models.TextField(editable=False)
    name = models.CharField("姓名", max_length=40)
    status = models.CharField("状态", max_length=10, choices=CertificateStatus.choices)
    # JSON {"category": int, "grade": int} encrypted: category and grade are sensitive (PIPL Art. 28).
    disability_enc = models.TextField(editable=False)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    status_changed_on = models.DateField("状态变更日期", null=True, blank=True)
    source = models.ForeignKey(
        DataImport, on_delete=models.PROTECT, related_name="+", verbose_name="来源导入"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = AuditorReadsQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "残疾人证核验记录"

    def __str__(self):
        return f"{self.name}（{self.get_status_display()}）"

    def aad(self, field: str) -> str:
        # Bound to the blind index, which is stable across re-imports of the same certificate.
        return f"certificate_record:{self.certificate_bidx}:{field}"

    def decrypt(self, field: str) -> str:
        token = getattr(self, f"{field}_enc")
        return cipher().decrypt(token, self.aad(field)) if token else ""


class InsuranceRecord(models.Model):
    """One month of social insurance paid by an employer for one person (社保缴费明细)."""

    credit_code = models.CharField("统一社会信用代码", max_length=18)
    resident_bidx = models.CharField(max_length=64, editable=False)
    year = models.PositiveSmallIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份")
    # The insurances paid that month, in the order of INSURANCE_TYPES, joined with "|".
    types = models.CharField("险种", max_length=40)
    base = models.DecimalField("缴费基数（元）", max_digits=12, decimal_places=2)
    source = models.ForeignKey(
        DataImport, on_delete=models.PROTECT, related_name="+", verbose_name="来源导入"
    )

    objects = AuditorReadsQuerySet.as_manager()

    class Meta:
        ordering = ["credit_code", "year", "month", "id"]
        verbose_name = verbose_name_plural = "社保缴费记录"
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code", "year", "resident_bidx", "month"],
                name="one_insurance_record_per_month",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="insurance_month_1_12"
            ),
        ]

    def __str__(self):
        return f"{self.credit_code} {self.year}-{self.month:02d}"


class CertificateConfirmation(models.Model):
    """An auditor's recorded confirmation of a certificate the registry does not list (or not yet):
    e.g. a 残疾军人证, which the 残联 extract never holds, checked against the original."""

    certificate_bidx = models.CharField(max_length=64, db_index=True, editable=False)
    certificate_kind = models.CharField("证件类型", max_length=12)
    valid_from = models.DateField("核验有效起始日")
    valid_until = models.DateField("核验有效截止日", null=True, blank=True)
    reason = models.CharField("核验理由", max_length=300)
    evidence = models.CharField("核验依据（材料名称、编号）", max_length=300)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="核验人"
    )
    confirmed_at = models.DateTimeField("核验时间", auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤销时间", null=True, blank=True)

    objects = AuditorReadsQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        verbose_name = verbose_name_plural = "人工核验记录"

    def __str__(self):
        return f"人工核验 #{self.pk}"
