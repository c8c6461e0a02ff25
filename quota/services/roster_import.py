"""Import a roster from the xlsx template (or a CSV saved from it): read every cell as text,
validate every row, then replace the roster in one transaction — or save nothing and return every
problem.  The file is checked against quota.core.file_checks.FileLimits while it is read, so a
hostile file (zip bomb, DOCTYPE, millions of rows) is refused with one Chinese reason.

Errors are (row, column, reason) with the spreadsheet's own row numbers and the column header,
so the employer can find each one; ``roster_error_workbook`` turns them into an xlsx file.
"""

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from django.core.exceptions import ValidationError

from backend.accounts.models import Person, User
from backend.accounts.selectors import person_disability
from backend.accounts.services import certificate_index
from identifiers.core import IdentifierError, certificate_number
from quota.core.file_checks import (
    CORRUPT,
    OLD_FORMAT,
    OLE2_MAGIC,
    ZIP_MAGIC,
    FileLimits,
    FileRefused,
    check_xlsx,
    csv_records,
    too_large_message,
    too_many_people_message,
    too_many_rows_message,
)

from ..choices import EDITABLE_STATUSES, RosterCertificateKind, RosterImportMode
from ..models import QuotaReport
from .reports import require_staff
from .roster import LineData, NewLine, clean_line_data, roster_merge, roster_replace
from .upload_limits import roster_limits
from .xlsx_cells import CellError, read_date, read_identifier, read_int, read_money, read_months, read_yes_no
from .xlsx_template import COLUMNS, ROSTER_SHEET

