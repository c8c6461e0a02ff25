"""The employer's levy notices (保障金缴款通知) and the payments recorded against them.

Auditors issue notices and record payments (audit_money); employer staff read their own here,
with how to pay the rest.  Every notice is read through ``LevyNotice.objects.visible_to``, so
another employer's notice is a 404.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from quota.models import LevyNotice
from quota.selectors.declaration import PAYMENT_STEPS, payment_reference
from quota.selectors.notices import notice_surcharge_to_date, notice_surcharges_to_date

from .employer import acting_employer_page, current_employer
from .roles import no_store, role_required


@role_required("employer")
@acting_employer_page
def employer_notices(request):
    employer = current_employer(request)
    notices = list(
        LevyNotice.objects.visible_to(request.user)
        .filter(employer=employer)
        .select_related("employer__region", "report")
        .order_by("-data_year", "-id")
    )
    accrued = notice_surcharges_to_date(notices, today=timezone.localdate())
    rows = [{"notice": notice, "accrued": accrued.get(notice.pk)} for notice in notices]
    return no_store(render(request, "frontend/quota/notices.html", {"employer": employer, "rows": rows}))


@role_required("employer")
def employer_notice(request, pk):
    notice = get_object_or_404(
        LevyNotice.objects.visible_to(request.user).select_related("employer__region", "report"), pk=pk
    )
    context = {
        "notice": notice,
        "payments": notice.payments.order_by("paid_on", "id"),
        "adjustments": notice.adjustments.order_by("approved_at", "id"),
        "accrued": notice_surcharge_to_date(notice, today=timezone.localdate()),
        "reference": payment_reference(notice.report),
        "steps": PAYMENT_STEPS,
    }
    return no_store(render(request, "frontend/quota/notice_detail.html", context))
