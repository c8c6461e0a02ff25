"""Exports: the audit's results and findings, and the current credit list (xlsx or CSV).

Person data leaves the platform masked only (3205************1234, security.md); free text
typed by staff is masked too, in case an ID number was pasted into it.  Cells that a
spreadsheet would run as a formula are neutralised (CSV/formula injection).
"""

import csv
import io
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from backend.accounts.crypto import DecryptionError, mask_identifier
from backend.accounts.models import User
from quota.audit.choices import CreditStatus, FindingKind
from quota.audit.models import AuditRun
from quota.audit.selectors import audit_findings, audit_results

from ..core.display import RATIO_PLACES, format_percent
from ..models.decisions import CreditFlag

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# An 18-character resident ID, optionally followed by category and grade (残疾人证号).
_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?:\d{2})?(?![0-9A-Za-z])")


@dataclass(frozen=True)
class ExportFile:
    """A finished export: the bytes, their media type and a download name (ASCII)."""

    content: bytes
    content_type: str
    filename: str


def mask_free_text(text: str) -> str:
    """Mask anything that looks like a resident ID or certificate number inside free text."""
    return _ID_LIKE.sub(lambda match: mask_identifier(match.group(0)), text or "")


def _cell(value):
    """Text a spreadsheet would evaluate (=, +, -, @ …) is prefixed with ' (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _render(fmt: str, sheets: list[tuple[str, list[str], list[list]]], stem: str) -> ExportFile:
    if fmt not in FORMATS:
        raise ValidationError({"format": "导出格式应为 xlsx 或 csv"})
    if fmt == "csv":
        title, header, rows = sheets[0]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([_cell(value) for value in row] for row in rows)
        # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
        return ExportFile(("\ufeff" + buffer.getvalue()).encode("utf-8"), FORMATS[fmt], f"{stem}.csv")
    book = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return ExportFile(buffer.getvalue(), FORMATS[fmt], f"{stem}.xlsx")


def _masked_certificate(line) -> str:
    if line is None:
        return ""
    try:
        number = line.person.decrypt("certificate")
    except DecryptionError:
        return "（无法读取）"
    return mask_identifier(number) if number else ""


RESULT_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "所在区镇",
    "单位性质",
    "申报状态",
    "在职职工人数N",
    "实际安排人数D",
    "实际比例",
    "应缴保障金（元）",
    "免征",
    "问题数",
    "最高严重程度",
    "说明",
]
FINDING_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "名册行号",
    "残疾人证号（脱敏）",
    "问题类型",
    "严重程度",
    "说明",
]


def _result_rows(run: AuditRun, user: User, filters) -> list[list]:
    rows = []
    for r in audit_results(run=run, user=user, filters=filters):
        rows.append(
            [
                r.employer.name,
                r.employer.credit_code,
                r.employer.region.name,
                r.employer.get_org_type_display(),
                r.get_status_display(),
                "" if r.employee_count is None else format(r.employee_count, "f"),
                "" if r.counted_disabled is None else format(r.counted_disabled, "f"),
                # As the compliance table shows it ("1.23%"), not the stored fraction 0.012300.
                "" if r.ratio is None else format_percent(r.ratio, RATIO_PLACES),
                "" if r.levy_due is None else format(r.levy_due, "f"),
                "是" if r.exempt else "否",
                r.findings_count,
                r.get_max_severity_display() if r.max_severity else "",
                r.error,
            ]
        )
    return rows


def _finding_rows(run: AuditRun, user: User, filters) -> list[list]:
    findings = audit_findings(run=run, user=user, filters=filters).select_related("roster_line__person")
    return [
        [
            f.employer.name,
            f.employer.credit_code,
            f.roster_line.line_no if f.roster_line else "",
            _masked_certificate(f.roster_line),
            FindingKind(f.kind).label if f.kind in FindingKind.values else f.kind,
            f.get_severity_display(),
            mask_free_text(f.message),
        ]
        for f in findings
    ]


def audit_export(*, run: AuditRun, user: User, fmt: str, table: str = "results", filters=None) -> ExportFile:
    """The run's results (and, in xlsx, a findings sheet) for the rows the user may see.

    CSV holds one table: ``table`` = "results" (default) or "findings".
    """
    filters = filters or {}
    stem = f"audit-{run.data_year}-run{run.pk}"
    if fmt == "csv":
        if table == "findings":
            return _render(
                fmt, [("问题清单", FINDING_HEADER, _finding_rows(run, user, {}))], f"{stem}-findings"
            )
        if table != "results":
            raise ValidationError({"table": "table 应为 results 或 findings"})
    sheets = [("审核结果", RESULT_HEADER, _result_rows(run, user, filters))]
    if fmt == "xlsx":
        sheets.append(("问题清单", FINDING_HEADER, _finding_rows(run, user, {})))
    return _render(fmt, sheets, stem)


CREDIT_HEADER = [
    "单位名称",
    "统一社会信用代码",
    "所在区镇",
    "失信等级",
    "认定理由",
    "起始日期",
    "结束日期",
    "状态",
]


def credit_flags_export(*, user: User, fmt: str) -> ExportFile:
    """The flags in force (生效中 and 异议处理中) that the user may see, for the credit platform."""
    flags = (
        CreditFlag.objects.visible_to(user)
        .filter(status__in=[CreditStatus.ACTIVE, CreditStatus.OBJECTED])
        .select_related("employer", "employer__region")
        .order_by("employer_name", "start_date", "pk")
    )
    rows = [
        [
            flag.employer_name,
            flag.credit_code,
            flag.employer.region.name,
            flag.get_level_display(),
            mask_free_text(flag.reason),
            flag.start_date.isoformat(),
            flag.end_date.isoformat() if flag.end_date else "",
            flag.get_status_display(),
        ]
        for flag in flags
    ]
    return _render(fmt, [("失信名单", CREDIT_HEADER, rows)], "credit-flags")
