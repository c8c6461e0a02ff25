"""Checks on policy rows an administrator edits (the admin form calls these).

Resolution itself is a read: ``quota.selectors.policy_for`` / ``policy_row_for``.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from quota.core import PolicyError

from ..models import QuotaPolicy
from ..selectors import policy_for, policy_row_for

__all__ = ["policy_for", "policy_row_for", "policy_validate"]


def policy_validate(row: QuotaPolicy) -> None:
    """Refuse parameters the engine would refuse, and periods overlapping another row of the
    same region (one row per region and levy year, so resolution is never ambiguous)."""
    if row.levy_year_to is not None and row.levy_year_to < row.levy_year_from:
        raise ValidationError({"levy_year_to": "截止征收年度不能早于起始征收年度"})
    if row.region_id is None:
        raise ValidationError({"region": "请选择地区"})
    if not isinstance(row.sources, dict) or not all(isinstance(v, str) for v in row.sources.values()):
        raise ValidationError({"sources": '参数来源应为 {"参数名": "文件名称"} 的形式'})
    for name in ("unconfirmed", "exempt_org_types"):
        value = getattr(row, name)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError({name: '应为参数名或单位类型的列表，如 ["enterprise"]'})
    try:
        row.to_core(row.levy_year_from)
    except PolicyError as error:
        raise ValidationError(error.message_zh) from error
    end = row.levy_year_to
    overlap = QuotaPolicy.objects.filter(region_id=row.region_id).exclude(pk=row.pk)
    overlap = overlap.filter(Q(levy_year_to__isnull=True) | Q(levy_year_to__gte=row.levy_year_from))
    if end is not None:
        overlap = overlap.filter(levy_year_from__lte=end)
    clash = overlap.first()
    if clash is not None:
        raise ValidationError(f"与已有的政策期间“{clash}”重叠，请先调整那一条的起止年度")
