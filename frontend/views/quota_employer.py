"""The employer's annual quota report wizard: choose the data year, monthly headcounts, wages,
roster (quota_employer_roster), a preview with every step, a review page and submit; then the
status, the auditor's return reasons and the computed result.

Views parse, call one quota service or selector, and render.  Every report is read through
``report_list_for(user)``, so another employer's report is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from quota.choices import EDITABLE_STATUSES, PENDING_STATUSES, ReportStatus
from quota.selectors import report_list_for, roster_lines_for
from quota.selectors.declaration import live_notice, payment_instructions, report_deadline
from quota.selectors.report_history import report_history
from quota.services import report_create, report_submit, report_update_figures

from ..forms_quota import HeadcountForm, ReportCreateForm, SubmitForm, WagesForm
from .employer import acting_employer_page, current_employer
from .quota_display import count_text, money_text, preview_context, report_preview_context
from .quota_hires import hires_context
from .quota_whatif import report_preview_with
from .roles import no_store, role_required

STEPS = [
    ("quota_headcount", "在职职工人数"),
    ("quota_wages", "工资总额"),
    ("quota_roster", "残疾职工名册"),
    ("quota_contact", "经办人和材料"),
    ("quota_preview", "保障金预览"),
    ("quota_review", "核对并提交"),
]


def employer_report(request, pk):
    """The report if the signed-in employer staff member may see it; 404 otherwise."""
    return get_object_or_404(report_list_for(request.user), pk=pk)


def line_names(report) -> dict:
    """Roster line id (as the engine numbers them: the 序号, or "#pk") → the employee's name."""
    names = {}
    for line in report.roster.select_related("person"):
        names[str(line.line_no)] = line.person.name
        names[f"#{line.pk}"] = line.person.name
    return names


def step_context(report, current: str, *, request=None) -> dict:
    """The step indicator and the preview shown on every step page. Given the ``request``, the
    preview has every roster line with its grade (the preview and review steps; each line's read
    is logged); otherwise only the figures (the compact box reads nobody's disability)."""
    number = next(i for i, (name, _label) in enumerate(STEPS, start=1) if name == current)
    return {
        "report": report,
        "steps": STEPS,
        "step_number": number,
        "step_total": len(STEPS),
        "current_step": current,
        **(
            report_preview_context(
                report, line_names(report), user=request.user, request_id=getattr(request, "request_id", "")
            )
            if request is not None
            else report_preview_context(report, user=None, disability=False)
        ),
    }


def editable_or_redirect(request, report):
    """Submitted and approved reports cannot change: send the user to the status page."""
    if report.status in EDITABLE_STATUSES:
        return None
    messages.info(request, f"该申报{report.get_status_display()}，不能再修改。")
    return redirect("frontend:quota_report", pk=report.pk)


def _save_errors(form, error: ValidationError) -> None:
    form.add_service_errors(error)


