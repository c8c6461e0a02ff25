"""Auditor pages of the foundation: employers in my regions, activating new registrations, an
employer's details and history, registry decisions and the employers' change requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.choices import ChangeRequestStatus
from backend.accounts.filtersets import EmployerChangeRequestFilterSet, EmployerFilterSet
from backend.accounts.models import Employer, EmployerChangeRequest
from backend.accounts.permissions import Decision, require_decision
from backend.accounts.selectors import employer_change_request_rows, employer_registry_history
from backend.accounts.services import (
    employer_activate,
    employer_change_request_decide,
    employer_registry_change,
)

from ..forms_employer import ChangeRequestDecideForm, RegistryValuesForm
from .audit_common import all_label
from .roles import role_required


@role_required("auditor", "admin")
def auditor_employers(request):
    filterset = EmployerFilterSet(
        request.GET or None,
        queryset=Employer.objects.visible_to(request.user)
        .select_related("region")
        .order_by("status", "name"),
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    pending = EmployerChangeRequest.objects.visible_to(request.user).filter(
        status=ChangeRequestStatus.PENDING
    )
    context = {"filterset": filterset, "page": page, "pending_requests": pending.count()}
    return render(request, "frontend/auditor_employers.html", context)


@role_required("auditor", "admin")
@require_POST
def auditor_employer_activate(request, pk: int):
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    employer_activate(employer=employer, by=request.user)
    messages.success(request, f"已激活：{employer.name}")
    return redirect("frontend:auditor_employers")


def _employer(request, pk):
    return get_object_or_404(Employer.objects.visible_to(request.user).select_related("region"), pk=pk)


def _refusal(request, employer) -> str:
    """Why the user may not take a registry decision on ``employer`` ("" if they may): the
    page explains instead of offering a form that can only fail."""
    try:
        require_decision(request.user, Decision.REGISTRY_CHANGE, employer=employer)
    except PermissionDenied as exc:
        return str(exc)
    return ""


def _with_rows(change_requests) -> list:
    change_requests = list(change_requests)
    for change_request in change_requests:
        change_request.rows = employer_change_request_rows(change_request)
    return change_requests


@role_required("auditor", "admin")
def auditor_employer(request, pk: int):
    """单位详情: registry data, contact details, change requests and the history of every change
    (who, when, why, which fields)."""
    employer = _employer(request, pk)
    change_requests = employer.change_requests.select_related("decided_by", "requested_by")
    context = {
        "employer": employer,
        "refusal": _refusal(request, employer),
        "history": employer_registry_history(employer),
        "change_requests": _with_rows(change_requests),
        "decide_links": True,
    }
    return render(request, "frontend/employers/auditor_employer.html", context)


@role_required("auditor", "admin")
def auditor_employer_registry(request, pk: int):
    """登记信息变更决定: an auditor of the region changes master data directly, with a reason."""
    employer = _employer(request, pk)
    refusal = _refusal(request, employer)
    form = RegistryValuesForm(
        request.POST if request.method == "POST" and not refusal else None,
        initial=RegistryValuesForm.initial_for(employer),
        reason_label="变更理由",
        reason_help="记入单位的变更记录，单位可以看到。例如：依据营业执照（某年某月某日变更）更正",
    )
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            employer_registry_change(
                employer=employer, changes=form.changes(), reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已变更{employer.name}的登记信息。")
            return redirect("frontend:auditor_employer", pk=employer.pk)
    context = {"employer": employer, "form": form, "refusal": refusal}
    return render(request, "frontend/employers/auditor_registry.html", context)


@role_required("auditor", "admin")
def auditor_change_requests(request):
    """单位登记信息变更申请: the requests of employers in my regions, open ones first."""
    filterset = EmployerChangeRequestFilterSet(
        request.GET or {"status": ChangeRequestStatus.PENDING},
        queryset=EmployerChangeRequest.objects.visible_to(request.user)
        .select_related("employer", "employer__region", "decided_by")
        .order_by("-requested_at", "-pk"),
    )
    all_label(filterset.form.fields["status"])
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    page.object_list = _with_rows(page.object_list)
    return render(
        request, "frontend/employers/auditor_change_requests.html", {"filterset": filterset, "page": page}
    )


@role_required("auditor", "admin")
def auditor_change_request(request, pk: int):
    """One change request: what the employer asks and why; approve or reject with a reason."""
    change_request = get_object_or_404(
        EmployerChangeRequest.objects.visible_to(request.user).select_related(
            "employer", "employer__region", "requested_by", "decided_by"
        ),
        pk=pk,
    )
    employer = change_request.employer
    pending = change_request.status == ChangeRequestStatus.PENDING
    refusal = _refusal(request, employer) if pending else ""
    form = ChangeRequestDecideForm(
        request.POST if request.method == "POST" and pending and not refusal else None
    )
    if request.method == "POST" and pending and not refusal and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            employer_change_request_decide(
                change_request=change_request,
                approve=approve,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"第{change_request.pk}号变更申请已{'批准' if approve else '驳回'}。")
            return redirect("frontend:auditor_employer", pk=employer.pk)
    context = {
        "change_request": change_request,
        "employer": employer,
        "rows": employer_change_request_rows(change_request, with_current=True),
        "pending": pending,
        "refusal": refusal,
        "form": form,
    }
    return render(request, "frontend/employers/auditor_change_request.html", context)
