"""Choices of the audit and decision models (audit runs, levy notices, ledger, credit flags)."""

from django.db import models


class AuditStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Severity(models.TextChoices):
    HIGH = "high", "高"
    MEDIUM = "medium", "中"
    LOW = "low", "低"


class ResultStatus(models.TextChoices):
    """An employer's standing in one audit run: its report's status, or that it did not file."""

    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    RESUBMITTED = "resubmitted", "已重新提交"
    APPROVED = "approved", "已审核通过"
    DRAFT = "draft", "草稿未提交"
    MISSING = "missing", "未申报"


class RunTrigger(models.TextChoices):
    """Who started a run: an auditor, or the platform re-checking after new facts arrived."""

    AUDITOR = "auditor", "审核人员发起"
    RECHECK = "recheck", "自动复核"


class FindingKind(models.TextChoices):
    """Finding kinds produced by quota.core.checks (codes are the core's, labels for people)."""

    DOUBLE_COUNTING = "double_counting", "同一证件同月被多家单位计入（挂靠）"
    DUPLICATE_IN_ROSTER = "duplicate_in_roster", "名册重复填写"
    ROSTER_EXCEEDS_HEADCOUNT = "roster_exceeds_headcount", "名册人数超过职工人数"
    LARGE_CHANGE = "large_change", "人数或工资较上年变化超过50%"
    MISSING_REPORT = "missing_report", "上年已申报本年未申报"
    INVALID_CERTIFICATE = "invalid_certificate", "证件无效"
    EXPIRED = "expired", "证件过期"
    BELOW_MINIMUM_WAGE = "below_minimum_wage", "工资低于最低工资"
    SHORT_CONTRACT = "short_contract", "合同不足一年"
    INSURANCE_MISSING = "insurance_missing", "社会保险未足额缴纳"
    OUTSIDE_WORKING_AGE = "outside_working_age", "不在就业年龄段"
    COUNTED_ELSEWHERE = "counted_elsewhere", "已由其他单位计入"
    VETERAN_GRADE_INVALID = "veteran_grade_invalid", "残疾军人证等级无效"
    DISPATCHED_COUNTS_ELSEWHERE = "dispatched_counts_elsewhere", "劳务派遣由另一方计入"
    NOT_EMPLOYED = "not_employed", "无在职月份"
    GRADE_MISMATCH = "grade_mismatch", "等级与证号不一致"
    AGE_UNVERIFIED = "age_unverified", "未核对年龄"
    SEX_UNKNOWN = "sex_unknown", "性别未知"
    PERSON_UNREADABLE = "person_unreadable", "人员证件信息无法读取"
    CERTIFICATE_PENDING = "certificate_pending", "证件待核验"
    CERTIFICATE_MISMATCH = "certificate_mismatch", "证件状态与核验库不一致"
    INSURANCE_NOT_ON_RECORD = "insurance_not_on_record", "申报参保月份无社保缴费记录"


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", "已开具"
    PARTLY_PAID = "partly_paid", "部分缴纳"
    PAID = "paid", "已缴清"
    CANCELLED = "cancelled", "已作废"


class AdjustmentKind(models.TextChoices):
    # 财税〔2015〕72号 第十七条: hardship reduction or deferral, on approval.
    REDUCTION = "reduction", "减免"
    DEFERRAL = "deferral", "缓缴"


class LedgerKind(models.TextChoices):
    POST_SUBSIDY = "post_subsidy", "岗位补贴"
    INSURANCE_SUBSIDY = "insurance_subsidy", "社会保险补贴"
    MEET_REWARD = "meet_reward", "达比例奖励"
    ABOVE_REWARD = "above_reward", "超比例奖励"
    AGENCY_REWARD = "agency_reward", "职业中介推荐奖励"
    # Paid to a 残疾人之家 (issue 15)
    OPERATING_SUBSIDY = "operating_subsidy", "残疾人之家运营奖补"
    # Paid to a person (issue 15)
    STARTUP_SUBSIDY = "startup_subsidy", "自主创业补贴"
    FLEXIBLE_INSURANCE_SUBSIDY = "flexible_insurance_subsidy", "重度残疾人灵活就业社保补贴"
    TRAINING_SUBSIDY = "training_subsidy", "职业培训补贴"
    SKILL_CERTIFICATE_SUBSIDY = "skill_certificate_subsidy", "职业技能鉴定补贴"


# Which payee each kind is paid to; the ledger refuses any other pairing.
EMPLOYER_KINDS = frozenset(
    {"post_subsidy", "insurance_subsidy", "meet_reward", "above_reward", "agency_reward"}
)
CENTRE_KINDS = frozenset({"operating_subsidy"})
PERSON_KINDS = frozenset(
    {"startup_subsidy", "flexible_insurance_subsidy", "training_subsidy", "skill_certificate_subsidy"}
)


class LedgerStatus(models.TextChoices):
    PROPOSED = "proposed", "待审批"
    APPROVED = "approved", "已批准"
    PAID = "paid", "已发放"
    REJECTED = "rejected", "已驳回"


class CreditLevel(models.TextChoices):
    GENERAL = "general", "一般失信"
    SERIOUS = "serious", "严重失信"


class CreditStatus(models.TextChoices):
    ACTIVE = "active", "生效中"
    OBJECTED = "objected", "异议处理中"
    LIFTED = "lifted", "已撤销"
    REPAIRED = "repaired", "已信用修复"


class ObjectionDecision(models.TextChoices):
    PENDING = "pending", "待处理"
    ACCEPTED = "accepted", "异议成立"
    REJECTED = "rejected", "异议不成立"


class CreditCaseStatus(models.TextChoices):
    """A credit case (失信认定案件): noticed to the employer, then decided by a second auditor."""

    NOTIFIED = "notified", "已告知，待决定"
    FLAGGED = "flagged", "已认定失信"
    DROPPED = "dropped", "不予认定"


class CreditCaseDecision(models.TextChoices):
    FLAG = "flag", "认定失信"
    DROP = "drop", "不予认定（撤案）"


class ClosureAction(models.TextChoices):
    LIFT = "lift", "撤销（认定有误）"
    REPAIR = "repair", "信用修复（单位已纠正）"


class ClosureStatus(models.TextChoices):
    PENDING = "pending", "待复核"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"


class AttachmentType(models.TextChoices):
    """The file types accepted as evidence or with a statement (checked by content, not name)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPG"
    PNG = "image/png", "PNG"
