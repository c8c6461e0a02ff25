"""Job-seeker pages of the foundation: see, download and correct my data; consents."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.choices import ConsentScope
from backend.accounts.selectors import (
    access_log_visible_to,
    person_active_consents,
    person_export_for,
    person_own_view,
)
from backend.accounts.services import consent_grant, consent_withdraw, person_update
from matching.selectors.export import seeker_export_tables

from ..forms import PersonCorrectionForm
from ..xlsx import workbook_bytes
from .roles import no_store, role_required


@role_required("seeker")
def my_data(request):
    """我的信息: identifiers masked, with a "显示完整号码" button (a POST, so the full numbers are
    never in a URL or a cached page); category and grade in plain words; corrections; consents."""
    person = request.user.person
    if person is None:
        return render(request, "frontend/my_data.html", {"person": None})
    reveal = request.method == "POST" and request.POST.get("action") == "reveal"
    form = PersonCorrectionForm(
        request.POST if request.method == "POST" and not reveal else None,
        initial={"name": person.name, "phone": person.phone},
    )
    if request.method == "POST" and not reveal and form.is_valid():
        try:
            person_update(person=person, name=form.cleaned_data["name"], phone=form.cleaned_data["phone"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "您的信息已更新。")
            return redirect("frontend:my_data")
    active = person_active_consents(person)
    consents = [
        {"scope": value, "label": label, "active": value in active} for value, label in ConsentScope.choices
    ]
    return no_store(
        render(
            request,
            "frontend/my_data.html",
            {
                "person": person,
                "data": person_own_view(
                    user=request.user, reveal=reveal, request_id=getattr(request, "request_id", "")
                ),
                "form": form,
                "consents": consents,
                "logs": access_log_visible_to(request.user).select_related("actor")[:50],
            },
        )
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@role_required("seeker")
def my_data_download(request):
    """All my data: JSON (machine-readable) or, with ``?format=xlsx``, a workbook anyone can
    open, one sheet per section. Either download is logged the same way."""
    person = request.user.person
    data = (
        person_export_for(user=request.user, request_id=getattr(request, "request_id", "")) if person else {}
    )
    if request.GET.get("format") == "xlsx":
        tables = seeker_export_tables(person=person, data=data) if person else []
        response = HttpResponse(workbook_bytes(tables), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="my-data.xlsx"'
        return no_store(response)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return no_store(response)


@role_required("seeker")
@require_POST
def consent_change(request):
    person = request.user.person
    scope = request.POST.get("scope", "")
    if person is not None and scope in ConsentScope.values:
        if request.POST.get("grant") == "1":
            consent_grant(person=person, scope=scope, purpose=ConsentScope(scope).label)
            messages.success(request, f"已同意：{ConsentScope(scope).label}")
        else:
            consent_withdraw(person=person, scope=scope)
            messages.success(request, f"已撤回：{ConsentScope(scope).label}。从现在起不再用于这一用途。")
    return redirect("frontend:my_data")
