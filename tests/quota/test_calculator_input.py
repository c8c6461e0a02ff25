"""The calculator API's input contract: the contract length is required (never silently
dropped), and amounts and head counts may carry thousands separators, read exactly."""

from decimal import Decimal

import pytest

from quota.core import InputError
from quota.core.amounts import normalize_number_text, parse_amount_range, parse_number

from .test_calculator_api import calc, employee, ok

pytestmark = pytest.mark.django_db

CONTRACT_REQUIRED = "请填写劳动合同期限（月）；无固定期限合同填 999 或勾选“无固定期限”"


def two_employees(**extra):
    # A grade-1 (counts 2) and a grade-4 (counts 1): D = 3 = 1.5 % of 200 → nothing due.
    return [employee(grade=1, seq=1, **extra), employee(grade=4, seq=3, **extra)]


def body(**overrides):
    values = {"employee_count": "200", "total_wages": "9000000"}
    values.update(overrides)
    return values


def test_with_the_contract_length_the_quota_is_met_and_nothing_is_due(api):
    assert ok(api, **body(disabled_employees=two_employees()))["levy_due"] == "0.00"


def test_a_blank_contract_length_is_refused_naming_the_field_not_dropped(api):
    # It used to drop both employees silently: D = 0 → 90 % of 3 × 45,000 = 121,500.00 due.
    missing = employee(grade=4, seq=3)
    del missing["contract_months"]
    for second in (missing, employee(grade=4, seq=3, contract_months=None)):
        response = calc(api, **body(disabled_employees=[employee(grade=1, seq=1), second]))
        assert response.status_code == 400, response.json()
        assert response.json()["errors"] == {"disabled_employees.1.contract_months": [CONTRACT_REQUIRED]}


def test_an_open_ended_contract_needs_no_length(api):
    employees = two_employees(contract_months=None, open_ended_contract=True)
    data = ok(api, **body(disabled_employees=employees))
    assert data["levy_due"] == "0.00"
    assert [e["counted"] for e in data["employees"]] == [True, True]


def test_staff_on_the_establishment_still_need_no_contract_length(api):
    employees = two_employees(contract_months=None, on_establishment=True)
    assert ok(api, **body(disabled_employees=employees))["levy_due"] == "0.00"


def test_a_short_contract_still_counts_nothing_with_its_reason(api):
    data = ok(api, **body(disabled_employees=two_employees(contract_months=6)))
    assert data["levy_due"] == "121500.00"
    assert data["employees"][0]["reasons"][0]["message"] == "合同期限6个月，不足12个月，不计入"


# --- thousands separators -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wages", "count", "wage"),
    [
        ("9,000,000", "200", "6,000"),
        ("9,000,000.00", "200.0", "6,000.00"),
        ("９，０００，０００", "２００", "６，０００"),  # full-width digits and commas (NFKC)
        ("  9,000,000 ", " 200 ", "6000"),
    ],
)
def test_amounts_with_thousands_separators_are_read_exactly(api, wages, count, wage):
    data = ok(api, employee_count=count, total_wages=wages, disabled_employees=[employee(monthly_wage=wage)])
    assert data["average_wage"] == "45000.00"
    assert data["employee_count"] == "200.0000"
    assert data["levy_due"] == "81000.00"  # D = 1 of 3, p = 0.5 % → 90 % of 2 × 45,000
    assert data["employees"][0]["counted"] is True


def test_monthly_headcounts_take_separators_too(api):
    months = ["1,200"] * 6 + ["1,000"] * 6
    data = ok(api, employee_count=None, monthly_headcounts=months, total_wages="9,900,000")
    assert data["employee_count"] == "1100.0000"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("total_wages", "9,00,000", "千分位逗号位置不对：每三位数字一个逗号，如 9,000,000"),
        ("total_wages", "90,50", "千分位逗号位置不对：每三位数字一个逗号，如 9,000,000"),
        ("total_wages", "9 000 000", "应为数字，如 9000000 或 9,000,000"),
        ("total_wages", "٩٠٠٠", "只能填写数字，如 9000000 或 9,000,000"),
        ("employee_count", "1,0000", "千分位逗号位置不对：每三位数字一个逗号，如 9,000,000"),
        ("social_average_wage", "12万", "只能填写数字，如 9000000 或 9,000,000"),
    ],
)
def test_badly_grouped_or_non_numeric_text_is_a_400_naming_the_field(api, field, value, message):
    response = calc(api, **{field: value})
    assert response.status_code == 400
    assert response.json()["errors"] == {field: [message]}


def test_a_bad_wage_in_an_employee_row_names_the_row(api):
    response = calc(api, disabled_employees=[employee(monthly_wage="6,00")])
    assert response.json()["errors"] == {
        "disabled_employees.0.monthly_wage": ["千分位逗号位置不对：每三位数字一个逗号，如 9,000,000"]
    }


def test_json_numbers_are_still_taken_as_before(api):
    # The API has always read JSON numbers (through their shortest text); that stays.
    assert ok(api, employee_count=200, total_wages=9000000)["average_wage"] == "45000.00"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("9,000,000", "9000000"),
        ("9,000,000.25", "9000000.25"),
        ("１２，３４５．６７", "12345.67"),
        ("-1,000", "-1000"),
        ("999", "999"),
        (".5", ".5"),
    ],
)
def test_the_one_number_parser_removes_only_well_placed_separators(text, plain):
    assert normalize_number_text(text) == plain


@pytest.mark.parametrize("text", ["1,00", "1,0000", ",100", "100,", "1,000,00", "1.000,00", "1e5", "NaN", ""])
def test_the_one_number_parser_refuses_ambiguous_text(text):
    with pytest.raises(InputError):
        normalize_number_text(text)


def test_parsed_numbers_are_exact_decimals():
    assert parse_number("9,000,000.10") == Decimal("9000000.10")
    assert str(parse_number("0.10")) == "0.10"


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("4000-5000", "4000", "5000"),
        ("4000～5000", "4000", "5000"),
        ("4k-5k", "4000", "5000"),
        ("4,000 至 5,000", "4000", "5000"),
        ("６，０００", "6000", None),
        ("4500元", "4500", None),
    ],
)
def test_amount_ranges_are_read_as_people_type_them(typed, low, high):
    assert parse_amount_range(typed) == (Decimal(low), None if high is None else Decimal(high))


def test_amount_range_running_backwards_is_refused():
    with pytest.raises(InputError, match="范围应从小到大"):
        parse_amount_range("5000-4000")


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (2026, None, "2026年起（长期有效，直到有新的政策）"),
        (2026, 2026, "仅2026年"),
        (2023, 2027, "2023年至2027年"),
    ],
)
def test_policy_year_ranges_are_put_in_words(first, last, words):
    from quota.core.display import format_year_range

    assert format_year_range(first, last) == words
