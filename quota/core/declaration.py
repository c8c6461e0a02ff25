"""The declaration's paperwork: the 受理回执 number and the declaration deadline.

The deadline: employers certify their disabled staff in the 联网认证 system, "typically open
1 March – 31 October" of the levy year (quota-rules.md, Process [S]; Jiangsu publishes its window
each year), then declare and pay at the tax office.  The platform shows 31 October of the levy
year as the deadline [A] unless a levy notice sets its own due date.
"""

from __future__ import annotations

import re
from datetime import date

from identifiers.core import IdentifierError
from identifiers.core.phone import normalize_phone

__all__ = [
    "DECLARATION_CLOSES",
    "RECEIPT_PATTERN",
    "declaration_deadline",
    "normalise_phone",
    "receipt_number",
]

DECLARATION_CLOSES = (10, 31)  # [A] month, day of the levy year (联网认证 window, quota-rules.md)
RECEIPT_PREFIX = "TC"  # 太仓: the platform's region
RECEIPT_PATTERN = re.compile(r"^TC-\d{4}-\d{6}$")


def declaration_deadline(levy_year: int) -> date:
    """The last day to declare (and certify) the levy for ``levy_year`` (data year + 1)."""
    month, day = DECLARATION_CLOSES
    return date(levy_year, month, day)


def receipt_number(year: int, sequence: int) -> str:
    """A readable, unique-per-year 受理回执 number: ``TC-2026-000123``."""
    if not 1 <= sequence <= 999_999:
        raise ValueError("受理回执序号应在1至999999之间")
    return f"{RECEIPT_PREFIX}-{year:04d}-{sequence:06d}"


def normalise_phone(raw: str) -> str | None:
    """The 经办人's phone in the platform's one stored form (identifiers.core.phone: a mobile as
    11 digits, a landline as "区号-号码"), from what people type ("139-1234-5678", full-width
    digits, +86); None when it is blank or neither."""
    try:
        return normalize_phone(str(raw or "")) or None
    except IdentifierError:
        return None
