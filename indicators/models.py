"""Vocational training of disabled residents (残疾人职业技能培训), the source of the plan's
indicator 3. Each row is one person on one course (one 人次); the indicators read them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from backend.accounts.scoping import ScopedQuerySet

from .choices import TrainingKind


class TrainingRecordQuerySet(ScopedQuerySet):
    """Auditors: records of their regions; administrators: all; a job-seeker: their own
    (PIPL Art. 45 — a person sees what is held about them); employer staff: none."""

    person_path = "person"
    region_path = "region"


class TrainingRecord(models.Model):
    """One disabled person's attendance of one training course or skills assessment."""

    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="training_records", verbose_name="人员"
    )
    kind = models.CharField("类型", max_length=20, choices=TrainingKind.choices)
    course_name = models.CharField("培训项目", max_length=100)
    provider = models.CharField("培训机构", max_length=120)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    hours = models.PositiveSmallIntegerField("学时")
    certificate_obtained = models.BooleanField("取得证书", default=False)
    certificate_name = models.CharField(
        "证书名称", max_length=100, blank=True, help_text="如：中式面点师（五级）"
    )
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="training_records", verbose_name="所属区镇"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间")

    history = HistoricalRecords()
    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-end_date", "-id"]
        verbose_name = verbose_name_plural = "职业培训记录"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="training_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive"),
            # The same person on the same course starting the same day is one record (no double count).
            models.UniqueConstraint(
                fields=["person", "course_name", "start_date"], name="one_training_record_per_course_start"
            ),
        ]
        indexes = [models.Index(fields=["end_date", "kind"])]

    def __str__(self):
        return f"{self.person} · {self.course_name}（{self.end_date:%Y-%m-%d}）"
