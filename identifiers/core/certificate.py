"""残疾人证号 (第二代残疾人证) and 残疾军人证号."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import IdentifierError
from .normalize import fold_identifier, normalize_identifier
from .resident_id import validate_resident_id

# 残疾人证 category digit (第二代残疾人证, position 19).
CATEGORY_NAMES = {1: "视力", 2: "听力", 3: "言语", 4: "肢体", 5: "智力", 6: "精神", 7: "多重"}
_SUFFIX = re.compile(r"[0-9A-Z]{1,2}")
_VETERAN_LENGTH = (6, 30)


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
    def number(self) -> str:
        """The normalised certificate number, as stored and blind-indexed."""
        return f"{self.resident_id}{self.category}{self.grade}{self.suffix}"

    @property
    def category_name(self) -> str:
        return CATEGORY_NAMES[self.category]


def parse_certificate_no(value: str | None, *, today: date | None = None) -> CertificateInfo:
    """Normalise and parse a 20-character 残疾人证号: resident ID + category (1–7) + grade (1–4).

    A reissued certificate may carry a 1–2 character alphanumeric suffix after the 20
    characters (e.g. "…11B1"); it is accepted and kept in ``suffix``.
    """
    text = normalize_identifier(value, "certificate")
    if not text:
        raise IdentifierError("certificate_empty", "请输入残疾人证号")
    if len(text) not in (20, 21, 22) or (len(text) > 20 and not _SUFFIX.fullmatch(text[20:])):
        raise IdentifierError("certificate_length", "残疾人证号应为20位（身份证号18位＋类别1位＋等级1位）")
    try:
        person = validate_resident_id(text[:18], today=today)
    except IdentifierError as error:
        raise IdentifierError("certificate_resident_id", f"残疾人证号中的{error.message_zh}") from error
    category, grade = text[18], text[19]
    if category not in "1234567":
        raise IdentifierError("certificate_category", "残疾人证号第19位（残疾类别）应为1至7")
    if grade not in "1234":
        raise IdentifierError("certificate_grade", "残疾人证号第20位（残疾等级）应为1至4")
    return CertificateInfo(
        resident_id=person.resident_id,
        category=int(category),
        grade=int(grade),
        birth_date=person.birth_date,
        sex=person.sex,
        suffix=text[20:],
    )


def validate_veteran_certificate_no(value: str | None) -> str:
    """Normalise a 残疾军人证号: 6 to 30 letters, digits or Chinese characters.

    There is no national format (《伤残抚恤管理办法》 leaves the numbering to the issuing
    authority), so only the alphabet and the length are checked.
    """
    text = normalize_identifier(value, "veteran")
    low, high = _VETERAN_LENGTH
    if not low <= len(text) <= high:
        raise IdentifierError("veteran_length", "残疾军人证号应为6至30位字母、数字或汉字")
    return text


def certificate_number(kind: str, value: str | None) -> str:
    """The normalised number of a certificate of ``kind`` ("disability" or "veteran")."""
    if kind == "disability":
        return parse_certificate_no(value).number
    return validate_veteran_certificate_no(value)


def certificate_person_key(value: str | None) -> str:
    """A stable key for the person behind a certificate number.

    For a valid 残疾人证号 this is the holder's resident ID, so a reissued certificate (suffix,
    new category) still maps to the same person; any other number (e.g. a 残疾军人证) is keyed
    by its folded text without whitespace.
    """
    try:
        return parse_certificate_no(value).resident_id
    except IdentifierError:
        return re.sub(r"\s+", "", fold_identifier(value))
