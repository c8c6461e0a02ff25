"""Which decision parameters apply: the most specific region with a row covering the year.

The same walk as ``policy_row_for`` (town → county → city → province, the whole row of the most
specific region wins), over ``DecisionPolicy`` and the calendar year of the decision.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from backend.accounts.models import Region

from ..models import DecisionPolicy


def decision_policy_for(region: Region, year: int, *, field: str | None = None) -> DecisionPolicy:
    """The DecisionPolicy row for ``region`` in ``year``; a Chinese error (keyed by ``field`` if
    given) when an administrator has not set one up."""
    chain = region.ancestors_and_self()  # province first, ``region`` last
    depth = {r.pk: index for index, r in enumerate(chain)}
    rows = list(
        DecisionPolicy.objects.select_related("region")
        .filter(region__in=chain, year_from__lte=year)
        .filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
    )
    if not rows:
        message = f"没有找到 {region.name} {year} 年的资金与信用决定参数，请管理员在后台补充"
        raise ValidationError({field: message} if field else message, code="decision_policy_missing")
    return max(rows, key=lambda row: (depth[row.region_id], row.year_from))
