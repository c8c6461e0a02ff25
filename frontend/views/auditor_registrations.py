"""Auditor pages: seeker registrations that matched a registered person, to check and decide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from backend.accounts.filtersets import RegistrationReviewFilterSet
from backend.accounts.models import RegistrationReview
from backend.accounts.registration import (
    registration_review_link,
    registration_review_reject,
    registration_review_summary,
)

from ..forms import RegistrationDecisionForm
from .roles import no_store, role_required


def _reviews(user):
    return RegistrationReview.objects.visible_to(user).select_related(
        "user", "person__region", "region", "submitted_region", "decided_by"
    )


@role_required("auditor", "admin")
def auditor_registrations(request):
    filterset = RegistrationReviewFilterSet(
        request.GET or None, queryset=_reviews(request.user).order_by("-status", "-created_at")
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    rows = [registration_review_summary(review) for review in page]
    return no_store(
        render(
            request,
            "frontend/auditor_registrations.html",
            {"filterset": filterset, "page": page, "rows": rows},
        )
    )


@role_required("auditor", "admin")
def auditor_registration(request, pk: int):
    review = get_object_or_404(_reviews(request.user), pk=pk)
    form = RegistrationDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decide = (
            registration_review_link
            if form.cleaned_data["decision"] == "link"
            else registration_review_reject
        )
        try:
            decide(review=review, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as refused:
            form.refuse(str(refused))
        else:
            done = "已关联到已登记的人员档案" if form.cleaned_data["decision"] == "link" else "已驳回"
            messages.success(request, f"{review.user.username} 的注册：{done}。")
            return redirect("frontend:auditor_registrations")
    context = {"review": registration_review_summary(review), "form": form}
    return no_store(render(request, "frontend/auditor_registration.html", context))
