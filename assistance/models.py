"""就业援助 cases and the 一站式 职业能力测评 (issue 15).

A case is one period of help for one seeker, opened by a 就业服务专员 of the seeker's region
with the seeker's consent (ConsentScope.SERVICE_ASSISTANCE): a plan with goals, the contacts
log, referrals to jobs and training, the placement, the 稳岗回访 after it and the outcome. Rows
are read through ``visible_to``: the seeker their own, service staff the cases of their
regions, administrators all; auditors and employers none (service is not audit).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from backend.accounts.scoping import ScopedQuerySet

from .choices import (
    AssessmentStatus,
    CaseStatus,
    ContactKind,
    Outcome,
    Readiness,
    ReferralKind,
    ReferralStatus,
)


class CaseQuerySet(ScopedQuerySet):
    person_path = "person"
    service_region_path = "region"

    def indicator_counts_for(self, user) -> dict[str, int]:
        """The dashboard's counts (issue 15 indicators): cases opened, placed and retained in the
        reader's regions — auditors and service staff their regions, administrators all. Numbers
        only: no case becomes readable through them (auditors read no case)."""
        from backend.accounts.permissions import is_admin, is_auditor, is_service_staff

        rows = self.all()
        if is_auditor(user) or is_service_staff(user):
            paths = list(user.regions.values_list("path", flat=True))
            covered = models.Q(pk__in=[])
            for path in paths:
                covered |= models.Q(region__path__startswith=path)
            rows = rows.filter(covered)
        elif not is_admin(user):
            rows = rows.none()
        return {
            "建档": rows.count(),
            "已就业": rows.filter(placed_on__isnull=False).count(),
            "稳定就业（回访后仍在岗）": rows.filter(outcome="retained").count(),
        }


class Case(models.Model):
    """One 就业援助 case of one seeker; at most one is open per person."""

    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="assistance_cases", verbose_name="求职者"
    )
    # The region is the person's when the case opened: it decides which staff serve the case
    # even if the person later moves (the case is then closed as "moved").
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="+", verbose_name="区镇"
    )
    status = models.CharField("状态", max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    plan = models.TextField("援助计划", blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="建档人"
    )
    opened_at = models.DateTimeField("建档时间")
    placed_on = models.DateField("就业日期", null=True, blank=True)
    placed_employer = models.CharField("就业单位", max_length=120, blank=True)
    placed_job = models.CharField("岗位", max_length=80, blank=True)
    outcome = models.CharField("结案结果", max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField("结案说明", max_length=200, blank=True)
    closed_at = models.DateTimeField("结案时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = verbose_name_plural = "就业援助个案"
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=~Q(status="closed"), name="one_active_assistance_case"
            ),
            models.CheckConstraint(
                condition=Q(status="closed", outcome__gt="") | (~Q(status="closed") & Q(outcome="")),
                name="assistance_case_outcome_iff_closed",
            ),
            models.CheckConstraint(
                condition=~Q(status="placed") | Q(placed_on__isnull=False), name="assistance_placed_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.person}（{self.get_status_display()}）"

    def get_absolute_url(self):
        return reverse("frontend:service_case", args=[self.pk])


class CaseChildQuerySet(ScopedQuerySet):
    person_path = "case__person"
    service_region_path = "case__region"


class Goal(models.Model):
    """One goal of the case's plan (e.g. 完成面点师培训, 三个月内入职)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField("目标", max_length=200)
    target_date = models.DateField("计划完成日期", null=True, blank=True)
    done_on = models.DateField("完成日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "援助目标"

    def __str__(self):
        return self.text


class Contact(models.Model):
    """One contact with the seeker: a visit, a call, text messages (deaf seekers), a video call."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField("方式", max_length=8, choices=ContactKind.choices)
    on = models.DateField("日期")
    summary = models.TextField("情况记录", max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("记录时间")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = verbose_name_plural = "联系记录"

    def __str__(self):
        return f"{self.on} {self.get_kind_display()}"


class Referral(models.Model):
    """A referral to a job posting (from the matcher) or to a training course."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField("类型", max_length=8, choices=ReferralKind.choices)
    posting = models.ForeignKey(
        "matching.JobPosting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="岗位",
    )
    course_name = models.CharField("培训项目", max_length=100, blank=True)
    provider = models.CharField("培训机构", max_length=120, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("推荐时间")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "推荐记录"
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="job") & Q(posting__isnull=False))
                | (Q(kind="training") & Q(posting__isnull=True) & ~Q(course_name="")),
                name="assistance_referral_target_matches_kind",
            ),
        ]

    def __str__(self):
        return self.posting.title if self.posting_id else self.course_name


class FollowUp(models.Model):
    """A 稳岗回访 recorded for month 1, 3 or 6 after the placement."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    month = models.PositiveSmallIntegerField("回访（就业后第几个月）")
    on = models.DateField("回访日期")
    kind = models.CharField("方式", max_length=8, choices=ContactKind.choices)
    still_employed = models.BooleanField("仍在岗")
    note = models.CharField("情况", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        ordering = ["month"]
        verbose_name = verbose_name_plural = "稳岗回访"
        constraints = [models.UniqueConstraint(fields=["case", "month"], name="one_follow_up_per_month")]

    def __str__(self):
        return f"第{self.month}个月回访"


class AssessmentQuerySet(ScopedQuerySet):
    person_path = "person"
    service_region_path = "region"


class Assessment(models.Model):
    """一站式 职业能力测评 filled by staff with the seeker; the seeker confirms the results,
    which then feed their profile (and so the matcher)."""

    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="assessments", verbose_name="求职者"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    region = models.ForeignKey("accounts.Region", on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField("测评日期")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # {demand code: 1..4} — the matcher's demands (FitRule), see core/assessment.py.
    abilities = models.JSONField("能力评定", default=dict)
    skills = models.JSONField("技能", default=list, blank=True)
    desired = models.CharField("适合的工作方向", max_length=200, blank=True)
    hours = models.JSONField("工作时间意向", default=list, blank=True)
    employment_forms = models.JSONField("就业形式意向", default=list, blank=True)
    needs = models.JSONField("需要的支持", default=list, blank=True)
    readiness = models.CharField("就业准备程度", max_length=10, choices=Readiness.choices)
    advice = models.TextField("职业规划建议", max_length=2000, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.AWAITING
    )
    answered_at = models.DateTimeField("本人答复时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = verbose_name_plural = "职业能力测评"

    def __str__(self):
        return f"{self.person} {self.assessed_on}"
