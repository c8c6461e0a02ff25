"""The employer's decisions on a roster draft proposed from facts (issue 10 §6)."""

from django.conf import settings
from django.db import models

from backend.accounts.scoping import ScopedQuerySet

from ..choices import DraftDecision, DraftSource


class RosterDraftDecisionQuerySet(ScopedQuerySet):
    """As the report: its employer's staff, auditors of the employer's region, administrators."""

    employer_path = "report__employer"
    region_path = "report__employer__region"


class RosterDraftDecision(models.Model):
    """What the employer did with one proposed line: confirmed it (the line was added through the
    roster service) or removed it, with the reason they must give.

    A table of its own rather than a line in the report's history: the draft must not propose a
    removed person again (a query on this table), and an auditor reading the roster sees who was
    left out, why, and by whom, per person — a free-text history reason cannot be queried so.
    """

    report = models.ForeignKey(
        "quota.QuotaReport", on_delete=models.CASCADE, related_name="draft_decisions", verbose_name="申报"
    )
    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="+", verbose_name="人员"
    )
    source = models.CharField("来源", max_length=10, choices=DraftSource.choices)
    months = models.JSONField("建议在岗月份")
    decision = models.CharField("处理", max_length=10, choices=DraftDecision.choices)
    reason = models.CharField("移除原因", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="处理人"
    )
    decided_at = models.DateTimeField("处理时间", auto_now_add=True)

    objects = RosterDraftDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["report", "id"]
        verbose_name = verbose_name_plural = "名册草稿处理记录"
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="one_draft_decision_per_person"),
            models.CheckConstraint(
                condition=~models.Q(decision="removed") | ~models.Q(reason=""),
                name="draft_removal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.report_id} {self.person_id} {self.get_decision_display()}"
