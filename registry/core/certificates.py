"""One row of the 残疾人证核验数据 extract (全国残疾人人口基础库): parse and check it.

The certificate number carries the category and the grade (第二代残疾人证: resident ID + category
digit + grade digit), so the ``category`` and ``grade`` columns must agree with it: a row where
they differ is an extract error the auditor has to resolve, not something to guess at.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from identifiers.core import CATEGORY_NAMES, IdentifierError, parse_certificate_no

from .cells import CellError, read_date, text
from .errors import RowError

CERTIFICATE_COLUMNS = (
    "certificate_no",
    "name",
    "status",
    "category",
    "grade",
    "issued_on",
    "valid_until",
    "status_changed_on",
)
# Status values as the extract writes them (Chinese) or as the platform stores them
# (registry.choices.CertificateStatus values: kept equal here, the core cannot import choices).
STATUS_BY_TEXT = {
    "有效": "valid",
    "注销": "cancelled",
    "死亡": "deceased",
    "迁出": "moved_out",
    "过期": "expired",
    **{value: value for value in ("valid", "cancelled", "deceased", "moved_out", "expired")},
}
_CATEGORY_BY_NAME = {name: number for number, name in CATEGORY_NAMES.items()}
_GRADE_BY_NAME = {"一级": 1, "二级": 2, "三级": 3, "四级": 4}
MAX_NAME = 40


@dataclass(frozen=True)
class CertificateRow:
    """A checked row; ``number`` is the normalised certificate number."""

    row: int
    number: str
    name: str
    status: str
    category: int
    grade: int
    issued_on: date
    valid_until: date | None
    status_changed_on: date | None

    def key_hash(self) -> int:
        """A 64-bit digest of the certificate number (see ``InsuranceRow.key_hash``)."""
        return int.from_bytes(hashlib.blake2b(self.number.encode(), digest_size=8).digest(), "big")


def _category(value) -> int:
    raw = text(value).removesuffix("残疾")
    if raw in _CATEGORY_BY_NAME:
        return _CATEGORY_BY_NAME[raw]
    if raw.isdigit() and int(raw) in CATEGORY_NAMES:
        return int(raw)
    raise CellError(f"“{text(value)}”不是残疾类别，应为 1 至 7 或视力、听力、言语、肢体、智力、精神、多重")


def _grade(value) -> int:
    raw = text(value)
    if raw in _GRADE_BY_NAME:
        return _GRADE_BY_NAME[raw]
    if raw in {"1", "2", "3", "4"}:
        return int(raw)
    raise CellError(f"“{raw}”不是残疾等级，应为 1 至 4（或一级至四级）")


def parse_certificate_row(row: int, cells: dict) -> CertificateRow | list[RowError]:
    """Check one row (``cells``: column name → raw value); all of its problems, or the row."""
    errors: list[RowError] = []
    values: dict = {}

    def cell(column: str, read) -> None:
        try:
            values[column] = read(cells.get(column))
        except (CellError, IdentifierError) as error:
            errors.append(RowError(row, column, str(error)))

    cell("certificate_no", lambda v: parse_certificate_no(text(v)))
    cell("name", _name)
    cell("status", _status)
    cell("category", _category)
    cell("grade", _grade)
    cell("issued_on", lambda v: read_date(v, required=True))
    cell("valid_until", lambda v: read_date(v, required=False))
    cell("status_changed_on", lambda v: read_date(v, required=False))
    info = values.get("certificate_no")
    if info is not None:
        if "category" in values and values["category"] != info.category:
            errors.append(RowError(row, "category", f"与残疾人证号第19位（类别 {info.category}）不一致"))
        if "grade" in values and values["grade"] != info.grade:
            errors.append(RowError(row, "grade", f"与残疾人证号第20位（等级 {info.grade}）不一致"))
    issued = values.get("issued_on")
    for column, label in (("valid_until", "有效期至"), ("status_changed_on", "状态变更日期")):
        later = values.get(column)
        if issued and later and later < issued:
            errors.append(RowError(row, column, f"{label}不能早于发证日期（{issued.isoformat()}）"))
    if errors:
        return errors
    return CertificateRow(
        row=row,
        number=info.number,
        name=values["name"],
        status=values["status"],
        category=info.category,
        grade=info.grade,
        issued_on=values["issued_on"],
        valid_until=values["valid_until"],
        status_changed_on=values["status_changed_on"],
    )


def _name(value) -> str:
    name = text(value)
    if not name:
        raise CellError("必须填写姓名")
    if len(name) > MAX_NAME:
        raise CellError(f"姓名不能超过 {MAX_NAME} 个字")
    return name


def _status(value) -> str:
    raw = text(value)
    status = STATUS_BY_TEXT.get(raw) or STATUS_BY_TEXT.get(raw.lower())
    if status is None:
        shown = f"“{raw}”不是证件状态" if raw else "必须填写证件状态"
        raise CellError(f"{shown}，应为 有效、注销、死亡、迁出、过期 之一")
    return status
