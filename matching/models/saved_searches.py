"""A job-seeker's saved searches (订阅): the /jobs/ query kept, with a reminder of new matches."""

from django.db import models
from django.db.models import Q

from backend.accounts.scoping import ScopedQuerySet

from ..choices import SavedSearchFrequency


class SavedSearchQuerySet(ScopedQuerySet):
    """A seeker's own saved searches; administrators all."""

    person_path = "seeker__person"


class SavedSearch(models.Model):
    """The query of the job list (keyword plus JobPostingFilterSet parameters, validated and
    normalised by ``saved_search_create``) and when the seeker was last told about new postings.

    ``last_notified_at`` is the watermark: postings published after it are "new". It starts at
    the moment the search is saved (so the first reminder is about postings that really are
    new) and moves forward at every check, also when nothing new was found.
    """

    seeker = models.ForeignKey(
        "matching.SeekerProfile",
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name="求职者档案",
    )
    name = models.CharField("名称", max_length=60)
    query = models.JSONField("搜索条件", default=dict, blank=True)
    frequency = models.CharField(
        "提醒频率", max_length=8, choices=SavedSearchFrequency.choices, default=SavedSearchFrequency.DAILY
    )
    active = models.BooleanField("提醒中", default=True)
    last_notified_at = models.DateTimeField("上次检查时间")
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "保存的搜索"
        constraints = [
            models.UniqueConstraint(fields=["seeker", "name"], name="saved_search_name_unique"),
            models.CheckConstraint(
                condition=Q(frequency__in=SavedSearchFrequency.values), name="saved_search_frequency_known"
            ),
        ]
        indexes = [models.Index(fields=["active", "last_notified_at"])]

    def __str__(self):
        return f"{self.seeker_id}：{self.name}"
