"""Choices of the 残疾人之家 and individual-subsidy models (codes are API values)."""

from django.db import models


class Accessibility(models.TextChoices):
    STEP_FREE = "step_free", "无障碍通道（无台阶）"
    ACCESSIBLE_TOILET = "accessible_toilet", "无障碍卫生间"
    SIGN_LANGUAGE = "sign_language", "手语服务"
    TACTILE = "tactile", "盲道与触觉标识"
    QUIET_ROOM = "quiet_room", "安静休息室"
    TRANSPORT = "transport", "接送服务"


class OrderStatus(models.TextChoices):
    RECEIVED = "received", "已接单"
    IN_PROGRESS = "in_progress", "加工中"
    COMPLETED = "completed", "已完成"
    CANCELLED = "cancelled", "已取消"


class DistributionBasis(models.TextChoices):
    HOURS = "hours", "按工时"
    PIECES = "pieces", "按件数"


class SubsidyKind(models.TextChoices):
    """Individual subsidies; the codes are the ledger's LedgerKind values."""

    STARTUP = "startup_subsidy", "自主创业补贴"
    FLEXIBLE_INSURANCE = "flexible_insurance_subsidy", "重度残疾人灵活就业社保补贴"
    TRAINING = "training_subsidy", "职业培训补贴"
    SKILL_CERTIFICATE = "skill_certificate_subsidy", "职业技能鉴定补贴"


# SubsidyKind → the rule code in data/subsidy_rules.json
RULE_FOR_KIND = {
    SubsidyKind.STARTUP: "startup",
    SubsidyKind.FLEXIBLE_INSURANCE: "flexible_insurance",
    SubsidyKind.TRAINING: "training",
    SubsidyKind.SKILL_CERTIFICATE: "skill_certificate",
}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "已提交，待审核"
    PROPOSED = "proposed", "已提出，待复核"
    REFUSED = "refused", "不予受理"
