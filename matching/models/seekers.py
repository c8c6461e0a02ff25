"""Job-seeker profiles and their "不合适" feedback on suggestions."""

from django.db import models
from simple_history.models import HistoricalRecords

from backend.accounts.models import Person
from backend.accounts.scoping import ScopedQuerySet

from ..choices import Education, FeedbackReason


class SeekerProfileQuerySet(ScopedQuerySet):
    """A seeker sees their own profile; auditors (casework) those of persons in their regions;
    administrators all. Employer staff reach seekers only through candidate suggestions and
    applications, which show what the seeker agreed to share."""

    person_path = "person"
    region_path = "person__region"


class SeekerProfile(models.Model):
    """What a job-seeker wants and can do.

    Whether disability information may be used for matching or shown to employers is not
    stored here: the person's Consent records (个人信息保护法 第二十九条) are the one source of
    truth, read whenever the profile is matched or shown, so a withdrawal takes effect at once.
    ``needs`` (accommodations) reveal the disability too and follow the same consents.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="seeker_profile", verbose_name="求职者"
    )
    desired = models.CharField("想找的工作", max_length=200, blank=True)
    occupation_codes = models.JSONField("意向职业代码", default=list, blank=True)
    skills = models.JSONField("技能", default=list, blank=True)
    experience = models.TextField("工作经历", blank=True)
    education = models.CharField("学历", max_length=12, choices=Education.choices, blank=True)
    regions = models.JSONField("希望工作的区镇（区划代码）", default=list, blank=True)
    employment_forms = models.JSONField("希望的就业形式", default=list, blank=True)
    hours = models.JSONField("希望的工作时间", default=list, blank=True)
    expected_pay = models.DecimalField(
        "期望月薪（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    needs = models.JSONField("需要的无障碍支持", default=list, blank=True)
    can_do = models.JSONField("可以胜任的岗位要求", default=list, blank=True)
    visible_to_employers = models.BooleanField(
        "允许用人单位在推荐人选中看到我",
        default=True,
        help_text="单位只看到您的求职意向和技能，看不到残疾信息；申请岗位时，您可以选择是否让该单位看到。",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()
    objects = SeekerProfileQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "求职者档案"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expected_pay__isnull=True) | models.Q(expected_pay__gte=0),
                name="profile_expected_pay_positive",
            ),
        ]

    def __str__(self):
        return f"{self.person}的求职档案"


class MatchFeedbackQuerySet(ScopedQuerySet):
    """A seeker's own feedback; administrators all."""

    person_path = "seeker__person"


class MatchFeedback(models.Model):
    """A seeker's "不合适" on one suggested posting: it disappears from their list, and the reason
    lowers similar postings (same region for 太远, no better pay for 工资低, …)."""

    seeker = models.ForeignKey(
        SeekerProfile, on_delete=models.CASCADE, related_name="feedback", verbose_name="求职者档案"
    )
    posting = models.ForeignKey(
        "matching.JobPosting", on_delete=models.CASCADE, related_name="feedback", verbose_name="岗位"
    )
    reason = models.CharField("原因", max_length=16, choices=FeedbackReason.choices)
    text = models.CharField("补充说明", max_length=200, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    objects = MatchFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "推荐反馈"
        constraints = [
            models.UniqueConstraint(fields=["seeker", "posting"], name="one_feedback_per_posting"),
        ]

    def __str__(self):
        return f"{self.seeker_id} × {self.posting_id}：{self.get_reason_display()}"
