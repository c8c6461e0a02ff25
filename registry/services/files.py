"""Reading an import file row by row, never whole: a CSV through the csv module, an .xlsx through
openpyxl's read-only reader. Each pass opens the file again, so the services can check the whole
file first and write in a second pass without keeping any row in memory.

An .xlsx is checked by ``quota.core.file_checks.check_xlsx`` before openpyxl reads it (zip bombs,
DOCTYPE/entities, absurd cell counts), with limits sized for a city's insurance details rather
than one employer's roster. Only for that check the (compressed) .xlsx is read at once; a CSV is
only ever streamed.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from quota.core.file_checks import (
    MIB,
    OLD_FORMAT,
    OLE2_MAGIC,
    ZIP_MAGIC,
    FileLimits,
    FileRefused,
    check_xlsx,
    too_large_message,
)
from registry.core import RowError, header_columns

# One upload through the pages or the API (the request limit is settings.UPLOAD_MAX_REQUEST_BYTES,
# 64 MB): about 700,000 insurance rows as CSV. Larger files go through ``manage.py import_insurance``.
UPLOAD_MAX_BYTES = 60 * MIB
# An insurance extract of 2 million rows × 5 columns, with room to spare.
XLSX_LIMITS = FileLimits(
    max_file_bytes=512 * MIB,
    max_people=2_500_000,
    max_sheet_rows=2_500_000,
    max_columns=64,
    max_part_bytes=1024 * MIB,
    max_total_bytes=1536 * MIB,
    max_shared_strings=5_000_000,
    max_cells=25_000_000,
    max_row_cells=256,
    max_xml_elements=80_000_000,
)
NOT_READABLE = "无法读取文件：请上传 .csv（UTF-8 或 GBK 编码）或 .xlsx 文件"
_SNIFF = 64 * 1024
_CHUNK = 1024 * 1024


class FileProblem(ValueError):
    """The file cannot be read as a whole; ``error`` says why (row 0) or which header is wrong."""

    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


@dataclass(frozen=True)
class ImportFile:
    """Where the rows come from: a path (command line) or an uploaded file object (seekable)."""

    target: object
    name: str
    is_xlsx: bool

    @contextmanager
    def open(self):
        if isinstance(self.target, (str, Path)):
            with open(self.target, "rb") as handle:
                yield handle
        else:
            self.target.seek(0)
            yield self.target  # the caller (Django's upload) owns and closes it

    def sha256(self) -> str:
        digest = hashlib.sha256()
        with self.open() as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def import_file(path_or_file, name: str = "") -> ImportFile:
    """Recognise the file by its first bytes (a zip is an .xlsx) and check an .xlsx's structure."""
    if isinstance(path_or_file, (str, Path)):
        name = name or Path(path_or_file).name
    else:
        name = name or str(getattr(path_or_file, "name", "") or "")
    source = ImportFile(path_or_file, name, is_xlsx=False)
    with source.open() as handle:
        head = handle.read(8)
    if head.startswith(OLE2_MAGIC):
        raise FileProblem(RowError(0, "", OLD_FORMAT))
    if not head.startswith(ZIP_MAGIC):
        return source
    with source.open() as handle:
        data = handle.read(XLSX_LIMITS.max_file_bytes + 1)
    try:
        if len(data) > XLSX_LIMITS.max_file_bytes:
            raise FileRefused(too_large_message(XLSX_LIMITS.max_file_bytes))
        check_xlsx(data, XLSX_LIMITS)
    except FileRefused as refused:
        raise FileProblem(RowError(0, "", str(refused))) from None
    return ImportFile(path_or_file, name, is_xlsx=True)


def table_rows(source: ImportFile, columns: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """(spreadsheet row number, {column: raw value}) for every non-blank row after the header.

    Raises ``FileProblem`` when the file cannot be read or the header lacks a column.
    """
    reader = _xlsx_records if source.is_xlsx else _csv_records
    with source.open() as handle:
        records = reader(handle)
        try:
            header = next(records, None)
            if header is None:
                raise FileProblem(RowError(0, "", "文件是空的：第一行应为表头 " + ",".join(columns)))
            found = header_columns(header, columns)
            if isinstance(found, RowError):
                raise FileProblem(found)
            for number, cells in enumerate(records, start=2):
                if not any(cell is not None and str(cell).strip() for cell in cells):
                    continue
                yield number, {name: cells[i] if i < len(cells) else None for name, i in found.items()}
        finally:
            records.close()


def _encoding(handle) -> str:
    """UTF-8 (with or without a BOM), else GB18030 (what Excel and WPS save as "CSV" in China)."""
    head = handle.read(_SNIFF)
    handle.seek(0)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv_records(handle) -> Iterator[list]:
    text = io.TextIOWrapper(handle, encoding=_encoding(handle), newline="")
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError:
        raise FileProblem(
            RowError(0, "", "文件中有无法识别的字符：请另存为 UTF-8 编码的 CSV 后重新上传")
        ) from None
    except csv.Error as error:
        raise FileProblem(RowError(0, "", f"{NOT_READABLE}（{error}）")) from None
    finally:
        text.detach()  # the handle belongs to the caller


def _xlsx_records(handle) -> Iterator[tuple]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception:
            raise FileProblem(RowError(0, "", NOT_READABLE)) from None
    try:
        sheet = workbook.worksheets[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # max_row: a lone cell far below the data would otherwise make openpyxl yield every
            # blank row in between; one row too many is refused instead.
            limit = XLSX_LIMITS.max_sheet_rows
            rows = sheet.iter_rows(max_row=limit + 1, max_col=XLSX_LIMITS.max_columns, values_only=True)
            for count, row in enumerate(rows, start=1):
                if count > limit:
                    raise FileProblem(RowError(0, "", f"表格超过 {limit} 行，请分成几份导入"))
                yield row
    finally:
        workbook.close()
