"""实名制就业记录 pages (issue 10 §6): the employer's list of its employees' records, the
person's own records, and the auditors' list with filters, entry (残联) and correction.

Every list reads ``Employment.objects.visible_to``; the services decide who may enter or
correct. No identifiers and no disability details are shown: a record is who worked where, when.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from backend.accounts.models import Employer
from backend.accounts.permissions import Decision, decision_refusal
from matching.filtersets import EmploymentFilterSet
from matching.models import Employment
from matching.services import employment_correct, employment_create
from quota.services.roster import person_for_certificate

from ..forms_employment import EmploymentCorrectForm, EmploymentCreateForm
from .roles import no_store, role_required

TEMPLATE = "frontend/employment/records.html"


def _records(request):
    return Employment.objects.visible_to(request.user).select_related("person", "employer", "posting")


def _list(request, *, title: str, caption: str, auditor: bool = False):
    filterset = EmploymentFilterSet(
        request.GET or None, queryset=_records(request).order_by("-start_date", "-id")
    )
    # An unreadable filter shows its error and no rows (never a 500, never an unfiltered list).
    records = filterset.qs if not filterset.is_bound or filterset.is_valid() else filterset.queryset.none()
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    context = {
        "title": title,
        "caption": caption,
        "filterset": filterset,
        "form": filterset.form if filterset.is_bound else None,
        "page": page,
        "auditor": auditor,
        "may_enter": auditor and not decision_refusal(request.user, Decision.EMPLOYMENT_RECORD),
    }
    return no_store(render(request, TEMPLATE, context))


@role_required("employer")
def employer_employment_records(request):
    return _list(
        request, title="实名制就业记录", caption="本单位残疾职工的实名制就业记录（平台招聘、残联录入）"
    )


@role_required("seeker")
def my_employment_records(request):
    return _list(request, title="我的就业记录", caption="我的实名制就业记录")


@role_required("auditor", "admin")
def auditor_employment_records(request):
    return _list(request, title="实名制就业记录", caption="我负责区域内的实名制就业记录", auditor=True)


@role_required("auditor")
def auditor_employment_record_new(request):
    employers = Employer.objects.visible_to(request.user).order_by("name")
    refusal = decision_refusal(request.user, Decision.EMPLOYMENT_RECORD)
    form = EmploymentCreateForm(request.POST or None, employers=employers)
    if request.method == "POST" and not refusal and form.is_valid():
        data = form.cleaned_data
        try:
            person = person_for_certificate(
                kind=data["certificate_kind"], number=data["certificate_no"], name=data["name"]
            )
            record = employment_create(
                by=request.user,
                person=person,
                employer=employers.get(pk=data["employer"]),
                start_date=data["start_date"],
                end_date=data["end_date"],
                end_reason=data["end_reason"],
                source=data["source"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"已录入{record.person.name}在{record.employer.name}的实名制就业记录。")
            return redirect("frontend:auditor_employment_record", pk=record.pk)
    context = {"form": form, "refusal": refusal}
    return no_store(render(request, "frontend/employment/record_new.html", context))


@role_required("auditor", "admin")
def auditor_employment_record(request, pk):
    record = get_object_or_404(_records(request), pk=pk)
    refusal = decision_refusal(request.user, Decision.EMPLOYMENT_CORRECT, employer=record.employer)
    initial = {"start_date": record.start_date, "end_date": record.end_date, "end_reason": record.end_reason}
    form = EmploymentCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and not refusal and form.is_valid():
        data = form.cleaned_data
        try:
            employment_correct(by=request.user, employment=record, **data)
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "已保存更正，原因已记入修改历史。")
            return redirect("frontend:auditor_employment_record", pk=record.pk)
    history = record.history.select_related("history_user").order_by("-history_id")
    context = {"record": record, "form": form, "refusal": refusal, "history": history}
    return no_store(render(request, "frontend/employment/record.html", context))
