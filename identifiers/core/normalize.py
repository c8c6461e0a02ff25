"""Normalisation first: every identifier goes through :func:`normalize_identifier` before it is
validated, looked up, blind-indexed or compared (style.md, convention 17).

Unicode NFKC turns full-width "３" and "Ｘ" into "3" and "X", so a number typed on a Chinese
keyboard is the same number as its ASCII form. NFKC does *not* turn other scripts' digits
(Arabic-Indic "٣", U+0663) into ASCII; Python's ``int()`` and ``\\d`` would accept them and give
the same person a second blind index, so they are refused here by name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .errors import IdentifierError

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# GB 32100-2015 第4.1条: the 31 characters of a credit code; I, O, Z, S and V are never used.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class _Kind:
    label: str  # the field, as the user knows it
    allowed: str  # after NFKC and ASCII upper-casing
    described: str  # "只能包含…"
    cjk: bool = False  # 残疾军人证号 may carry Chinese characters (军残字第…号)


KINDS = {
    # GB 11643-1999 第4条: 17 digits and a check character 0–9 or X.
    "resident_id": _Kind("身份证号", _DIGITS + "X", "数字和字母X"),
    # 残疾人证号: the resident ID, category and grade digits, and a reissue suffix (e.g. "B1").
    "certificate": _Kind("残疾人证号", _DIGITS + _LETTERS, "数字和字母"),
    # 残疾军人证号 has no national format.
    "veteran": _Kind("残疾军人证号", _DIGITS + _LETTERS, "数字、字母和汉字", cjk=True),
    "credit_code": _Kind("统一社会信用代码", CREDIT_CODE_ALPHABET, "数字和大写字母（不用I、O、Z、S、V）"),
}


def _ascii_upper(text: str) -> str:
    # Only ASCII letters: str.upper() would turn "ß" into "SS" and shift every position after it.
    return "".join(char.upper() if char.isascii() else char for char in text)


def fold_identifier(value: str | None) -> str:
    """NFKC, surrounding whitespace stripped, ASCII letters upper-cased; never refuses.

    The key under which an identifier is blind-indexed and compared. A valid identifier is
    unchanged by folding its :func:`normalize_identifier` result, so validating writers and
    lenient readers (lookups, the migration) agree on the key.
    """
    return _ascii_upper(unicodedata.normalize("NFKC", value or "").strip())


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _refusal(kind: _Kind, position: int, char: str) -> str:
    if char.isspace():
        return f"{kind.label}中间不能有空格（第{position}位），请删去空格后重新输入"
    if not char.isprintable():
        return f"{kind.label}第{position}位是不可见字符（U+{ord(char):04X}），请删去后重新输入"
    return f"{kind.label}只能包含{kind.described}，第{position}位“{char}”不是"


def normalize_identifier(value: str | None, kind: str = "resident_id") -> str:
    """The identifier in its one canonical form, or :class:`IdentifierError` naming the first
    character that cannot be part of it (position counted from 1, after stripping).

    ``kind`` is one of ``KINDS``: "resident_id", "certificate", "veteran" or "credit_code".
    An empty value gives "" (the validators say "请输入…").
    """
    spec = KINDS[kind]
    text = fold_identifier(value)
    for position, char in enumerate(text, start=1):
        if char not in spec.allowed and not (spec.cjk and _is_cjk(char)):
            raise IdentifierError(f"{kind}_character", _refusal(spec, position, char))
    return text
