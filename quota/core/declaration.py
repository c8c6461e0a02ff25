"""The declaration's paperwork: the 受理回执 number and the declaration deadline.

The deadline: employers certify their disabled staff in the 联网认证 system, "typically open
1 March – 31 October" of the levy year (quota-rules.md, Process [S]; Jiangsu publishes its window
each year), then declare and pay at the tax office.  The platform shows 31 October of the levy
year as the deadline [A] unless a levy notice sets its own due date.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

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


_PHONE_SEPARATORS = str.maketrans("", "", " -－—()（）")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def normalise_phone(raw: str) -> str | None:
    """A mainland mobile (``13912345678``) or landline with area code (``051253512345``) from
    what people type: full-width digits, spaces, hyphens and brackets are accepted
    ("139-1234-5678", "(0512) 5351 2345"), a leading +86/86 dropped.  None when it is neither.

    TODO(issue 14): the forms work adds a shared lenient phone parser; use it here when merged.
    """
    text = unicodedata.normalize("NFKC", str(raw or "")).strip().translate(_PHONE_SEPARATORS)
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("86") and len(text) == 13:
        text = text[2:]
    if _MOBILE.match(text) or _LANDLINE.match(text):
        return text
    return None
