"""Builders for the audit and decision tests (on top of the quota builders)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from backend.accounts.choices import Role
from quota.choices import ReportStatus
from quota.models import QuotaReport
from quota.services.reports import report_approve

from ..factories import make_employer, make_line, make_person, make_report, make_user

__all__ = [
    "filed_report",
    "make_approved_report",
    "make_employer",
    "make_line",
    "make_person",
    "make_report",
    "make_user",
]


def filed_report(
    employer, *, data_year: int = 2025, status: str = ReportStatus.SUBMITTED, persons=(), **overrides
):
    """A filed report with one full-year, eligible line per person (overrides go to the report)."""
    report = make_report(employer, data_year=data_year, status=status, **overrides)
    for person in persons:
        make_line(report, person)
    return report


def make_approved_report(employer, *, auditor, data_year: int = 2024, **overrides) -> QuotaReport:
    """A report approved through the workflow, so it has its immutable snapshot.

    Defaults: enterprise, N = 100, average wage 59,500 and no disabled staff → the levy is
    1.5 × min(59,500, 2 × social average) × 90 % (p = 0 < 1 %).
    """
    report = make_report(employer, data_year=data_year, status=ReportStatus.SUBMITTED, **overrides)
    return report_approve(report=report, by=auditor)


def auditor_for(*codes: str):
    return make_user(Role.AUDITOR, regions=list(codes) or ["320585"])


def money(text: str) -> Decimal:
    return Decimal(text)


TODAY = date(2026, 11, 29)
