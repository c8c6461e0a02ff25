"""The two imports of verified facts (issue 10 §2 and §3): 残疾人证核验数据 and 社保缴费明细.

Both run the same way:

1. **check** — stream every row through the pure parser (``registry.core``); collect up to
   ``MAX_ERRORS`` problems (row and column named in Chinese), count the rows, find repeats. A file
   with any problem writes nothing.
2. **write** — stream the file again and upsert in batches inside one transaction: fetch the
   batch's existing records by key, create the new ones, update the changed ones, leave equal
   ones untouched (no save, so a certificate's history does not grow). A failure rolls it all
   back. One ``DataImport`` row records who, what file and the counts.

A preview (``registry_import_check``) runs both steps and rolls the write back: its counts are
exactly what the import would do.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from backend.accounts.crypto import cipher
from backend.accounts.masks import mask_disability_certificate, mask_resident_id
from backend.accounts.permissions import require_registry_import
from backend.accounts.services import certificate_index, resident_id_index
from registry.core import (
    CERTIFICATE_COLUMNS,
    INSURANCE_COLUMNS,
    MAX_ERRORS,
    CertificateRow,
    InsuranceRow,
    RowError,
    parse_certificate_row,
    parse_insurance_row,
)

from ..choices import CertificateStatus, ImportKind
from ..models import CertificateRecord, DataImport, InsuranceRecord
from .files import FileProblem, ImportFile, import_file, table_rows
from .recheck import rosters_recheck_after_import

INSURANCE_BATCH = 5_000
CERTIFICATE_BATCH = 1_000  # each record is encrypted, and its history written, one by one
SAMPLE_ROWS = 5


class ImportRefused(ValidationError):
    """The file has problems; nothing was written. ``errors`` lists them (at most MAX_ERRORS)."""

    def __init__(self, errors: list[RowError], rows: int = 0):
        super().__init__([error.message for error in errors])
        self.row_errors = list(errors)
        self.rows = rows


@dataclass(frozen=True)
class _Kind:
    columns: tuple[str, ...]
    parse: Callable
    key: Callable  # the row's key for "the same record twice in one file"
    batch: int
    write: Callable  # (rows, data_import, by) -> (created, updated, unchanged)
    sample: Callable  # row -> dict shown in a preview, identifiers masked


@dataclass
class ImportCheck:
    """What the file holds and would do. ``errors`` empty: the file can be imported."""

    kind: str
    source: str
    sha256: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    sample: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


# --- public services ------------------------------------------------------------------------


def certificates_import(*, path_or_file, source: str = "", by) -> DataImport:
    """Import a 残疾人证核验数据 file (CSV or xlsx); ``by`` None means the command line."""
    return registry_import(kind=ImportKind.CERTIFICATES, path_or_file=path_or_file, source=source, by=by)


def insurance_import(*, path_or_file, source: str = "", by) -> DataImport:
    """Import a 社保缴费明细 file (CSV or xlsx); ``by`` None means the command line."""
    return registry_import(kind=ImportKind.INSURANCE, path_or_file=path_or_file, source=source, by=by)


def registry_import(*, kind: str, path_or_file, source: str = "", by) -> DataImport:
    """Check the whole file, then write it in one transaction; raises ``ImportRefused`` (nothing
    written) when any row is wrong. Returns the ``DataImport`` with the counts."""
    if by is not None:
        require_registry_import(by)
    spec = _KINDS[kind]
    file, check = _check(kind, spec, path_or_file, source)
    if not check.ok:
        raise ImportRefused(check.errors, check.rows)
    with transaction.atomic():
        data_import = _write(kind, spec, file, check, by)
        data_import.rechecked_reports = rosters_recheck_after_import(data_import)
        data_import.save(update_fields=["rechecked_reports"])
    return data_import


def registry_import_check(*, kind: str, path_or_file, source: str = "", by) -> ImportCheck:
    """A dry run: the problems, or the exact counts the import would give (written, then rolled
    back), and a few rows with their identifiers masked."""
    if by is not None:
        require_registry_import(by)
    spec = _KINDS[kind]
    file, check = _check(kind, spec, path_or_file, source)
    if check.ok:
        with transaction.atomic():
            _write(kind, spec, file, check, by)
            transaction.set_rollback(True)
    return check


# --- first pass: check ------------------------------------------------------------------------


def _check(kind: str, spec: _Kind, path_or_file, source: str) -> tuple[ImportFile | None, ImportCheck]:
    name = (source or "")[:200]
    try:
        file = import_file(path_or_file, name)
    except FileProblem as problem:
        return None, ImportCheck(kind=kind, source=name, errors=[problem.error])
    check = ImportCheck(kind=kind, source=(file.name or "upload")[:200], sha256=file.sha256())
    # One 64-bit digest per row (8 bytes in an array, not a key object in a set): repeats are
    # found after the pass by sorting, and only then located exactly (``_repeats``).
    digests = array("Q")
    try:
        for row in _parsed(file, spec, check.errors):
            check.rows += 1
            if isinstance(row, list):
                continue
            digests.append(spec.key(row))
            if len(check.sample) < SAMPLE_ROWS:
                check.sample.append(spec.sample(row))
    except FileProblem as problem:
        check.errors.append(problem.error)
        return file, check
    if check.rows == 0 and not check.errors:
        check.errors.append(RowError(0, "", "文件中除表头外没有数据行"))
    if not check.errors and (suspects := _repeated_digests(digests)):
        check.errors.extend(_repeats(file, spec, suspects))
    return file, check


def _parsed(file: ImportFile, spec: _Kind, errors: list[RowError]) -> Iterator:
    """Each row parsed: the frozen row, or its list of errors (also added to ``errors`` while
    fewer than MAX_ERRORS are collected)."""
    for number, cells in table_rows(file, spec.columns):
        row = spec.parse(number, cells)
        if isinstance(row, list):
            errors.extend(row[: max(0, MAX_ERRORS - len(errors))])
        yield row


def _repeated_digests(digests: array) -> set[int]:
    """The digests that occur more than once, sorted in numpy (8 bytes per row: a Python set or
    sorted list of a million ints would take about 50 MB)."""
    ordered = np.sort(np.frombuffer(digests, dtype=np.uint64))
    return {int(value) for value in ordered[1:][ordered[1:] == ordered[:-1]]}


def _repeats(file: ImportFile, spec: _Kind, suspects: set[int]) -> list[RowError]:
    """The rows that repeat an earlier row's key, found in another read of the file."""
    first_row: dict = {}
    errors: list[RowError] = []
    for row in _parsed(file, spec, []):
        if spec.key(row) not in suspects:
            continue
        key = _exact_key(row)
        if key in first_row:
            errors.append(
                RowError(row.row, spec.columns[0], f"与第 {first_row[key]} 行重复（同一记录只能出现一次）")
            )
            if len(errors) >= MAX_ERRORS:
                break
        else:
            first_row[key] = row.row
    return errors


