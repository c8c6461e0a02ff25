"""Credit flags (失信名单): list and export, decide an objection, propose and review a 撤销 or
信用修复 (four eyes); and the employer's own page with its flags and the notices it must answer.

Flags come only from deciding a credit case (``audit_credit_cases``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from backend.accounts.permissions import Decision, decision_refusal, is_employer_admin, may_decide
from quota.audit.choices import ClosureAction, ClosureStatus, CreditStatus, ObjectionDecision
from quota.audit.filtersets import CreditFlagFilterSet
from quota.models import CreditCase, CreditFlag
from quota.services import credit
from quota.services.exports import credit_flags_export

from ..forms_audit import ClosureDecideForm, FlagCloseForm, ObjectionDecideForm, ObjectionForm
from .audit_common import all_label, form_page, refusal_of, town_select
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
        "can_propose": may_decide(request.user, Decision.CREDIT_PROPOSE),
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


def _flag(request, pk: int) -> CreditFlag:
    return get_object_or_404(_flags(request.user), pk=pk)


@role_required(*READERS)
def credit_flag_detail(request, pk: int):
    flag = _flag(request, pk)
    objections = flag.objections.order_by("submitted_at", "id")
    closures = flag.closures.select_related("proposed_by", "decided_by").order_by("proposed_at", "id")
    pending_closure = next((c for c in closures if c.status == ClosureStatus.PENDING), None)
    context = {
        "flag": flag,
        "objections": objections,
        "pending": objections.filter(decision=ObjectionDecision.PENDING).first(),
        "closures": closures,
        "pending_closure": pending_closure,
        "is_auditor": request.user.role == "auditor",
        "can_decide": may_decide(request.user, Decision.CREDIT_DECIDE),
        "can_propose": may_decide(request.user, Decision.CREDIT_PROPOSE),
        "active": flag.status == CreditStatus.ACTIVE,
    }
    return render(request, "frontend/audit/credit_flag.html", context)


def _flag_back(flag) -> dict:
    return {"back_url": reverse("frontend:audit_credit_flag", args=[flag.pk]), "back_label": "返回失信记录"}


@role_required("auditor")
def objection_decide(request, pk: int):
    flag = _flag(request, pk)
    pending = get_object_or_404(flag.objections, decision=ObjectionDecision.PENDING)
    refusal = decision_refusal(request.user, Decision.CREDIT_DECIDE, employer=flag.employer)
    form = ObjectionDecideForm(request.POST if request.method == "POST" and not refusal else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            credit.credit_objection_decide(objection=pending, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "异议处理结果已记录")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    return form_page(
        request,
        form,
        title=f"处理异议：{flag.employer.name}",
        submit="确定",
        intro=f"单位的异议：{pending.text}",
        refusal=refusal,
        status=status,
        **_flag_back(flag),
    )


@role_required("auditor")
def flag_close(request, pk: int):
    """Propose 撤销 or 信用修复; another auditor reviews it (``closure_decide``)."""
    flag = _flag(request, pk)
    refusal = decision_refusal(request.user, Decision.CREDIT_PROPOSE, employer=flag.employer)
    form = FlagCloseForm(request.POST if request.method == "POST" and not refusal else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            closure = credit.credit_closure_propose(flag=flag, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, f"已提出{closure.get_action_display()}，待另一名审核人员复核")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    return form_page(
        request,
        form,
        title=f"撤销或信用修复：{flag.employer.name}",
        submit="提出，交另一名审核人员复核",
        intro="由另一名审核人员复核批准后，失信记录于批准当天结束；原记录和处理经过都会保留。",
        refusal=refusal,
        status=status,
        **_flag_back(flag),
    )


@role_required("auditor")
def closure_decide(request, pk: int):
    """A second auditor approves or refuses the pending 撤销 / 信用修复 (never its proposer)."""
    flag = _flag(request, pk)
    closure = get_object_or_404(flag.closures.select_related("proposed_by"), status=ClosureStatus.PENDING)
    refusal = decision_refusal(
        request.user,
        Decision.CREDIT_DECIDE,
        employer=flag.employer,
        first=closure.proposed_by,
        what="撤销或信用修复",
    )
    form = ClosureDecideForm(request.POST if request.method == "POST" and not refusal else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            credit.credit_closure_decide(
                closure=closure, approve=approve, note=form.cleaned_data["note"], by=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "复核结果已记录")
            return redirect("frontend:audit_credit_flag", pk=flag.pk)
    proposer = closure.proposed_by.first_name or closure.proposed_by.username
    return form_page(
        request,
        form,
        title=f"复核{'撤销' if closure.action == ClosureAction.LIFT else '信用修复'}：{flag.employer.name}",
        submit="确定",
        facts=[
            ("申请", closure.get_action_display()),
            ("理由", closure.reason),
            ("提出人", f"{proposer}，{timezone.localtime(closure.proposed_at):%Y-%m-%d %H:%M}"),
        ],
        refusal=refusal,
        status=status,
        **_flag_back(flag),
    )


@role_required("employer")
def employer_credit(request):
    """An employer's own credit notices (to answer: 陈述申辩) and flags (to object: 异议)."""
    flags = _flags(request.user).prefetch_related("objections").order_by("-start_date", "-id")
    cases = (
        CreditCase.objects.visible_to(request.user)
        .select_related("employer")
        .prefetch_related("attachments", "statements__attachments")
        .order_by("-opened_at", "-id")
    )
    today = timezone.localdate()
    context = {
        "flags": flags,
        "cases": [
            {
                "case": case,
                "open": case.statement_open(today),
                "may_waive": is_employer_admin(request.user, case.employer_id),
                "evidence": [a for a in case.attachments.all() if a.statement_id is None],
            }
            for case in cases
        ],
    }
    return render(request, "frontend/audit/employer_credit.html", context)


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
