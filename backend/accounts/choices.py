from django.db import models


class Role(models.TextChoices):
    SEEKER = "seeker", "求职者"
    EMPLOYER = "employer", "用人单位"
    AUDITOR = "auditor", "审核人员"
    # 残联 就业服务专员: serves the disabled residents of their regions (cases, assessments, fairs).
    # Scoped to regions like auditors but distinct from them: service is not audit (issue 15).
    SERVICE = "service", "就业服务专员"
    ADMIN = "admin", "系统管理员"


class AuditorKind(models.TextChoices):
    HRSS = "hrss", "人社局"
    DPF = "dpf", "残联"
    TAX = "tax", "税务"


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "地级市"
    COUNTY = "county", "县级市/区"
    TOWN = "town", "镇/街道"
    ZONE = "zone", "功能区"


class OrgType(models.TextChoices):
    # Codes are the calculator API's `org_type` values (quota issue).
    ENTERPRISE = "enterprise", "企业"
    GOVERNMENT = "government", "机关"
    INSTITUTION = "institution", "事业单位"
    SOCIAL_ORG = "social_org", "社会团体"
    PRIVATE_NON_ENTERPRISE = "private_non_enterprise", "民办非企业单位"


class EmployerStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    ACTIVE = "active", "已激活"
    SUSPENDED = "suspended", "已停用"


class ChangeRequestStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"


class CertificateKind(models.TextChoices):
    NONE = "none", "无"
    DISABILITY = "disability", "残疾人证"
    VETERAN = "veteran", "残疾军人证"


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class ConsentScope(models.TextChoices):
    # 个人信息保护法 第二十九条: sensitive data needs a separate consent per purpose.
    DISABILITY_MATCHING = "disability_matching", "使用残疾信息为我推荐岗位"
    DISABILITY_SHARING = "disability_sharing", "向我申请的单位展示残疾信息"
    DATA_SHARING_GOV = "data_sharing_gov", "与民政、人社、医保、税务核对我的信息"
    # A roster draft from insurance records tells the employer an employee holds a valid 残疾人证:
    # only for people who agreed (个人信息保护法 第二十八、二十九条).
    QUOTA_COUNTING = (
        "quota_counting",
        "让任职单位按社保记录把我列入按比例就业名册草稿（单位会知道我持有残疾人证）",
    )
    # 就业援助 (issue 15): the seeker asks for help; the 就业服务专员 of their region may then see
    # their job-seeking data, open a case and fill an assessment with them.
    SERVICE_ASSISTANCE = (
        "service_assistance",
        "我需要就业服务人员帮助（本区镇就业服务专员可查看我的求职资料，为我建档提供就业援助）",
    )


class AccessPurpose(models.TextChoices):
    AUDIT = "audit", "按比例就业审核"
    CASEWORK = "casework", "就业服务"
    RECRUITMENT = "recruitment", "招聘（本人已同意）"
    DATA_CORRECTION = "data_correction", "数据更正"
    ADMINISTRATION = "administration", "系统管理"
    # A login an administrator attached the person to reads "their own" record: not proven to be
    # the person, so logged (the person sees it in "谁看过我的信息").
    SELF_ACCESS = "self_access", "本人查阅（经管理员关联的账号）"


class RegistrationReviewStatus(models.TextChoices):
    PENDING = "pending", "待核实"
    LINKED = "linked", "已关联到已登记人员"
    REJECTED = "rejected", "已驳回"


class RegistrationMatch(models.TextChoices):
    """Which submitted identifier already belonged to a registered person."""

    RESIDENT_ID = "resident_id", "身份证号"
    CERTIFICATE = "certificate", "证件号"


class IdentifierField(models.TextChoices):
    """An identifier normalised by migration 0006 (NFKC, ASCII; identifiers.core)."""

    RESIDENT_ID = "resident_id", "身份证号"
    CERTIFICATE = "certificate", "证件号"
    CREDIT_CODE = "credit_code", "统一社会信用代码"


class IdentifierTable(models.TextChoices):
    PERSON = "person", "人员档案"
    EMPLOYER = "employer", "用人单位"


class IdentifierProblem(models.TextChoices):
    DUPLICATE = "duplicate", "规范化后与另一条记录相同（未合并）"
    INVALID = "invalid", "规范化后仍不合规（保留原值）"
