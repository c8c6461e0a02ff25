"""The employer's applications pipeline: applications to my postings by status, one
application with what the applicant shared, and moving it on (查看 → 面试 → 录用 → 入职)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from matching.choices import EMPLOYER_TRANSITIONS, ApplicationStatus, Education
from matching.core.accommodations import ACCOMMODATIONS
from matching.filtersets import ApplicationFilterSet
from matching.models import Application, JobPosting
from matching.selectors.records import applicant_details
from matching.services import application_transition
from matching.services.interviews import contact_preference

from ..forms_jobs import GRADE_LABELS, ApplicationFilterForm, ApplicationMoveForm
from .jobs_interviews import may_invite
from .roles import no_store, role_required

PAGE_SIZE = 20


def _posted(request):
    """The submitted data on POST (even when empty: an empty form is still a submitted one)."""
    return request.POST if request.method == "POST" else None


def allowed_moves(application) -> list[tuple[str, str]]:
    """Where the employer may move the application next, in the order of the process."""
    allowed = EMPLOYER_TRANSITIONS.get(application.status, frozenset())
    return [(value, label) for value, label in ApplicationStatus.choices if value in allowed]


@role_required("employer")
def employer_applications(request):
    """Applications to my postings, filtered by posting and status, with counts per status."""
    mine = Application.objects.visible_to(request.user)
    postings = JobPosting.objects.managed_by(request.user).order_by("-created_at")
    form = ApplicationFilterForm(request.GET or None, postings=postings, statuses=ApplicationStatus.choices)
    filters = form.filters() if form.is_bound and form.is_valid() else {}
    filterset = ApplicationFilterSet(filters, queryset=mine.select_related("posting", "seeker__person"))
    applications = filterset.qs if filterset.is_valid() else mine.none()
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = dict(mine.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    counts = [(label, totals.get(value, 0)) for value, label in ApplicationStatus.choices]
    context = {"form": form, "page": page, "count": applications.count(), "counts": counts}
    return no_store(render(request, "frontend/jobs/employer_applications.html", context))


@role_required("employer")
def employer_application(request, pk):
    """One application: the applicant's details (disability only if they chose to share it)."""
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("posting__employer", "seeker__person"),
        pk=pk,
    )
    form = ApplicationMoveForm(_posted(request), allowed=allowed_moves(application))
    if request.method == "POST" and form.is_valid():
        try:
            application = application_transition(
                user=request.user,
                application=application,
                status=form.cleaned_data["status"],
                start_date=form.cleaned_data.get("start_date"),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            label = application.get_status_display()
            extra = "，已登记实名制就业" if application.status == ApplicationStatus.HIRED else ""
            messages.success(request, f"已将这份申请改为「{label}」{extra}。")
            return redirect("frontend:employer_application", pk)
    details = applicant_details(
        user=request.user, applications=[application], request_id=getattr(request, "request_id", "")
    )[application.pk]
    if details["disability"]:
        details["disability"]["grade_label"] = GRADE_LABELS.get(details["disability"].get("grade"), "")
    details["education_label"] = dict(Education.choices).get(details["education"], "")
    details["need_labels"] = [ACCOMMODATIONS.get(c, c) for c in details["needs"]]
    context = {
        "application": application,
        "applicant": details,
        "form": form,
        "can_move": bool(allowed_moves(application)),
        "invitation": application.invitations.first(),
        "can_invite": may_invite(application),
        "contact_preference": contact_preference(application),
    }
    return no_store(render(request, "frontend/jobs/employer_application.html", context))
