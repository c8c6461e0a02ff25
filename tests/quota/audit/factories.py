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


# --- files and the credit process ----------------------------------------------------------
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes() -> bytes:
    """A real 2×2 PNG (Pillow checks the structure of images)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name: str = "缴款通知.pdf", content: bytes = PDF_BYTES, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def open_case(employer, *, by, level: str = "general", files=None, **overrides):
    """A credit case noticed to ``employer`` today, with one evidence PDF."""
    from quota.services.credit_case import credit_case_open

    values = {
        "reason": "2024年度保障金逾期一年未缴",
        "basis": "《太仓市按比例安排残疾人就业信用管理办法》第五条",
        "evidence": "缴款通知第12号",
    }
    values.update(overrides)
    return credit_case_open(employer=employer, level=level, files=files or [upload()], by=by, **values)


def make_flag(employer, *, proposer, decider, start_date: date, level: str = "general", **overrides):
    """A flag made the only way there is: noticed by ``proposer`` 16 days before ``start_date``
    (the statement period is 15 days), decided by ``decider`` on ``start_date``."""
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    import time_machine

    from quota.services.credit_case import credit_case_decide

    shanghai = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(
        datetime.combine(start_date - timedelta(days=16), time(9), shanghai), tick=False
    ):
        case = open_case(employer, by=proposer, level=level, **overrides)
    with time_machine.travel(datetime.combine(start_date, time(9), shanghai), tick=False):
        case = credit_case_decide(
            case=case, decision="flag", reason="单位未陈述申辩，事实清楚", start_date=start_date, by=decider
        )
    return case.flag


def second_auditor(*codes: str, kind: str = "hrss", **extra):
    """A second auditor (人社局 by default) for four-eyes decisions."""
    return make_user(Role.AUDITOR, regions=list(codes) or ["320585"], auditor_kind=kind, **extra)
