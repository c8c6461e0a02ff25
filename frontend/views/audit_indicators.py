"""就业指标: the dashboard of the plan's indicators (each chart an SVG followed by a table of the
same numbers), and the training records behind indicator 3."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from indicators.filtersets import TrainingRecordFilterSet
from indicators.plan import SOURCE
from indicators.selectors import person_by_certificate, plan_indicators, training_records_for
from indicators.services import training_record_create
from indicators.services_indicators import COVERAGE_TARGET, service_indicators
from quota.audit.choices import LedgerKind

from ..forms_audit import TrainingRecordForm
from ..svgcharts import Series, bar_chart, hbar_chart, line_chart
from .audit_common import all_label, form_page
from .roles import role_required

READERS = ("auditor", "admin")
LEDGER_KINDS = [(kind, label) for kind, label in LedgerKind.choices]


def wan(value) -> str:
    """Yuan as 万元 with one decimal for chart labels (the tables show exact yuan)."""
    shown = (Decimal(str(value)) / 10000).quantize(Decimal("0.1"))
    return f"{shown.normalize():f}万" if shown == shown.to_integral() else f"{shown}万"


def _target_chart(indicator, chart_id: str):
    years = [f"{y.year}年" for y in indicator.years]
    status = (
        "已超过目标"
        if indicator.met
        else f"尚差 {max(indicator.target + 1 - indicator.total, 0)} {indicator.unit}"
    )
    desc = (
        f"2021至2025年累计{indicator.total}{indicator.unit}，规划目标为{indicator.target}{indicator.unit}以上，{status}。"
        f"各年新增："
        + "，".join(f"{y.year}年{y.value}" for y in indicator.years)
        + "。图下的表格列出相同数字。"
    )
    return line_chart(
        chart_id=chart_id,
        title=f"{indicator.title}：累计与目标",
        desc=desc,
        categories=years,
        series=[
            Series(f"累计（{indicator.unit}）", [y.cumulative for y in indicator.years]),
            Series(f"当年新增（{indicator.unit}）", [y.value for y in indicator.years]),
        ],
        target=indicator.target,
        target_label=f"目标 >{indicator.target}",
        value_format=lambda v: str(int(v)),
        integer=True,
    )


def _compliance_chart(rows, chart_id: str, title: str):
    desc = "；".join(
        f"{r.label}：达到比例{r.at_quota}家，未达比例{r.below}家，未达比例但免征{r.below_exempt}家"
        for r in rows
    )
    return hbar_chart(
        chart_id=chart_id,
        title=title,
        desc=(desc or "暂无审核通过的申报") + "。图下的表格列出相同数字。",
        categories=[r.label for r in rows],
        series=[
            Series("达到比例", [r.at_quota for r in rows]),
            Series("未达比例", [r.below for r in rows]),
            Series("未达比例但免征", [r.below_exempt for r in rows]),
        ],
        value_format=lambda v: str(int(v)),
        integer=True,
    )


def _levy_chart(levy):
    desc = "；".join(f"{y.data_year}年度应缴{y.assessed}元，已缴{y.paid}元" for y in levy)
    return bar_chart(
        chart_id="chart-levy",
        title="残疾人就业保障金：应缴与已缴（按数据年度）",
        desc=(desc or "暂无数据") + "。图下的表格列出相同数字。",
        categories=[f"{y.data_year}年度" for y in levy],
        series=[
            Series("应缴（审核通过）", [y.assessed for y in levy]),
            Series("已缴", [y.paid for y in levy]),
        ],
        value_format=wan,
    )


def _subsidy_chart(subsidies):
    desc = "；".join(f"{y.data_year}年度已发放{y.paid_total}元" for y in subsidies)
    return bar_chart(
        chart_id="chart-subsidies",
        title="补贴和奖励：已发放金额（按数据年度）",
        desc=(desc or "暂无数据") + "。图下的表格列出相同数字。",
        categories=[f"{y.data_year}年度" for y in subsidies],
        series=[
            Series("已发放", [y.paid_total for y in subsidies]),
            Series("已批准待发放", [y.approved_unpaid for y in subsidies]),
        ],
        value_format=wan,
    )


@role_required(*READERS)
def dashboard(request):
    raw = request.GET.get("year", "")
    data_year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else None
    data = plan_indicators(user=request.user, data_year=data_year)
    compliance = data["compliance"]
    context = {
        **data,
        "source": SOURCE,
        "ledger_kinds": LEDGER_KINDS,
        "charts": {
            "employment": _target_chart(data["employment"], "chart-employment"),
            "training": _target_chart(data["training"], "chart-training"),
            "region": _compliance_chart(
                compliance["region"], "chart-region", f"{data['data_year']}年度按区镇：达到比例的单位"
            ),
            "org_type": _compliance_chart(
                compliance["org_type"], "chart-org-type", f"{data['data_year']}年度按单位性质：达到比例的单位"
            ),
            "levy": _levy_chart(data["levy"]) if data["levy"] else None,
            "subsidies": _subsidy_chart(data["subsidies"]) if data["subsidies"] else None,
        },
        "headings": {
            "region": f"{data['data_year']}年度按区镇",
            "org_type": f"{data['data_year']}年度按单位性质",
        },
        "year_choices": sorted(set(data["compliance_years"]) | {data["data_year"]}, reverse=True),
        "services": service_indicators(user=request.user),
        "coverage_target": COVERAGE_TARGET,
    }
    return render(request, "frontend/audit/dashboard.html", context)


@role_required(*READERS)
def training_records(request):
    filterset = TrainingRecordFilterSet(request.GET or None, queryset=training_records_for(request.user))
    fields = filterset.form.fields
    all_label(fields["kind"])
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in ("year", "kind", "q")],
        "page": page,
        "can_add": request.user.role in READERS,
    }
    return render(request, "frontend/audit/training.html", context)


@role_required(*READERS)
def training_record_new(request):
    form = TrainingRecordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = person_by_certificate(user=request.user, number=data.pop("certificate_no"))
        if person is None:
            form.add_error("certificate_no", "没有找到持这个证号的人员，或该人员不在您负责的区域内，请核对")
        else:
            try:
                training_record_create(person=person, by=request.user, **data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, f"已登记：{person.name} {data['course_name']}")
                return redirect("frontend:audit_training")
    return form_page(
        request,
        form,
        title="登记职业培训",
        submit="登记",
        intro="每人每个培训项目登记一条，计入“残疾人职业技能培训”人次（职业技能鉴定单独统计）。",
        back_url=reverse("frontend:audit_training"),
        back_label="返回培训记录",
    )
