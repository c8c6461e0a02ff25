"""Public quota pages: the levy calculator and the policy in force.

The calculator posts to the same service as ``POST /api/v1/quota/calculate``
(``quota.services.levy_calculation``) and stores nothing; the policy page shows the parameters
the engine will use for a levy year, their sources, and which still await confirmation.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from backend.accounts.choices import OrgType
from backend.accounts.crypto import mask_identifier
from backend.accounts.models import Region
from backend.accounts.signin.throttles import ClientRateThrottle
from quota.core.display import format_rate, format_year_range
from quota.services import calculation_as_dict, levy_calculation
from quota.services.calculator import DEFAULT_REGION, policy_and_row, policy_as_dict

from ..forms_quota import CalculatorForm, EmployeeFormSet, PolicyYearForm, policy_years
from .quota_display import preview_context
from .roles import no_store

START_ROWS = 3
ADD_ROWS = 5
MAX_ROWS = 200


class CalculatorPageThrottle(ClientRateThrottle):
    """The page shares the API's "calculator" rate (security.md: throttle the public calculator)."""

    scope = "calculator"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": "calculator-page", "ident": self.get_ident(request)}


def _raw(form) -> dict:
    """What the user typed, as initial values (to re-render without validating)."""
    return {name: form[name].data for name in form.fields}


def employee_formset(data=None, rows=None):
    if data is not None:
        return EmployeeFormSet(data, prefix="employees")
    formset = EmployeeFormSet(initial=rows, prefix="employees")
    formset.extra = len(rows)  # every row is "extra": left empty, it is skipped
    return formset


def _masked(number: str) -> str:
    return mask_identifier(number) if number else ""


def calculator(request):
    result = None
    announce = ""
    if request.method == "POST":
        form = CalculatorForm(request.POST)
        formset = employee_formset(request.POST)
        if "add_rows" in request.POST:
            rows = [_raw(f) for f in formset.forms][:MAX_ROWS]
            added = min(ADD_ROWS, MAX_ROWS - len(rows))
            form = CalculatorForm(initial=_raw(form))
            formset = employee_formset(rows=rows + [{}] * added)
            announce = f"已增加{added}行，现在共{len(rows) + added}行。" if added else "已达到最多行数。"
        elif not CalculatorPageThrottle().allow_request(request, None):
            form.is_valid()
            form.add_error(None, "计算次数过多，请一分钟后再试")
        else:
            result = _calculate(form, formset)
    else:
        form = CalculatorForm(initial={"data_year": timezone.localdate().year - 1})
        formset = employee_formset(rows=[{}] * START_ROWS)
    row_errors = [
        (index, form_row[name], error)
        for index, form_row in enumerate(formset.forms, start=1)
        if request.method == "POST" and "add_rows" not in request.POST
        for name in form_row.errors
        if name in form_row.fields
        for error in form_row.errors[name]
    ]
    context = {
        "form": form,
        "formset": formset,
        "result": result,
        "row_errors": row_errors,
        "has_errors": bool(form.errors or row_errors or formset.non_form_errors()),
        "announce": announce,
    }
    response = render(request, "frontend/quota/calculator.html", context)
    return no_store(response)  # the page may echo certificate numbers typed in


def _calculate(form, formset):
    """Validate both, call the calculator service, return the display context (or None)."""
    valid = form.is_valid()
    rows_valid = formset.is_valid()
    if not (valid and rows_valid):
        return None
    filled = formset.filled_forms()
    data = form.cleaned_data
    try:
        calculation = levy_calculation(
            data_year=data["data_year"],
            region_code=DEFAULT_REGION,
            org_type=data["org_type"],
            employee_count=data["employee_count"] if data["monthly_headcounts"] is None else None,
            monthly_headcounts=data["monthly_headcounts"],
            total_wages=data["total_wages"],
            social_average_wage=data["social_average_wage"],
            disabled_employees=[row.as_employee() for row in filled],
        )
    except ValidationError as error:
        form.add_service_errors(error)
        return None
    shown = calculation_as_dict(calculation)
    # The service numbers the employees 1, 2, … in the order given; name them by the form row.
    names = {
        str(index): f"第{formset.forms.index(row) + 1}名（{_masked(row.cleaned_data['certificate_no'])}）"
        for index, row in enumerate(filled, start=1)
    }
    context = preview_context(shown, shown["employees"], names)
    policy = shown["policy"]
    context["policy"] = policy
    context["unconfirmed"] = [policy["labels"].get(name, name) for name in policy["unconfirmed"]]
    return context


