"""Job postings (招聘岗位)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from backend.accounts.choices import Role
from backend.accounts.models import Employer, Region
from backend.accounts.scoping import ScopedQuerySet

from ..choices import Education, EmploymentForm, Hours, PostingStatus


class JobPostingQuerySet(ScopedQuerySet):
    """Everyone sees open postings; employer staff also their own employers' postings in any
    state, auditors those of employers in their regions, administrators all."""

    employer_path = "employer"
    region_path = "employer__region"

    def public(self) -> Q:
        """Open, already published and not past its closing date (the public market)."""
        today = timezone.localdate()
        return Q(status=PostingStatus.OPEN, opens_on__lte=today) & (
            Q(closes_on__isnull=True) | Q(closes_on__gte=today)
        )

    def currently_open(self):
        return self.filter(self.public())

    def scheduled(self):
        """Open postings whose 发布日期 is still to come: nobody but their employer sees them yet."""
        return self.filter(status=PostingStatus.OPEN, opens_on__gt=timezone.localdate())

    def managed_by(self, user):
        """Postings the user may edit: their employers' postings (administrators: all)."""
        if not user or not user.is_authenticated:
            return self.none()
        if user.role == Role.ADMIN:
            return self
        if user.role == Role.EMPLOYER:
            return self.filter(employer__memberships__user=user).distinct()
        return self.none()


class JobPosting(models.Model):
    """A vacancy an employer publishes. ``demands`` are the job's duties in the categories of the
    disability-fit table: extracted from the text, then confirmed or edited by the employer."""

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="postings", verbose_name="用人单位"
    )
    title = models.CharField("岗位名称", max_length=80)
    description = models.TextField("岗位描述", blank=True)
    skills = models.JSONField("技能要求", default=list, blank=True)
    occupation_code = models.CharField("职业分类代码", max_length=12, blank=True)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="工作区镇"
    )
    address = models.CharField("工作地址", max_length=200, blank=True)
    employment_form = models.CharField(
        "就业形式", max_length=12, choices=EmploymentForm.choices, default=EmploymentForm.COMPETITIVE
    )
    hours = models.CharField("工作时间", max_length=10, choices=Hours.choices, default=Hours.FULL_TIME)
    pay_min = models.DecimalField("月薪下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    pay_max = models.DecimalField("月薪上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    education = models.CharField("学历要求", max_length=12, choices=Education.choices, default="none")
    headcount = models.PositiveIntegerField("招聘人数", default=1)
    accommodations = models.JSONField("可提供的无障碍支持", default=list, blank=True)
    demands = models.JSONField("岗位要求（身体条件）", default=list, blank=True)
    demands_confirmed = models.BooleanField("岗位要求已由单位确认", default=False)
    status = models.CharField("状态", max_length=8, choices=PostingStatus.choices, default=PostingStatus.OPEN)
    opens_on = models.DateField("发布日期")
    closes_on = models.DateField("截止日期", null=True, blank=True)
    guaranteed_interview = models.BooleanField(
        "保障面试", default=False, help_text="符合基本条件的残疾人求职者保证获得面试机会"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()
    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = verbose_name_plural = "招聘岗位"
        indexes = [models.Index(fields=["status", "opens_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_min__lte=models.F("pay_max")),
                name="posting_pay_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(pay_min__gte=0) | Q(pay_min__isnull=True), name="posting_pay_min_positive"
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="posting_headcount_positive"),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="posting_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.title}（{self.employer}）"

    def opens_later(self) -> bool:
        """Open, but its 发布日期 is still to come (not on the market yet)."""
        return self.status == PostingStatus.OPEN and self.opens_on > timezone.localdate()

    def state_label(self) -> str:
        """The state as the market sees it today: an open posting is 招聘中 only between its
        发布日期 and its 截止日期 (the same rule as ``JobPostingQuerySet.public``)."""
        if self.status == PostingStatus.OPEN:
            if self.opens_later():
                return f"待发布（{self.opens_on.year}年{self.opens_on.month}月{self.opens_on.day}日起）"
            if self.closes_on and self.closes_on < timezone.localdate():
                return "已截止"
        return self.get_status_display()
