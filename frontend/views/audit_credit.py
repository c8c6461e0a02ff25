"""Credit flags (失信名单): list and export, raise, decide an objection, lift or repair; and the
employer's own page to see its flags and object."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Employer
from quota.choices_audit import CreditStatus, ObjectionDecision
from quota.filtersets_audit import CreditFlagFilterSet
from quota.models import CreditFlag
from quota.services import credit
from quota.services.exports import credit_flags_export

from ..forms_audit import CreditRaiseForm, FlagCloseForm, ObjectionDecideForm, ObjectionForm
from .audit_common import all_label, form_page, town_select
from .audit_reads import employers_for
from .roles import no_store, role_required

READERS = ("auditor", "admin")


def _flags(user):
    return CreditFlag.objects.visible_to(user).select_related("employer", "employer__region", "decided_by")


@role_required(*READERS)
def credit_flags(request):
    filterset = CreditFlagFilterSet(request.GET or None, queryset=_flags(request.user))
    fields = filterset.form.fields
    for name in ("level", "status"):
        all_label(fields[name])
    town_select(fields["region"], request.user)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in ("level", "status", "region")],
        "page": page,
        "is_auditor": request.user.role == "auditor",
    }
    return render(request, "frontend/audit/credit_flags.html", context)


@role_required(*READERS)
def credit_export(request):
    try:
        export = credit_flags_export(user=request.user, fmt=request.GET.get("format", "xlsx"))
    except ValidationError as exc:
        messages.error(request, "无法导出：" + "；".join(exc.messages))
        return redirect("frontend:audit_credit")
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return no_store(response)


def _list_back() -> dict:
    return {"back_url": reverse("frontend:audit_credit"), "back_label": "返回失信名单"}


@role_required("auditor")
def credit_raise(request):
    employers = employers_for(request.user)
    initial = {"start_date": timezone.localdate()}
    if request.GET.get("employer", "").isdigit():
        initial["employer"] = int(request.GET["employer"])
    form = CreditRaiseForm(
        request.POST if request.method == "POST" else None, employers=employers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["employer"] = get_object_or_404(Employer.objects.visible_to(request.user), pk=data["employer"])
        try:
            flag = credit.credit_flag_raise(by=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已认定：{flag.employer.name} {flag.get_level_display()}")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    return form_page(
        request,
        form,
        title="认定失信",
        submit="认定失信",
        intro="认定后单位可以提出异议；异议处理前记录显示为“异议处理中”。",
        **_list_back(),
    )


def _flag(request, pk: int) -> CreditFlag:
    return get_object_or_404(_flags(request.user), pk=pk)


@role_required(*READERS)
def credit_flag_detail(request, pk: int):
    flag = _flag(request, pk)
    objections = flag.objections.order_by("submitted_at", "id")
    context = {
        "flag": flag,
        "objections": objections,
        "pending": objections.filter(decision=ObjectionDecision.PENDING).first(),
        "is_auditor": request.user.role == "auditor",
        "active": flag.status == CreditStatus.ACTIVE,
    }
    return render(request, "frontend/audit/credit_flag.html", context)


def _flag_back(flag) -> dict:
    return {"back_url": reverse("frontend:audit_credit_flag", args=[flag.pk]), "back_label": "返回失信记录"}


@role_required("auditor")
def objection_decide(request, pk: int):
    flag = _flag(request, pk)
    pending = get_object_or_404(flag.objections, decision=ObjectionDecision.PENDING)
    form = ObjectionDecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            credit.credit_objection_decide(objection=pending, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "异议处理结果已记录")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    return form_page(
        request,
        form,
        title=f"处理异议：{flag.employer.name}",
        submit="确定",
        intro=f"单位的异议：{pending.text}",
        **_flag_back(flag),
    )


@role_required("auditor")
def flag_close(request, pk: int):
    flag = _flag(request, pk)
    form = FlagCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        close = (
            credit.credit_flag_lift if form.cleaned_data["action"] == "lift" else credit.credit_flag_repair
        )
        try:
            flag = close(flag=flag, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"失信记录已{flag.get_status_display()}")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    return form_page(
        request,
        form,
        title=f"撤销或信用修复：{flag.employer.name}",
        submit="确定",
        intro="结束日期记为今天，原记录和处理经过都会保留。",
        **_flag_back(flag),
    )


@role_required("employer")
def employer_credit(request):
    """An employer's own credit flags, with the right to object (异议)."""
    flags = _flags(request.user).prefetch_related("objections").order_by("-start_date", "-id")
    return render(request, "frontend/audit/employer_credit.html", {"flags": flags})


@role_required("employer")
def employer_objection(request, pk: int):
    flag = _flag(request, pk)
    form = ObjectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            credit.credit_objection_submit(flag=flag, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "异议已提交，审核人员处理后您会在本页看到结果")
            return redirect("frontend:employer_credit")
    return form_page(
        request,
        form,
        title=f"提出异议：{flag.get_level_display()}（{flag.start_date:%Y-%m-%d}起）",
        submit="提交异议",
        intro=f"认定理由：{flag.reason}",
        back_url=reverse("frontend:employer_credit"),
        back_label="返回信用记录",
    )
