"""统一社会信用代码 (GB 32100-2015): alphabet and check character."""

from __future__ import annotations

from .errors import IdentifierError
from .normalize import CREDIT_CODE_ALPHABET, normalize_identifier

_VALUE = {char: index for index, char in enumerate(CREDIT_CODE_ALPHABET)}
# GB 32100-2015 附录B: the weight of position i (1..17) is 3^(i-1) mod 31.
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def validate_credit_code(value: str | None) -> str:
    """Normalise and validate a unified social credit code; returns the normalised code.

    Full-width characters and lower-case letters are accepted ("９１…l" gives "91…L"); inner
    spaces and dashes are refused by name, so the stored code is exactly the printed one.
    """
    text = normalize_identifier(value, "credit_code")
    if not text:
        raise IdentifierError("credit_code_empty", "请输入统一社会信用代码")
    if len(text) != 18:
        raise IdentifierError("credit_code_length", "统一社会信用代码应为18位")
    total = sum(_VALUE[char] * weight for char, weight in zip(text[:17], _WEIGHTS, strict=True))
    if CREDIT_CODE_ALPHABET[(31 - total % 31) % 31] != text[17]:
        raise IdentifierError("credit_code_checksum", "统一社会信用代码校验位不正确，请核对后重新输入")
    return text
