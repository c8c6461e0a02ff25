"""就业专场招聘会 (issue 15 §6): fairs with their accessibility facts, employers' booths with
postings, seekers' registrations with their access needs for the day, and the results
(interview, offer, hire) the organisers record.

Organisers are the 残联's 就业服务专员 of the fair's region and administrators
(``backend.accounts.permissions.may_organise_fair``); a published fair and its booths are
public, everything else is read through ``visible_to``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from backend.accounts.models import Employer, Person, Region
from backend.accounts.scoping import ScopedQuerySet

from .choices import FairFormat, FairStatus, ResultKind


class FairScopedQuerySet(ScopedQuerySet):
    """Rows of a fair: the 就业服务专员 read those of fairs in their regions."""

    service_region_path = "fair__region"


class JobFairQuerySet(FairScopedQuerySet):
    service_region_path = "region"

    def public(self):
        return Q(status=FairStatus.PUBLISHED)


class JobFair(models.Model):
    """One 专场招聘会, on site or online, with the accessibility facts it promises."""

    title = models.CharField("名称", max_length=80)
    description = models.TextField("简介", blank=True)
    format = models.CharField("形式", max_length=8, choices=FairFormat.choices, default=FairFormat.ONSITE)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name="举办区镇")
    venue = models.CharField("地点", max_length=200, blank=True)
    online_platform = models.CharField("网络平台", max_length=200, blank=True)
    step_free = models.BooleanField("无台阶通行（坡道或电梯）", default=False)
    sign_language = models.BooleanField("手语翻译", default=False)
    screen_reader_materials = models.BooleanField("读屏友好的电子材料", default=False)
    accessible_toilet = models.BooleanField("无障碍卫生间", default=False)
    quiet_room = models.BooleanField("安静休息室", default=False)
    captions = models.BooleanField("实时字幕", default=False)
    access_notes = models.CharField("其他无障碍说明", max_length=300, blank=True)
    booth_capacity = models.PositiveIntegerField("展位数量")
    status = models.CharField("状态", max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="组织人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = JobFairQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = verbose_name_plural = "专场招聘会"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="fair_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(booth_capacity__gte=1), name="fair_has_booths"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("frontend:fair_detail", args=[self.pk])


class BoothQuerySet(FairScopedQuerySet):
    employer_path = "employer"

    def public(self):
        return Q(fair__status=FairStatus.PUBLISHED, withdrawn_at__isnull=True)


class Booth(models.Model):
    """An employer's booth at a fair with the open postings it brings. One active booth per
    employer per fair; a withdrawn booth keeps its row (and its number is not reused)."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="booths", verbose_name="招聘会")
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="+", verbose_name="用人单位"
    )
    number = models.PositiveIntegerField("展位号")
    postings = models.ManyToManyField("matching.JobPosting", related_name="+", verbose_name="招聘岗位")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="报名人"
    )
    created_at = models.DateTimeField("报名时间", auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)

    objects = BoothQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "number"]
        verbose_name = verbose_name_plural = "招聘会展位"
        constraints = [
            models.UniqueConstraint(fields=["fair", "number"], name="one_booth_per_number"),
            models.UniqueConstraint(
                fields=["fair", "employer"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_booth_per_employer",
            ),
        ]

    def __str__(self):
        return f"{self.number}号展位 {self.employer}"


class RegistrationQuerySet(FairScopedQuerySet):
    person_path = "person"


class FairRegistration(models.Model):
    """A seeker's registration for a fair, with what they need on the day."""

    fair = models.ForeignKey(
        JobFair, on_delete=models.CASCADE, related_name="registrations", verbose_name="招聘会"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="求职者")
    access_needs = models.JSONField("当天需要的无障碍支持", default=list, blank=True)
    needs_note = models.CharField("其他需要", max_length=200, blank=True)
    created_at = models.DateTimeField("报名时间", auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "id"]
        verbose_name = verbose_name_plural = "招聘会求职者报名"
        constraints = [models.UniqueConstraint(fields=["fair", "person"], name="one_registration_per_fair")]

    def __str__(self):
        return f"{self.person} @ {self.fair}"


class ResultQuerySet(FairScopedQuerySet):
    person_path = "person"
    employer_path = "booth__employer"


class FairResult(models.Model):
    """An interview, offer or hire at a booth; a hire links the 实名制 record it created."""

    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="results", verbose_name="招聘会")
    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="results", verbose_name="展位")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", verbose_name="求职者")
    kind = models.CharField("结果", max_length=10, choices=ResultKind.choices)
    employment = models.OneToOneField(
        "matching.Employment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="实名制就业记录",
    )
    note = models.CharField("备注", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["fair", "booth", "id"]
        verbose_name = verbose_name_plural = "招聘会结果"
        constraints = [
            models.UniqueConstraint(fields=["booth", "person", "kind"], name="one_result_per_kind"),
            models.CheckConstraint(
                condition=Q(kind=ResultKind.HIRE, employment__isnull=False) | ~Q(kind=ResultKind.HIRE),
                name="hire_has_employment",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.person} @ {self.booth}"
