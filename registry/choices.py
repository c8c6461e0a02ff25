from django.db import models


class ImportKind(models.TextChoices):
    CERTIFICATES = "certificates", "残疾人证核验数据"
    INSURANCE = "insurance", "社保缴费明细"


class CertificateStatus(models.TextChoices):
    """Status of a 残疾人证 in the 全国残疾人人口基础库 extract (the columns of the import file)."""

    VALID = "valid", "有效"
    CANCELLED = "cancelled", "注销"
    DECEASED = "deceased", "死亡"
    MOVED_OUT = "moved_out", "迁出"
    EXPIRED = "expired", "过期"


class Verification(models.TextChoices):
    """What a roster line rests on, shown to the employer and the auditor per line."""

    VERIFIED = "verified", "已核验"
    PENDING = "pending", "待核验"
    MISMATCH = "mismatch", "不一致"