def _exact_key(row) -> tuple:
    if isinstance(row, CertificateRow):
        return (row.number,)
    return (row.credit_code, row.resident_id, row.year, row.month)


# --- second pass: write -----------------------------------------------------------------------


def _write(kind: str, spec: _Kind, file: ImportFile, check: ImportCheck, by) -> DataImport:
    data_import = DataImport(
        kind=kind, source=check.source, sha256=check.sha256, created_by=by, rows=check.rows
    )
    data_import.full_clean()
    data_import.save()
    batch: list = []
    for row in _parsed(file, spec, []):
        if isinstance(row, list):  # the file changed after the check: roll everything back
            raise ImportRefused([RowError(0, "", "文件在导入过程中被改动，没有导入任何内容。请重新导入。")])
        batch.append(row)
        if len(batch) >= spec.batch:
            _count(check, spec.write(batch, data_import, by))
            batch = []
    if batch:
        _count(check, spec.write(batch, data_import, by))
    data_import.created, data_import.updated, data_import.unchanged = (
        check.created,
        check.updated,
        check.unchanged,
    )
    data_import.save(update_fields=["created", "updated", "unchanged"])
    return data_import


def _count(check: ImportCheck, counts: tuple[int, int, int]) -> None:
    check.created += counts[0]
    check.updated += counts[1]
    check.unchanged += counts[2]


# The bulk writes below skip ``full_clean()``: every value was checked by the pure parser in the
# first pass (style §3's rule is there to stop unchecked values; here it would cost a model
# validation per row of a million-row file). The unique constraints remain the backstop.


