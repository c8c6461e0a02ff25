"""Which policy applies: the most specific region with a row covering the levy year.

The rule itself is pure (``quota.core.policy_resolution``): the walk is town → county → city →
province; within one region the later start wins (the admin form refuses overlapping periods),
then the later-created row.  Here it is fed from the database, for one region
(``policy_row_for``) or for every region of an audit at once (``policy_rows_covering``).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q

from backend.accounts.models import Region
from quota.core import Policy, QuotaCoreError
from quota.core.policy_resolution import PolicyPeriod, region_codes_of, resolve_policy

from ..models import QuotaPolicy


class PolicyMissing(ValidationError):
    """No policy row covers the region and levy year (the message names both, in Chinese)."""


def policy_missing_message(region: Region, levy_year: int) -> str:
    return f"没有找到 {region.name} {levy_year} 年度（征收年度）的政策参数，请管理员在后台补充"


def policy_rows_covering(levy_year: int, *, region_codes: list[str] | None = None) -> list[QuotaPolicy]:
    """The policy rows whose period covers ``levy_year`` (of the given regions, or all)."""
    rows = QuotaPolicy.objects.select_related("region").filter(levy_year_from__lte=levy_year)
    rows = rows.filter(Q(levy_year_to__isnull=True) | Q(levy_year_to__gte=levy_year))
    if region_codes is not None:
        rows = rows.filter(region__code__in=region_codes)
    return list(rows)


def policy_period(row: QuotaPolicy) -> PolicyPeriod:
    """A policy row as the pure rule reads it."""
    return PolicyPeriod(row.pk, row.region.code, row.levy_year_from, row.levy_year_to)


def policy_row_for(region: Region, levy_year: int) -> QuotaPolicy:
    """The QuotaPolicy row for ``region`` and ``levy_year`` (征收年度 = 数据年度 + 1)."""
    codes = region_codes_of(region.path)
    rows = {row.pk: row for row in policy_rows_covering(levy_year, region_codes=codes)}
    chosen = resolve_policy(map(policy_period, rows.values()), codes, levy_year)
    if chosen is None:
        raise PolicyMissing(policy_missing_message(region, levy_year), code="policy_missing")
    return rows[chosen.key]


def policy_of_row(row: QuotaPolicy, levy_year: int) -> Policy:
    """The pure core Policy of one row; a clear Chinese error when its parameters are wrong."""
    try:
        return row.to_core(levy_year)
    except QuotaCoreError as error:
        raise ValidationError(
            f"{row} 的政策参数有误：{error.message_zh}，请管理员在后台修改", code="policy_invalid"
        ) from error


def policy_for(region: Region, levy_year: int) -> Policy:
    """The pure core Policy for ``region`` and ``levy_year``; a clear Chinese error when none."""
    return policy_of_row(policy_row_for(region, levy_year), levy_year)
