"""The credit process before a listing, as pages: an auditor notices the employer (告知, with
evidence files), the employer states its case (陈述申辩) or waives, a second auditor decides.
Files are downloaded through ``credit_file``, within the reader's scope (MEDIA_ROOT is never
served)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import Employer
from backend.accounts.permissions import Decision, decision_refusal, may_decide
from quota.audit.filtersets import CreditCaseFilterSet
from quota.models import CreditAttachment, CreditCase
from quota.services import credit_case

from ..forms_audit import CaseDecideForm, CreditCaseOpenForm, StatementForm, WaiveForm
from .audit_common import all_label, form_page, refusal_of
from .audit_reads import employers_for
from .roles import no_store, role_required, stored_file_download

READERS = ("auditor", "admin")


def _cases(user):
    return CreditCase.objects.visible_to(user).select_related("employer", "employer__region", "opened_by")


def _case(request, pk: int) -> CreditCase:
    return get_object_or_404(_cases(request.user), pk=pk)


def _case_back(case) -> dict:
    return {
        "back_url": reverse("frontend:audit_credit_case", args=[case.pk]),
        "back_label": "返回失信认定案件",
    }


@role_required("auditor")
def credit_case_open(request):
    """告知: the proposed level, facts, grounds and evidence files go to the employer."""
    refusal = decision_refusal(request.user, Decision.CREDIT_PROPOSE)
    initial = {}
    if request.GET.get("employer", "").isdigit():
        initial["employer"] = int(request.GET["employer"])
    posted = request.method == "POST" and not refusal
    form = CreditCaseOpenForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        employers=employers_for(request.user),
        initial=initial,
    )
    status = 200
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        data["employer"] = get_object_or_404(Employer.objects.visible_to(request.user), pk=data["employer"])
        try:
            case = credit_case.credit_case_open(by=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(
                request,
                f"已告知{case.employer.name}：陈述申辩期至 {case.statement_due:%Y-%m-%d}，"
                "期满或单位放弃后由另一名审核人员作出决定",
            )
            return redirect("frontend:audit_credit_case", pk=case.pk)
    return form_page(
        request,
        form,
        title="发起失信认定：告知单位",
        submit="告知单位",
        intro=(
            "认定失信前先告知单位拟认定的等级、事由、依据和证据，单位可以在陈述申辩期内陈述申辩"
            "（国办发〔2020〕49号）。期满或单位放弃后，由另一名审核人员作出决定，决定后才列入失信名单。"
        ),
        refusal=refusal,
        status=status,
        back_url=reverse("frontend:audit_credit_cases"),
        back_label="返回失信认定案件",
    )


@role_required(*READERS)
def credit_cases(request):
    filterset = CreditCaseFilterSet(request.GET or None, queryset=_cases(request.user))
    for name in ("status", "level"):
        all_label(filterset.form.fields[name])
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in ("status", "level")],
        "page": page,
        "today": timezone.localdate(),
        "can_propose": may_decide(request.user, Decision.CREDIT_PROPOSE),
    }
    return render(request, "frontend/audit/credit_cases.html", context)


@role_required(*READERS)
def credit_case_detail(request, pk: int):
    case = _case(request, pk)
    today = timezone.localdate()
    refusal = ""
    if request.user.role == "auditor" and case.status == "notified":
        refusal = decision_refusal(
            request.user,
            Decision.CREDIT_DECIDE,
            employer=case.employer,
            first=case.opened_by,
            what="失信认定",
        )
    context = {
        "case": case,
        "evidence": case.attachments.filter(statement=None).order_by("uploaded_at", "id"),
        "statements": case.statements.select_related("submitted_by").prefetch_related("attachments"),
        "flag": getattr(case, "flag", None),
        "ready": case.ready_to_decide(today),
        "statement_open": case.statement_open(today),
        "is_auditor": request.user.role == "auditor",
        "refusal": refusal,
    }
    return no_store(render(request, "frontend/audit/credit_case.html", context))


@role_required("auditor")
def credit_case_decide(request, pk: int):
    """A second auditor lists the employer or drops the case, once the period is over."""
    case = _case(request, pk)
    refusal = decision_refusal(
        request.user, Decision.CREDIT_DECIDE, employer=case.employer, first=case.opened_by, what="失信认定"
    )
    if not refusal and case.status != "notified":
        refusal = f"该案件{case.get_status_display()}，不能再决定"
    elif not refusal and not case.ready_to_decide(timezone.localdate()):
        refusal = f"陈述申辩期限至 {case.statement_due:%Y-%m-%d}，期满或单位放弃陈述申辩后才能作出决定"
    posted = request.method == "POST" and not refusal
    form = CaseDecideForm(request.POST if posted else None, initial={"start_date": timezone.localdate()})
    status = 200
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        if data["decision"] != "flag":
            data["start_date"] = None  # the date box is only for a listing
        try:
            case = credit_case.credit_case_decide(case=case, by=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, f"已作出决定：{case.get_decision_display()}")
            return redirect("frontend:audit_credit_case", pk=case.pk)
    statements = case.statements.count()
    return form_page(
        request,
        form,
        title=f"作出失信认定决定：{case.employer.name}",
        submit="作出决定",
        facts=[
            ("拟认定的失信等级", case.get_level_display()),
            ("事由", case.reason),
            ("陈述申辩", f"单位提交了 {statements} 份陈述申辩" if statements else "单位没有陈述申辩"),
        ],
        refusal=refusal,
        status=status,
        **_case_back(case),
    )


# --- the employer's side ----------------------------------------------------------------------
def _employer_back() -> dict:
    return {"back_url": reverse("frontend:employer_credit"), "back_label": "返回信用记录"}


def _closed_for_statements(case: CreditCase) -> str:
    """Why no statement can be made any more ("" while the period runs)."""
    if case.statement_open(timezone.localdate()):
        return ""
    if case.status != "notified":
        return f"该案件已作出决定（{case.get_status_display()}），不能再陈述申辩"
    if case.waived_at is not None:
        return "本单位已放弃陈述申辩"
    return f"陈述申辩期限已于 {case.statement_due:%Y-%m-%d} 届满"


@role_required("employer")
def employer_statement(request, pk: int):
    """陈述申辩 with attachments, during the period."""
    case = _case(request, pk)
    refusal = _closed_for_statements(case)
    posted = request.method == "POST" and not refusal
    form = StatementForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            credit_case.credit_statement_submit(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "陈述申辩已提交，审核人员作出决定时会看到")
            return redirect("frontend:employer_credit")
    return form_page(
        request,
        form,
        title=f"陈述申辩：拟认定{case.get_level_display()}",
        submit="提交陈述申辩",
        facts=[
            ("拟认定的事由", case.reason),
            ("认定依据", case.basis),
            ("陈述申辩期限", f"{case.statement_due:%Y-%m-%d}（含当天）"),
        ],
        refusal=refusal,
        **_employer_back(),
    )


@role_required("employer")
def employer_waive(request, pk: int):
    """The employer's administrator gives up the rest of the period (放弃陈述申辩)."""
    case = _case(request, pk)
    refusal = _closed_for_statements(case)
    posted = request.method == "POST" and not refusal
    form = WaiveForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            credit_case.credit_statement_waive(case=case, by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, refusal_of(exc))
        else:
            messages.success(request, "已放弃陈述申辩，审核人员可以作出决定")
            return redirect("frontend:employer_credit")
    return form_page(
        request,
        form,
        title=f"放弃陈述申辩：拟认定{case.get_level_display()}",
        submit="确认放弃",
        intro=(
            f"陈述申辩期限至 {case.statement_due:%Y-%m-%d}。放弃后不能再提交陈述申辩，"
            "审核人员可以立即作出决定。只有本单位的管理员可以放弃。"
        ),
        refusal=refusal,
        **_employer_back(),
    )


@role_required("auditor", "admin", "employer")
def credit_file(request, pk: int):
    """An evidence file or statement attachment, to whoever may see its case."""
    attachment = CreditAttachment.objects.visible_to(request.user).filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return stored_file_download(attachment)
