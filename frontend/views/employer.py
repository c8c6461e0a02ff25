"""Employer pages of the foundation: the organisation profile (contact details, registry history,
change requests) and choosing which employer a member of several acts for.

Which employer a page acts for comes from one place, ``acting_employer`` in
backend/accounts/selectors.py: the user's only employer, or the one chosen on the chooser page
and remembered in the session. A member of several employers who has not chosen is sent to the
chooser by ``acting_employer_page`` — nothing picks one of them silently.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from backend.accounts.choices import ChangeRequestStatus
from backend.accounts.models import Employer
from backend.accounts.permissions import is_employer_admin
from backend.accounts.selectors import (
    EmployerChoiceRequired,
    acting_employer,
    employer_change_request_rows,
    employer_registry_history,
    employers_of,
)
from backend.accounts.services import employer_change_request_file, employer_update

from ..forms_employer import ChooseEmployerForm, EmployerContactForm, RegistryValuesForm
from .roles import role_required

ACTING_EMPLOYER = "acting_employer"


def current_employer(request):
    """The employer the signed-in staff member acts for, or None if they have none.

    Raises ``EmployerChoiceRequired`` for a member of several employers who has not chosen;
    pages wrapped in ``acting_employer_page`` send them to the chooser instead."""
    chosen = request.session.get(ACTING_EMPLOYER)
    if chosen is not None:
        try:
            return acting_employer(request.user, chosen)
        except Employer.DoesNotExist:
            request.session.pop(ACTING_EMPLOYER, None)  # no longer staff there
    return acting_employer(request.user)


def acting_employer_page(view):
    """A page that acts for one employer: a member of several who has not chosen yet goes to the
    chooser first, and comes back here."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except EmployerChoiceRequired:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('frontend:employer_choose')}?{query}")

    return wrapped


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("frontend:employer_profile")


@role_required("employer")
def employer_choose(request):
    """选择办理单位: a member of several employers says which one they act for (remembered in
    the session until they choose again or sign out)."""
    employers = list(employers_of(request.user))
    try:
        current = current_employer(request)
    except EmployerChoiceRequired:
        current = None
    initial = {"employer": current.pk if current else None, "next": request.GET.get("next", "")}
    form = ChooseEmployerForm(request.POST or None, employers=employers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            employer = acting_employer(request.user, form.cleaned_data["employer"])
        except Employer.DoesNotExist:
            form.add_error("employer", "请选择您任职的单位")
        else:
            request.session[ACTING_EMPLOYER] = employer.pk
            messages.success(request, f"现在代表「{employer.name}」办理。")
            return redirect(_safe_next(request, form.cleaned_data["next"]))
    return render(
        request, "frontend/employer_choose.html", {"form": form, "employers": employers, "current": current}
    )


def _profile_context(request, employer) -> dict:
    requests = list(employer.change_requests.select_related("decided_by", "requested_by"))
    for change_request in requests:
        change_request.rows = employer_change_request_rows(change_request)
    return {
        "employer": employer,
        "is_admin": is_employer_admin(request.user, employer),
        "several": employers_of(request.user).count() > 1,
        "history": employer_registry_history(employer),
        "change_requests": requests,
        "pending": next((r for r in requests if r.status == ChangeRequestStatus.PENDING), None),
    }


@role_required("employer")
@acting_employer_page
def employer_profile(request):
    """单位信息: registry data (read only), contact details (the administrator edits them), the
    change requests with their outcome, and the history of every change."""
    employer = current_employer(request)
    if employer is None:
        return render(request, "frontend/employer_profile.html", {"employer": None})
    context = _profile_context(request, employer)
    initial = {f: getattr(employer, f) for f in EmployerContactForm.base_fields}
    form = EmployerContactForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and context["is_admin"] and form.is_valid():
        try:
            employer_update(employer=employer, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "联系信息已保存。")
            return redirect("frontend:employer_profile")
    return render(request, "frontend/employer_profile.html", {**context, "form": form})


@role_required("employer")
@acting_employer_page
def employer_change_request(request):
    """申请变更登记信息: the administrator states the registry data as it should be and why; an
    auditor of the region decides."""
    employer = current_employer(request)
    if employer is None:
        return render(request, "frontend/employer_profile.html", {"employer": None})
    context = _profile_context(request, employer)
    form = RegistryValuesForm(
        request.POST if request.method == "POST" else None, initial=RegistryValuesForm.initial_for(employer)
    )
    if request.method == "POST" and form.is_valid():
        try:
            employer_change_request_file(
                employer=employer, changes=form.changes(), reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "变更申请已提交。审核结果会显示在“单位信息”页。")
            return redirect("frontend:employer_profile")
    return render(request, "frontend/employer_change_request.html", {**context, "form": form})