NOT_READABLE = "无法读取文件，请上传用模板填写并保存为 .xlsx 的文件"
REQUIRED = ("name", "certificate_no", "months", "monthly_wage")
LABEL = {key: header for key, header, _w, _h in COLUMNS}
LOOKUP_BATCH = 500
KINDS = {"残疾人证": RosterCertificateKind.DISABILITY, "残疾军人证": RosterCertificateKind.VETERAN}


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` is the spreadsheet row (0 for the file itself), ``column`` the header."""

    row: int
    column: str
    reason: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class _Row:
    number: int
    name: str
    kind: str
    certificate_no: str
    veteran_grade: int | None
    line_no: int | None
    data: LineData


def _header_key(text: str) -> str | None:
    text = (text or "").strip().replace("（", "(").replace("）", ")").replace(" ", "")
    for key, header, _w, _h in COLUMNS:
        plain = header.replace(" ", "")
        if text == plain or text == plain.split("(")[0]:
            return key
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(file, limits: FileLimits, errors: list[RowError]) -> Iterator[tuple[int, dict]]:
    """(spreadsheet row number, {key: raw value}) for every filled row, one at a time.

    The file is streamed (openpyxl read-only, or the CSV reader) and each row is handed on as soon
    as it is read, so memory holds the upload's bytes and what each line needs, never every cell.
    Every limit (quota.core.file_checks.FileLimits) is checked while reading; a refused file
    raises ``FileRefused`` (the caller reports it on row 0, "整个文件").
    """
    data = _read_upload(file, limits.max_file_bytes)
    name = str(getattr(file, "name", "") or "").lower()
    if data.startswith(ZIP_MAGIC):
        records = _xlsx_records(data, limits)
    elif data.startswith(OLE2_MAGIC):
        raise FileRefused(OLD_FORMAT)
    elif name.endswith(".csv"):
        records = csv_records(data, limits)
    else:
        raise FileRefused(NOT_READABLE)
    try:
        yield from _table(records, limits, errors)
    finally:
        records.close()  # an xlsx reader closes its workbook


def _read_upload(file, limit: int) -> bytes:
    """The whole upload, refused without reading it when it says it is larger than ``limit``."""
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise FileRefused(too_large_message(limit))
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(too_large_message(limit))
    return data


def _xlsx_records(data: bytes, limits: FileLimits) -> Iterator[tuple]:
    """The roster sheet's rows as tuples of raw values, after ``check_xlsx`` passed.

    Read-only openpyxl streams the sheet; ``max_row`` one past the row limit makes a longer sheet
    (or a lone row far below the others, which openpyxl reaches by yielding every blank row in
    between) show up as exactly one row too many, and ``max_col`` keeps each row short.
    """
    from openpyxl import load_workbook

    check_xlsx(data, limits)
    workbook = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
            names = workbook.sheetnames
            sheet = workbook[ROSTER_SHEET] if ROSTER_SHEET in names else workbook.worksheets[0]
            yield from sheet.iter_rows(
                max_row=limits.max_sheet_rows + 1, max_col=limits.max_columns, values_only=True
            )
    except FileRefused:
        raise
    except Exception as error:
        # A damaged file makes openpyxl raise almost anything (KeyError, IndexError, ParseError,
        # zlib.error …); the only code running here is openpyxl's, reading the upload.
        raise FileRefused(CORRUPT) from error
    finally:
        if workbook is not None:
            workbook.close()


def _table(records: Iterator, limits: FileLimits, errors: list[RowError]) -> Iterator[tuple[int, dict]]:
    """Map the header row to the template's columns and yield the filled rows below it."""
    header = next(records, None) or ()
    columns = {index: _header_key(str(text or "")) for index, text in enumerate(header)}
    found = set(columns.values())
    missing = [LABEL[key] for key in REQUIRED if key not in found]
    if missing:
        reason = "找不到这些列，请使用平台提供的模板，不要改动第一行的列名"
        errors.append(RowError(1, "、".join(missing), reason))
        return
    filled = 0
    # Blank rows are counted too: two million of them cost as much time as filled ones.
    for number, values in enumerate(records, start=2):
        if number > limits.max_sheet_rows:
            raise FileRefused(too_many_rows_message(limits))
        cells = {columns[i]: v for i, v in enumerate(values) if columns.get(i) and not _blank(v)}
        if not cells:
            continue
        filled += 1
        if filled > limits.max_people:
            raise FileRefused(too_many_people_message(limits))
        yield number, cells
    if not filled:
        errors.append(RowError(2, "", "名册是空的：请从第2行开始填写，每人一行"))


def _parse_row(number: int, cells: dict, errors: list[RowError]) -> _Row | None:
    """Read one row; every unreadable cell adds an error (all cells are checked)."""
    before = len(errors)

    def read(key, reader, *args, **kwargs):
        try:
            return reader(cells.get(key), *args, **kwargs)
        except CellError as error:
            errors.append(RowError(number, LABEL[key], str(error)))
            return None

    name = str(cells.get("name") or "").strip()
    if not name:
        errors.append(RowError(number, LABEL["name"], "请填写姓名"))
    certificate_no = read("certificate_no", read_identifier)
    if certificate_no == "":
        errors.append(RowError(number, LABEL["certificate_no"], "请填写证号"))
    kind_text = str(cells.get("certificate_kind") or "残疾人证").strip()
    kind = KINDS.get(kind_text)
    if kind is None:
        errors.append(RowError(number, LABEL["certificate_kind"], "证件类型应填“残疾人证”或“残疾军人证”"))
    if kind is not None and certificate_no:
        try:
            # Normalised first (NFKC, ASCII): a full-width copy is the same certificate, for the
            # duplicate check below and for the 挂靠 check when the roster is counted.
            certificate_no = certificate_number(kind, certificate_no)
        except IdentifierError as error:
            errors.append(RowError(number, LABEL["certificate_no"], error.message_zh))
    veteran_grade = read("veteran_grade", read_int, low=1, high=8, label="残疾军人证等级")
    months = read("months", read_months)
    if months == []:
        errors.append(RowError(number, LABEL["months"], "请填写在岗月份，如 1-12"))
    wage = read("monthly_wage", read_money)
    on_establishment = read("on_establishment", read_yes_no, default=False)
    start = read("contract_start", read_date)
    end = read("contract_end", read_date)
    if start and end and end < start:
        errors.append(RowError(number, LABEL["contract_end"], "劳动合同结束日期不能早于开始日期"))
    insured = read("insured_months", read_months) if "insured_months" in cells else None
    dispatched = read("dispatched", read_yes_no, default=False)
    counts_here = read("counts_here", read_yes_no, default=True)
    line_no = read("line_no", read_int, low=1, high=99999, label="序号")
    if len(errors) > before:
        return None
    data = LineData(
        months=months,
        monthly_wage=wage,
        on_establishment=on_establishment,
        contract_start=start,
        contract_end=end,
        insured_months=insured,
        dispatched=dispatched,
        dispatch_agency=str(cells.get("dispatch_agency") or ""),
        counts_here=counts_here,
    )
    return _Row(number, name, kind, certificate_no, veteran_grade, line_no, data)


def _persons(keys: set[str]) -> dict[str, Person]:
    """Registered persons by certificate blind index, looked up in batches (SQLite allows a
    limited number of query parameters; 50,000 keys in one ``IN`` would fail there)."""
    found: dict[str, Person] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), LOOKUP_BATCH):
        batch = ordered[start : start + LOOKUP_BATCH]
        found.update({p.certificate_bidx: p for p in Person.objects.filter(certificate_bidx__in=batch)})
    return found


def roster_validate(file) -> tuple[list[NewLine], list[RowError]]:
    """Validate every row of ``file`` in one pass; returns the lines to save and every error found
    (all of them, however many: the caller saves nothing unless the list is empty)."""
    errors: list[RowError] = []
    try:
        # Each row is parsed as it is read; only the parsed line (a few fields) is kept.
        parsed = [
            row
            for number, cells in _rows(file, roster_limits(), errors)
            if (row := _parse_row(number, cells, errors))
        ]
    except FileRefused as error:
        return [], [RowError(0, "", str(error))]
    keys = {row.number: certificate_index(row.kind, row.certificate_no) for row in parsed}
    persons = _persons(set(keys.values()))
    seen: dict[str, int] = {}
    used_numbers: set[int] = set()
    lines = []
    for row in parsed:
        key = keys[row.number]
        if key in seen:
            errors.append(RowError(row.number, LABEL["certificate_no"], f"与第 {seen[key]} 行重复"))
            continue
        seen[key] = row.number
        person = persons.get(key)
        if person is None or person.certificate_kind != row.kind or person.name.strip() != row.name:
            reason = "证号与姓名不一致，或该证件尚未在残联登记，请核对"
            errors.append(RowError(row.number, LABEL["certificate_no"], reason))
            continue
        if row.kind == RosterCertificateKind.VETERAN and row.veteran_grade is not None:
            if person_disability(person).get("grade") != row.veteran_grade:
                errors.append(RowError(row.number, LABEL["veteran_grade"], "残疾军人证等级与登记信息不一致"))
                continue
        try:
            data = clean_line_data(row.data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.append(RowError(row.number, LABEL.get(field, field), "；".join(messages)))
            continue
        number = row.line_no if row.line_no and row.line_no not in used_numbers else None
        lines.append(NewLine(person=person, line_no=number or 0, data=data))
        if number:
            used_numbers.add(number)
    _number_lines(lines, used_numbers)
    return lines, sorted(errors, key=lambda e: (e.row, e.column))


def _number_lines(lines: list[NewLine], used: set[int]) -> None:
    """Rows without a (unique) 序号 get the next free numbers, in file order."""
    candidate = 1
    for line in lines:
        if line.line_no:
            continue
        while candidate in used:
            candidate += 1
        line.line_no = candidate
        used.add(candidate)


def require_roster_upload(report: QuotaReport, by: User) -> None:
    """Only staff of the employer upload a roster, and only while the report can change (draft or
    returned): a submitted or approved report's roster is what the auditor sees."""
    require_staff(by, report.employer)
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"该申报{report.get_status_display()}，不能再导入或检查名册；如需修改，请联系审核人员退回后再改。",
            code="not_editable",
        )


def roster_check(*, report: QuotaReport, file, by: User) -> list[RowError]:
    """Every problem ``file`` has, saving nothing (for the downloadable problem list)."""
    require_roster_upload(report, by)
    _lines, errors = roster_validate(file)
    return errors


MODE_REQUIRED = "请选择导入方式：“替换现有名册”或“追加或更新”"
MODE_INVALID = "导入方式只能是 replace（替换现有名册）或 merge（追加或更新）"


def require_mode(mode) -> str:
    """The import mode, or a Chinese ``ValidationError`` on the ``mode`` field: there is no
    default, because a wrong guess either deletes lines or keeps ones that should go."""
    if mode in (None, ""):
        raise ValidationError({"mode": MODE_REQUIRED}, code="required")
    if mode not in RosterImportMode.values:
        raise ValidationError({"mode": MODE_INVALID}, code="invalid")
    return mode


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do to the existing roster, counted before anything is written.
    ``updated`` lines are the file's lines whose certificate is already on the roster (replace
    rewrites them too); ``removed`` is never above 0 for merge."""

    mode: str
    existing: int
    kept: int
    updated: int
    added: int
    removed: int

    def as_dict(self) -> dict:
        return {
            "mode": self.mode,
            "existing": self.existing,
            "kept": self.kept,
            "updated": self.updated,
            "added": self.added,
            "removed": self.removed,
        }


def roster_plan(*, report: QuotaReport, lines: list[NewLine], mode: str) -> ImportPlan:
    """Count kept, updated, added and removed lines, matching by the certificate blind index."""
    mode = require_mode(mode)
    existing = set(report.roster.values_list("certificate_bidx", flat=True))
    incoming = {line.person.certificate_bidx for line in lines}
    matching = len(existing & incoming)
    untouched = len(existing) - matching
    merge = mode == RosterImportMode.MERGE
    return ImportPlan(
        mode=mode,
        existing=len(existing),
        kept=untouched if merge else 0,
        updated=matching,
        added=len(incoming) - matching,
        removed=0 if merge else untouched,
    )


@dataclass(frozen=True)
class ImportResult:
    imported: int
    errors: tuple[RowError, ...]
    plan: ImportPlan | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def roster_preview(*, report: QuotaReport, file, mode, by: User) -> ImportResult:
    """Validate ``file`` and count what importing it with ``mode`` would do; writes nothing."""
    mode = require_mode(mode)
    require_roster_upload(report, by)
    lines, errors = roster_validate(file)
    if errors:
        return ImportResult(0, tuple(errors))
    return ImportResult(0, (), roster_plan(report=report, lines=lines, mode=mode))


def roster_import(
    *, report: QuotaReport, file, mode, by: User, expected_version: int | None = None
) -> ImportResult:
    """Import the file's rows if, and only if, every row passes: ``replace`` replaces the roster,
    ``merge`` updates the lines with the same certificate and appends the others (removing none).
    ``expected_version`` (the version the confirmation was computed against) refuses a stale one."""
    mode = require_mode(mode)
    require_roster_upload(report, by)
    lines, errors = roster_validate(file)
    if errors:
        return ImportResult(0, tuple(errors))
    plan = roster_plan(report=report, lines=lines, mode=mode)
    if mode == RosterImportMode.MERGE:
        updated, added = roster_merge(
            report=report,
            by=by,
            lines=lines,
            reason=f"导入名册（追加或更新）：更新{plan.updated}人，追加{plan.added}人",
            expected_version=expected_version,
        )
        plan = ImportPlan(mode, plan.existing, plan.existing - updated, updated, added, 0)
    else:
        roster_replace(
            report=report,
            by=by,
            lines=lines,
            reason=f"导入名册（替换）{len(lines)}人",
            expected_version=expected_version,
        )
    return ImportResult(len(lines), (), plan)
