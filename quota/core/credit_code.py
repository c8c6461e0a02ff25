"""统一社会信用代码 (GB 32100-2015) normalisation and check character."""

from __future__ import annotations

import re

from .errors import IdentifierError

# GB 32100-2015 第4.1条: 31 characters; I, O, Z, S and V are never used.
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: index for index, char in enumerate(_ALPHABET)}
# GB 32100-2015 附录B: weight of position i (1..17) is 3^(i-1) mod 31.
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# People type codes with spaces and all sorts of dashes (ASCII, full-width, en/em dash).
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—－]+")


def validate_credit_code(value: str) -> str:
    """Validate a unified social credit code and return it normalised.

    Normalisation strips spaces and hyphens and upper-cases, so
    "9111 0000-6000 37341l" returns "91110000600037341L".
    """
    text = _SEPARATORS.sub("", value or "").upper()
    if not text:
        raise IdentifierError("credit_code_empty", "请输入统一社会信用代码")
    if len(text) != 18:
        raise IdentifierError("credit_code_length", "统一社会信用代码应为18位")
    if any(char not in _VALUE for char in text):
        raise IdentifierError(
            "credit_code_format", "统一社会信用代码含有无效字符（只用数字和大写字母，不用I、O、Z、S、V）"
        )
    total = sum(_VALUE[char] * weight for char, weight in zip(text[:17], _WEIGHTS, strict=True))
    if _ALPHABET[(31 - total % 31) % 31] != text[17]:
        raise IdentifierError("credit_code_checksum", "统一社会信用代码校验位不正确，请核对后重新输入")
    return text
