"""Whether, for which months and with what weight a roster line counts.

Conditions (财税〔2015〕72号 第四条、第七条; 残联厅函〔2022〕63号): a valid 残疾人证 or
残疾军人证; on the establishment or a contract of at least a year; of working age;
paid at least the minimum wage; social insurance paid in full for the months
counted.  A failed condition either stops the line counting at all (blocking)
or removes the months it affects; every reason names the condition in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from identifiers.core import IdentifierError, certificate_person_key, parse_certificate_no

from .dates import age_on, month_end
from .display import format_months
from .facts import INSURANCE_NOT_ON_RECORD
from .inputs import RosterLine
from .line_result import LineResult, Reason
from .policy import Policy
from .retirement import format_age_months, retirement_age_months, retirement_date

__all__ = ["BLOCKING_CODES", "LineResult", "Reason", "assess_line"]


@dataclass(frozen=True)
class _Identity:
    weight: int
    category: int | None
    grade: int | None
    birth_date: date | None
    sex: str | None
    person_key: str | None


def assess_line(line: RosterLine, policy: Policy, data_year: int) -> LineResult:
    """Assess one roster line for ``data_year`` under ``policy``."""
    identity, reasons = _identify(line, policy)
    reasons += _blocking_reasons(line, policy)
    if identity is None or any(reason.code in BLOCKING_CODES for reason in reasons):
        weight = identity.weight if identity else 0
        # The line counts for no month anyway; what the facts say about it is still reported
        # (已核验/待核验/不一致), so an unverified certificate is never shown as verified.
        facts = [reason for reason in _fact_reasons(line, line.months) if reason.months]
        return _result(line, identity, weight, frozenset(), reasons + facts)
    reasons += _month_reasons(line, policy, data_year, identity)
    dropped = frozenset().union(*(reason.months for reason in reasons))
    return _result(line, identity, identity.weight, line.months - dropped, reasons)


BLOCKING_CODES = frozenset(
    {
        "invalid_certificate",
        "veteran_grade_invalid",
        "dispatched_counts_elsewhere",
        "short_contract",
        "below_minimum_wage",
        "not_employed",
    }
)


def _identify(line: RosterLine, policy: Policy) -> tuple[_Identity | None, list[Reason]]:
    # 财税〔2015〕72号 第七条; 残联厅函〔2022〕63号: 残疾人证 grade 1–2 or 残疾军人证
    # grade 1–3 count as two people (``severe_weight``).
    severe = policy.severe_weight
    if line.veteran:
        grade = line.veteran_grade
        if grade is None or not 1 <= grade <= 8:
            return None, [Reason("veteran_grade_invalid", "残疾军人证等级应为1至8级")]
        key = certificate_person_key(line.certificate_no) if line.certificate_no else None
        weight = severe if grade <= 3 else 1
        return _Identity(weight, None, grade, line.birth_date, line.sex, key), []
    if line.certificate_no:
        try:
            cert = parse_certificate_no(line.certificate_no)
        except IdentifierError as error:
            return None, [Reason("invalid_certificate", f"残疾人证号无效：{error.message_zh}")]
        notes = []
        if line.grade is not None and line.grade != cert.grade:
            message = f"填写的等级（{line.grade}级）与证号中的等级（{cert.grade}级）不一致，按证号计"
            notes.append(Reason("grade_mismatch", message))
        weight = severe if cert.grade <= 2 else 1
        birth, sex = line.birth_date or cert.birth_date, line.sex or cert.sex
        return _Identity(weight, cert.category, cert.grade, birth, sex, cert.resident_id), notes
    if line.grade is None:
        return None, [Reason("invalid_certificate", "未填写残疾人证号或残疾等级")]
    if not 1 <= line.grade <= 4:
        return None, [Reason("invalid_certificate", "残疾等级应为1至4级")]
    weight = severe if line.grade <= 2 else 1
    return _Identity(weight, None, line.grade, line.birth_date, line.sex, None), []


def _blocking_reasons(line: RosterLine, policy: Policy) -> list[Reason]:
    reasons = []
    if line.dispatched and not line.counts_here:
        # 财政部公告2019年第98号; 残联厅函〔2022〕63号: a dispatched worker counts at
        # exactly one of agency and user, as their agreement says.
        reasons.append(
            Reason("dispatched_counts_elsewhere", "劳务派遣人员按派遣协议由另一方计入，本单位不计入")
        )
    if not line.on_establishment and (line.contract_months or 0) < policy.min_contract_months:
        # 财税〔2015〕72号 第四条、第七条: 在编, or a contract / service agreement of >= 1 year.
        detail = "未填写合同期限" if line.contract_months is None else f"合同期限{line.contract_months}个月"
        reasons.append(Reason("short_contract", f"{detail}，不足{policy.min_contract_months}个月，不计入"))
    if line.monthly_wage < policy.minimum_wage_monthly:
        # 财税〔2015〕72号 第四条、第七条: pay must reach the local minimum wage.
        message = f"月工资{line.monthly_wage}元低于当地最低工资标准{policy.minimum_wage_monthly}元，不计入"
        reasons.append(Reason("below_minimum_wage", message))
    if not line.months:
        reasons.append(Reason("not_employed", "本年度没有在职月份"))
    return reasons


def _month_reasons(line: RosterLine, policy: Policy, year: int, who: _Identity) -> list[Reason]:
    """Conditions that remove single months; each lists its months from those employed."""
    reasons, months = [], line.months
    expired = frozenset()
    if line.certificate_valid_until is not None:
        # 财税〔2015〕72号 第四条 (a valid certificate): only months wholly covered count.
        expired = frozenset(m for m in months if month_end(year, m) > line.certificate_valid_until)
        until = line.certificate_valid_until.isoformat()
        reasons.append(Reason("expired", f"证件有效期至{until}，{format_months(expired)}不计入", expired))
    if who.birth_date is None:
        reasons.append(Reason("age_unverified", "未提供出生日期，未核对就业年龄"))
    else:
        if who.sex is None:
            reasons.append(Reason("sex_unknown", "未提供性别，按男性退休年龄核对"))
        reasons.append(_age_reason(months, policy, year, who.birth_date, who.sex or "M"))
    reasons += _fact_reasons(line, months, expired)
    if line.insured_months is not None:
        # 财税〔2015〕72号 第四条、第七条: social insurance paid in full for every month counted.
        unrecorded = _unrecorded(line, months)
        bad = months - line.insured_months - unrecorded
        reasons.append(Reason("insurance_missing", f"{format_months(bad)}未足额缴纳社会保险，不计入", bad))
    # 残联厅函〔2022〕63号: one certificate is counted by one employer per month.
    bad = months & line.counted_elsewhere_months
    reasons.append(
        Reason("counted_elsewhere", f"{format_months(bad)}已由其他单位计入，本单位不重复计入", bad)
    )
    return [reason for reason in reasons if reason.months or reason.code in ("age_unverified", "sex_unknown")]


def _unrecorded(line: RosterLine, months: frozenset[int]) -> frozenset[int]:
    """Declared insured months the imported insurance records do not show."""
    if line.insured_months is None or line.declared_insured_months is None:
        return frozenset()
    return (months & line.declared_insured_months) - line.insured_months


def _fact_reasons(
    line: RosterLine, months: frozenset[int], expired: frozenset[int] = frozenset()
) -> list[Reason]:
    """Where the verified facts contradict or do not yet support the line (63号 联网认证)."""
    reasons = []
    check = line.certificate_check
    if check is not None:
        # A certificate counts only for the months it is verified.
        bad = months - check.months - expired  # an expiry already named is not repeated
        reasons.append(Reason(check.code, f"{format_months(bad)}：{check.message}", bad))
    unrecorded = _unrecorded(line, months)
    if line.declared_insured_months is not None:  # insured months are the imported records
        message = f"申报{format_months(unrecorded)}已缴纳社会保险，但社保缴费记录中没有足额缴费记录，不计入"
        reasons.append(Reason(INSURANCE_NOT_ON_RECORD, message, unrecorded))
    return reasons


def _age_reason(months: frozenset[int], policy: Policy, year: int, birth: date, sex: str) -> Reason:
    """Months outside working age: under ``working_age_min``, or on or after the statutory
    retirement date as raised by the 2025 reform (全国人大常委会2024-09-13决定；国务院《关于
    渐进式延迟法定退休年龄的办法》; ``retirement.py``).

    Convention [A]: the age on the first day of each month decides that month — a month counts
    if the person is 16 on its first day and has not yet reached the retirement date then.
    """
    original = policy.retirement_age_female if sex == "F" else policy.retirement_age_male
    schedules = policy.retirement_schedules
    retires_on = retirement_date(birth, sex, original, schedules)
    young = frozenset(m for m in months if age_on(birth, date(year, m, 1)) < policy.working_age_min)
    retired = frozenset(m for m in months if date(year, m, 1) >= retires_on)
    details = []
    if young:
        details.append(f"{format_months(young)}未满{policy.working_age_min}周岁")
    if retired:
        age_months = retirement_age_months(birth, sex, original, schedules)
        age = format_age_months(age_months)
        age = age if age_months == original * 12 else f"延迟退休后{age}"
        if retires_on <= date(year, 1, 1):
            details.append(f"{retires_on:%Y-%m-%d}已达法定退休年龄（{age}）")
        else:
            first = min(retired)
            details.append(f"{year}年{first}月起已达法定退休年龄（{retires_on:%Y-%m-%d}达到，{age}）")
    message = (
        f"{format_months(young | retired)}不在就业年龄段，不计入：{'；'.join(details)}" if details else ""
    )
    return Reason("outside_working_age", message, young | retired)


def _result(line, identity, weight, months, reasons) -> LineResult:
    return LineResult(
        line_id=line.line_id,
        counted=bool(months),
        weight=weight,
        months_counted=len(months),
        contribution=Fraction(weight * len(months), 12),
        category=identity.category if identity else None,
        grade=identity.grade if identity else None,
        reasons=tuple(reasons),
        months=frozenset(months),
        person_key=identity.person_key if identity else None,
        veteran=line.veteran,
    )
