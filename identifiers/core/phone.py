"""Phone numbers as people type them: "139-1234-5678", "139 1234 5678", "＋86 139…", "0512-5371 2345".

One pure function for the registration pages, the profile pages and the API, so a number is
stored in one form whatever the keyboard: a mobile as its 11 digits, a landline as
"区号-号码". NFKC first (full-width digits and "－"), then the separators people use between
digit groups (spaces, hyphens, dots, brackets) are dropped; a leading +86 / 0086 country code
is dropped for mobiles.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import IdentifierError

_MOBILE = re.compile(r"1\d{10}")
_LANDLINE = re.compile(r"0\d{2,3}\d{7,8}")
_SEPARATORS = re.compile(r"[\s\-.()（）—–]")
PHONE_MESSAGE = "手机号应为11位数字（以1开头），如 139-1234-5678；座机请写成 0512-12345678"


def normalize_phone(text: str) -> str:
    """The phone number in its stored form ("13912345678", "0512-53712345"); "" for blank.

    Raises :class:`IdentifierError` (code ``phone_format``) for anything else.
    """
    folded = unicodedata.normalize("NFKC", text or "").strip()
    if not folded:
        return ""
    if not folded.isascii():
        raise IdentifierError("phone_format", PHONE_MESSAGE)
    digits = _SEPARATORS.sub("", folded)
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix) and _MOBILE.fullmatch(digits[len(prefix) :]):
            digits = digits[len(prefix) :]
    if _MOBILE.fullmatch(digits):
        return digits
    if _LANDLINE.fullmatch(digits):
        # The area code is where the person put the first separator; without one the digits
        # stay as typed (021 + 8 digits and 0211 + 7 cannot be told apart).
        area = re.search(r"\d+", folded).group()
        if 3 <= len(area) <= 4 and len(digits) - len(area) in (7, 8):
            return f"{area}-{digits[len(area) :]}"
        return digits
    raise IdentifierError("phone_format", PHONE_MESSAGE)
