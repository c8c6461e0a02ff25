"""Amounts and head counts as people type them: "9,000,000", "6,000.50", "９，０００，０００".

The one parser behind the calculator API's and the pages' number fields, so both accept the
same text.  NFKC first (full-width digits, commas and points become ASCII), then thousands
separators are removed — but only when they group digits in threes before the point, so a
European "90,50" or a slip like "9,00,000" is refused instead of silently read as 9050 or
900000.  The result is the exact decimal the text spells (never through a float).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .errors import InputError

__all__ = ["normalize_number_text", "parse_amount_range", "parse_number"]

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
# "4000-5000", "4000～5000" (NFKC makes the full-width tilde "~"), "4000至5000", "4k-5k".
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|~|〜|–|—|至|到)\s*")
_THOUSANDS = re.compile(r"(?i)\s*(k|千)$")


def normalize_number_text(text: str) -> str:
    """The number in plain ASCII without separators ("9,000,000.50" → "9000000.50").

    Raises :class:`InputError` with a Chinese message for text that is not a number; callers
    add the field's name.  Spaces around the number are ignored, spaces inside it are not.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded.isascii():
        # NFKC leaves other scripts' digits ("٣") as they are; Decimal would accept them.
        raise InputError("只能填写数字，如 9000000 或 9,000,000")
    if _PLAIN.fullmatch(folded):
        return folded
    if _GROUPED.fullmatch(folded):
        return folded.replace(",", "")
    if "," in folded:
        raise InputError("千分位逗号位置不对：每三位数字一个逗号，如 9,000,000")
    raise InputError("应为数字，如 9000000 或 9,000,000")


def parse_number(text: str) -> Decimal:
    """The exact Decimal of a typed number (see :func:`normalize_number_text`)."""
    plain = normalize_number_text(text)
    try:
        return Decimal(plain)
    except InvalidOperation as error:  # pragma: no cover - the patterns admit only valid text
        raise InputError("应为数字，如 9000000 或 9,000,000") from error


def _range_end(text: str) -> Decimal:
    text = text.strip().removesuffix("元").strip()
    thousands = _THOUSANDS.search(text)
    if thousands:
        return parse_number(text[: thousands.start()]) * 1000
    return parse_number(text)


def parse_amount_range(text: str) -> tuple[Decimal, Decimal | None]:
    """A typed amount or range of amounts: "4000-5000", "4000～5000", "4k-5k", "4,000 至 5,000"
    → (4000, 5000); a single amount "4500" or "4.5k" → (4500, None).

    Raises :class:`InputError` when an end is not a number or the range runs backwards.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    parts = _RANGE_SEPARATOR.split(folded, maxsplit=1) if not folded.startswith("-") else [folded]
    if len(parts) == 1:
        return _range_end(folded), None
    low, high = (_range_end(part) for part in parts)
    if high < low:
        raise InputError("范围应从小到大，如 4000-5000")
    return low, high
