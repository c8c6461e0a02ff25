"""Choices of 就业援助 (TextChoices; the codes are API values)."""

from django.db import models


class CaseStatus(models.TextChoices):
    OPEN = "open", "援助中"
    PLACED = "placed", "已就业，回访中"
    CLOSED = "closed", "已结案"


class ContactKind(models.TextChoices):
    VISIT = "visit", "上门走访"
    CALL = "call", "电话"
    TEXT = "text", "文字（短信、微信等，适合听障人士）"
    VIDEO = "video", "视频（可配手语）"
    OFFICE = "office", "来访面谈"


class ReferralKind(models.TextChoices):
    JOB = "job", "推荐岗位"
    TRAINING = "training", "推荐培训"


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", "已推荐"
    ACCEPTED = "accepted", "本人已接受"
    DECLINED = "declined", "本人不接受"
    COMPLETED = "completed", "已完成（已入职或已参加培训）"


class Outcome(models.TextChoices):
    PLACED = "placed", "已就业"
    RETAINED = "retained", "稳定就业（回访后仍在岗）"
    DECLINED = "declined", "本人不再需要援助"
    MOVED = "moved", "迁出本区域"
    OTHER = "other", "其他"


class Readiness(models.TextChoices):
    NOT_READY = "not_ready", "暂不具备就业条件（先康复或培训）"
    PREPARING = "preparing", "准备中（需要培训或辅具）"
    READY = "ready", "可以就业（需要推荐岗位）"
    SUPPORTED = "supported", "可以就业（需要岗位支持或辅助性就业）"


class AssessmentStatus(models.TextChoices):
    AWAITING = "awaiting", "等待本人确认"
    CONFIRMED = "confirmed", "本人已确认"
    DECLINED = "declined", "本人不同意"


class SeekerReason(models.TextChoices):
    ASKED = "asked", "本人申请帮助"
    NOT_EMPLOYED = "not_employed", "实名制数据显示未就业（就业年龄段内）"