# --- the policy page ------------------------------------------------------------------------

ORG_LABELS = dict(OrgType.choices)


def _yes_no(value) -> str:
    return "是" if value else "否"


def _money(value, unit: str) -> str:
    return "尚未公布" if value is None else f"{format(Decimal(value), ',.2f')} {unit}"


def _multiple(value) -> str:
    return "本地未设置" if value is None else f"最低月工资标准的 {format(Decimal(value).normalize(), 'f')} 倍"


SEX_LABELS = {"M": "男", "F": "女"}


def _schedules(schedules) -> str:
    """One line per schedule: "男，原60周岁：1965年1月起出生的，每4个月延长1个月，最多延长36个月"."""
    return (
        "；".join(
            f"{SEX_LABELS[s.sex]}，原{s.original_age}周岁：{s.start_year}年{s.start_month}月起出生的，"
            f"每{s.step_months}个月延长1个月，最多延长{s.cap_months}个月"
            for s in schedules
        )
        or "未设置（不延长）"
    )


FORMATTERS = {
    "quota_ratio": format_rate,
    "tier_lower_ratio": format_rate,
    "tier_share_between": format_rate,
    "tier_share_below": format_rate,
    "tiered_reduction": lambda v: "适用" if v else "不适用（全额征收）",
    "exemption_max_headcount": lambda v: f"{format(Decimal(v).normalize(), 'f')} 人",
    "exempt_org_types": lambda v: "、".join(ORG_LABELS.get(t, t) for t in sorted(v)) or "无",
    "wage_cap_multiple": lambda v: f"社会平均工资的 {format(Decimal(v).normalize(), 'f')} 倍",
    "social_average_wage": lambda v: _money(v, "元/年"),
    "minimum_wage_monthly": lambda v: _money(v, "元/月"),
    "working_age_min": lambda v: f"{v} 周岁",
    "retirement_age_male": lambda v: f"原 {v} 周岁（按延迟退休过渡办法逐步延长）",
    "retirement_age_female": lambda v: f"原 {v} 周岁（按延迟退休过渡办法逐步延长）",
    "retirement_schedules": _schedules,
    "min_contract_months": lambda v: f"{v} 个月",
    "surcharge_daily_rate": lambda v: f"每日 {format((Decimal(v) * 1000).normalize(), 'f')}‰",
    "reward_meet_multiple": _multiple,
    "reward_above_multiple": _multiple,
    "ratio_uses_weighted_count": _yes_no,
    "severe_weight": lambda v: f"按 {v} 人计算",
}


def policy_page(request):
    current = timezone.localdate().year
    form = PolicyYearForm(request.GET or None)
    years = [year for year, _label in policy_years()]
    levy_year = form.cleaned_data.get("levy_year") if form.is_bound and form.is_valid() else None
    levy_year = levy_year or current
    context = {"form": form, "levy_year": levy_year, "data_year": levy_year - 1, "years": years}
    region = Region.objects.filter(code=DEFAULT_REGION).first()
    try:
        if region is None:
            raise ValidationError("地区数据缺失")
        policy, row = policy_and_row(region, levy_year)
    except ValidationError as error:
        context["problems"] = error.messages
        return render(request, "frontend/quota/policy.html", context)
    shown = policy_as_dict(policy, row)
    unconfirmed = set(shown["unconfirmed"])
    context["policy"] = shown
    context["year_range"] = format_year_range(shown["levy_year_from"], shown["levy_year_to"])
    context["policy_core"] = policy
    context["parameters"] = [
        {
            "name": name,
            "label": label,
            "value": FORMATTERS.get(name, str)(getattr(policy, name)),
            "source": shown["sources"].get(name, "") or "未记录",
            "unconfirmed": name in unconfirmed,
        }
        for name, label in shown["labels"].items()
    ]
    context["p"] = {item["name"]: item for item in context["parameters"]}
    context["unconfirmed_labels"] = [shown["labels"].get(name, name) for name in shown["unconfirmed"]]
    return render(request, "frontend/quota/policy.html", context)
