"""Choices of the job market. Codes are the ones the pure matcher (matching.core) speaks."""

from django.db import models

from .core.accommodations import ACCOMMODATIONS
from .core.models import DISABILITY_CATEGORIES, EDUCATION_LABELS


class EmploymentForm(models.TextChoices):
    # The three forms of the 十四五 plan plus home-based work (mission.md).
    COMPETITIVE = "competitive", "竞争性就业"
    SHELTERED = "sheltered", "集中就业"
    ASSISTED = "assisted", "辅助性就业（残疾人之家）"
    HOME = "home", "居家就业"


# Plain-language explanations (易读) of the forms, shown where a form is chosen (the profile, the
# job search) or shown (the job page). After 《残疾人就业条例》 and the 十四五 plan's wording.
EMPLOYMENT_FORM_EXPLANATIONS: dict[str, str] = {
    EmploymentForm.COMPETITIVE: "和其他人一样，到普通单位上班，签劳动合同、拿工资、交社保。",
    EmploymentForm.SHELTERED: "到福利企业、盲人按摩机构这类专门安排残疾人工作的单位上班，"
    "同事里残疾人较多，岗位和环境按残疾人的情况安排。",
    EmploymentForm.ASSISTED: "在残疾人之家、庇护工场等地方，有专人带着做简单的手工或劳动，"
    "时间和强度可以灵活安排，主要面向智力、精神和重度残疾人。",
    EmploymentForm.HOME: "在自己家里工作，例如网上客服、手工活，单位把活交到家里或通过网络安排。",
}


def employment_forms_explained() -> list[tuple[str, str]]:
    """(label, explanation) of each employment form, for the pages' "是什么意思" box."""
    return [(EmploymentForm(code).label, text) for code, text in EMPLOYMENT_FORM_EXPLANATIONS.items()]


class Hours(models.TextChoices):
    FULL_TIME = "full_time", "全职"
    PART_TIME = "part_time", "兼职"
    FLEXIBLE = "flexible", "灵活工时"


Education = models.TextChoices(
    "Education", [(code, (code, label)) for code, label in EDUCATION_LABELS.items()]
)


class PostingStatus(models.TextChoices):
    OPEN = "open", "招聘中"
    CLOSED = "closed", "已关闭"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "已投递"
    VIEWED = "viewed", "单位已查看"
    INTERVIEW = "interview", "邀请面试"
    OFFER = "offer", "拟录用"
    HIRED = "hired", "已入职"
    REJECTED = "rejected", "未录用"
    WITHDRAWN = "withdrawn", "本人已撤回"


# Who may move an application where. The employer drives the process; the seeker may only
# withdraw, and only while nothing is final. Hired, rejected and withdrawn are terminal (a
# withdrawn application can be re-submitted, which starts over at "applied").
EMPLOYER_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.APPLIED: frozenset({"viewed", "interview", "rejected"}),
    ApplicationStatus.VIEWED: frozenset({"interview", "offer", "rejected"}),
    ApplicationStatus.INTERVIEW: frozenset({"offer", "hired", "rejected"}),
    ApplicationStatus.OFFER: frozenset({"hired", "rejected"}),
}
SEEKER_WITHDRAWABLE: frozenset[str] = frozenset({"applied", "viewed", "interview", "offer"})
TERMINAL: frozenset[str] = frozenset({"hired", "rejected", "withdrawn"})


class FeedbackReason(models.TextChoices):
    TOO_FAR = "too_far", "太远"
    LOW_PAY = "low_pay", "工资低"
    NOT_FIT_BODY = "not_fit_body", "不适合我的身体情况"
    NOT_INTERESTED = "not_interested", "不感兴趣"


class EmploymentSource(models.TextChoices):
    PLATFORM = "platform", "平台招聘"
    DPF = "dpf", "残联录入"  # entered by 残联 staff (issue 10 §6), e.g. a hire made off the platform
    MANUAL = "manual", "人工登记"  # legacy rows (demo history, imports before issue 10)


# What 残联 staff may give as the source of a record they enter: a platform hire is recorded only
# by the hire itself (application_transition), never typed in.
ENTERED_SOURCES = (EmploymentSource.DPF, EmploymentSource.MANUAL)
ENTERED_SOURCE_CHOICES = [(value.value, value.label) for value in ENTERED_SOURCES]


class IndexEntryKind(models.TextChoices):
    SNAPSHOT = "snapshot", "全量快照"
    DELTA = "delta", "增量变更"


Accommodation = models.TextChoices(
    "Accommodation", [(code, (code, label)) for code, label in ACCOMMODATIONS.items()]
)

DisabilityCategory = models.IntegerChoices(
    "DisabilityCategory", [(f"C{code}", (code, label)) for code, label in DISABILITY_CATEGORIES.items()]
)


class InterviewArrangement(models.TextChoices):
    """Accessible arrangements an employer offers for an interview."""

    SIGN_LANGUAGE = "sign_language", "手语翻译"
    ACCESSIBLE_ACCESS = "accessible_access", "无障碍通道"
    SCREEN_READER_MATERIALS = "screen_reader_materials", "读屏友好材料"
    ONLINE = "online", "线上面试"
    TEXT_INTERVIEW = "text_interview", "文字面试（笔谈）"
    COMPANION = "companion", "可以有人陪同"


class ContactChannel(models.TextChoices):
    """How the employer will reach the applicant about the interview."""

    TEXT = "text", "文字联系（短信、平台消息）"
    PHONE = "phone", "电话"
    VIDEO_SIGN = "video_sign", "视频（手语）"
    EMAIL = "email", "电子邮件"


# Channels that work for someone who asked to be contacted in writing (a deaf applicant's
# "文字联系"): a voice call does not.
TEXT_CHANNELS = frozenset({ContactChannel.TEXT, ContactChannel.VIDEO_SIGN, ContactChannel.EMAIL})


class InvitationResponse(models.TextChoices):
    PENDING = "pending", "待答复"
    ACCEPTED = "accepted", "已接受"
    RESCHEDULE = "reschedule", "请求改期"


class SavedSearchFrequency(models.TextChoices):
    DAILY = "daily", "每天"
    WEEKLY = "weekly", "每周"


class LearnedAliasStatus(models.TextChoices):
    ACTIVE = "active", "生效"
    # The confirmations no longer agree (another code caught up): set aside until they do again.
    LAPSED = "lapsed", "不再一致"
    # Withdrawn by 残联 staff or an administrator: never re-activated by more confirmations.
    REVOKED = "revoked", "已撤销"
