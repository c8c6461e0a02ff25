"""The roster step of the report wizard: form rows (add, change, remove), "沿用去年名单", the xlsx
template, and the xlsx import that shows every row error in a table and as a downloadable
error file — nothing is saved when any row is wrong (quota.services.roster_import).

An import happens in two steps: the upload (file and a required 导入方式) is checked and, when
every row passes, kept on the server while a confirmation page says how many lines will be
kept, updated, added and removed; only the confirmation writes (quota.services.roster_staging).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from backend.accounts.crypto import mask_identifier
from quota.core.display import format_months
from quota.selectors import roster_lines_for
from quota.services import (
    LineData,
    report_carry_forward,
    roster_error_workbook,
    roster_import,
    roster_line_add,
    roster_line_remove,
    roster_line_update,
    roster_template,
    workbook_bytes,
)
from quota.services.roster_import import RowError, roster_preview
from quota.services.roster_staging import roster_stage, roster_staged, roster_unstage
from quota.services.upload_limits import roster_limits, upload_limit, upload_refusal

from ..forms_quota import RosterImportConfirmForm, RosterLineAddForm, RosterLineEditForm, RosterUploadForm
from .quota_employer import editable_or_redirect, employer_report, step_context
from .roles import no_store, role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_MONTHS = list(range(1, 13))
ERRORS_SHOWN = 50  # rows of the problem table on the page; the xlsx download lists them all


def _errors_key(report) -> str:
    return f"quota-import-errors-{report.pk}"


def _staged_key(report) -> str:
    return f"quota-import-staged-{report.pk}"


def _drop_staged(request, report) -> dict | None:
    """Forget (and delete) the file waiting for confirmation, if any; returns its session entry."""
    staged = request.session.pop(_staged_key(report), None)
    if staged:
        roster_unstage(token=staged.get("token", ""))
    return staged


def xlsx_response(workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return no_store(response)


def roster_rows(request, report) -> list[dict]:
    """The roster as shown to the employer: certificate numbers masked (they hold the originals)."""
    rows = []
    for line in roster_lines_for(request.user).filter(report=report).order_by("line_no", "id"):
        number = line.person.decrypt("certificate") or ""
        rows.append(
            {
                "line": line,
                "name": line.person.name,
                "certificate": mask_identifier(number) if number else "",
                "kind": line.get_certificate_kind_display(),
                "months": format_months(set(line.months or [])) or "无",
                "insured": format_months(set(line.insured_months or [])) or "无",
            }
        )
    return rows


def render_roster(request, report, *, upload_form=None, import_errors=None, status=200):
    context = step_context(report, "quota_roster")
    import_errors = import_errors or []
    context.update(
        {
            "rows": roster_rows(request, report),
            "upload_form": upload_form or RosterUploadForm(),
            "import_errors": import_errors[:ERRORS_SHOWN],
            "import_error_count": len(import_errors),
            "import_errors_cut": len(import_errors) > ERRORS_SHOWN,
            "has_errors": bool(import_errors) or bool(upload_form and upload_form.errors),
            "form": upload_form if upload_form is not None and upload_form.errors else None,
        }
    )
    return no_store(render(request, "frontend/quota/step_roster.html", context, status=status))


@role_required("employer")
def roster(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    return render_roster(request, report)


def _roster_file_limit() -> int:
    return roster_limits().max_file_bytes


# The limit is read by the upload handler before the body is parsed (the CSRF check parses it):
# a larger file is never stored, and the view is told why (quota.services.upload_limits).
@upload_limit(_roster_file_limit)
@role_required("employer")
@require_POST
def roster_upload(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    refused = upload_refusal(request)
    form = RosterUploadForm(request.POST, request.FILES, refused=refused)
    if not form.is_valid():
        return render_roster(request, report, upload_form=form, status=413 if refused else 200)
    upload, mode = form.cleaned_data["file"], form.cleaned_data["mode"]
    try:
        result = roster_preview(report=report, file=upload, mode=mode, by=request.user)
    except ValidationError as error:
        form.add_service_errors(error)
        return render_roster(request, report, upload_form=form)
    _drop_staged(request, report)
    if not result.ok:
        request.session[_errors_key(report)] = [error.as_dict() for error in result.errors]
        return render_roster(request, report, upload_form=form, import_errors=list(result.errors))
    request.session.pop(_errors_key(report), None)
    request.session[_staged_key(report)] = {
        "token": roster_stage(file=upload),
        "name": str(upload.name or "roster.xlsx")[-100:],
        "version": report.version,
        **result.plan.as_dict(),
    }
    return redirect("frontend:quota_import_confirm", pk=report.pk)


@role_required("employer")
def roster_import_confirm(request, pk):
    """What the checked file will do (kept, updated, added, removed); confirming imports it."""
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    staged = request.session.get(_staged_key(report))
    if not staged:
        messages.error(request, "没有等待确认的名册文件（可能已超时），请重新选择文件导入。")
        return redirect("frontend:quota_roster", pk=report.pk)
    form = RosterImportConfirmForm(request.POST or None, initial={"version": staged["version"]})
    if request.method == "POST" and "cancel" in request.POST:
        _drop_staged(request, report)
        messages.success(request, "已取消导入，名册没有改动。")
        return redirect("frontend:quota_roster", pk=report.pk)
    if request.method == "POST" and form.is_valid():
        upload = roster_staged(token=staged["token"], name=staged["name"])
        _drop_staged(request, report)  # used once, whatever happens next
        if upload is None:
            messages.error(request, "等待确认的名册文件已过期，请重新选择文件导入。")
            return redirect("frontend:quota_roster", pk=report.pk)
        try:
            result = roster_import(
                report=report,
                file=upload,
                mode=staged["mode"],
                by=request.user,
                expected_version=staged["version"],
            )
        except ValidationError as error:
            messages.error(request, "；".join(error.messages) + "名册没有改动，请重新导入。")
            return redirect("frontend:quota_roster", pk=report.pk)
        if not result.ok:  # the registry changed since the check
            request.session[_errors_key(report)] = [error.as_dict() for error in result.errors]
            return render_roster(request, report, import_errors=list(result.errors))
        plan = result.plan
        messages.success(
            request,
            f"名册导入成功：保留 {plan.kept} 行，更新 {plan.updated} 行，追加 {plan.added} 行，"
            f"删除 {plan.removed} 行。请逐人核对，然后继续下一步。",
        )
        return redirect("frontend:quota_roster", pk=report.pk)
    context = {"form": form, "staged": staged, **step_context(report, "quota_roster")}
    return no_store(render(request, "frontend/quota/roster_import_confirm.html", context))


@role_required("employer")
@require_GET
def roster_errors_download(request, pk):
    """The last failed import's problems as an xlsx file (行号, 列, 问题)."""
    report = employer_report(request, pk)
    errors = [RowError(**item) for item in request.session.get(_errors_key(report), [])]
    return xlsx_response(roster_error_workbook(errors), f"roster-errors-{report.data_year}.xlsx")


