"""Resident ID, 残疾人证号 and 统一社会信用代码 validation (pure, exact).

Also used by the accounts app, so every function here is side-effect free and
raises :class:`IdentifierError` with a stable ``code`` and a Chinese message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .credit_code import validate_credit_code
from .errors import IdentifierError

__all__ = [
    "CATEGORY_NAMES",
    "CertificateInfo",
    "IdentifierError",
    "ResidentIdInfo",
    "certificate_person_key",
    "parse_certificate_no",
    "validate_credit_code",
    "validate_resident_id",
]

# 残疾人证 category digit (第二代残疾人证, position 19) [S].
CATEGORY_NAMES = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}

# GB 11643-1999 第6.2条: weights 2^(18-i) mod 11 for the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_SUFFIX = re.compile(r"[0-9A-Z]{1,2}")
_MIN_BIRTH_YEAR = 1900


@dataclass(frozen=True)
class ResidentIdInfo:
    """A valid resident ID with the facts it encodes; sex is "M" or "F"."""

    resident_id: str
    birth_date: date
    sex: str


@dataclass(frozen=True)
class CertificateInfo:
    """A parsed second-generation 残疾人证号; ``suffix`` holds a reissue suffix, if any."""

    resident_id: str
    category: int
    grade: int
    birth_date: date
    sex: str
    suffix: str = ""

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES[self.category]


def validate_resident_id(value: str, *, today: date | None = None) -> ResidentIdInfo:
    """Validate an 18-character resident ID (GB 11643-1999) and decode it.

    Accepts a lower-case "x" and surrounding spaces.  The birth date must be a
    real calendar date from 1900 on; pass ``today`` to also refuse future dates
    (the core never reads the clock itself).
    """
    text = (value or "").strip().upper()
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
    # GB 11643 第5.3条: the 17th digit (sequence code) is odd for men, even for women.
    sex = "M" if int(text[16]) % 2 == 1 else "F"
    return ResidentIdInfo(resident_id=text, birth_date=birth, sex=sex)


def parse_certificate_no(value: str, *, today: date | None = None) -> CertificateInfo:
    """Parse a 20-character 残疾人证号: resident ID + category (1–7) + grade (1–4).

    A reissued certificate may carry a 1–2 character alphanumeric suffix after
    the 20 characters (e.g. "…11B1"); it is accepted and kept in ``suffix``.
    """
    text = (value or "").strip().upper()
    if not text:
        raise IdentifierError("certificate_empty", "请输入残疾人证号")
    if len(text) not in (20, 21, 22) or (len(text) > 20 and not _SUFFIX.fullmatch(text[20:])):
        raise IdentifierError("certificate_length", "残疾人证号应为20位（身份证号18位＋类别1位＋等级1位）")
    try:
        person = validate_resident_id(text[:18], today=today)
    except IdentifierError as error:
        raise IdentifierError("certificate_resident_id", f"残疾人证号中的{error.message_zh}") from error
    category, grade = text[18], text[19]
    if not category.isdigit() or int(category) not in CATEGORY_NAMES:
        raise IdentifierError("certificate_category", "残疾人证号第19位（残疾类别）应为1至7")
    if not grade.isdigit() or not 1 <= int(grade) <= 4:
        raise IdentifierError("certificate_grade", "残疾人证号第20位（残疾等级）应为1至4")
    return CertificateInfo(
        resident_id=person.resident_id,
        category=int(category),
        grade=int(grade),
        birth_date=person.birth_date,
        sex=person.sex,
        suffix=text[20:],
    )


def certificate_person_key(value: str) -> str:
    """A stable key for the person behind a certificate number.

    For a valid 残疾人证号 this is the holder's resident ID, so a reissued
    certificate (suffix, new category) still maps to the same person; any
    other number (e.g. a 残疾军人证) is keyed by its normalised text.
    """
    try:
        return parse_certificate_no(value).resident_id
    except IdentifierError:
        return re.sub(r"\s+", "", value or "").upper()
