"""Who may receive an individual subsidy: a pure function of facts from the registry and the
records, returning every check with its rule and source (shown to the seeker and the auditors).

Facts come from verified data, not from what the applicant types: the certificate from the
registry extract (CertificateRecord), employment from 实名制 records, training from the
training records. Thresholds marked [A] are platform conventions where no local text decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

STARTUP = "startup_subsidy"
FLEXIBLE = "flexible_insurance_subsidy"
TRAINING = "training_subsidy"
SKILL = "skill_certificate_subsidy"
KINDS = (STARTUP, FLEXIBLE, TRAINING, SKILL)

SRC_72 = "财税〔2015〕72号 第十九条"
SRC_REGISTRY = "全国残疾人人口基础库（残疾人证核验数据）"
STARTUP_YEARS = 3  # [A] a business registered within the last 3 years counts as a start-up
RECENT_DAYS = 365  # [A] training or assessment finished within the last 12 months


@dataclass(frozen=True)
class CertificateFacts:
    """The registry's record of the person's 残疾人证 (None when the extract does not list it)."""

    status: str  # valid | cancelled | deceased | moved_out | expired
    grade: int | None
    valid_until: date | None


@dataclass(frozen=True)
class EmploymentFacts:
    credit_code: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class TrainingFacts:
    record_id: int
    kind: str  # indicators.TrainingKind values
    end_date: date
    certificate_obtained: bool


@dataclass(frozen=True)
class Check:
    rule: str
    passed: bool
    message: str
    source: str


@dataclass(frozen=True)
class Eligibility:
    kind: str
    checks: tuple[Check, ...]

    @property
    def eligible(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[str]:
        return [check.message for check in self.checks if not check.passed]


def _certificate_check(cert: CertificateFacts | None, today: date) -> Check:
    if cert is None:
        return Check("certificate_valid", False, "残疾人证未在核验库中找到，请先到残联核验证件", SRC_REGISTRY)
    if cert.status != "valid" or (cert.valid_until is not None and cert.valid_until < today):
        return Check("certificate_valid", False, "残疾人证在核验库中不是有效状态", SRC_REGISTRY)
    return Check("certificate_valid", True, "持有效残疾人证（已核验）", SRC_REGISTRY)


def check_eligibility(
    *,
    kind: str,
    today: date,
    certificate: CertificateFacts | None,
    employments: tuple[EmploymentFacts, ...] = (),
    trainings: tuple[TrainingFacts, ...] = (),
    business_credit_code: str = "",
    training_record_id: int | None = None,
) -> Eligibility:
    """Every check for ``kind``; eligible when all pass."""
    if kind not in KINDS:
        raise ValueError(f"unknown subsidy kind {kind}")
    checks = [_certificate_check(certificate, today)]
    current = [e for e in employments if e.end_date is None or e.end_date >= today]
    if kind == STARTUP:
        own = [e for e in current if business_credit_code and e.credit_code == business_credit_code]
        recent = [e for e in own if e.start_date >= today - timedelta(days=365 * STARTUP_YEARS)]
        if not own:
            checks.append(
                Check(
                    "startup_employment",
                    False,
                    "没有在所填创业实体（统一社会信用代码）的实名制就业记录，请先登记实名制就业",
                    "实名制就业记录；" + SRC_72,
                )
            )
        else:
            checks.append(Check("startup_employment", True, "在所创办的实体有实名制就业记录", SRC_72))
            checks.append(
                Check(
                    "startup_recent",
                    bool(recent),
                    f"创业满{STARTUP_YEARS}年以内" if recent else f"创业已超过{STARTUP_YEARS}年",
                    f"平台约定（未确认）：{STARTUP_YEARS}年内的创业",
                )
            )
    elif kind == FLEXIBLE:
        severe = certificate is not None and certificate.grade in (1, 2)
        checks.append(
            Check(
                "severe_grade",
                severe,
                "一级或二级（重度）残疾" if severe else "该补贴限一级、二级（重度）残疾人",
                "平台约定（未确认）：重度残疾人灵活就业；" + SRC_72,
            )
        )
        checks.append(
            Check(
                "no_employer",
                not current,
                "没有在职的用人单位记录（灵活就业）"
                if not current
                else "实名制记录显示在用人单位就业，不属于灵活就业",
                "实名制就业记录",
            )
        )
    else:
        wanted = (
            {"skills_training", "entrepreneurship", "job_adaptation"}
            if kind == TRAINING
            else {"skills_assessment"}
        )
        since = today - timedelta(days=RECENT_DAYS)
        record = next((t for t in trainings if t.record_id == training_record_id), None)
        fits = (
            record is not None
            and record.kind in wanted
            and since <= record.end_date <= today
            and (kind == TRAINING or record.certificate_obtained)
        )
        what = "培训" if kind == TRAINING else "职业技能鉴定（取得证书）"
        checks.append(
            Check(
                "training_record",
                fits,
                f"有12个月内完成的{what}记录" if fits else f"请选择12个月内完成的{what}记录",
                "职业培训记录；" + SRC_72,
            )
        )
    return Eligibility(kind, tuple(checks))
