"""Which months a roster line rests on verified facts, and the line's 已核验/待核验/不一致 status.

The 联网认证 system checks every roster certificate against the national disabled persons'
database and every person's social-insurance record before the levy is declared (残联厅函〔2022〕63号;
quota-rules.md "Verified, not declared" [S]).  Here a certificate counts for the months it is
verified — by the registry extract (status 有效 and in date) or by an auditor's recorded
confirmation — and insured months come from imported insurance records where the employer's
records for that year exist.  Like the validity rule of 72号 第四条, a month counts only when
the certificate was valid for the whole of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from .dates import month_end
from .facts import (
    ALL_MONTHS,
    CERTIFICATE_MISMATCH,
    CERTIFICATE_PENDING,
    MISMATCH,
    MISMATCH_CODES,
    PENDING,
    REQUIRED_INSURANCE,
    STATUS_NAMES,
    VALID,
    VERIFIED,
    CertificateCheck,
    CertificateFact,
    ConfirmedSpan,
)
from .inputs import ReportInput
from .line_result import LineResult


def _covered(year: int, first: date, last: date | None) -> frozenset[int]:
    """Months of ``year`` lying wholly within [first, last]."""
    return frozenset(
        m for m in ALL_MONTHS if first <= date(year, m, 1) and (last is None or month_end(year, m) <= last)
    )


def _registry_months(year: int, fact: CertificateFact) -> frozenset[int]:
    last = fact.valid_until
    if fact.status != VALID:
        # 注销/死亡/迁出/过期: valid up to the day before the change; no date means never.
        if fact.status_changed_on is None:
            return frozenset()
        before = date.fromordinal(fact.status_changed_on.toordinal() - 1)
        last = before if last is None else min(last, before)
    return _covered(year, fact.issued_on, last)


def certificate_check(
    year: int, fact: CertificateFact | None, confirmations: Iterable[ConfirmedSpan] = ()
) -> CertificateCheck:
    """Verified months of ``year`` from the registry and auditors' confirmations."""
    confirmed = frozenset().union(*(_covered(year, c.valid_from, c.valid_until) for c in confirmations))
    if fact is None:
        return CertificateCheck(
            confirmed, CERTIFICATE_PENDING, "残疾人证尚未核验（核验库中没有该证），暂不计入"
        )
    months = _registry_months(year, fact) | confirmed
    name = STATUS_NAMES.get(fact.status, fact.status)
    if fact.status == VALID:
        span = f"{fact.issued_on.isoformat()}至{fact.valid_until.isoformat() if fact.valid_until else '长期'}"
        message = f"核验库中该证有效期为{span}，其余月份不计入"
    else:
        when = fact.status_changed_on.isoformat() if fact.status_changed_on else "日期不详"
        message = f"核验库中该证状态为“{name}”（{when}），之后的月份不计入"
    return CertificateCheck(months, CERTIFICATE_MISMATCH, message)


def insured_in_full(types: Iterable[str]) -> bool:
    """Whether a month's record covers every required insurance."""
    paid = set(types)
    return all(kind in paid for kind in REQUIRED_INSURANCE)


def assume_pending_confirmed(report: ReportInput) -> ReportInput:
    """The report as it would count if every pending certificate were confirmed (the preview's
    second figure); certificates the facts contradict stay as they are."""
    roster = tuple(
        replace(line, certificate_check=None)
        if line.certificate_check is not None and line.certificate_check.code == CERTIFICATE_PENDING
        else line
        for line in report.roster
    )
    return replace(report, roster=roster)


def line_verification(line: LineResult) -> str:
    """已核验 / 待核验 / 不一致 for a line: a contradiction with the facts wins over pending."""
    codes = {reason.code for reason in line.reasons if reason.months}
    if codes & MISMATCH_CODES:
        return MISMATCH
    if CERTIFICATE_PENDING in codes:
        return PENDING
    return VERIFIED


def verification_message(line: LineResult) -> str:
    """Why a line is 待核验 or 不一致, in Chinese (empty when verified)."""
    return "；".join(
        reason.message
        for reason in line.reasons
        if reason.months and reason.code in MISMATCH_CODES | {CERTIFICATE_PENDING}
    )


def verification_counts(result) -> dict[str, int]:
    """How many lines of a result are 已核验, 待核验 and 不一致."""
    counts = {VERIFIED: 0, PENDING: 0, MISMATCH: 0}
    for line in result.lines:
        counts[line_verification(line)] += 1
    return counts
