"""Drafts of the job market's multi-page forms, kept in the server-side session between pages.

A draft holds each page's answers exactly as submitted ({field: [values]}), so a page can be
shown again as the user left it and every page is parsed by its own form once more before the
one service call at the end.
"""

from django import forms
from django.utils.datastructures import MultiValueDict

PREFIX = "jobs-draft:"


def draft_get(request, key: str) -> dict | None:
    return request.session.get(PREFIX + key)


def draft_put(request, key: str, draft: dict) -> None:
    request.session[PREFIX + key] = draft


def draft_clear(request, key: str) -> None:
    request.session.pop(PREFIX + key, None)


def answers_of(form_class, data) -> dict[str, list[str]]:
    """The submitted values of ``form_class``'s fields, from a QueryDict."""
    return {name: [str(v) for v in data.getlist(name)] for name in form_class.base_fields}


def bound(form_class, answers: dict[str, list[str]], **kwargs):
    """``form_class`` bound to stored answers (as if they were submitted again)."""
    return form_class(MultiValueDict(answers), **kwargs)


def initial_of(form_class, answers: dict[str, list[str]]) -> dict:
    """Stored answers as a form's initial values (to show a page without error messages)."""
    out = {}
    for name, field in form_class.base_fields.items():
        values = answers.get(name, [])
        if isinstance(field, forms.MultipleChoiceField):
            out[name] = values
        elif isinstance(field, forms.BooleanField):
            out[name] = bool(values) and values[-1] not in ("", "False", "false", "0")
        else:
            out[name] = values[-1] if values else ""
    return out


def summary_rows(form, labels: dict | None = None) -> list[tuple[str, str]]:
    """(question, answer) pairs of a valid form in plain words, for a review page.

    ``labels`` may give a field a shorter question and the words for yes/no:
    {"field": ("question", "是", "否")}.
    """
    labels = labels or {}
    rows = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        question, yes, no = labels.get(name, (field.label, "是", "否"))
        if isinstance(field, forms.BooleanField):
            text = yes if value else no
        elif isinstance(field, forms.MultipleChoiceField):
            names = dict(field.choices)
            text = "、".join(str(names.get(v, v)) for v in value) if value else "未选择"
        elif isinstance(field, forms.ChoiceField) or isinstance(field.widget, forms.Select):
            names = dict(getattr(field, "choices", None) or field.widget.choices)
            text = str(names.get(value, value)) if value else "未填写"
        elif isinstance(value, list):
            text = "、".join(value) if value else "未填写"
        else:
            text = str(value) if value not in (None, "") else "未填写"
        rows.append((question, text))
    return rows
