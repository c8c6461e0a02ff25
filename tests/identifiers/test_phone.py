"""Phone numbers are read as people type them (identifiers.core.phone)."""

import pytest

from identifiers.core import IdentifierError
from identifiers.core.phone import normalize_phone


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("139-1234-5678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("１３９１２３４５６７８", "13912345678"),
        ("+86 139 1234 5678", "13912345678"),
        ("0512-53712345", "0512-53712345"),
        ("0512 5371 2345", "0512-53712345"),
        ("(0512)53712345", "0512-53712345"),
        ("051253712345", "051253712345"),
        ("  ", ""),
    ],
)
def test_phone_separators_and_full_width_digits_are_accepted(typed, stored):
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize("typed", ["139-1234", "23912345678", "abc", "١٣٩١٢٣٤٥٦٧٨"])
def test_phone_that_is_no_number_is_refused_with_a_chinese_message(typed):
    with pytest.raises(IdentifierError) as caught:
        normalize_phone(typed)
    assert caught.value.message_zh.startswith("手机号应为11位数字")
