"""Which policy applies: the most specific region with a row covering the levy year.

The walk is county → city → province (a town-level employer starts at its town).  Within one
region the row whose period contains the levy year applies; the admin form refuses overlapping
periods, and if two overlap anyway the later start wins.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from backend.accounts.models import Region
from quota.core import Policy, PolicyError

from ..models import QuotaPolicy


class PolicyMissing(ValidationError):
    """No policy row covers the region and levy year (the message names both, in Chinese)."""


def policy_row_for(region: Region, levy_year: int) -> QuotaPolicy:
    """The QuotaPolicy row for ``region`` and ``levy_year`` (征收年度 = 数据年度 + 1)."""
    chain = region.ancestors_and_self()  # province first, ``region`` last
    depth = {r.pk: index for index, r in enumerate(chain)}
    rows = list(
        QuotaPolicy.objects.select_related("region")
        .filter(region__in=chain, levy_year_from__lte=levy_year)
        .filter(Q(levy_year_to__isnull=True) | Q(levy_year_to__gte=levy_year))
    )
    if not rows:
        raise PolicyMissing(
            f"没有找到 {region.name} {levy_year} 年度（征收年度）的政策参数，请管理员在后台补充",
            code="policy_missing",
        )
    return max(rows, key=lambda row: (depth[row.region_id], row.levy_year_from))


def policy_for(region: Region, levy_year: int) -> Policy:
    """The pure core Policy for ``region`` and ``levy_year``; a clear Chinese error when none."""
    row = policy_row_for(region, levy_year)
    try:
        return row.to_core(levy_year)
    except PolicyError as error:
        raise ValidationError(
            f"{row} 的政策参数有误：{error.message_zh}，请管理员在后台修改", code="policy_invalid"
        ) from error
