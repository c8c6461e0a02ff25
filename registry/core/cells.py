"""Reading one cell as text, a date, a month or a decimal (CSV gives text, xlsx typed values)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache


class CellError(ValueError):
    """The cell's value is wrong; ``str(error)`` is the Chinese reason."""


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
MIN_YEAR, MAX_YEAR = 1950, 2100


def text(value) -> str:
    """The cell as normalised text (NFKC: full-width digits and letters become ASCII)."""
    if value is None:
        return ""
    if isinstance(value, str):
        # ASCII text is already in NFKC form: the common case skips the normalisation.
        return value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def read_date(value, *, required: bool) -> date | None:
    """An ISO date ``YYYY-MM-DD`` (or an xlsx date cell); empty gives None unless required."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    if not raw:
        if required:
            raise CellError("必须填写日期（格式 YYYY-MM-DD）")
        return None
    match = _DATE.fullmatch(raw)
    if not match:
        raise CellError(f"“{raw}”不是日期，应为 YYYY-MM-DD 格式，例如 2024-03-01")
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise CellError(f"“{raw}”不是有效的日期") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise CellError(f"“{raw}”的年份应在 {MIN_YEAR} 至 {MAX_YEAR} 之间")
    return day


def read_month(value) -> tuple[int, int]:
    """(year, month) from ``YYYY-MM`` (or an xlsx date cell, which gives its month)."""
    if isinstance(value, date):
        return value.year, value.month
    return _month(text(value))


# Months and amounts repeat row after row in an insurance extract: each distinct text is read once.
@lru_cache(maxsize=1024)
def _month(raw: str) -> tuple[int, int]:
    if not raw:
        raise CellError("必须填写缴费月份（格式 YYYY-MM）")
    match = _MONTH.fullmatch(raw)
    if not match:
        raise CellError(f"“{raw}”不是月份，应为 YYYY-MM 格式，例如 2024-03")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise CellError(f"“{raw}”的月份应在 01 至 12 之间")
    if not 2000 <= year <= MAX_YEAR:
        raise CellError(f"“{raw}”的年份应在 2000 至 {MAX_YEAR} 之间")
    return year, month


def read_decimal(value, *, max_digits: int, places: int) -> Decimal:
    """A non-negative amount with at most ``places`` decimals; thousands separators allowed."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _decimal(repr(value) if isinstance(value, float) else str(value), max_digits, places)
    return _decimal(text(value), max_digits, places)


@lru_cache(maxsize=4096)
def _decimal(shown: str, max_digits: int, places: int) -> Decimal:
    raw = shown.replace(",", "").replace(" ", "")
    if not raw:
        raise CellError("必须填写金额")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        raise CellError(f"“{shown}”不是数字") from None
    if not amount.is_finite():
        raise CellError(f"“{shown}”不是数字")
    if amount < 0:
        raise CellError("金额不能为负数")
    # The size first: quantize() of a huge exponent ("1e999999") raises instead of answering.
    if amount >= Decimal(10) ** (max_digits - places):
        raise CellError(f"金额过大（应小于 {10 ** (max_digits - places)}）")
    if amount != amount.quantize(Decimal(1).scaleb(-places)):
        raise CellError(f"金额最多保留 {places} 位小数")
    return amount.quantize(Decimal(1).scaleb(-places))
