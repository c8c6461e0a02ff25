"""Normalisation first (issue 10 §1; style.md convention 17): NFKC, then ASCII digits and
upper-case letters only. Full-width input is the same identifier; other scripts' digits are not."""

import pytest

from identifiers.core import (
    IdentifierError,
    certificate_person_key,
    fold_identifier,
    normalize_identifier,
    parse_certificate_no,
    validate_credit_code,
    validate_resident_id,
    validate_veteran_certificate_no,
)

VALID_ID = "11010519491231002X"


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def test_full_width_digits_and_x_are_the_ascii_resident_id():
    typed = full_width(VALID_ID)
    assert typed == "１１０１０５１９４９１２３１００２Ｘ"
    assert normalize_identifier(typed) == VALID_ID
    assert validate_resident_id(typed) == validate_resident_id(VALID_ID)


def test_lower_case_x_full_width_or_not_becomes_upper_case():
    assert validate_resident_id(VALID_ID.lower()).resident_id == VALID_ID
    assert validate_resident_id(full_width(VALID_ID).replace("Ｘ", "ｘ")).resident_id == VALID_ID


def test_surrounding_whitespace_of_any_width_is_stripped():
    assert normalize_identifier(f"\u3000 {VALID_ID}\t") == VALID_ID


def test_arabic_indic_digits_are_refused_with_a_message_naming_the_position():
    # NFKC keeps "٣" (U+0663); int("٣") == 3 and re's \d match it, which is how it got in before.
    typed = VALID_ID[:4] + "\u0663" + VALID_ID[5:]
    with pytest.raises(IdentifierError) as error:
        validate_resident_id(typed)
    assert error.value.code == "resident_id_character"
    assert error.value.message_zh == "身份证号只能包含数字和字母X，第5位“٣”不是"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("110105 19491231002X", "身份证号中间不能有空格（第7位），请删去空格后重新输入"),
        ("110105\u300019491231002X", "身份证号中间不能有空格（第7位），请删去空格后重新输入"),
        ("110105-19491231002X", "身份证号只能包含数字和字母X，第7位“-”不是"),
        ("11010519491231002Y", "身份证号只能包含数字和字母X，第18位“Y”不是"),
        ("110105\u200b19491231002X", "身份证号第7位是不可见字符（U+200B），请删去后重新输入"),
    ],
)
def test_inner_spaces_dashes_and_other_letters_are_refused_by_name(typed, message):
    with pytest.raises(IdentifierError) as error:
        validate_resident_id(typed)
    assert error.value.message_zh == message


def test_a_full_width_certificate_is_the_ascii_certificate():
    number = VALID_ID + "42"
    info = parse_certificate_no(full_width(number))
    assert info.number == number and info == parse_certificate_no(number)
    assert certificate_person_key(full_width(number)) == VALID_ID


def test_a_certificate_with_arabic_indic_digits_is_refused():
    with pytest.raises(IdentifierError) as error:
        parse_certificate_no(VALID_ID + "\u0664\u0662")  # "٤٢": category and grade
    assert error.value.message_zh == "残疾人证号只能包含数字和字母，第19位“٤”不是"


def test_veteran_numbers_keep_chinese_characters_and_fold_full_width():
    assert validate_veteran_certificate_no("军残字第０００１２３号") == "军残字第000123号"
    assert validate_veteran_certificate_no(" js2019001234 ") == "JS2019001234"
    with pytest.raises(IdentifierError) as error:
        validate_veteran_certificate_no("JS 2019001234")
    assert error.value.message_zh == "残疾军人证号中间不能有空格（第3位），请删去空格后重新输入"


def test_credit_codes_use_the_gb_32100_alphabet_upper_cased():
    assert validate_credit_code(full_width("91350100M000100Y43").lower()) == "91350100M000100Y43"
    with pytest.raises(IdentifierError) as error:
        validate_credit_code("91350100O000100Y43")  # O is never used (GB 32100-2015 第4.1条)
    assert (
        error.value.message_zh == "统一社会信用代码只能包含数字和大写字母（不用I、O、Z、S、V），第9位“O”不是"
    )


def test_folding_never_refuses_and_leaves_a_normalised_identifier_unchanged():
    assert fold_identifier(None) == ""
    assert fold_identifier(" ９１ab٣ ") == "91AB٣"
    for normalised in (VALID_ID, VALID_ID + "42B1", "军残字第000123号", "91350100M000100Y43"):
        assert fold_identifier(normalised) == normalised


def test_upper_casing_touches_ascii_only_so_positions_stay_put():
    # "ß".upper() is "SS": upper-casing everything would shift the position named in the message.
    with pytest.raises(IdentifierError) as error:
        normalize_identifier("1ß3", "credit_code")
    assert "第2位“ß”" in error.value.message_zh
