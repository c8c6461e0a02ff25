"""Auditors' decisions on one report: approve, return with reasons, reveal a roster line's full
identifiers (logged, with a purpose), and issue the levy notice of an approved report."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from backend.accounts.permissions import Decision, decision_refusal
from backend.accounts.selectors import person_reveal
from quota.selectors import report_list_for
from quota.services import report_approve, report_return
from quota.services.decisions import notice_issue
from registry.services import certificate_confirm

from ..forms_audit import CertificateConfirmForm, NoticeIssueForm, ReturnForm, RevealForm
from .audit_common import form_page, refusal_of
from .audit_compliance import decision_links
from .audit_reads import report_review
from .roles import no_store, role_required

NOTICE_DAYS = 30  # the due date offered by default; the auditor may change it


def _report(request, pk: int):
    return get_object_or_404(report_list_for(request.user), pk=pk)


def _back_to(report) -> dict:
    return {"back_url": reverse("frontend:audit_report", args=[report.pk]), "back_label": "返回申报详情"}


@role_required("auditor")
@require_POST
def report_approve_view(request, pk: int):
    report = _report(request, pk)
    try:
        report_approve(report=report, by=request.user)
    except ValidationError as exc:
        review = report_review(report=report, user=request.user)
        context = {
            "review": review,
            "report": review.report,
            **decision_links(request.user, review.report),
            "is_auditor": True,
            "has_errors": True,
            "action_errors": exc.messages,
        }
        return no_store(render(request, "frontend/audit/report_detail.html", context, status=400))
    messages.success(request, f"已审核通过：{report.employer.name} {report.data_year}年度申报")
    return redirect("frontend:audit_report", pk=report.pk)


@role_required("auditor")
def report_return_view(request, pk: int):
    report = _report(request, pk)
    refusal = decision_refusal(request.user, Decision.REPORT_REVIEW, employer=report.employer)
    posted = request.method == "POST" and not refusal
    form = ReturnForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            report_return(
                report=report,
                by=request.user,
                reasons=form.cleaned_data["reasons"],
                requested_attachments=form.cleaned_data["requested_attachments"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, f"已退回：{report.employer.name}。单位会看到退回原因。")
            return redirect("frontend:audit_report", pk=report.pk)
    return form_page(
        request,
        form,
        title=f"退回申报：{report.employer.name} {report.data_year}年度",
        submit="退回给单位",
        refusal=refusal,
        status=status,
        **_back_to(report),
        intro="退回后单位可以修改并重新提交。请写清楚需要修改的地方。",
    )


@role_required("auditor")
def roster_reveal(request, pk: int, line_pk: int):
    """查看完整证号: shown only after a purpose and reason are given; every view is logged."""
    report = _report(request, pk)
    line = get_object_or_404(report.roster.select_related("person"), pk=line_pk)
    form = RevealForm(request.POST if request.method == "POST" else None)
    revealed = None
    if request.method == "POST" and form.is_valid():
        try:
            revealed = person_reveal(
                person=line.person,
                actor=request.user,
                purpose=form.cleaned_data["purpose"],
                reason=form.cleaned_data["reason"],
                request_id=getattr(request, "request_id", ""),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
    context = {"form": form, "report": report, "line": line, "revealed": revealed}
    return no_store(render(request, "frontend/audit/reveal.html", context))


@role_required("auditor")
def notice_issue_view(request, pk: int):
    report = _report(request, pk)
    initial = {"due_date": timezone.localdate() + timedelta(days=NOTICE_DAYS)}
    refusal = decision_refusal(request.user, Decision.LEVY_NOTICE, employer=report.employer)
    posted = request.method == "POST" and not refusal
    form = NoticeIssueForm(request.POST if posted else None, initial=initial)
    status = 200
    if posted and form.is_valid():
        try:
            notice = notice_issue(report=report, due_date=form.cleaned_data["due_date"], by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(
                request, f"已开具缴款通知：{notice.amount} 元，缴款期限 {notice.due_date:%Y-%m-%d}"
            )
            return redirect("frontend:audit_notice", pk=notice.pk)
    return form_page(
        request,
        form,
        title=f"开具缴款通知：{report.employer.name} {report.data_year}年度",
        submit="开具缴款通知",
        refusal=refusal,
        status=status,
        **_back_to(report),
        intro="金额按审核通过时冻结的计算结果开具。逾期缴纳按日加收滞纳金。",
    )


@role_required("auditor")
def certificate_confirm_view(request, pk: int, line_pk: int):
    """人工核验 of one roster line's certificate, with a reason and the evidence recorded."""
    report = _report(request, pk)
    line = get_object_or_404(report.roster.select_related("person"), pk=line_pk)
    refusal = decision_refusal(request.user, Decision.CERTIFICATE_CONFIRM, employer=report.employer)
    posted = request.method == "POST" and not refusal
    form = CertificateConfirmForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            certificate_confirm(line=line, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, f"已登记人工核验：名册第 {line.line_no} 行 {line.person.name}")
            return redirect("frontend:audit_report", pk=report.pk)
    return form_page(
        request,
        form,
        title=f"人工核验残疾人证：名册第 {line.line_no} 行 {line.person.name}",
        submit="登记人工核验",
        refusal=refusal,
        status=status,
        **_back_to(report),
        intro="残联核验库中没有该证时（例如残疾军人证，或核验库导出后新发的证），核对证件原件后在此登记。"
        "核验期间的月份才计入；核验库中状态为注销、死亡、迁出或过期的证件不能人工核验。",
    )
