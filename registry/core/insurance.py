"""One row of the 社保缴费明细 (social-insurance contribution details): parse and check it."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from identifiers.core import IdentifierError, validate_credit_code, validate_resident_id

from .cells import CellError, read_decimal, read_month, text
from .errors import RowError

INSURANCE_COLUMNS = ("credit_code", "resident_id", "month", "insurance_types", "base")
# The five insurances of 社会保险法 (Art. 2), in the order they are stored ("养老|医疗|…").
INSURANCE_TYPES = ("养老", "医疗", "失业", "工伤", "生育")
# After NFKC the full-width "｜" is "|"; "、" and "," are also accepted between the names.
_SEPARATORS = re.compile(r"[|、,，/]")
_ALIASES = {
    "养老保险": "养老",
    "医疗保险": "医疗",
    "失业保险": "失业",
    "工伤保险": "工伤",
    "生育保险": "生育",
}
BASE_DIGITS, BASE_PLACES = 12, 2  # InsuranceRecord.base


@dataclass(frozen=True)
class InsuranceRow:
    """A checked row: one month of insurance paid by an employer for one person."""

    row: int
    credit_code: str
    resident_id: str
    year: int
    month: int
    types: str
    base: Decimal

    def key_hash(self) -> int:
        """A 64-bit digest of the row's key (employer, person, year, month): the first pass keeps
        one int per row to find repeats without holding every key in memory."""
        key = f"{self.credit_code}|{self.resident_id}|{self.year}|{self.month}".encode()
        return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


# An extract lists each person's twelve months one after the other and each employer's people
# together, so the same identifiers come back row after row: validating each distinct text once
# (a bounded cache of results, errors included) halves the time of a million-row check.
_CACHE = 16_384


@lru_cache(maxsize=_CACHE)
def _checked(kind: str, raw: str) -> tuple[str, str, str]:
    """(value, "", "") for a valid identifier, else ("", error code, Chinese message)."""
    try:
        value = validate_credit_code(raw) if kind == "credit_code" else validate_resident_id(raw).resident_id
    except IdentifierError as error:
        return "", error.code, error.message_zh
    return value, "", ""


def _identifier(kind: str, value) -> str:
    checked, code, message = _checked(kind, text(value))
    if code:
        raise IdentifierError(code, message)
    return checked


def parse_types(value) -> str:
    """The insurances named in the cell, in canonical order joined by "|"."""
    return _types(text(value))


@lru_cache(maxsize=256)
def _types(raw: str) -> str:
    names = [part.strip() for part in _SEPARATORS.split(raw) if part.strip()]
    if not names:
        raise CellError("必须填写险种，例如 养老|医疗|失业|工伤|生育")
    seen: set[str] = set()
    for name in names:
        canonical = _ALIASES.get(name, name)
        if canonical not in INSURANCE_TYPES:
            raise CellError(f"“{name}”不是险种，应为 {'、'.join(INSURANCE_TYPES)} 之一")
        if canonical in seen:
            raise CellError(f"险种“{canonical}”写了两次")
        seen.add(canonical)
    return "|".join(kind for kind in INSURANCE_TYPES if kind in seen)


def parse_insurance_row(row: int, cells: dict) -> InsuranceRow | list[RowError]:
    """Check one row (``cells``: column name → raw value); all of its problems, or the row."""
    errors: list[RowError] = []
    values: dict = {}

    def cell(column: str, read) -> None:
        try:
            values[column] = read(cells.get(column))
        except (CellError, IdentifierError) as error:
            errors.append(RowError(row, column, str(error)))

    cell("credit_code", lambda v: _identifier("credit_code", v))
    cell("resident_id", lambda v: _identifier("resident_id", v))
    cell("month", read_month)
    cell("insurance_types", parse_types)
    cell("base", lambda v: read_decimal(v, max_digits=BASE_DIGITS, places=BASE_PLACES))
    if errors:
        return errors
    year, month = values["month"]
    return InsuranceRow(
        row=row,
        credit_code=values["credit_code"],
        resident_id=values["resident_id"],
        year=year,
        month=month,
        types=values["insurance_types"],
        base=values["base"],
    )
