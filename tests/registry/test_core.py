"""The pure row parsers: each column, good and bad (registry.core)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from registry.core import (
    CERTIFICATE_COLUMNS,
    INSURANCE_COLUMNS,
    CertificateRow,
    InsuranceRow,
    RowError,
    header_columns,
    parse_certificate_row,
    parse_insurance_row,
    parse_types,
)

from .helpers import a_certificate, a_credit_code, a_resident_id

FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def certificate_cells(**overrides):
    cells = {
        "certificate_no": a_certificate(1, 4, 2),
        "name": "张三",
        "status": "有效",
        "category": "4",
        "grade": "2",
        "issued_on": "2020-01-01",
        "valid_until": "2030-01-01",
        "status_changed_on": "",
    }
    return cells | overrides


def insurance_cells(**overrides):
    cells = {
        "credit_code": a_credit_code(1),
        "resident_id": a_resident_id(1),
        "month": "2025-03",
        "insurance_types": "养老|医疗|失业|工伤|生育",
        "base": "6000",
    }
    return cells | overrides


def errors_of(result) -> dict[str, str]:
    assert isinstance(result, list), result
    return {error.column: error.reason for error in result}


# --- certificates ---


def test_certificate_row_parses_every_column():
    row = parse_certificate_row(7, certificate_cells(status_changed_on="2024-05-01"))
    assert row == CertificateRow(
        row=7,
        number=a_certificate(1, 4, 2),
        name="张三",
        status="valid",
        category=4,
        grade=2,
        issued_on=date(2020, 1, 1),
        valid_until=date(2030, 1, 1),
        status_changed_on=date(2024, 5, 1),
    )


def test_certificate_fullwidth_digits_are_normalised():
    number = a_certificate(1, 4, 2)
    row = parse_certificate_row(2, certificate_cells(certificate_no=number.translate(FULLWIDTH), grade="２"))
    assert row.number == number
    assert row.grade == 2


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("有效", "valid"),
        ("注销", "cancelled"),
        ("死亡", "deceased"),
        ("迁出", "moved_out"),
        ("过期", "expired"),
        ("Cancelled", "cancelled"),
        ("moved_out", "moved_out"),
    ],
)
def test_certificate_status_accepts_chinese_and_english(text, status):
    assert parse_certificate_row(2, certificate_cells(status=text)).status == status


def test_bad_status_is_named_in_chinese():
    errors = errors_of(parse_certificate_row(12, certificate_cells(status="作废")))
    assert "“作废”不是证件状态" in errors["status"]
    error = parse_certificate_row(12, certificate_cells(status="作废"))[0]
    assert error.message.startswith("第 12 行 status 列：")


def test_bad_certificate_number_is_refused_with_the_identifier_message():
    errors = errors_of(parse_certificate_row(2, certificate_cells(certificate_no="3205851985")))
    assert errors["certificate_no"] == "残疾人证号应为20位（身份证号18位＋类别1位＋等级1位）"


def test_category_and_grade_must_agree_with_the_number():
    errors = errors_of(parse_certificate_row(2, certificate_cells(category="1", grade="3")))
    assert "类别 4" in errors["category"]
    assert "等级 2" in errors["grade"]


def test_category_may_be_written_as_its_name():
    assert parse_certificate_row(2, certificate_cells(category="肢体", grade="二级")).category == 4


@pytest.mark.parametrize("value", ["2020/01/01", "2020-02-30", "20200101", "1800-01-01"])
def test_bad_dates_are_refused(value):
    assert "issued_on" in errors_of(parse_certificate_row(2, certificate_cells(issued_on=value)))


def test_dates_from_xlsx_cells_are_accepted():
    row = parse_certificate_row(
        2, certificate_cells(issued_on=datetime(2020, 1, 1), valid_until=date(2030, 1, 1))
    )
    assert row.issued_on == date(2020, 1, 1)


def test_issued_on_is_required_and_other_dates_optional():
    assert "issued_on" in errors_of(parse_certificate_row(2, certificate_cells(issued_on="")))
    assert parse_certificate_row(2, certificate_cells(valid_until=None)).valid_until is None


def test_valid_until_before_issue_is_refused():
    errors = errors_of(parse_certificate_row(2, certificate_cells(valid_until="2019-01-01")))
    assert "不能早于发证日期" in errors["valid_until"]


def test_name_is_required():
    assert errors_of(parse_certificate_row(2, certificate_cells(name="  ")))["name"] == "必须填写姓名"


def test_every_problem_of_a_row_is_reported():
    errors = errors_of(parse_certificate_row(2, certificate_cells(name="", status="x", issued_on="x")))
    assert set(errors) == {"name", "status", "issued_on"}


# --- insurance ---


def test_insurance_row_parses_every_column():
    row = parse_insurance_row(3, insurance_cells(insurance_types="生育、养老｜工伤", base="6,000.50"))
    assert row == InsuranceRow(
        row=3,
        credit_code=a_credit_code(1),
        resident_id=a_resident_id(1),
        year=2025,
        month=3,
        types="养老|工伤|生育",
        base=Decimal("6000.50"),
    )


def test_insurance_identifiers_are_normalised():
    code, rid = a_credit_code(1), a_resident_id(1)
    row = parse_insurance_row(
        2, insurance_cells(credit_code=code.lower(), resident_id=rid.translate(FULLWIDTH))
    )
    assert (row.credit_code, row.resident_id) == (code, rid)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("credit_code", "91320585MA1XXXXX0X"),
        ("resident_id", "32058519850615001"),
        ("month", "2025-13"),
        ("month", "2025/03"),
        ("insurance_types", "养老|公积金"),
        ("insurance_types", "养老|养老"),
        ("insurance_types", ""),
        ("base", "-1"),
        ("base", "abc"),
        ("base", "1.234"),
        ("base", "NaN"),
        ("base", "1e999999"),
        ("base", "10000000000"),
    ],
)
def test_bad_insurance_cells_are_refused(column, value):
    assert column in errors_of(parse_insurance_row(2, insurance_cells(**{column: value})))


def test_month_from_an_xlsx_date_cell():
    row = parse_insurance_row(2, insurance_cells(month=datetime(2025, 7, 1)))
    assert (row.year, row.month) == (2025, 7)


def test_base_from_an_xlsx_number_cell():
    assert parse_insurance_row(2, insurance_cells(base=6000.5)).base == Decimal("6000.50")


def test_types_are_stored_in_canonical_order():
    assert parse_types("生育|工伤|失业|医疗|养老") == "养老|医疗|失业|工伤|生育"
    assert parse_types("医疗保险、养老保险") == "养老|医疗"


# --- header ---


def test_header_maps_columns_in_any_order_and_ignores_extras():
    found = header_columns(["备注", *reversed(INSURANCE_COLUMNS)], INSURANCE_COLUMNS)
    assert found["base"] == 1 and found["credit_code"] == 5


def test_header_missing_a_column_is_refused():
    error = header_columns(list(CERTIFICATE_COLUMNS[:-1]), CERTIFICATE_COLUMNS)
    assert isinstance(error, RowError) and "status_changed_on" in error.reason