@role_required("employer")
@acting_employer_page
def report_list(request):
    employer = current_employer(request)
    form = ReportCreateForm(request.POST or None, initial={"data_year": timezone.localdate().year - 1})
    if request.method == "POST" and employer is not None and form.is_valid():
        try:
            report = report_create(
                employer=employer, data_year=form.cleaned_data["data_year"], by=request.user
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已新建{report.data_year}年度申报草稿。先填写在职职工人数。")
            return redirect("frontend:quota_headcount", pk=report.pk)
    # The acting employer's reports only (a member of several chose one).
    reports = report_list_for(request.user).filter(employer=employer).order_by("-data_year")
    context = {"form": form, "employer": employer, "reports": reports}
    return render(request, "frontend/quota/report_list.html", context)


@role_required("employer")
def report_overview(request, pk):
    report = employer_report(request, pk)
    context = report_preview_context(
        report, line_names(report), user=request.user, request_id=getattr(request, "request_id", "")
    )
    context.update(
        {
            "report": report,
            "steps": STEPS,
            "editable": report.status in EDITABLE_STATUSES,
            "pending": report.status in PENDING_STATUSES,
            "returned": report.status == ReportStatus.RETURNED,
            "approved": report.status == ReportStatus.APPROVED,
            "roster_count": report.roster.count(),
            "history": report_history(report),
            "deadline": report_deadline(report, live_notice(report)),
            "payment": payment_instructions(report),
        }
    )
    if report.data_year >= timezone.localdate().year and report.status != ReportStatus.APPROVED:
        context.update(hires_context(report))  # only this year's (or next year's) hires can count
    return no_store(render(request, "frontend/quota/report_overview.html", context))


def _headcount_initial(report) -> dict:
    initial = {
        "version": report.version,
        "mode": "annual" if report.employee_count is not None else "monthly",
    }
    if report.employee_count is not None:
        initial["employee_count"] = count_text(report.employee_count)  # "200", not "200.0000"
    for month, value in enumerate(report.monthly_headcounts or [], start=1):
        initial[f"month_{month}"] = value
    return initial


@role_required("employer")
def report_headcount(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    form = HeadcountForm(request.POST or None, initial=_headcount_initial(report))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        annual = data["mode"] == "annual"
        try:
            report_update_figures(
                report=report,
                by=request.user,
                employee_count=data["employee_count"] if annual else None,
                monthly_headcounts=None if annual else data["monthly_headcounts"],
                expected_version=data["version"],
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, "在职职工人数已保存。")
            return redirect("frontend:quota_wages", pk=report.pk)
    context = {"form": form, **step_context(report, "quota_headcount")}
    return render(request, "frontend/quota/step_headcount.html", context)


@role_required("employer")
def report_wages(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    form = WagesForm(
        request.POST or None, initial={"total_wages": report.total_wages, "version": report.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            report_update_figures(
                report=report,
                by=request.user,
                total_wages=form.cleaned_data["total_wages"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, "工资总额已保存。")
            return redirect("frontend:quota_roster", pk=report.pk)
    context = {"form": form, **step_context(report, "quota_wages")}
    return render(request, "frontend/quota/step_wages.html", context)


@role_required("employer")
@require_GET
def report_preview_live(request, pk):
    """The preview box for figures still being typed (quota.js asks for it; nothing is saved)."""
    report = employer_report(request, pk)
    overrides = {}
    if "mode" in request.GET:
        headcount = HeadcountForm(request.GET)
        if headcount.is_valid():
            data = headcount.cleaned_data
            if data["mode"] == "annual":
                overrides["employee_count"] = data["employee_count"]
            else:
                overrides["monthly_headcounts"] = data["monthly_headcounts"]
    if "total_wages" in request.GET:
        wages = WagesForm(request.GET)
        if wages.is_valid():
            overrides["total_wages"] = wages.cleaned_data["total_wages"]
    try:
        result = report_preview_with(report, **overrides)
    except ValidationError as error:
        context = {"preview": None, "preview_problems": error.messages}
    else:
        # The live box shows no roster lines (their category and grade are not read out).
        context = {"preview": preview_context(result, [])}
    context.update({"report": report, "live": True})
    return no_store(render(request, "frontend/quota/_preview_box.html", context))


@role_required("employer")
def report_preview(request, pk):
    report = employer_report(request, pk)
    context = step_context(report, "quota_preview", request=request)
    context["editable"] = report.status in EDITABLE_STATUSES
    return no_store(render(request, "frontend/quota/step_preview.html", context))


@role_required("employer")
def report_review(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    form = SubmitForm(request.POST or None, initial={"version": report.version})
    if request.method == "POST" and form.is_valid():
        try:
            report_submit(report=report, by=request.user, expected_version=form.cleaned_data["version"])
        except ValidationError as error:
            _save_errors(form, error)
        else:
            messages.success(request, f"{report.data_year}年度申报已提交，请等待审核。审核结果会显示在本页。")
            return redirect("frontend:quota_report", pk=report.pk)
    lines = roster_lines_for(request.user).filter(report=report).order_by("line_no", "id")
    context = {
        "form": form,
        "lines": lines,
        "months": list(enumerate(report.monthly_headcounts or [], start=1)),
        "employee_count": count_text(report.employee_count) if report.employee_count is not None else "",
        "total_wages": money_text(report.total_wages) if report.total_wages is not None else "",
        **step_context(report, "quota_review", request=request),
    }
    return no_store(render(request, "frontend/quota/step_review.html", context))
