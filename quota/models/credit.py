"""The credit process before and after a 失信 listing: the case with its notice (告知) to the
employer, the employer's statements (陈述申辩), the evidence files, and requests to lift or
repair a flag that a second auditor decides.

国办发〔2020〕49号 requires that before a listing the party be told the facts, the grounds and its
right to state its case and defend itself (陈述、申辩); the listing is then decided separately.
Files are stored under MEDIA_ROOT with random names and are never served as media: they are
downloaded through views that check who may see the case (security.md).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from quota.audit.choices import (
    AttachmentType,
    ClosureAction,
    ClosureStatus,
    CreditCaseDecision,
    CreditCaseStatus,
    CreditLevel,
)

from .decisions import EmployerScopedQuerySet, FlagChildQuerySet

__all__ = ["CreditCase", "CreditStatement", "CreditAttachment", "CreditClosure"]

USER = settings.AUTH_USER_MODEL
EXTENSIONS = {AttachmentType.PDF: "pdf", AttachmentType.JPEG: "jpg", AttachmentType.PNG: "png"}


class CaseChildQuerySet(EmployerScopedQuerySet):
    employer_path = "case__employer"
    region_path = "case__employer__region"


def attachment_path(instance, filename: str) -> str:
    """A random name below ``credit/<case>/``: the uploader's file name is kept only as a label."""
    extension = EXTENSIONS.get(instance.content_type, "bin")
    return f"credit/{instance.case_id}/{uuid.uuid4().hex}.{extension}"


class CreditCase(models.Model):
    """A proposed 失信 listing: noticed to the employer, open for its statement until
    ``statement_due`` (unless it waives), then decided by a different auditor."""

    employer = models.ForeignKey("accounts.Employer", on_delete=models.PROTECT, related_name="credit_cases")
    level = models.CharField("拟认定的失信等级", max_length=10, choices=CreditLevel.choices)
    reason = models.CharField("拟认定的事由", max_length=500)
    basis = models.CharField("认定依据", max_length=500)
    evidence = models.TextField("证据说明")
    status = models.CharField(
        "状态", max_length=10, choices=CreditCaseStatus.choices, default=CreditCaseStatus.NOTIFIED
    )
    notified_on = models.DateField("告知日期")
    statement_days = models.PositiveSmallIntegerField("陈述申辩期限（天）")
    statement_due = models.DateField("陈述申辩截止日期")
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="告知人")
    opened_at = models.DateTimeField("告知时间")
    waived_by = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="放弃陈述申辩的人",
    )
    waived_at = models.DateTimeField("放弃陈述申辩时间", null=True, blank=True)
    decision = models.CharField("决定", max_length=10, choices=CreditCaseDecision.choices, blank=True)
    decision_reason = models.CharField("决定理由", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="决定人"
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = verbose_name_plural = "失信认定案件"
        constraints = [
            # One open case per employer: a second notice would run a parallel statement period.
            models.UniqueConstraint(
                fields=["employer"], condition=Q(status="notified"), name="one_open_credit_case_per_employer"
            ),
            models.CheckConstraint(
                condition=Q(statement_due__gte=models.F("notified_on")), name="credit_case_due_after_notice"
            ),
            models.CheckConstraint(
                condition=(Q(status="notified", decision="", decided_by__isnull=True))
                | (Q(status="flagged", decision="flag", decided_by__isnull=False))
                | (Q(status="dropped", decision="drop", decided_by__isnull=False)),
                name="credit_case_decision_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.employer} 拟认定{self.get_level_display()}（{self.get_status_display()}）"

    def statement_open(self, today) -> bool:
        """The employer may still submit a statement (period running, not waived, not decided)."""
        return (
            self.status == CreditCaseStatus.NOTIFIED
            and self.waived_at is None
            and today <= self.statement_due
        )

    def ready_to_decide(self, today) -> bool:
        """The statement period has ended or the employer waived it."""
        return self.status == CreditCaseStatus.NOTIFIED and (
            self.waived_at is not None or today > self.statement_due
        )


class CreditStatement(models.Model):
    """The employer's statement and defence (陈述申辩) on a case, during its period."""

    case = models.ForeignKey(CreditCase, on_delete=models.PROTECT, related_name="statements")
    text = models.TextField("陈述申辩内容")
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="提交人")
    submitted_at = models.DateTimeField("提交时间")

    history = HistoricalRecords()
    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = verbose_name_plural = "陈述申辩"

    def __str__(self):
        return f"陈述申辩 · {self.case}"


class CreditAttachment(models.Model):
    """A PDF, JPG or PNG file: evidence with the notice, or an attachment of a statement.

    Written once and never changed; the type is what the content is (checked when uploaded),
    the name is the uploader's file name for display only.
    """

    case = models.ForeignKey(CreditCase, on_delete=models.PROTECT, related_name="attachments")
    statement = models.ForeignKey(
        CreditStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField("文件", upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=120)
    content_type = models.CharField("类型", max_length=20, choices=AttachmentType.choices)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="上传人")
    uploaded_at = models.DateTimeField("上传时间")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = verbose_name_plural = "失信认定材料"

    def __str__(self):
        return self.name


class CreditClosure(models.Model):
    """A request to end a flag — 撤销 (listed in error) or 信用修复 (the employer corrected the
    breach) — proposed by one auditor and approved or refused by another."""

    flag = models.ForeignKey("quota.CreditFlag", on_delete=models.PROTECT, related_name="closures")
    action = models.CharField("操作", max_length=10, choices=ClosureAction.choices)
    reason = models.CharField("理由", max_length=500)
    status = models.CharField(
        "状态", max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.PENDING
    )
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="提出人")
    proposed_at = models.DateTimeField("提出时间")
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="复核人"
    )
    decided_at = models.DateTimeField("复核时间", null=True, blank=True)
    decision_note = models.CharField("复核意见", max_length=500, blank=True)

    history = HistoricalRecords()
    objects = FlagChildQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = verbose_name_plural = "撤销与信用修复申请"
        constraints = [
            models.UniqueConstraint(
                fields=["flag"], condition=Q(status="pending"), name="one_pending_closure_per_flag"
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.flag}"
