"""The verified facts a roster line can rest on, as plain values (see ``verification``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ALL_MONTHS = frozenset(range(1, 13))

# Registry statuses (the import file's column, registry.choices.CertificateStatus).
VALID, CANCELLED, DECEASED, MOVED_OUT, EXPIRED = "valid", "cancelled", "deceased", "moved_out", "expired"
STATUS_NAMES = {VALID: "有效", CANCELLED: "注销", DECEASED: "死亡", MOVED_OUT: "迁出", EXPIRED: "过期"}

# The insurances an employee must have paid for a month to count as "paid in full" (72号 第四条、
# 第七条): 社会保险法 第十、二十三、三十三、四十四条 require employers to pay 养老, 医疗, 工伤 and
# 失业 for every employee; 生育 was merged into 医疗 (国办发〔2019〕10号), so it is not required.
REQUIRED_INSURANCE = ("养老", "医疗", "失业", "工伤")

# Reason codes: a pending certificate may still be confirmed; the others contradict the facts.
CERTIFICATE_PENDING = "certificate_pending"
CERTIFICATE_MISMATCH = "certificate_mismatch"
INSURANCE_NOT_ON_RECORD = "insurance_not_on_record"
MISMATCH_CODES = frozenset({CERTIFICATE_MISMATCH, INSURANCE_NOT_ON_RECORD})

VERIFIED, PENDING, MISMATCH = "verified", "pending", "mismatch"
VERIFICATION_NAMES = {VERIFIED: "已核验", PENDING: "待核验", MISMATCH: "不一致"}


@dataclass(frozen=True)
class CertificateFact:
    """A certificate as the registry extract lists it."""

    status: str
    issued_on: date
    valid_until: date | None = None
    status_changed_on: date | None = None


@dataclass(frozen=True)
class ConfirmedSpan:
    """An auditor's recorded confirmation: the certificate is valid from ``valid_from`` to
    ``valid_until`` (inclusive; None: open)."""

    valid_from: date
    valid_until: date | None = None


@dataclass(frozen=True)
class CertificateCheck:
    """The months of the data year the certificate is verified, and why the others are not."""

    months: frozenset[int]
    code: str = CERTIFICATE_PENDING
    message: str = ""
