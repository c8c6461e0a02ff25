"""Helpers shared by the auditors' pages."""

from django import forms
from django.shortcuts import render

from .audit_reads import towns_for


def form_page(
    request, form, *, title: str, submit: str, back_url: str, back_label: str, intro: str = "", **extra
):
    """Render one of the audit area's single-form pages (error summary, form, a way back)."""
    context = {
        "form": form,
        "page_title": title,
        "submit_label": submit,
        "back_url": back_url,
        "back_label": back_label,
        "intro": intro,
        **extra,
    }
    return render(request, "frontend/audit/form_page.html", context)


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
