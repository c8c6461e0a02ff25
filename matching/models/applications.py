"""Applications and the real-name employment (实名制就业) a hire records."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from backend.accounts.models import Employer, Person
from backend.accounts.scoping import ScopedQuerySet

from ..choices import ApplicationStatus, EmploymentSource


class ApplicationQuerySet(ScopedQuerySet):
    """A seeker sees their own applications; employer staff those to their employers'
    postings; auditors those in their regions; administrators all."""

    person_path = "seeker__person"
    employer_path = "posting__employer"
    region_path = "posting__employer__region"


class Application(models.Model):
    """A seeker's application to one posting.

    ``share_disability`` is the seeker's choice, made when applying (off unless ticked) and
    changeable later, to show their disability category, grade and needs to this employer.
    It works only while the person's disability_sharing consent is live and was given no later
    than ``share_disability_at``: a consent withdrawn and given again later does not switch on
    old applications silently — the seeker chooses again per employer (个人信息保护法 第十五条、
    第二十九条).
    """

    posting = models.ForeignKey(
        "matching.JobPosting", on_delete=models.PROTECT, related_name="applications", verbose_name="岗位"
    )
    seeker = models.ForeignKey(
        "matching.SeekerProfile", on_delete=models.PROTECT, related_name="applications", verbose_name="求职者"
    )
    status = models.CharField(
        "状态", max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    share_disability = models.BooleanField("向该单位展示残疾信息", default=False)
    share_disability_at = models.DateTimeField("选择展示的时间", null=True, blank=True)
    note = models.CharField("求职留言", max_length=500, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "求职申请"
        constraints = [
            models.UniqueConstraint(fields=["posting", "seeker"], name="one_application_per_posting"),
        ]

    def __str__(self):
        return f"{self.seeker.person} → {self.posting.title}（{self.get_status_display()}）"


class EmploymentQuerySet(ScopedQuerySet):
    """The person employed, the employer's staff, auditors of the employer's region, admins."""

    person_path = "person"
    employer_path = "employer"
    region_path = "employer__region"


class Employment(models.Model):
    """A real-name employment record (实名制就业): who started work where and when. A hire through
    the platform creates one; the quota roster picks them up per employer and year."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="employments", verbose_name="人员"
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="employments", verbose_name="用人单位"
    )
    posting = models.ForeignKey(
        "matching.JobPosting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employments",
        verbose_name="岗位",
    )
    application = models.OneToOneField(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employment",
        verbose_name="来源申请",
    )
    start_date = models.DateField("入职日期")
    end_date = models.DateField("离职日期", null=True, blank=True)
    end_reason = models.CharField("离职原因", max_length=200, blank=True)
    source = models.CharField(
        "来源", max_length=10, choices=EmploymentSource.choices, default=EmploymentSource.PLATFORM
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="登记人（空：平台招聘自动登记）",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    # Corrections keep who, when and why: history_user, history_date, history_change_reason.
    history = HistoricalRecords()
    objects = EmploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = verbose_name_plural = "实名制就业记录"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="employment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.employer}（{self.start_date}）"
