"""The public levy calculator: plain arguments in, the engine's result (and a display dict) out.

Shared by ``POST /api/v1/quota/calculate``, the calculator page and the report preview.  The
levy for data year Y is declared and paid in Y+1, so the policy of levy year ``data_year + 1``
applies.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from backend.accounts.models import Region
from identifiers.core import CATEGORY_NAMES
from quota.core import (
    InputError,
    LevyResult,
    Policy,
    PolicyError,
    ReportInput,
    RosterLine,
    compute_levy,
    to_decimal,
)
from quota.core.amounts import parse_number
from quota.core.facts import VERIFICATION_NAMES
from quota.core.policy_defaults import PARAMETER_LABELS
from quota.core.retirement import schedules_as_data
from quota.core.verification import line_verification, verification_message

from ..models import QuotaPolicy
from ..selectors import policy_row_for
from ..selectors.reports import OPEN_ENDED_CONTRACT_MONTHS

DEFAULT_REGION = "320585"  # 太仓市

# The contract length decides whether an employee counts at all (财税〔2015〕72号 第四条、第七条:
# a contract or service agreement of at least one year), so the calculator never guesses it: a
# blank used to drop the employee silently and raise the levy by the full share of one person.
CONTRACT_MONTHS_REQUIRED = "请填写劳动合同期限（月）；无固定期限合同填 999 或勾选“无固定期限”"


@dataclass(frozen=True)
class Calculation:
    """A result together with the policy (and the stored row) it was computed under."""

    result: LevyResult
    policy: Policy
    row: QuotaPolicy


def _region(code: str) -> Region:
    region = Region.objects.filter(code=(code or DEFAULT_REGION).strip()).first()
    if region is None:
        raise ValidationError({"region": f"区划代码 {code} 不存在"})
    return region


def policy_and_row(region: Region, levy_year: int, *, field: str = "data_year") -> tuple[Policy, QuotaPolicy]:
    """Resolve the policy; a missing or broken policy is an error on ``field``."""
    try:
        row = policy_row_for(region, levy_year)
        return row.to_core(levy_year), row
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    except PolicyError as error:
        raise ValidationError({field: f"政策参数有误：{error.message_zh}，请管理员在后台修改"}) from error


def _decimal(value, field: str) -> Decimal:
    """An exact Decimal from a Decimal, int or numeric string ("6,000" too); floats and junk
    are refused."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = parse_number(value)
        except InputError:
            result = None
    else:
        result = None
    if result is None or not result.is_finite() or result < 0:
        raise ValidationError({field: "请填写不小于0的数字（元）"})
    return result


def _contract_months(index: int, item: Mapping) -> int | None:
    """The contract length in months; required unless on the establishment or open-ended."""
    months = item.get("contract_months")
    if item.get("open_ended_contract") and months is None:
        return OPEN_ENDED_CONTRACT_MONTHS
    if months is None and not item.get("on_establishment"):
        raise ValidationError({f"disabled_employees.{index}.contract_months": CONTRACT_MONTHS_REQUIRED})
    return months


def _employee_line(index: int, item: Mapping) -> RosterLine:
    months = item.get("months")
    insured = item.get("insured_months")
    return RosterLine(
        str(index + 1),
        certificate_no=(item.get("certificate_no") or "").strip() or None,
        veteran=bool(item.get("veteran", False)),
        veteran_grade=item.get("grade") if item.get("veteran") else None,
        grade=None if item.get("veteran") else item.get("grade"),
        months=frozenset(range(1, 13) if months is None else months),
        monthly_wage=_decimal(item.get("monthly_wage"), f"disabled_employees.{index}.monthly_wage"),
        on_establishment=bool(item.get("on_establishment", False)),
        contract_months=_contract_months(index, item),
        insured_months=None if insured is None else frozenset(insured),
        certificate_valid_until=item.get("certificate_valid_until"),
    )