@role_required("employer")
@require_GET
def roster_template_download(request, pk):
    report = employer_report(request, pk)
    return xlsx_response(roster_template(), f"roster-template-{report.data_year}.xlsx")


@role_required("employer")
@require_POST
def roster_carry_forward(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    try:
        copied = report_carry_forward(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request,
            f"已沿用{report.data_year - 1}年度名册中仍在岗的 {copied} 人。在岗月份和社保月份已设为全年，请逐人核对。",
        )
    return redirect("frontend:quota_roster", pk=report.pk)


@role_required("employer")
def roster_line_new(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    initial = {
        "months": ALL_MONTHS,
        "insured_months": ALL_MONTHS,
        "counts_here": True,
        "version": report.version,
    }
    form = RosterLineAddForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            line = roster_line_add(
                report=report,
                by=request.user,
                certificate_kind=data["certificate_kind"],
                certificate_no=data["certificate_no"],
                name=data["name"],
                data=LineData(**form.line_values()),
                expected_version=data["version"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"已把{data['name']}加入名册第 {line.line_no} 行。")
            return redirect("frontend:quota_roster", pk=report.pk)
    context = {"form": form, "adding": True, **step_context(report, "quota_roster")}
    return no_store(render(request, "frontend/quota/roster_line.html", context))


def _line(request, report, line_pk):
    return get_object_or_404(roster_lines_for(request.user).filter(report=report), pk=line_pk)


@role_required("employer")
def roster_line_edit(request, pk, line_pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    line = _line(request, report, line_pk)
    initial = {name: getattr(line, name) for name in RosterLineEditForm.LINE_FIELDS}
    initial["version"] = report.version
    form = RosterLineEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            roster_line_update(
                line=line,
                by=request.user,
                changes=form.line_values(),
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"已保存名册第 {line.line_no} 行（{line.person.name}）。")
            return redirect("frontend:quota_roster", pk=report.pk)
    context = {"form": form, "line": line, "adding": False, **step_context(report, "quota_roster")}
    return no_store(render(request, "frontend/quota/roster_line.html", context))


@role_required("employer")
@require_POST
def roster_line_delete(request, pk, line_pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    line = _line(request, report, line_pk)
    label = f"第 {line.line_no} 行（{line.person.name}）"
    try:
        roster_line_remove(line=line, by=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, f"已从名册删除{label}。")
    return redirect("frontend:quota_roster", pk=report.pk)
