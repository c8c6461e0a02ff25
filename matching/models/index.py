"""The matcher's versioned index log."""

from django.db import models

from ..choices import IndexEntryKind


class IndexVersion(models.Model):
    """One version of the matcher state; the row id is the version number.

    A *snapshot* is a full build stored as a file under ``settings.MATCHING_INDEX_DIR``; it
    reflects every change up to ``covers_upto`` (the newest version when its build began). A
    *delta* names the postings and profiles that changed in one transaction: it is written in
    that transaction (an outbox), so a change and its index entry commit or roll back together.
    A process brings its in-memory matcher up to date by loading the newest snapshot and
    re-reading the rows named by every later delta.
    """

    kind = models.CharField("类型", max_length=10, choices=IndexEntryKind.choices)
    job_ids = models.JSONField("变更的岗位", default=list, blank=True)
    seeker_ids = models.JSONField("变更的求职者档案", default=list, blank=True)
    covers_upto = models.BigIntegerField("已包含的版本", default=0)
    file_name = models.CharField("快照文件", max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    jobs = models.PositiveIntegerField("岗位数", default=0)
    seekers = models.PositiveIntegerField("求职者数", default=0)
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = verbose_name_plural = "匹配索引版本"
        indexes = [models.Index(fields=["kind", "-id"])]

    def __str__(self):
        return f"v{self.pk} {self.get_kind_display()}"
