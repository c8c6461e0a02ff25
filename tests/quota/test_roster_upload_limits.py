"""A roster upload cannot exhaust the server: zip bombs, shared-string floods, millions of rows,
DOCTYPE/entity declarations, oversized bodies and damaged files are refused with a Chinese reason
that names the limit — never a 500, never a file on disk, never half-saved data."""

import time
import zipfile
from io import BytesIO

import openpyxl
import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import override_settings

from quota.choices import ReportStatus
from quota.core.file_checks import MIB, FileLimits
from quota.services import roster_import, roster_validate
from quota.services.roster_import import RowError, _rows
from quota.services.upload_limits import FORM_OVERHEAD, roster_limits
from quota.services.xlsx_template import HEADERS

from .conftest import client_for
from .factories import make_person, make_report
from .test_roster_import import row
from .upload_files import (
    MULTIPART,
    SHEET,
    SpyStream,
    csv_bytes,
    multipart,
    part,
    rezip,
    upload,
    with_doctype,
    with_shared_strings,
    with_sheet_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(employer_a, staff_a):
    return make_report(employer_a, by=staff_a)


@pytest.fixture
def limits(settings):
    """Scale the roster's limits down: ``limits(max_sheet_rows=50)``."""

    def scale(**overrides):
        settings.ROSTER_IMPORT_LIMITS = overrides

    return scale


@pytest.fixture
def no_openpyxl(monkeypatch):
    """Fail if the file reaches openpyxl: the checks must refuse it before anything is loaded."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("openpyxl loaded a file that should have been refused before")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def file_error(data: bytes, name: str = "roster.xlsx") -> str:
    """The one whole-file reason a file is refused with."""
    _lines, errors = roster_validate(upload(data, name))
    assert len(errors) == 1 and errors[0].row == 0 and errors[0].column == "", errors
    return errors[0].reason


def test_default_limits(settings):
    assert settings.ROSTER_UPLOAD_MAX_BYTES == 10 * MIB
    assert settings.UPLOAD_MAX_REQUEST_BYTES == 64 * MIB
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= settings.ROSTER_UPLOAD_MAX_BYTES + FORM_OVERHEAD
    assert settings.FILE_UPLOAD_HANDLERS[0] == "quota.services.upload_limits.LimitedUploadHandler"
    assert (
        roster_limits()
        == FileLimits()
        == FileLimits(
            max_file_bytes=10 * MIB,
            max_people=50_000,
            max_sheet_rows=60_000,
            max_columns=64,
            max_line_chars=4096,
            max_parts=200,
            max_part_bytes=64 * MIB,
            max_total_bytes=96 * MIB,
            max_ratio=100,
            ratio_grace_bytes=1 * MIB,
            max_shared_strings=250_000,
            max_cells=1_500_000,
            max_row_cells=1024,
            max_xml_elements=4_000_000,
        )
    )


def test_a_full_roster_of_50000_people_is_inside_every_default_limit():
    """Written with inline strings (openpyxl write-only), the least compact way: the file is
    2.9 MB, its sheet unpacks to 35 MB — inside the 10 MB upload and every unpacked limit."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append(HEADERS)
    for n in range(50_000):
        line = [
            n + 1,
            "王小明",
            f"{n:020d}",
            "残疾人证",
            "",
            "1-12",
            5000.5,
            "否",
            "2023-01-01",
            "2026-12-31",
        ]
        sheet.append([*line, "1-12", "是", "太仓市某某劳务派遣有限公司", "否"])
    for _ in range(9000):  # and blank rows below, as a formatted template keeps them
        sheet.append([""] * 14)
    buffer = BytesIO()
    workbook.save(buffer)
    assert len(buffer.getvalue()) < 5 * MIB  # half the upload limit: room for longer real cells
    errors = []
    rows = sum(1 for _row in _rows(upload(buffer.getvalue()), roster_limits(), errors))
    assert errors == [] and rows == 50_000


# --- 1. zip members and shared strings are bounded before openpyxl loads anything ------------


def test_a_million_shared_strings_are_refused_before_openpyxl_loads_them(no_openpyxl):
    """The reported file: 1M distinct shared strings, 21 MB of XML in a 2.6 MB upload (+342 MiB)."""
    data = with_shared_strings(xlsx_bytes(), 1_000_000)
    assert len(data) < 5 * MIB
    reason = file_error(data)
    # Under the 64 MB part limit since 50,000-person rosters are allowed; the count stops it.
    assert reason.startswith("表格中不同的文字超过250000条")


def test_shared_strings_are_counted_and_refused_over_the_limit(limits, no_openpyxl):
    limits(max_shared_strings=100)
    assert "不同的文字超过100条" in file_error(with_shared_strings(xlsx_bytes(), 101))


def test_shared_strings_at_the_limit_are_read(limits, report, staff_a):
    limits(max_shared_strings=100)
    data = with_shared_strings(xlsx_bytes([row(make_person(), number="1")]), 100)
    _lines, errors = roster_validate(upload(data))
    assert [e.row for e in errors] == [2]  # the row is read (and its number is wrong)


def test_an_entry_whose_uncompressed_size_is_over_the_limit_is_refused(limits, no_openpyxl):
    limits(max_part_bytes=100_000)
    big = xlsx_bytes([[f"{n:08x}" * 40] for n in range(400)])  # about 140 KB of sheet XML
    assert "其中一部分超过97KB" in file_error(big)


def test_a_highly_compressed_entry_is_refused_by_its_ratio(limits, no_openpyxl):
    limits(ratio_grace_bytes=10_000)
    padding = b"<!-- " + b"0" * 200_000 + b" -->"
    data = rezip(xlsx_bytes(), {"docProps/custom.xml": padding})
    assert "压缩比异常（超过100倍）" in file_error(data)


def test_total_uncompressed_size_and_number_of_entries_are_limited(limits, no_openpyxl):
    extra = {f"xl/media/image{n}.bin": bytes(range(256)) * 40 for n in range(10)}
    data = rezip(xlsx_bytes(), extra)
    limits(max_total_bytes=100_000)
    assert "文件解压后超过97KB" in file_error(data)
    limits(max_parts=15)
    assert "包含的部分过多（超过15个）" in file_error(data)


def test_cells_in_one_row_are_limited_by_default(no_openpyxl):
    """One row of 2,000 empty cells: openpyxl would build the whole row (1M cells: 7 s, 650 MB)."""
    cells = b"".join(b'<c r="%s3"/>' % openpyxl.utils.get_column_letter(n).encode() for n in range(1, 2001))
    data = with_sheet_rows(xlsx_bytes(), b'<row r="3">' + cells + b"</row>")
    assert "有一行超过1024个单元格" in file_error(data)


def test_cells_and_xml_elements_are_limited(limits, no_openpyxl):
    rows = b"".join(b'<row r="%d"><c r="A%d"/><c r="B%d"/></row>' % (n, n, n) for n in range(3, 103))
    data = with_sheet_rows(xlsx_bytes(), rows)
    limits(max_cells=150)
    assert "单元格超过150个" in file_error(data)
    limits(max_xml_elements=200)
    assert "超过200个元素" in file_error(data)


# --- 2. rows are counted as they are read, blank ones included -----------------------------


def test_a_lone_row_two_million_rows_down_stops_at_the_row_cap():
    """openpyxl yields every blank row in between: the old import skipped 2M of them (25.6 s)."""
    far = b'<row r="2000000"><c r="A2000000" t="inlineStr"><is><t>x</t></is></c></row>'
    data = with_sheet_rows(xlsx_bytes(), far, dimension="A1:N2000000")
    started = time.monotonic()
    reason = file_error(data)
    assert time.monotonic() - started < 10
    assert (
        reason
        == "表格超过60000行（空行也算在内），一次最多导入50000人。请删除多余的空行，或分成几份用“追加或更新”方式导入"
    )


def test_blank_rows_count_towards_the_row_cap(limits):
    limits(max_sheet_rows=50)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for number in range(2, 60):  # formatted but empty, as the template's rows are
        sheet.cell(row=number, column=1).number_format = "@"
    sheet.cell(row=60, column=1, value="王小明")
    buffer = BytesIO()
    workbook.save(buffer)
    assert file_error(buffer.getvalue()).startswith("表格超过50行（空行也算在内），一次最多导入50000人")


def test_the_number_of_people_is_limited(limits, report, staff_a):
    limits(max_people=3)
    people = [row(make_person()) for _ in range(4)]
    result = roster_import(report=report, file=upload(xlsx_bytes(people)), mode="replace", by=staff_a)
    reason = "一次最多导入3人，请删除多余的行，或分成几份用“追加或更新”方式导入"
    assert result.errors == (RowError(0, "", reason),)
    assert report.roster.count() == 0


# --- 3. no DOCTYPE or entity declaration in any part -------------------------------------

DOCTYPE_REASON = "文件包含不允许的内容（DOCTYPE），请用 Excel 重新保存为 .xlsx 后上传"


@pytest.mark.parametrize(
    "name", [SHEET, "xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml", "docProps/core.xml"]
)
def test_a_doctype_in_any_part_is_refused(name, no_openpyxl):
    assert file_error(with_doctype(xlsx_bytes(), name)) == DOCTYPE_REASON


@pytest.mark.parametrize(
    "declaration",
    [
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',  # XXE
        b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',  # entity expansion
        b'<!DOCTYPE x SYSTEM "http://127.0.0.1:1/evil.dtd">',  # an external DTD, no entities
    ],
)
def test_entity_and_external_declarations_are_refused(declaration, no_openpyxl):
    assert file_error(with_doctype(xlsx_bytes(), declaration=declaration)) == DOCTYPE_REASON


def test_a_doctype_in_a_utf16_part_is_refused(no_openpyxl):
    """A byte search for "<!DOCTYPE" would miss it; expat decodes the part as any XML reader does."""
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'
    data = rezip(xlsx_bytes(), {"docProps/custom.xml": xml.encode("utf-16")})
    assert file_error(data) == DOCTYPE_REASON


def test_api_import_of_a_file_with_a_doctype_is_a_400_not_a_500(report, staff_a):
    """The reported 500: an external entity, used in a cell, made openpyxl raise ParseError."""
    xxe = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    data = with_doctype(xlsx_bytes([row(make_person())]), declaration=xxe)
    sheet = part(data, SHEET).replace(b"<t>", b"<t>&e;", 1)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {"mode": "replace", "file": upload(rezip(data, {SHEET: sheet}))},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == [DOCTYPE_REASON]
    assert response.json()["rows"] == [{"row": 0, "column": "", "reason": DOCTYPE_REASON}]


# --- damaged and unexpected files ------------------------------------------------------


def test_damaged_xlsx_files_are_a_chinese_message():
    good = xlsx_bytes([row(make_person())])
    corrupt = "文件已损坏或不是有效的 .xlsx 文件，无法读取。请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传"
    assert file_error(good[: len(good) // 2]) == corrupt  # cut off
    assert file_error(rezip(good, {SHEET: b"<worksheet><sheetData><row>"})) == corrupt  # broken XML
    without_types = BytesIO()
    with zipfile.ZipFile(without_types, "w") as archive:
        archive.writestr(SHEET, part(good, SHEET))
    assert file_error(without_types.getvalue()) == corrupt  # a zip, not a workbook
    crc = bytearray(good)
    at = crc.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 5
    crc[at] ^= 0xFF  # one byte of compressed data changed
    assert file_error(bytes(crc)) == corrupt
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    assert "旧版 .xls 文件或设置了打开密码" in file_error(old, "roster.xls")
    assert file_error(b"name,id\n", "roster.txt") == "无法读取文件，请上传用模板填写并保存为 .xlsx 的文件"


def test_api_import_of_a_damaged_file_is_a_400(report, staff_a):
    good = xlsx_bytes([row(make_person())])
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {"mode": "replace", "file": upload(rezip(good, {SHEET: b"<worksheet><sheetData><row>"}))},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"][0].startswith("文件已损坏")


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_a_csv_saved_from_the_template_imports(encoding, report, staff_a):
    people = [make_person(), make_person()]
    data = csv_bytes([row(p) for p in people], encoding=encoding)
    result = roster_import(report=report, file=upload(data, "名册.csv"), mode="replace", by=staff_a)
    assert result.errors == ()
    assert set(report.roster.values_list("person_id", flat=True)) == {p.pk for p in people}


def test_csv_rows_line_length_and_size_are_limited(limits, settings):
    limits(max_sheet_rows=50)
    blank_lines = csv_bytes([[""] * 14 for _ in range(60)])
    assert file_error(blank_lines, "r.csv").startswith("表格超过50行（空行也算在内）")
    limits()
    long_line = csv_bytes([["王小明" + "x" * 5000]])
    assert file_error(long_line, "r.csv") == "CSV 文件第2行超过4096个字符，请检查该行是否有多余的内容"
    settings.ROSTER_UPLOAD_MAX_BYTES = 1000
    big = csv_bytes([["王小明", "1" * 20, "", "", "", "1-12", "5000"]] * 30)
    assert (
        file_error(big, "r.csv") == "文件超过1000字节，请删除多余的内容或分成几份导入（每份不超过1000字节）"
    )


def test_csv_that_is_not_text_or_not_csv_is_a_chinese_message():
    assert "无法识别 CSV 文件的编码" in file_error(b"\xff\xfe\x00\x00binary\x00", "r.csv")
    # A quote never closed: the field runs on over many (short) lines, past the csv module's limit.
    unclosed = csv_bytes([]) + b'"' + (b"x" * 4000 + b"\n") * 40
    assert file_error(unclosed, "r.csv").startswith("CSV 文件第34行格式有误")


# --- 4. the request body is refused from its Content-Length, before it is read -------------


def test_api_refuses_a_60mb_body_from_its_content_length_without_reading_it(report, staff_a):
    body = multipart({}, b"PK" + b"\0" * 200_000)
    spy = SpyStream(body)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        data=body,
        content_type=MULTIPART,
        CONTENT_LENGTH=str(60 * MIB),
        **{"wsgi.input": spy},
    )
    assert response.status_code == 413
    assert response.json()["errors"]["file"] == [
        "文件超过10MB，请删除多余的内容或分成几份导入（每份不超过10MB）"
    ]
    assert spy.bytes_read <= 128 * 1024  # the multipart parser's look-ahead, not the body


def test_a_body_over_the_site_wide_cap_is_a_400_and_is_not_read(report, staff_a):
    body = multipart({}, b"x" * 1000)
    spy = SpyStream(body)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-errors",
        data=body,
        content_type=MULTIPART,
        CONTENT_LENGTH=str(65 * MIB),
        **{"wsgi.input": spy},
    )
    assert response.status_code == 400
    assert spy.bytes_read == 0


@pytest.mark.parametrize("endpoint", ["roster-import", "roster-errors"])
def test_api_file_over_the_limit_is_a_413_naming_it(endpoint, settings, report, staff_a):
    settings.ROSTER_UPLOAD_MAX_BYTES = 50_000
    for size in (50_001, 200_000):  # within the form overhead (seen while streaming), and beyond it
        response = client_for(staff_a).post(
            f"/api/v1/quota/reports/{report.pk}/{endpoint}",
            {"mode": "replace", "file": upload(b"PK" + b"\0" * (size - 2))},
            format="multipart",
        )
        assert response.status_code == 413, size
        assert response.json()["detail"] == "文件超过48KB，请删除多余的内容或分成几份导入（每份不超过48KB）"


def test_an_accepted_roster_never_touches_the_disk(monkeypatch, report, staff_a):
    """3 MB is over Django's default in-memory size (2.5 MB): it used to be spooled to disk."""

    def on_disk(*_args, **_kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", on_disk)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {"mode": "replace", "file": upload(b"not a zip" + b"\0" * 3 * MIB)},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["rows"][0]["reason"] == "无法读取文件，请上传用模板填写并保存为 .xlsx 的文件"


def test_api_refuses_url_encoded_bodies(report, staff_a):
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        data="file=abc",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 415


# --- 5. only an editable report (draft, returned) accepts a roster upload -------------------


@pytest.mark.parametrize("state", [ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.APPROVED])
@pytest.mark.parametrize("endpoint", ["roster-import", "roster-errors"])
def test_api_roster_uploads_are_refused_on_filed_and_approved_reports(state, endpoint, employer_a, staff_a):
    report = make_report(employer_a, by=staff_a, status=state)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/{endpoint}",
        {"mode": "replace", "file": upload(xlsx_bytes([row(make_person())]))},
        format="multipart",
    )
    assert response.status_code == 400
    message = response.json()["errors"]["non_field_errors"][0]
    assert message.startswith(f"该申报{report.get_status_display()}，不能再导入或检查名册")
    assert report.roster.count() == 0


@pytest.mark.parametrize("state", [ReportStatus.DRAFT, ReportStatus.RETURNED])
def test_api_roster_check_works_on_editable_reports(state, employer_a, staff_a):
    report = make_report(employer_a, by=staff_a, status=state)
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-errors",
        {"mode": "replace", "file": upload(xlsx_bytes([row(make_person(), months="七月")]))},
        format="multipart",
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:2] == [2, "在岗月份(如 1-12 或 1,2,3,7-12)"]


