"""Reference data kept as editable tables: the occupation classification and the fit rules."""

from django.db import models
from simple_history.models import HistoricalRecords


class Occupation(models.Model):
    """One entry of 中华人民共和国职业分类大典 (2022), loaded by ``manage.py load_occupations``:
    codes, names and common names from the facts shipped in matching/data/occupations.csv, and
    definitions too when a full table is given by path (the descriptive texts are not shipped)."""

    code = models.CharField("代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=120)
    level = models.PositiveSmallIntegerField("层级")  # 1 大类, 2 中类, 3 小类, 4 细类（职业）
    aliases = models.JSONField("常见名称", default=list, blank=True)
    definition = models.TextField("定义", blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "职业分类"

    def __str__(self):
        return f"{self.code} {self.name}"


class FitRule(models.Model):
    """One row of the disability-fit table (docs/matching.md): a job demand, the keywords that
    reveal it in a posting and, per disability category, whether it excludes or lowers and which
    accommodations resolve it. Staff edit it in the admin; the matcher reads it as data."""

    demand = models.CharField("岗位要求代码", max_length=40, unique=True)
    label = models.CharField("名称", max_length=40)
    keywords = models.JSONField("关键词", default=list)
    # {"1": {"level": "exclude", "resolved_by": [...], "note": "...", "soften_from_grade": 4}, ...}
    effects = models.JSONField("对各类残疾的影响", default=dict)
    position = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = verbose_name_plural = "岗位适配规则"

    def __str__(self):
        return f"{self.label}（{self.demand}）"