def levy_calculation(
    *,
    data_year: int,
    org_type: str,
    total_wages: Decimal,
    region_code: str = DEFAULT_REGION,
    employee_count: Decimal | None = None,
    monthly_headcounts: Sequence[Decimal] | None = None,
    social_average_wage: Decimal | None = None,
    disabled_employees: Iterable[Mapping] = (),
) -> Calculation:
    """Compute the levy for data year ``data_year`` (paid in ``data_year + 1``).

    ``disabled_employees`` items are mappings with ``certificate_no``, ``months`` (default 1–12),
    ``veteran`` (default False), ``grade`` (the veteran's grade 1–8; ignored otherwise — the
    grade comes from the certificate), ``monthly_wage``, ``contract_months`` (required unless
    ``on_establishment`` or ``open_ended_contract``), ``open_ended_contract`` (default False),
    ``insured_months`` (default: insured for every month employed), ``on_establishment`` (default
    False) and ``certificate_valid_until`` (a date; default: not checked).
    Raises ValidationError keyed by field.
    """
    region = _region(region_code)
    policy, row = policy_and_row(region, data_year + 1)
    try:
        roster = tuple(_employee_line(i, item) for i, item in enumerate(disabled_employees))
        report = ReportInput(
            data_year,
            org_type,
            employee_count=employee_count,
            monthly_headcounts=None if monthly_headcounts is None else tuple(monthly_headcounts),
            total_wages=total_wages,
            social_average_wage=social_average_wage,
            roster=roster,
        )
    except InputError as error:
        raise ValidationError(error.message_zh) from error
    return Calculation(compute_levy(policy, report), policy, row)


def levy_calculate(**kwargs) -> LevyResult:
    """The LevyResult only; same keyword arguments as :func:`levy_calculation`."""
    return levy_calculation(**kwargs).result


def policy_as_dict(policy: Policy, row: QuotaPolicy) -> dict:
    """The parameters used, their sources and which still need confirmation (JSON-safe)."""
    parameters = {}
    for name in PARAMETER_LABELS:
        value = getattr(policy, name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif name == "retirement_schedules":
            value = schedules_as_data(value)
        elif isinstance(value, Decimal):
            value = format(value, "f")
        parameters[name] = value
    return {
        "id": row.pk,
        "region": row.region.code,
        "region_name": row.region.name,
        "levy_year": policy.levy_year,
        "data_year": policy.data_year,
        "levy_year_from": row.levy_year_from,
        "levy_year_to": row.levy_year_to,
        "parameters": parameters,
        "labels": dict(PARAMETER_LABELS),
        "sources": dict(policy.sources or {}),
        "unconfirmed": sorted(policy.unconfirmed),
    }


def _verification(line) -> dict:
    status = line_verification(line)
    return {
        "verification": status,
        "verification_name": VERIFICATION_NAMES[status],
        "verification_message": verification_message(line),
    }


def lines_as_list(result: LevyResult, *, verified: bool = False) -> list[dict]:
    """Per roster line: whether and how much it counts, and every reason (JSON-safe).

    ``verified``: the lines were checked against the verified facts (a stored report), so each
    says 已核验 / 待核验 / 不一致 and why; the public calculator's lines are an estimate and
    say nothing of the kind."""
    return [
        {
            "line_id": line.line_id,
            "counted": line.counted,
            "weight": line.weight,
            "months_counted": line.months_counted,
            "months": sorted(line.months),
            "contribution": format(to_decimal(line.contribution, 4), "f"),
            "category": line.category,
            "category_name": CATEGORY_NAMES.get(line.category, "") if line.category else "",
            "grade": line.grade,
            "veteran": line.veteran,
            "reasons": [
                {"code": reason.code, "message": reason.message, "months": sorted(reason.months)}
                for reason in line.reasons
            ],
            **(_verification(line) if verified else {}),
        }
        for line in result.lines
    ]


def result_as_dict(result: LevyResult) -> dict:
    """The result as JSON-safe strings: money 2 places, counts 4, ratio 6; ``exempt`` a bool."""
    shown = result.as_display_dict()
    return {
        **shown,
        "data_year": result.data_year,
        "levy_year": result.levy_year,
        "exempt": result.exempt,
        "wage_cap_unknown": result.wage_cap_unknown,
        "social_average_wage": ""
        if result.social_average_wage is None
        else format(to_decimal(result.social_average_wage, 2), "f"),
        "rewards": {"meet": shown["reward_meet"], "above": shown["reward_above"]},
        "steps": list(result.steps),
    }


def calculation_as_dict(calculation: Calculation) -> dict:
    """The calculator response: result figures, steps, per-employee lines and the policy used."""
    return {
        **result_as_dict(calculation.result),
        "employees": lines_as_list(calculation.result),
        "policy": policy_as_dict(calculation.policy, calculation.row),
    }
