"""居民身份证号码 (GB 11643-1999): shape, birth date and check character."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import IdentifierError
from .normalize import normalize_identifier

# GB 11643-1999 第6.2条: weights 2^(18-i) mod 11 for the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# ASCII only: ``\d`` would also match other scripts' digits (normalize_identifier refuses them).
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_MIN_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class ResidentIdInfo:
    """A valid resident ID with the facts it encodes; sex is "M" or "F"."""

    resident_id: str
    birth_date: date
    sex: str


def validate_resident_id(value: str | None, *, today: date | None = None) -> ResidentIdInfo:
    """Normalise (:func:`normalize_identifier`), validate and decode an 18-character resident ID.

    Full-width digits, a lower-case "x" and surrounding spaces are accepted; the birth date must
    be a real calendar date from 1900 on; pass ``today`` to also refuse future dates (the core
    never reads the clock itself).
    """
    text = normalize_identifier(value, "resident_id")
    if not text:
        raise IdentifierError("resident_id_empty", "请输入身份证号")
    if len(text) != 18:
        raise IdentifierError("resident_id_length", "身份证号应为18位")
    if not _ID_SHAPE.fullmatch(text):
        raise IdentifierError("resident_id_format", "身份证号前17位应为数字，最后一位应为数字或X")
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < _MIN_BIRTH_YEAR or (today is not None and birth > today):
        raise IdentifierError("resident_id_birth_date", "身份证号中的出生日期无效，请核对后重新输入")
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != text[17]:
        raise IdentifierError("resident_id_checksum", "身份证号校验位不正确，请核对后重新输入")
    # GB 11643-1999 第5.3条: the 17th digit (sequence code) is odd for men, even for women.
    sex = "M" if int(text[16]) % 2 == 1 else "F"
    return ResidentIdInfo(resident_id=text, birth_date=birth, sex=sex)
