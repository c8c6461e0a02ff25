"""核验数据导入: auditors and administrators load the 残疾人证核验数据 and 社保缴费明细 extracts.

Three steps, like the roster import (frontend/views/quota_employer_roster.py): the upload is
checked whole (``registry_import_check``: every problem named by row and column, or the exact
counts the import would give and a few masked rows); a checked file waits on the server,
encrypted (quota.services.roster_staging), while the confirmation page shows the counts; only
the confirmation writes. Below the upload, the history of imports.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.signin.throttles import limit_hit
from quota.services.roster_staging import roster_stage, roster_staged, roster_unstage
from quota.services.upload_limits import upload_limit, upload_refusal
from registry.choices import ImportKind
from registry.filtersets import DataImportFilterSet
from registry.selectors import data_import_list
from registry.services import UPLOAD_MAX_BYTES, ImportRefused, registry_import, registry_import_check

from ..forms_registry import RegistryConfirmForm, RegistryUploadForm
from .roles import no_store, role_required

STAGED = "registry-import-staged"
SAMPLE_COLUMNS = {
    ImportKind.CERTIFICATES: [
        ("certificate_no", "残疾人证号（遮蔽）"),
        ("name", "姓名（遮蔽）"),
        ("status", "状态"),
        ("issued_on", "发证日期"),
        ("valid_until", "有效期至"),
    ],
    ImportKind.INSURANCE: [
        ("credit_code", "统一社会信用代码"),
        ("resident_id", "身份证号（遮蔽）"),
        ("month", "缴费月份"),
        ("insurance_types", "险种"),
        ("base", "缴费基数（元）"),
    ],
}
ROLES = ("auditor", "admin")


def _drop_staged(request) -> dict | None:
    staged = request.session.pop(STAGED, None)
    if staged:
        roster_unstage(token=staged.get("token", ""))
    return staged


def _render(request, *, form=None, check=None, status=200):
    history = DataImportFilterSet(request.GET or None, queryset=data_import_list(user=request.user))
    history.form.auto_id = "filter-%s"  # ids distinct from the upload form's "kind"
    page = Paginator(history.qs, 20).get_page(request.GET.get("page"))
    errors = list(check.errors) if check is not None else []
    context = {
        "form": form or RegistryUploadForm(),
        "filters": history.form,
        "page": page,
        "import_errors": errors,
        "check": check,
        "has_errors": bool(errors) or bool(form is not None and form.errors),
    }
    return no_store(render(request, "frontend/registry/imports.html", context, status=status))


@role_required(*ROLES)
def registry_imports(request):
    """The upload form and the import history."""
    return _render(request)


@upload_limit(UPLOAD_MAX_BYTES)
@role_required(*ROLES)
@require_POST
def registry_import_upload(request):
    refused = upload_refusal(request)
    form = RegistryUploadForm(request.POST, request.FILES, refused=refused)
    # Each upload checks a whole file (and a preview writes and rolls back): the API's rate, per user.
    if limit_hit("registry_import", f"user:{request.user.pk}"):
        form.refuse("上传次数过多，请一小时后再试。")
        return _render(request, form=form, status=429)
    if not form.is_valid():
        return _render(request, form=form, status=413 if refused else 200)
    upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    name = str(upload.name or "upload")[-200:]
    check = registry_import_check(kind=kind, path_or_file=upload, source=name, by=request.user)
    _drop_staged(request)
    if not check.ok:
        return _render(request, form=form, check=check)
    request.session[STAGED] = {
        "token": roster_stage(file=upload),
        "name": name,
        "kind": kind,
        "sha256": check.sha256,
        **check.counts(),
        "sample": check.sample,
    }
    return redirect("frontend:registry_import_confirm")


@role_required(*ROLES)
def registry_import_confirm(request):
    """What the checked file will do; confirming imports it, cancelling forgets it."""
    staged = request.session.get(STAGED)
    if not staged:
        messages.error(request, "没有等待确认的文件（可能已超时），请重新选择文件。")
        return redirect("frontend:registry_imports")
    form = RegistryConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "cancel" in request.POST:
        _drop_staged(request)
        messages.success(request, "已取消导入，没有改动任何数据。")
        return redirect("frontend:registry_imports")
    if request.method == "POST" and form.is_valid():
        upload = roster_staged(token=staged["token"], name=staged["name"])
        _drop_staged(request)  # used once, whatever happens next
        if upload is None:
            messages.error(request, "等待确认的文件已过期，请重新选择文件。")
            return redirect("frontend:registry_imports")
        try:
            result = registry_import(
                kind=staged["kind"], path_or_file=upload, source=staged["name"], by=request.user
            )
        except ImportRefused as refused:
            messages.error(
                request,
                "文件未通过检查，没有导入任何内容：" + "；".join(e.message for e in refused.row_errors[:5]),
            )
            return redirect("frontend:registry_imports")
        messages.success(
            request,
            f"已导入{ImportKind(result.kind).label}“{result.source}”：共 {result.rows} 行，新增 {result.created}，"
            f"更新 {result.updated}，未变 {result.unchanged}。",
        )
        return redirect("frontend:registry_imports")
    columns = SAMPLE_COLUMNS[staged["kind"]]
    sample = [
        {"row": row["row"], "cells": [row.get(key, "") for key, _label in columns]}
        for row in staged["sample"]
    ]
    context = {
        "form": form,
        "staged": staged,
        "kind_label": ImportKind(staged["kind"]).label,
        "columns": [label for _key, label in columns],
        "sample": sample,
    }
    return no_store(render(request, "frontend/registry/import_confirm.html", context))