def _certificates_write(rows: list[CertificateRow], data_import: DataImport, by) -> tuple[int, int, int]:
    sealed = cipher()
    keyed = {certificate_index("disability", row.number): row for row in rows}
    existing = {
        record.certificate_bidx: record
        for record in CertificateRecord.objects.filter(certificate_bidx__in=keyed)
    }
    new, changed, unchanged = [], [], 0
    for bidx, row in keyed.items():
        disability = {"category": row.category, "grade": row.grade}
        values = {
            "name": row.name,
            "status": row.status,
            "issued_on": row.issued_on,
            "valid_until": row.valid_until,
            "status_changed_on": row.status_changed_on,
        }
        record = existing.get(bidx)
        if record is None:
            record = CertificateRecord(certificate_bidx=bidx, source=data_import, **values)
            record.certificate_enc = sealed.encrypt(row.number, record.aad("certificate"))
            record.disability_enc = sealed.encrypt(json.dumps(disability), record.aad("disability"))
            new.append(record)
            continue
        same_disability = json.loads(record.decrypt("disability") or "{}") == disability
        if same_disability and all(getattr(record, name) == value for name, value in values.items()):
            unchanged += 1
            continue
        for name, value in values.items():
            setattr(record, name, value)
        if not same_disability:  # re-encrypted only when it changed: a new nonce is a new value
            record.disability_enc = sealed.encrypt(json.dumps(disability), record.aad("disability"))
        record.source = data_import
        changed.append(record)
    if new:
        bulk_create_with_history(new, CertificateRecord, batch_size=500, default_user=by)
    if changed:
        bulk_update_with_history(
            changed,
            CertificateRecord,
            ["name", "status", "issued_on", "valid_until", "status_changed_on", "disability_enc", "source"],
            batch_size=500,
            default_user=by,
        )
    return len(new), len(changed), unchanged


def _insurance_write(rows: list[InsuranceRow], data_import: DataImport, by) -> tuple[int, int, int]:
    keyed: dict[tuple, InsuranceRow] = {}
    groups: dict[tuple[str, int], list[str]] = {}
    bidx_of: dict[str, str] = {}  # a person's months come together: one HMAC per person
    for row in rows:
        bidx = bidx_of.get(row.resident_id) or bidx_of.setdefault(
            row.resident_id, resident_id_index(row.resident_id)
        )
        keyed[(row.credit_code, row.year, bidx, row.month)] = row
        groups.setdefault((row.credit_code, row.year), []).append(bidx)
    # One query per batch, one term per employer-year: each term is an index range on the unique
    # (credit_code, year, resident_bidx, month) index, so the lookup stays cheap as the table grows.
    where = Q(pk__in=[])
    for (credit_code, year), people in groups.items():
        where |= Q(credit_code=credit_code, year=year, resident_bidx__in=set(people))
    existing = {}
    found = InsuranceRecord.objects.filter(where).order_by()  # no sort: matched into a dict
    for record in found.only("id", "credit_code", "year", "resident_bidx", "month", "types", "base"):
        existing[(record.credit_code, record.year, record.resident_bidx, record.month)] = record
    new, changed, unchanged = [], [], 0
    for key, row in keyed.items():
        record = existing.get(key)
        if record is None:
            new.append(
                InsuranceRecord(
                    credit_code=row.credit_code,
                    resident_bidx=key[2],
                    year=row.year,
                    month=row.month,
                    types=row.types,
                    base=row.base,
                    source=data_import,
                )
            )
        elif record.types == row.types and record.base == row.base:
            unchanged += 1
        else:
            record.types, record.base, record.source = row.types, row.base, data_import
            changed.append(record)
    InsuranceRecord.objects.bulk_create(new, batch_size=1000)
    InsuranceRecord.objects.bulk_update(changed, ["types", "base", "source"], batch_size=1000)
    return len(new), len(changed), unchanged


# --- masked samples ---------------------------------------------------------------------------


def _mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1) if name else ""


def _certificate_sample(row: CertificateRow) -> dict:
    # Category and grade are sensitive (PIPL Art. 28): a preview shows neither.
    return {
        "row": row.row,
        "certificate_no": mask_disability_certificate(row.number),
        "name": _mask_name(row.name),
        "status": CertificateStatus(row.status).label,
        "issued_on": row.issued_on.isoformat(),
        "valid_until": row.valid_until.isoformat() if row.valid_until else "",
    }


def _insurance_sample(row: InsuranceRow) -> dict:
    return {
        "row": row.row,
        "credit_code": row.credit_code,
        "resident_id": mask_resident_id(row.resident_id),
        "month": f"{row.year}-{row.month:02d}",
        "insurance_types": row.types,
        "base": str(row.base),
    }


_KINDS = {
    ImportKind.CERTIFICATES: _Kind(
        columns=CERTIFICATE_COLUMNS,
        parse=parse_certificate_row,
        key=CertificateRow.key_hash,
        batch=CERTIFICATE_BATCH,
        write=_certificates_write,
        sample=_certificate_sample,
    ),
    ImportKind.INSURANCE: _Kind(
        columns=INSURANCE_COLUMNS,
        parse=parse_insurance_row,
        key=InsuranceRow.key_hash,
        batch=INSURANCE_BATCH,
        write=_insurance_write,
        sample=_insurance_sample,
    ),
}
