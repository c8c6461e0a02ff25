"""What employers teach the occupation coder: their confirmations of a code for a posting title,
and the title → code pairs promoted from them (matching/services/aliases.py says when)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from backend.accounts.scoping import ScopedQuerySet

from ..choices import LearnedAliasStatus


class OccupationConfirmationQuerySet(ScopedQuerySet):
    """An employer's staff read their own employer's confirmations; administrators all."""

    employer_path = "employer"


class OccupationConfirmation(models.Model):
    """One employer's answer to "which occupation is this title?": the code it kept for a posting
    whose title has the key ``title_key`` (the title's first occupation phrase, cleaned:
    matching.core.occupations.title_key). One row per employer and key — posting the same title
    ten times is still one employer's word — holding the latest answer."""

    employer = models.ForeignKey(
        "accounts.Employer", on_delete=models.CASCADE, related_name="+", verbose_name="用人单位"
    )
    title_key = models.CharField("岗位名称（规范化）", max_length=80)
    title = models.CharField("岗位名称（原文）", max_length=80)
    code = models.CharField("确认的职业编码", max_length=12)
    # The codes the coder offered, best first, when the employer answered (empty through the API,
    # where the suggestions were asked for separately).
    suggested = models.JSONField("当时建议的编码", default=list, blank=True)
    posting = models.ForeignKey(
        "matching.JobPosting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="岗位",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="确认人",
    )
    confirmed_at = models.DateTimeField("确认时间")

    objects = OccupationConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["title_key", "employer_id"]
        verbose_name = verbose_name_plural = "职业编码确认"
        constraints = [
            models.UniqueConstraint(fields=["employer", "title_key"], name="occupation_confirmation_once"),
            models.CheckConstraint(condition=~Q(title_key=""), name="occupation_confirmation_key_set"),
        ]
        indexes = [models.Index(fields=["title_key"])]

    def __str__(self):
        return f"{self.title_key} → {self.code}"

    @property
    def chose_suggested(self) -> bool | None:
        """The employer kept one of the offered codes (None: nothing was offered)."""
        return self.code in self.suggested if self.suggested else None


class LearnedAliasQuerySet(ScopedQuerySet):
    """City-wide reference data: 残联 就业服务专员 read all of it (they answer for it), and
    administrators; nobody else lists it."""

    service_reads_all = True

    def active(self):
        return self.filter(status=LearnedAliasStatus.ACTIVE)


class LearnedAlias(models.Model):
    """A title → code pair the coder uses like a common name of the occupation, promoted from
    employers' confirmations (``supporters`` employers for it, ``dissenters`` for other codes).
    At most one active pair per title; a revoked pair stays revoked."""

    title_key = models.CharField("岗位名称（规范化）", max_length=80)
    code = models.CharField("职业编码", max_length=12)
    status = models.CharField(
        "状态", max_length=8, choices=LearnedAliasStatus.choices, default=LearnedAliasStatus.ACTIVE
    )
    supporters = models.PositiveIntegerField("确认的单位数", default=0)
    dissenters = models.PositiveIntegerField("选了其他编码的单位数", default=0)
    promoted_at = models.DateTimeField("生效时间")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="撤销人",
    )
    revoke_reason = models.CharField("撤销原因", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = LearnedAliasQuerySet.as_manager()

    class Meta:
        ordering = ["title_key", "code"]
        verbose_name = verbose_name_plural = "单位确认的岗位别名"
        constraints = [
            models.UniqueConstraint(fields=["title_key", "code"], name="learned_alias_pair_once"),
            # The backstop of "at most one active code per title" (the service also locks).
            models.UniqueConstraint(
                fields=["title_key"],
                condition=Q(status=LearnedAliasStatus.ACTIVE),
                name="learned_alias_one_active_per_title",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LearnedAliasStatus.values), name="learned_alias_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.title_key} → {self.code}（{self.get_status_display()}）"
