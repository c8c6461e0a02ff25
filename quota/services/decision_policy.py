"""Checks on the decision parameters an administrator edits (the admin form calls this)."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from ..models.decision_policy import LEDGER_MAX_FIELDS, DecisionPolicy

PARAMETER_NAMES = frozenset([*LEDGER_MAX_FIELDS.values(), "credit_statement_days"])


def decision_policy_validate(row: DecisionPolicy) -> None:
    """Refuse unknown parameter names in ``sources``/``unconfirmed`` and periods overlapping
    another row of the same region (so the resolution is never ambiguous)."""
    if row.year_to is not None and row.year_to < row.year_from:
        raise ValidationError({"year_to": "截止年度不能早于起始年度"})
    if not isinstance(row.sources, dict) or not all(isinstance(v, str) for v in row.sources.values()):
        raise ValidationError({"sources": '参数来源应为 {"参数名": "文件名称"} 的形式'})
    if unknown := set(row.sources) - PARAMETER_NAMES:
        raise ValidationError({"sources": f"参数来源中有未知参数：{'、'.join(sorted(unknown))}"})
    if not isinstance(row.unconfirmed, list) or not all(isinstance(item, str) for item in row.unconfirmed):
        raise ValidationError({"unconfirmed": '应为参数名的列表，如 ["credit_statement_days"]'})
    if unknown := set(row.unconfirmed) - PARAMETER_NAMES:
        raise ValidationError({"unconfirmed": f"待确认参数中有未知参数：{'、'.join(sorted(unknown))}"})
    overlap = DecisionPolicy.objects.filter(region_id=row.region_id).exclude(pk=row.pk)
    overlap = overlap.filter(Q(year_to__isnull=True) | Q(year_to__gte=row.year_from))
    if row.year_to is not None:
        overlap = overlap.filter(year_from__lte=row.year_to)
    if clash := overlap.first():
        raise ValidationError(f"与已有的期间“{clash}”重叠，请先调整那一条的起止年度")
