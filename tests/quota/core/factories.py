"""Small builders for the quota core tests (plain functions, no Django)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from quota.core import Policy, ReportInput, RosterLine

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_resident_id(birth: date = date(1985, 1, 1), *, seq: str = "123", region: str = "320585") -> str:
    """A valid resident ID (GB 11643); an odd ``seq`` last digit means male."""
    body = f"{region}{birth:%Y%m%d}{seq}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]


def make_certificate(grade: int = 4, category: int = 4, **id_args) -> str:
    """A valid 20-character 残疾人证号 for the given grade and category."""
    return f"{make_resident_id(**id_args)}{category}{grade}"


def make_policy(**overrides) -> Policy:
    """Jiangsu defaults: r = 1.5 %, tiered reduction on, levy year 2025 (data year 2024).

    The social average wage is left unset: each example gives its own.
    """
    values = {
        "region_code": "320585",
        "levy_year": 2025,
        "minimum_wage_monthly": Decimal("2490"),
        "quota_ratio": Decimal("0.015"),
        "tiered_reduction": True,
        "social_average_wage": None,
    }
    values.update(overrides)
    return Policy(**values)


_SEQS = iter(range(10**6))


def make_line(line_id: str | None = None, **overrides) -> RosterLine:
    """An eligible grade-4 employee for the whole year, unless overridden.

    Each call uses a different person (a fresh sequence number) unless a
    ``certificate_no`` is given.
    """
    n = next(_SEQS)
    values = {
        "certificate_no": make_certificate(seq=f"{n % 1000:03d}", birth=date(1980 + n // 1000 % 20, 1, 1)),
        "monthly_wage": Decimal("5000"),
        "contract_months": 36,
    }
    values.update(overrides)
    return RosterLine(line_id or f"L{n}", **values)


def make_report(**overrides) -> ReportInput:
    """An enterprise report for data year 2024 with N = 100 and no roster."""
    values = {
        "data_year": 2024,
        "org_type": "enterprise",
        "employee_count": Decimal("100"),
        "total_wages": Decimal("5000000"),
    }
    values.update(overrides)
    return ReportInput(**values)
