"""Auditors' compliance pages: the compliance table of a data year (from the latest annual
audit), its export, the queue of reports to review, and a report's detail page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from backend.accounts.permissions import Decision, may_decide
from quota.audit.filtersets import AuditResultFilterSet
from quota.audit.selectors import audit_results
from quota.choices import PENDING_STATUSES, ReportStatus
from quota.filtersets import QuotaReportFilterSet
from quota.models import AuditResult, QuotaReport
from quota.selectors import report_list_for
from quota.services.exports import audit_export

from .audit_common import all_label, town_select
from .audit_reads import latest_done_run, queue_results, report_review, run_years
from .roles import no_store, role_required

READERS = ("auditor", "admin")
PAGE_SIZE = 25
# Sortable columns: (ordering key of AuditResultFilterSet, header text).
SORTABLE = {
    "employer_name": "单位名称",
    "employee_count": "职工人数N",
    "counted_disabled": "安排人数D",
    "ratio": "实际比例",
    "levy_due": "应缴保障金（元）",
    "findings_count": "问题数",
}


def _year(request, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return years[0] if years else timezone.localdate().year - 1


def _filter_form(filterset, user) -> None:
    """Shape the FilterSet's form for the page: towns as a list, "全部" instead of dashes."""
    fields = filterset.form.fields
    town_select(fields["region"], user)
    for name in ("org_type", "status", "finding_kind", "severity"):
        all_label(fields[name])
    fields["has_findings"].widget = forms.Select(
        choices=[("", "全部"), ("true", "有问题"), ("false", "没有问题")]
    )
    fields["q"].label = "单位名称"


FILTER_FIELDS = ("region", "org_type", "status", "finding_kind", "severity", "has_findings", "q")


def _sort_links(request, current: str) -> list[dict]:
    params = request.GET.copy()
    params.pop("page", None)
    out = []
    for key, label in SORTABLE.items():
        if current == key:
            state, next_order = "ascending", f"-{key}"
        elif current == f"-{key}":
            state, next_order = "descending", key
        else:
            state, next_order = "", key
        params["ordering"] = next_order
        out.append({"key": key, "label": label, "state": state, "url": "?" + params.urlencode()})
    return out


@role_required(*READERS)
def compliance_table(request):
    """合规审核表: one row per employer of the latest finished audit of the data year."""
    years = run_years(user=request.user)
    year = _year(request, years)
    run = latest_done_run(user=request.user, data_year=year)
    queryset = audit_results(run=run, user=request.user) if run else AuditResult.objects.none()
    filterset = AuditResultFilterSet(request.GET or None, queryset=queryset)
    _filter_form(filterset, request.user)
    # Invalid filters are shown on the form and ignored by the FilterSet (the rest still apply).
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")) if run else None
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["year"] = str(year)
    context = {
        "year": year,
        "years": sorted(set(years) | {year}, reverse=True),
        "run": run,
        "filterset": filterset,
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in FILTER_FIELDS],
        "ordering": request.GET.get("ordering", ""),
        "page": page,
        "sort_links": _sort_links(request, request.GET.get("ordering", "")),
        "export_query": export_query.urlencode(),
    }
    return no_store(render(request, "frontend/audit/compliance.html", context))


@role_required(*READERS)
def compliance_export(request):
    """The compliance table as xlsx (with a findings sheet) or CSV; identifiers masked."""
    year = _year(request, run_years(user=request.user))
    run = latest_done_run(user=request.user, data_year=year)
    if run is None:
        messages.error(request, f"{year}年度还没有完成的年度核查，无法导出")
        return redirect(f"{reverse('frontend:audit_compliance')}?year={year}")
    filters = request.GET.copy()
    for name in ("year", "format", "page"):
        filters.pop(name, None)
    try:
        export = audit_export(
            run=run, user=request.user, fmt=request.GET.get("format", "xlsx"), filters=filters
        )
    except ValidationError as exc:
        messages.error(request, "无法导出：" + "；".join(exc.messages))
        return redirect(f"{reverse('frontend:audit_compliance')}?year={year}")
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return no_store(response)


@role_required(*READERS)
def report_queue(request):
    """待审核申报: reports in the auditor's regions, by default those waiting for a decision."""
    data = request.GET.copy()
    if "status" not in data:
        data.setlist("status", sorted(PENDING_STATUSES))
    filterset = QuotaReportFilterSet(
        data, queryset=report_list_for(request.user).order_by("submitted_at", "pk")
    )
    form = filterset.form
    form.fields["status"].widget = forms.CheckboxSelectMultiple(choices=ReportStatus.choices)
    form.fields["status"].label = "状态"
    form.fields["org_type"].label = "单位性质"
    all_label(form.fields["org_type"])
    town_select(form.fields["region"], request.user)
    form.fields["data_year"].label = "数据年度"
    form.fields["q"].label = "单位名称"
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": form,
        "filter_fields": [form[name] for name in ("data_year", "status", "region", "org_type", "q")],
        "page": page,
        "rows": queue_results(user=request.user, reports=page),
    }
    return render(request, "frontend/audit/report_queue.html", context)


def _report(request, pk: int) -> QuotaReport:
    return get_object_or_404(report_list_for(request.user), pk=pk)


@role_required(*READERS)
def report_detail(request, pk: int):
    """One report: figures and steps, findings of the latest audit, the masked roster, actions."""
    review = report_review(report=_report(request, pk), user=request.user)
    context = {
        "review": review,
        "report": review.report,
        **decision_links(request.user, review.report),
        "is_auditor": request.user.role == "auditor",
    }
    return no_store(render(request, "frontend/audit/report_detail.html", context))


def decision_links(user, report) -> dict:
    """Which decision buttons the report page offers: those the user's agency may take."""
    return {
        "can_decide": may_decide(user, Decision.REPORT_REVIEW) and report.status in PENDING_STATUSES,
        "can_issue_notice": may_decide(user, Decision.LEVY_NOTICE),
        "can_propose_credit": may_decide(user, Decision.CREDIT_PROPOSE),
        "can_confirm": may_decide(user, Decision.CERTIFICATE_CONFIRM),
    }
