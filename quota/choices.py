"""Choices of the quota app (TextChoices; the codes are API values)."""

from django.db import models


class ReportStatus(models.TextChoices):
    """The annual report's life: draft → submitted → (returned → resubmitted)* → approved."""

    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    RESUBMITTED = "resubmitted", "已重新提交"
    APPROVED = "approved", "已通过"


# States in which the employer may still change figures and the roster.
EDITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})
# States waiting for an auditor's decision.
PENDING_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED})
# States another employer's claim on a certificate counts against ours (counted elsewhere).
FILED_STATUSES = frozenset({ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.APPROVED})


class RosterCertificateKind(models.TextChoices):
    """The certificate a roster line relies on (a subset of accounts' CertificateKind)."""

    DISABILITY = "disability", "残疾人证"
    VETERAN = "veteran", "残疾军人证"


class RosterImportMode(models.TextChoices):
    """What an import does with the lines already on the roster (chosen every time, no default)."""

    REPLACE = "replace", "替换现有名册"
    MERGE = "merge", "追加或更新：证号相同的行更新，其余追加"


class DraftSource(models.TextChoices):
    """Where a proposed roster line (名册草稿) comes from (issue 10 §6)."""

    PLATFORM = "platform", "平台招聘"
    DPF = "dpf", "残联录入"
    MANUAL = "manual", "人工登记"
    INSURANCE = "insurance", "社保记录"


class DraftDecision(models.TextChoices):
    CONFIRMED = "confirmed", "已确认加入名册"
    REMOVED = "removed", "已移除"


class ReportAttachmentKind(models.TextChoices):
    """Supporting documents of an annual report an auditor may ask for when returning it."""

    SOCIAL_INSURANCE = "social_insurance", "社保缴费明细"
    CONTRACT = "contract", "劳动合同"
    CERTIFICATE = "certificate", "残疾人证复印件"
    WAGES = "wages", "工资发放记录"
    OTHER = "other", "其他材料"
