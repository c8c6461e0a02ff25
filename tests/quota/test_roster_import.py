"""xlsx template and import: every cell read as text, every row validated, all or nothing."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from quota.choices import ReportStatus
from quota.services import (
    roster_error_workbook,
    roster_import,
    roster_template,
    roster_validate,
    workbook_bytes,
)
from quota.services.roster_import import RowError
from quota.services.xlsx_cells import SCIENTIFIC
from quota.services.xlsx_template import HEADERS

from .conftest import client_for
from .factories import make_line, make_person, make_report

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def numeric_person(**kwargs):
    """A person whose certificate number is all digits (a spreadsheet would store it as a number)."""
    while True:
        person = make_person(**kwargs)
        if person.decrypt("certificate").isdigit():
            return person


def workbook_file(rows, headers=HEADERS, name="roster.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    return SimpleUploadedFile(name, workbook_bytes(workbook), content_type=XLSX)


def row(person, *, number=None, months="1-12", wage=5000, start="2023-01-01", end="", insured="", **extra):
    values = {
        "序号": extra.get("line_no", ""),
        "姓名": extra.get("name", person.name),
        "残疾人证号或残疾军人证号": number if number is not None else person.decrypt("certificate"),
        "证件类型(残疾人证/残疾军人证)": extra.get("kind", "残疾人证"),
        "残疾军人证等级": extra.get("veteran_grade", ""),
        "在岗月份(如 1-12 或 1,2,3,7-12)": months,
        "月工资(元)": wage,
        "是否在编(是/否)": extra.get("establishment", "否"),
        "劳动合同开始日期": start,
        "劳动合同结束日期": end,
        "缴纳社保月份": insured,
        "是否劳务派遣(是/否)": extra.get("dispatched", "否"),
        "派遣单位": extra.get("agency", ""),
        "由本单位计算(是/否)": extra.get("counts_here", ""),
    }
    return [values[header] for header in HEADERS]


@pytest.fixture
def report(employer_a, staff_a):
    return make_report(employer_a, by=staff_a)


def test_template_has_chinese_headers_text_columns_and_a_help_sheet():
    workbook = load_workbook(BytesIO(workbook_bytes(roster_template())))
    assert workbook.sheetnames == ["花名册", "说明"]
    sheet = workbook["花名册"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert HEADERS[2] == "残疾人证号或残疾军人证号"
    assert sheet["C2"].number_format == "@"  # certificate numbers stay text
    assert sheet["I2"].number_format == "@"
    help_rows = [r[0].value for r in workbook["说明"].iter_rows(min_row=2) if r[0].value]
    assert set(HEADERS) <= set(help_rows)


def with_full_digit_number(upload: SimpleUploadedFile, placeholder: int, digits: str) -> SimpleUploadedFile:
    """Rewrite one numeric cell's stored text, as programs that keep every digit of an integer write it."""
    source = zipfile.ZipFile(BytesIO(upload.read()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(f"<v>{placeholder}</v>".encode(), f"<v>{digits}</v>".encode())
            target.writestr(item, data)
    return SimpleUploadedFile(upload.name, out.getvalue(), content_type=XLSX)


def test_spreadsheet_style_file_with_numeric_ids_and_real_dates_imports(report, staff_a):
    first, second = numeric_person(), numeric_person()
    third = make_person(veteran_grade=3, veteran_number="201512345678")
    rows = [
        # An integer ID cell (full digits in the file), dates as real dates, wage as a float.
        row(first, number=111111111111, start=datetime(2023, 1, 1), end=datetime(2025, 12, 31), wage=5000.5),
        # ID as text, Excel serial date numbers, "7-12" turned into a date by the spreadsheet,
        # a Chinese date, wage as an integer.
        row(
            second, months=datetime(2024, 7, 12), start=45292, end="2026年6月30日", insured="7-12", wage=6000
        ),
        # A numeric-looking veteran number stored as a number (12 digits: no digit lost).
        row(
            third,
            number=201512345678.0,
            kind="残疾军人证",
            veteran_grade=3,
            start="2024/1/1",
            establishment="是",
        ),
    ]
    upload = with_full_digit_number(workbook_file(rows), 111111111111, first.decrypt("certificate"))
    result = roster_import(report=report, file=upload, mode="replace", by=staff_a)
    assert result.errors == ()
    assert result.imported == 3
    lines = {line.person_id: line for line in report.roster.all()}
    a, b, c = lines[first.pk], lines[second.pk], lines[third.pk]
    assert (a.contract_start, a.contract_end, a.monthly_wage) == (
        date(2023, 1, 1),
        date(2025, 12, 31),
        Decimal("5000.50"),
    )
    assert a.months == list(range(1, 13)) and a.insured_months == list(range(1, 13))
    assert b.months == [7, 8, 9, 10, 11, 12]
    assert (b.contract_start, b.contract_end, b.monthly_wage) == (
        date(2024, 1, 1),
        date(2026, 6, 30),
        Decimal("6000.00"),
    )
    assert c.certificate_kind == "veteran" and c.on_establishment is True
    assert [line.line_no for line in report.roster.order_by("line_no")] == [1, 2, 3]


def test_id_stored_in_scientific_notation_is_a_clear_error(report, staff_a):
    person = numeric_person()
    as_float = float(person.decrypt("certificate"))
    result = roster_import(
        report=report, file=workbook_file([row(person, number=as_float)]), mode="replace", by=staff_a
    )
    assert result.errors == (RowError(2, "残疾人证号或残疾军人证号", SCIENTIFIC),)
    text = workbook_file([row(person, number="3.20585198503011E+19")])
    assert roster_import(report=report, file=text, mode="replace", by=staff_a).errors[0].reason == SCIENTIFIC


def test_one_bad_row_saves_nothing_and_names_row_and_column(report, staff_a):
    kept = make_line(report, make_person())
    before = list(report.roster.values_list("pk", "person_id", "months", "monthly_wage"))
    version = report.version
    good, bad, also_good = make_person(), make_person(), make_person()
    rows = [row(good), row(bad, wage="五千"), row(also_good)]
    result = roster_import(report=report, file=workbook_file(rows), mode="replace", by=staff_a)
    assert result.imported == 0
    assert [(e.row, e.column) for e in result.errors] == [(3, "月工资(元)")]
    assert "不是数字" in result.errors[0].reason
    report.refresh_from_db()
    assert list(report.roster.values_list("pk", "person_id", "months", "monthly_wage")) == before
    assert report.version == version
    assert kept.pk == before[0][0]


def test_every_row_is_checked_and_every_problem_reported(report, staff_a):
    a, b, c, d = make_person(name="王伟"), make_person(), make_person(), make_person()
    rows = [
        row(a, name="王芳"),  # name does not match the registry
        row(b, months="13", start="2024-02-30"),  # bad months and an impossible date
        row(c, start="2024-05-01", end="2024-04-30"),  # ends before it starts
        row(c),  # duplicate of the row above
        row(d, number="320585198503011234"),  # 18 characters: not a certificate number
        ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],  # blank rows are skipped
    ]
    _lines, errors = roster_validate(workbook_file(rows))
    found = {(e.row, e.column) for e in errors}
    assert found == {
        (2, "残疾人证号或残疾军人证号"),
        (3, "在岗月份(如 1-12 或 1,2,3,7-12)"),
        (3, "劳动合同开始日期"),
        (4, "劳动合同结束日期"),
        (6, "残疾人证号或残疾军人证号"),
    }
    by_row = {e.row: e.reason for e in errors}
    assert "证号与姓名不一致" in by_row[2]
    assert "残疾人证号应为20位" in by_row[6]
    # Row 5 duplicates row 4 only once row 4 itself passes; here row 4 failed, so no duplicate error.


@pytest.mark.parametrize(
    "written",
    [str, lambda number: "".join(chr(ord(char) + 0xFEE0) for char in number)],
    ids=["ascii", "full-width"],
)
def test_duplicate_certificates_in_one_file_are_refused(report, staff_a, written):
    # A full-width copy (NFKC gives the ASCII number) is the same certificate (issue 10 §1).
    person = make_person()
    copy = row(person, number=written(person.decrypt("certificate")))
    _lines, errors = roster_validate(workbook_file([row(person), copy]))
    assert errors == [RowError(3, "残疾人证号或残疾军人证号", "与第 2 行重复")]


def test_a_full_width_certificate_alone_finds_its_holder(report, staff_a):
    person = make_person()
    full_width = "".join(chr(ord(char) + 0xFEE0) for char in person.decrypt("certificate"))
    lines, errors = roster_validate(workbook_file([row(person, number=full_width)]))
    assert errors == [] and [line.person for line in lines] == [person]


def test_unregistered_certificate_is_refused(report, staff_a):
    person = make_person()
    number = person.decrypt("certificate")
    other = number[:19] + ("1" if number[19] != "1" else "2")  # same holder, different grade: not registered
    _lines, errors = roster_validate(workbook_file([row(person, number=other)]))
    assert [e.row for e in errors] == [2]
    assert "尚未在残联登记" in errors[0].reason


def test_missing_columns_and_non_xlsx_files_are_file_errors(report, staff_a):
    _lines, errors = roster_validate(workbook_file([["x"]], headers=["姓名"]))
    assert errors[0].row == 1 and "残疾人证号或残疾军人证号" in errors[0].column
    junk = SimpleUploadedFile("roster.xlsx", b"not a spreadsheet", content_type=XLSX)
    _lines, errors = roster_validate(junk)
    assert errors == [RowError(0, "", "无法读取文件，请上传用模板填写并保存为 .xlsx 的文件")]
    _lines, errors = roster_validate(workbook_file([]))
    assert "名册是空的" in errors[0].reason


def test_import_replaces_the_existing_roster(report, staff_a):
    make_line(report, make_person())
    new = make_person()
    result = roster_import(
        report=report, file=workbook_file([row(new, line_no=7)]), mode="replace", by=staff_a
    )
    assert result.imported == 1
    assert list(report.roster.values_list("person_id", "line_no")) == [(new.pk, 7)]


def test_error_workbook_lists_row_column_reason():
    workbook = roster_error_workbook([RowError(3, "月工资(元)", "月工资“五千”不是数字")])
    sheet = load_workbook(BytesIO(workbook_bytes(workbook))).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [
        ["行号", "列", "问题"],
        [3, "月工资(元)", "月工资“五千”不是数字"],
    ]


# --- through the API ----------------------------------------------------------------


def test_api_template_download(staff_a):
    response = client_for(staff_a).get("/api/v1/quota/reports/roster-template")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert load_workbook(BytesIO(response.content)).sheetnames == ["花名册", "说明"]


def test_api_import_ok_and_error_paths(report, staff_a):
    client = client_for(staff_a)
    url = f"/api/v1/quota/reports/{report.pk}/roster-import"
    good = make_person()
    response = client.post(url, {"mode": "replace", "file": workbook_file([row(good)])}, format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["imported"] == 1
    bad = workbook_file([row(make_person()), row(make_person(), months="七月")])
    response = client.post(url, {"mode": "replace", "file": bad}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["rows"] == [
        {"row": 3, "column": "在岗月份(如 1-12 或 1,2,3,7-12)", "reason": body["rows"][0]["reason"]}
    ]
    assert body["errors"]["file"][0].startswith("第3行 在岗月份")
    assert body["error_file"].endswith(f"/api/v1/quota/reports/{report.pk}/roster-errors")
    assert list(report.roster.values_list("person_id", flat=True)) == [good.pk]
    bad.seek(0)
    response = client.post(body["error_file"], {"mode": "replace", "file": bad}, format="multipart")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:2] == [3, "在岗月份(如 1-12 或 1,2,3,7-12)"]


def test_api_import_without_a_file_is_a_400(report, staff_a):
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import", {}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_api_import_into_a_submitted_report_is_refused(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a, status=ReportStatus.SUBMITTED)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {"mode": "replace", "file": workbook_file([row(make_person())])},
        format="multipart",
    )
    assert response.status_code == 400
    assert report.roster.count() == 0
