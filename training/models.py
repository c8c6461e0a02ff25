"""The training course catalogue (职业技能培训课程): courses the 残联 and its partner schools run
for disabled residents, kept by the 就业服务专员 of the course's region and administrators.

A course is about skills, not people: who attended is ``indicators.TrainingRecord`` (the plan's
indicator counts those). A published course is read by everyone signed in.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from backend.accounts.scoping import ScopedQuerySet

from .choices import ACCESS_ARRANGEMENTS, CostKind


class TrainingCourseQuerySet(ScopedQuerySet):
    """Published courses: everyone; drafts: the service staff of the course's region (and
    administrators)."""

    service_region_path = "region"

    def public(self):
        return Q(published=True)

    def open_on(self, day):
        """Published courses one can still sign up for on ``day``."""
        return self.filter(published=True).filter(
            Q(enrol_by__gte=day) | Q(enrol_by__isnull=True, starts_on__gte=day)
        )


class TrainingCourse(models.Model):
    """One run of a training course (a class with dates), and the skills it teaches."""

    name = models.CharField("课程名称", max_length=100)
    provider = models.CharField("培训机构", max_length=120)
    description = models.TextField("课程介绍", blank=True)
    # Canonical names of the matcher's skill vocabulary (matching.core.skills), so that a job's
    # "还缺少：X" finds the course teaching X; normalised by the services on every save.
    skills = models.JSONField("教授的技能", default=list)
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="+", verbose_name="开课区镇"
    )
    venue = models.CharField("上课地点", max_length=200, blank=True)
    starts_on = models.DateField("开课日期")
    ends_on = models.DateField("结课日期")
    enrol_by = models.DateField("报名截止", null=True, blank=True, help_text="留空为开课前一天都可以报名")
    hours = models.PositiveSmallIntegerField("学时")
    cost_kind = models.CharField("费用", max_length=12, choices=CostKind.choices, default=CostKind.FREE)
    fee = models.DecimalField("个人支付（元）", max_digits=14, decimal_places=2, default=0)
    cost_note = models.CharField("费用说明", max_length=200, blank=True)
    access = models.JSONField("无障碍安排", default=list, blank=True)
    access_notes = models.CharField("其他无障碍说明", max_length=300, blank=True)
    how_to_enrol = models.CharField("报名方式", max_length=300)
    published = models.BooleanField("已发布", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = TrainingCourseQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]
        verbose_name = verbose_name_plural = "职业技能培训课程"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="course_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="course_fee_not_negative"),
            # 免费 means the seeker pays nothing: a fee on a free course is a data-entry error.
            models.CheckConstraint(
                condition=~Q(cost_kind=CostKind.FREE) | Q(fee=0), name="free_course_has_no_fee"
            ),
        ]
        indexes = [models.Index(fields=["published", "starts_on"])]

    def __str__(self):
        return f"{self.name}（{self.starts_on:%Y-%m-%d}）"

    def get_absolute_url(self):
        return reverse("frontend:training_course", args=[self.pk])

    @property
    def enrol_until(self):
        """The last day to sign up: 报名截止, else the first day of the course."""
        return self.enrol_by or self.starts_on

    def skills_zh(self) -> str:
        return "、".join(self.skills)

    def access_labels(self) -> list[str]:
        return [ACCESS_ARRANGEMENTS.get(code, code) for code in self.access]
