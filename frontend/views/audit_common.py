"""Helpers shared by the auditors' pages."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .audit_reads import towns_for


def form_page(
    request,
    form,
    *,
    title: str,
    submit: str,
    back_url: str,
    back_label: str,
    intro: str = "",
    refusal: str = "",
    status: int = 200,
    **extra,
):
    """Render one of the audit area's single-form pages (error summary, form, a way back).

    With a ``refusal`` (why this user may not take the decision — ``permissions.decision_refusal``
    or the service's PermissionDenied) the page explains it instead of offering the form.
    """
    context = {
        "form": form,
        "page_title": title,
        "submit_label": submit,
        "back_url": back_url,
        "back_label": back_label,
        "intro": intro,
        "refusal": refusal,
        **extra,
    }
    return render(request, "frontend/audit/form_page.html", context, status=status)


def refusal_of(exc: PermissionDenied) -> str:
    """The Chinese reason a service gave for refusing."""
    return str(exc.args[0]) if exc.args else "您不能作出该决定"


def all_label(field, label: str = "全部") -> None:
    """Replace django-filter's "---------" empty option with plain words."""
    choices = [choice for choice in field.choices if choice[0] != ""]
    if hasattr(field, "empty_label"):  # django-filter's ChoiceField adds its own empty option
        field.empty_label = label
        field.choices = choices
    else:
        field.choices = [("", label), *choices]


def town_select(field, user) -> None:
    """Offer the towns of the user's regions instead of a box for a region code."""
    field.widget = forms.Select(choices=[("", "全部区镇")] + [(t.code, t.name) for t in towns_for(user)])
    field.label = "区镇"
