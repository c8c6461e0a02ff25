from datetime import date

import pytest

from identifiers.core import (
    CATEGORY_NAMES,
    IdentifierError,
    certificate_person_key,
    parse_certificate_no,
    validate_credit_code,
    validate_resident_id,
)

VALID_ID = "11010519491231002X"


def test_known_resident_id_is_valid_and_decoded():
    info = validate_resident_id(VALID_ID)
    assert info.resident_id == VALID_ID
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "F"  # 17th digit 2 is even


def test_lower_case_x_and_spaces_are_normalised():
    assert validate_resident_id(" 11010519491231002x ").resident_id == VALID_ID


@pytest.mark.parametrize("check", "0123456789")
def test_changed_check_character_is_rejected(check):
    with pytest.raises(IdentifierError) as error:
        validate_resident_id(VALID_ID[:17] + check)
    assert error.value.code == "resident_id_checksum"
    assert error.value.message_zh == "身份证号校验位不正确，请核对后重新输入"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "resident_id_empty"),
        ("11010519491231002", "resident_id_length"),
        ("11010519491231002XX", "resident_id_length"),
        ("1101051949123100X2", "resident_id_format"),
        ("110105194902300021", "resident_id_birth_date"),  # 30 February
        ("110105189912310021", "resident_id_birth_date"),  # before 1900
    ],
)
def test_malformed_resident_ids_are_rejected(value, code):
    with pytest.raises(IdentifierError) as error:
        validate_resident_id(value)
    assert error.value.code == code


def test_future_birth_date_rejected_only_when_today_is_given():
    from tests.quota.core.factories import make_resident_id

    future = make_resident_id(date(2030, 1, 1))
    assert validate_resident_id(future).birth_date == date(2030, 1, 1)
    with pytest.raises(IdentifierError):
        validate_resident_id(future, today=date(2025, 6, 1))


def test_odd_sequence_digit_means_male():
    from tests.quota.core.factories import make_resident_id

    assert validate_resident_id(make_resident_id(seq="123")).sex == "M"


def test_certificate_is_resident_id_plus_category_and_grade():
    info = parse_certificate_no(VALID_ID + "1" + "1")
    assert (info.resident_id, info.category, info.grade) == (VALID_ID, 1, 1)
    assert info.category_name == "视力" == CATEGORY_NAMES[1]
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "F"
    assert info.suffix == ""


@pytest.mark.parametrize("suffix", ["B1", "1", "b"])
def test_reissue_suffix_is_accepted_and_ignored(suffix):
    info = parse_certificate_no(VALID_ID + "42" + suffix)
    assert (info.category, info.grade, info.suffix) == (4, 2, suffix.upper())


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (VALID_ID + "1", "certificate_length"),
        (VALID_ID + "11B12", "certificate_length"),
        (VALID_ID + "11-1", "certificate_character"),
        (VALID_ID + "01", "certificate_category"),
        (VALID_ID + "81", "certificate_category"),
        (VALID_ID + "15", "certificate_grade"),
        (VALID_ID + "10", "certificate_grade"),
        (VALID_ID[:17] + "1" + "11", "certificate_resident_id"),
        ("", "certificate_empty"),
    ],
)
def test_bad_certificates_are_rejected(value, code):
    with pytest.raises(IdentifierError) as error:
        parse_certificate_no(value)
    assert error.value.code == code


def test_wrong_length_message_explains_the_format():
    with pytest.raises(IdentifierError) as error:
        parse_certificate_no("123")
    assert error.value.message_zh == "残疾人证号应为20位（身份证号18位＋类别1位＋等级1位）"


def test_person_key_is_the_resident_id_so_reissues_match():
    assert certificate_person_key(VALID_ID + "11") == certificate_person_key(VALID_ID + "11B1") == VALID_ID
    assert certificate_person_key(" jun 123 ") == "JUN123"


@pytest.mark.parametrize("code", ["91110000600037341L", "91350100M000100Y43"])
def test_known_credit_codes_are_valid(code):
    assert validate_credit_code(code) == code


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("91110000600037341l", "91110000600037341L"),
        (" 91350100M000100Y43\u3000", "91350100M000100Y43"),
        ("９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43"),
    ],
)
def test_credit_code_is_normalised(raw, normalised):
    assert validate_credit_code(raw) == normalised


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91110000600037341M", "credit_code_checksum"),
        ("91350100M000100Y44", "credit_code_checksum"),
        ("9111000060003734", "credit_code_length"),
        ("91110000600037341I", "credit_code_character"),  # I is never used (GB 32100-2015 4.1)
        ("9135 0100 M000 100Y43", "credit_code_character"),
        ("91350100-M000100Y43", "credit_code_character"),
        ("", "credit_code_empty"),
    ],
)
def test_bad_credit_codes_are_rejected(value, code):
    with pytest.raises(IdentifierError) as error:
        validate_credit_code(value)
    assert error.value.code == code