def test_roster_check_service_refuses_approved_reports_and_other_employers(employer_a, staff_a, staff_b):
    from django.core.exceptions import PermissionDenied, ValidationError

    from quota.services import roster_check

    approved = make_report(employer_a, by=staff_a, status=ReportStatus.APPROVED)
    with pytest.raises(ValidationError):
        roster_check(report=approved, file=upload(xlsx_bytes()), by=staff_a)
    draft = make_report(employer_a, by=staff_a, data_year=2023)
    with pytest.raises(PermissionDenied):
        roster_check(report=draft, file=upload(xlsx_bytes()), by=staff_b)


def test_another_employers_report_is_a_404_for_both_upload_endpoints(report, staff_b):
    for endpoint in ("roster-import", "roster-errors"):
        response = client_for(staff_b).post(
            f"/api/v1/quota/reports/{report.pk}/{endpoint}",
            {"mode": "replace", "file": upload(xlsx_bytes())},
            format="multipart",
        )
        assert response.status_code == 404


@override_settings(ROSTER_IMPORT_LIMITS={"max_people": 1})
def test_settings_overrides_reach_the_import(report, staff_a):
    result = roster_import(
        report=report, file=upload(xlsx_bytes([row(make_person())] * 2)), mode="replace", by=staff_a
    )
    assert result.errors == (
        RowError(0, "", "一次最多导入1人，请删除多余的行，或分成几份用“追加或更新”方式导入"),
    )
