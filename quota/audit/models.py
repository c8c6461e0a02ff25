"""The annual audit: a run over a data year and regions, its per-employer results and findings.

Results and findings are rewritten as a whole when a run is (re)computed, so the task that
fills them is idempotent; the list of results is a plain indexed table, cheap to filter and sort.
"""

from django.conf import settings
from django.db import models

from backend.accounts.scoping import ScopedQuerySet
from quota.audit.choices import AuditStatus, FindingKind, ResultStatus, RunTrigger, Severity

__all__ = ["AuditRun", "AuditResult", "AuditFinding"]


class AuditRunQuerySet(ScopedQuerySet):
    """Auditors: runs over their regions; administrators: all (read-only); others: none."""

    region_path = "regions"
    region_path_is_many = True


class AuditRun(models.Model):
    """One annual compliance audit of a data year over a set of regions."""

    data_year = models.PositiveIntegerField("数据年度")
    regions = models.ManyToManyField("accounts.Region", related_name="audit_runs", verbose_name="审核区域")
    status = models.CharField("状态", max_length=10, choices=AuditStatus.choices, default=AuditStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    counts = models.JSONField("统计", default=dict, blank=True)
    error = models.TextField("错误信息", blank=True)
    # Empty for the platform's automatic re-checks (after an import, a resubmission, nightly).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_runs",
        verbose_name="发起人",
    )
    trigger = models.CharField(
        "发起方式", max_length=10, choices=RunTrigger.choices, default=RunTrigger.AUDITOR
    )
    trigger_reason = models.CharField("复核原因", max_length=200, blank=True)
    created_at = models.DateTimeField("发起时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # Last sign of life: set when the run is handed to the broker and each time the worker moves
    # it on.  The sweeper (quota.audit.services.recovery) re-enqueues a run whose sign is old.
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("执行次数", default=0)

    objects = AuditRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "年度审核"
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="audit_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.data_year}年度审核 #{self.pk}"


class ScopedByEmployerQuerySet(ScopedQuerySet):
    """Auditors: rows of employers in their regions; administrators: all; others: none."""

    region_path = "employer__region"


class AuditResult(models.Model):
    """One employer's figures in one run: N, D, ratio, levy due, status and number of findings."""

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="results")
    employer = models.ForeignKey("accounts.Employer", on_delete=models.CASCADE, related_name="audit_results")
    report = models.ForeignKey(
        "quota.QuotaReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("申报状态", max_length=12, choices=ResultStatus.choices)
    employee_count = models.DecimalField("在职职工人数 N", max_digits=14, decimal_places=4, null=True)
    counted_disabled = models.DecimalField("实际安排人数 D", max_digits=14, decimal_places=4, null=True)
    ratio = models.DecimalField("实际比例", max_digits=9, decimal_places=6, null=True)
    levy_due = models.DecimalField("应缴保障金", max_digits=14, decimal_places=2, null=True)
    exempt = models.BooleanField("免征", default=False)
    findings_count = models.PositiveIntegerField("问题数", default=0)
    max_severity = models.CharField("最高严重程度", max_length=6, choices=Severity.choices, blank=True)
    error = models.CharField("无法计算的原因", max_length=300, blank=True)

    objects = ScopedByEmployerQuerySet.as_manager()

    class Meta:
        ordering = ["employer__name", "id"]
        verbose_name = verbose_name_plural = "审核结果"
        constraints = [
            models.UniqueConstraint(fields=["run", "employer"], name="one_result_per_run_employer")
        ]
        indexes = [
            models.Index(fields=["run", "levy_due"]),
            models.Index(fields=["run", "ratio"]),
            models.Index(fields=["run", "status"]),
        ]

    def __str__(self):
        return f"{self.run} · {self.employer}"


class AuditFinding(models.Model):
    """One problem the audit found, with a severity and a plain-Chinese explanation."""

    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    employer = models.ForeignKey("accounts.Employer", on_delete=models.CASCADE, related_name="audit_findings")
    report = models.ForeignKey(
        "quota.QuotaReport", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    roster_line = models.ForeignKey(
        "quota.RosterLine", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("问题类型", max_length=40, choices=FindingKind.choices)
    severity = models.CharField("严重程度", max_length=6, choices=Severity.choices)
    message = models.CharField("说明", max_length=300)
    # 挂靠: the other employers counting the same certificate in the same months (ids; the page
    # names and links those the reader may see, and only counts the others).
    related_employers = models.JSONField("相关单位", default=list, blank=True)

    objects = ScopedByEmployerQuerySet.as_manager()

    class Meta:
        ordering = ["employer_id", "id"]
        verbose_name = verbose_name_plural = "审核发现"
        indexes = [
            models.Index(fields=["run", "employer"]),
            models.Index(fields=["run", "kind"]),
        ]

    def __str__(self):
        return f"{self.employer}: {self.message}"
