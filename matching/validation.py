"""Cleaning of the list fields services accept; every error names its field in Chinese."""

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from quota.core.amounts import parse_number
from quota.core.errors import InputError

from .core.skills import split_skills

OCCUPATION_CODE = re.compile(r"\d-\d{2}-\d{2}-\d{2}")
MAX_ITEMS = 30


def clean_text_list(value, *, field: str, label: str, max_len: int = 30) -> list[str]:
    """A list of short strings (or one "、"-separated string), stripped, de-duplicated."""
    if value is None:
        return []
    if isinstance(value, str):
        value = split_skills(value)
    if not isinstance(value, list | tuple):
        raise ValidationError({field: f"{label}应为列表"})
    out: dict[str, None] = {}
    for item in value:
        if not isinstance(item, str):
            raise ValidationError({field: f"{label}的每一项应为文字"})
        item = " ".join(item.split())
        if not item:
            continue
        if len(item) > max_len:
            raise ValidationError({field: f"{label}的每一项不超过{max_len}个字：{item[:10]}…"})
        out.setdefault(item, None)
    if len(out) > MAX_ITEMS:
        raise ValidationError({field: f"{label}最多填写{MAX_ITEMS}项"})
    return list(out)


def clean_codes(value, *, field: str, label: str, allowed: Iterable[str]) -> list[str]:
    """A list of codes from ``allowed``, in ``allowed``'s order."""
    if value is None:
        return []
    if not isinstance(value, list | tuple | set | frozenset):
        raise ValidationError({field: f"{label}应为列表"})
    allowed = list(allowed)
    unknown = [str(v) for v in value if v not in allowed]
    if unknown:
        raise ValidationError({field: f"{label}中有无法识别的选项：{'、'.join(unknown[:5])}"})
    chosen = set(value)
    return [code for code in allowed if code in chosen]


def clean_money(value, *, field: str, label: str) -> Decimal | None:
    """A non-negative amount in yuan, built from its text (never from a float)."""
    if value is None or value == "":
        return None
    try:
        # Text as people type it ("6,000", full-width "６０００"): the quota calculator's parser.
        amount = parse_number(value) if isinstance(value, str) else Decimal(str(value).strip())
    except InputError as exc:
        raise ValidationError({field: f"{label}填写有误：{exc.message_zh}"}) from exc
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: f"{label}应为数字"}) from exc
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: f"{label}不能为负数"})
    if amount >= Decimal("1000000000"):
        raise ValidationError({field: f"{label}过大，请核对"})
    return amount.quantize(Decimal("0.01"))


def clean_occupation_codes(value, *, field: str, known: set[str] | None) -> list[str]:
    """Codes like 4-04-05-03; checked against the loaded classification when there is one."""
    codes = clean_text_list(value, field=field, label="职业代码", max_len=12)
    for code in codes:
        if not OCCUPATION_CODE.fullmatch(code):
            raise ValidationError({field: f"职业代码格式应为 4-04-05-03：{code}"})
        if known is not None and code not in known:
            raise ValidationError({field: f"职业分类中没有这个代码：{code}"})
    return codes
