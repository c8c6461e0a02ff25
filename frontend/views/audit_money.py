"""Money pages: levy notices with their payments (surcharge shown) and hardship adjustments,
and the subsidies-and-rewards ledger (propose from the policy or by hand, approve, pay).

Buttons and forms are offered only for the decisions the auditor's agency takes; the ledger's
four eyes (proposer ≠ approver, payer ≠ proposer) are explained where they apply.  The services
decide in the end; a refusal they raise is shown on the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from backend.accounts.models import Employer
from backend.accounts.permissions import Decision, decision_refusal, may_decide
from quota.audit.filtersets import LedgerEntryFilterSet, LevyNoticeFilterSet
from quota.models import LedgerEntry, LevyNotice
from quota.selectors.notices import notice_surcharge_to_date, notice_surcharges_to_date
from quota.services import decisions, ledger

from ..forms_audit import (
    AdjustmentForm,
    DataYearForm,
    LedgerDecisionForm,
    LedgerProposeForm,
    PaymentForm,
    ReasonForm,
)
from .audit_common import all_label, form_page, refusal_of, town_select
from .audit_reads import employers_for
from .roles import role_required

READERS = ("auditor", "admin")


@role_required(*READERS)
def notices(request):
    filterset = LevyNoticeFilterSet(
        request.GET or None,
        queryset=LevyNotice.objects.visible_to(request.user).select_related("employer", "employer__region"),
    )
    fields = filterset.form.fields
    all_label(fields["status"])
    town_select(fields["region"], request.user)
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    accrued = notice_surcharges_to_date(page.object_list, today=today)
    context = {
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in ("data_year", "status", "region")],
        "page": page,
        "rows": [(n, accrued.get(n.pk)) for n in page.object_list],
        "today": today,
    }
    return render(request, "frontend/audit/notices.html", context)


def _notice(request, pk: int) -> LevyNotice:
    queryset = LevyNotice.objects.visible_to(request.user).select_related(
        "employer", "employer__region", "report", "issued_by"
    )
    return get_object_or_404(queryset, pk=pk)


@role_required(*READERS)
def notice_detail(request, pk: int):
    notice = _notice(request, pk)
    context = {
        "notice": notice,
        "payments": notice.payments.select_related("recorded_by").order_by("paid_on", "id"),
        "adjustments": notice.adjustments.select_related("approved_by").order_by("approved_at", "id"),
        "is_auditor": request.user.role == "auditor",
        "can_levy": may_decide(request.user, Decision.LEVY_NOTICE),
        "accrued": notice_surcharge_to_date(notice, today=timezone.localdate()),
    }
    return render(request, "frontend/audit/notice_detail.html", context)


def _back(notice) -> dict:
    return {"back_url": reverse("frontend:audit_notice", args=[notice.pk]), "back_label": "返回缴款通知"}


@role_required("auditor")
def payment_record_view(request, pk: int):
    notice = _notice(request, pk)
    refusal = decision_refusal(request.user, Decision.LEVY_NOTICE, employer=notice.employer)
    posted = request.method == "POST" and not refusal
    form = PaymentForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            payment = decisions.payment_record(notice=notice, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            late = (
                f"，逾期 {payment.days_late} 天，滞纳金 {payment.surcharge} 元"
                if payment.days_late
                else "，按期缴纳"
            )
            messages.success(request, f"已登记缴款 {payment.amount:.2f} 元{late}")
            return redirect("frontend:audit_notice", pk=notice.pk)
    return form_page(
        request,
        form,
        title=f"登记缴款：{notice.employer.name} {notice.data_year}年度",
        submit="登记缴款",
        intro=f"尚欠保障金 {notice.outstanding} 元，当前缴款期限 {notice.current_due_date:%Y-%m-%d}。",
        refusal=refusal,
        status=status,
        **_back(notice),
    )


@role_required("auditor")
def adjustment_view(request, pk: int):
    notice = _notice(request, pk)
    refusal = decision_refusal(request.user, Decision.LEVY_NOTICE, employer=notice.employer)
    posted = request.method == "POST" and not refusal
    form = AdjustmentForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            decisions.adjustment_approve(notice=notice, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "已记录减免或缓缴决定")
            return redirect("frontend:audit_notice", pk=notice.pk)
    return form_page(
        request,
        form,
        title=f"困难减免或缓缴：{notice.employer.name}",
        submit="批准",
        intro="减免不超过尚欠金额；缓缴最长6个月（财税〔2015〕72号第十七条）。",
        refusal=refusal,
        status=status,
        **_back(notice),
    )


@role_required("auditor")
def notice_cancel_view(request, pk: int):
    notice = _notice(request, pk)
    refusal = decision_refusal(request.user, Decision.LEVY_NOTICE, employer=notice.employer)
    posted = request.method == "POST" and not refusal
    form = ReasonForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            decisions.notice_cancel(notice=notice, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "缴款通知已作废")
            return redirect("frontend:audit_notice", pk=notice.pk)
    return form_page(
        request,
        form,
        title=f"作废缴款通知：{notice.employer.name}",
        submit="作废",
        intro="只有尚未缴款、也没有减免缓缴记录的通知可以作废。",
        refusal=refusal,
        status=status,
        **_back(notice),
    )


@role_required(*READERS)
def ledger_list(request):
    queryset = LedgerEntry.objects.visible_to(request.user).select_related(
        "employer", "person", "centre", "proposed_by", "approved_by", "paid_by"
    )
    filterset = LedgerEntryFilterSet(request.GET or None, queryset=queryset)
    for name in ("kind", "status"):
        all_label(filterset.form.fields[name])
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    context = {
        "form": filterset.form,
        "filter_fields": [filterset.form[name] for name in ("data_year", "kind", "status")],
        "page": page,
        "is_auditor": request.user.role == "auditor",
        "can_propose": may_decide(request.user, Decision.LEDGER_PROPOSE),
        "can_approve": may_decide(request.user, Decision.LEDGER_APPROVE),
        "can_pay": may_decide(request.user, Decision.LEDGER_PAY),
    }
    return render(request, "frontend/audit/ledger.html", context)


def _ledger_back() -> dict:
    return {"back_url": reverse("frontend:audit_ledger"), "back_label": "返回补贴奖励台账"}


@role_required("auditor")
def ledger_propose_policy(request):
    refusal = decision_refusal(request.user, Decision.LEDGER_PROPOSE)
    posted = request.method == "POST" and not refusal
    form = DataYearForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        try:
            created = ledger.ledger_propose_from_policy(
                data_year=form.cleaned_data["data_year"], by=request.user
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, f"按政策提出了 {len(created)} 条达比例/超比例奖励（已提出的不会重复）")
            return redirect(f"{reverse('frontend:audit_ledger')}?data_year={form.cleaned_data['data_year']}")
    return form_page(
        request,
        form,
        title="按政策提出达比例/超比例奖励",
        submit="提出奖励",
        intro="为所选年度审核通过、达到或超过比例的单位，按政策参数计算奖励金额，提出后由另一名审核人员审批。",
        refusal=refusal,
        status=status,
        **_ledger_back(),
    )


@role_required("auditor")
def ledger_propose(request):
    employers = employers_for(request.user)
    refusal = decision_refusal(request.user, Decision.LEDGER_PROPOSE)
    posted = request.method == "POST" and not refusal
    form = LedgerProposeForm(request.POST if posted else None, employers=employers)
    status = 200
    if posted and form.is_valid():
        data = dict(form.cleaned_data)
        data["employer"] = get_object_or_404(Employer.objects.visible_to(request.user), pk=data["employer"])
        try:
            ledger.ledger_entry_propose(by=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "已提出，待另一名审核人员审批")
            return redirect("frontend:audit_ledger")
    return form_page(
        request,
        form,
        title="登记补贴或奖励",
        submit="提出",
        intro="提出后由另一名审核人员审批；每笔金额不能超过资金与信用决定参数中该类型的上限。",
        refusal=refusal,
        status=status,
        **_ledger_back(),
    )


def _entry(request, pk: int) -> LedgerEntry:
    queryset = LedgerEntry.objects.visible_to(request.user).select_related(
        "employer__region", "person__region", "centre__region", "proposed_by"
    )
    return get_object_or_404(queryset, pk=pk)


@role_required("auditor")
def ledger_decide(request, pk: int):
    entry = _entry(request, pk)
    refusal = decision_refusal(
        request.user,
        Decision.LEDGER_APPROVE,
        employer=entry.employer,
        first=entry.proposed_by,
        what="补贴、奖励的审批",
    )
    posted = request.method == "POST" and not refusal
    form = LedgerDecisionForm(request.POST if posted else None)
    status = 200
    if posted and form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                ledger.ledger_entry_approve(entry=entry, by=request.user, note=note)
            else:
                ledger.ledger_entry_reject(entry=entry, by=request.user, note=note)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            refusal, status = refusal_of(exc), 403
        else:
            messages.success(request, "审批已记录")
            return redirect("frontend:audit_ledger")
    return form_page(
        request,
        form,
        title=f"审批：{entry.payee.name} {entry.get_kind_display()} {entry.amount} 元",
        submit="确定",
        intro=f"依据：{entry.basis}",
        facts=[
            (
                "提出人",
                f"{entry.proposed_by.first_name or entry.proposed_by.username}，{timezone.localtime(entry.proposed_at):%Y-%m-%d %H:%M}",
            )
        ],
        refusal=refusal,
        status=status,
        **_ledger_back(),
    )


@role_required("auditor")
@require_POST
def ledger_paid(request, pk: int):
    entry = _entry(request, pk)
    try:
        ledger.ledger_entry_mark_paid(entry=entry, by=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, refusal_of(exc))
    else:
        messages.success(request, f"已登记发放：{entry.payee.name} {entry.amount:.2f} 元")
    return redirect("frontend:audit_ledger")
