"""Applications for individual subsidies, paid through the four-eyes ledger once proposed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from ..choices import ApplicationStatus, SubsidyKind
from .scoping import ApplicationQuerySet

USER = settings.AUTH_USER_MODEL


class SubsidyApplication(models.Model):
    """A seeker's application (filed by the seeker or by service staff on their behalf). An
    auditor checks it and proposes a ledger entry; a second auditor approves that entry."""

    person = models.ForeignKey(
        "accounts.Person",
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name="申请人",
    )
    kind = models.CharField("补贴类型", max_length=30, choices=SubsidyKind.choices)
    amount = models.DecimalField("申请金额", max_digits=14, decimal_places=2)
    months = models.PositiveSmallIntegerField("补贴月数", null=True, blank=True)
    business_name = models.CharField("创业实体名称", max_length=120, blank=True)
    business_credit_code = models.CharField("创业实体统一社会信用代码", max_length=18, blank=True)
    training_record = models.ForeignKey(
        "indicators.TrainingRecord",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name="培训或鉴定记录",
    )
    note = models.CharField("说明", max_length=500, blank=True)
    # The checks as they stood when filed: [{"rule", "passed", "message", "source"}]
    eligibility = models.JSONField("资格核验", default=list)
    status = models.CharField(
        "状态", max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    refusal_reason = models.CharField("不予受理理由", max_length=500, blank=True)
    ledger_entry = models.OneToOneField(
        "quota.LedgerEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subsidy_application",
        verbose_name="台账记录",
    )
    applied_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="提交人")
    applied_at = models.DateTimeField("提交时间")
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="受理人"
    )

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = verbose_name_plural = "个人补贴申请"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_application_amount_positive"),
            # A 创业补贴 is paid once per person (a refused application may be filed again).
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="startup_subsidy") & ~Q(status="refused"),
                name="one_live_startup_subsidy_per_person",
            ),
            # One training or assessment record is subsidised once.
            models.UniqueConstraint(
                fields=["training_record"],
                condition=Q(training_record__isnull=False) & ~Q(status="refused"),
                name="one_live_application_per_training_record",
            ),
        ]

    def __str__(self):
        return f"{self.person} {self.get_kind_display()} {self.amount}元"

    @property
    def status_label(self) -> str:
        """The application's own status until proposed, then the ledger entry's."""
        if self.ledger_entry_id:
            return self.ledger_entry.get_status_display()
        return self.get_status_display()
