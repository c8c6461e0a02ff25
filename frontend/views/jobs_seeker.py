"""Job-seeker pages of the job market: suggestions with reasons, search, job detail, apply,
"不合适" feedback, my applications. Each view parses, calls one matching service or selector,
and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from matching.choices import (
    EMPLOYMENT_FORM_EXPLANATIONS,
    SEEKER_WITHDRAWABLE,
    ApplicationStatus,
    employment_forms_explained,
)
from matching.core.accommodations import ACCOMMODATIONS
from matching.core.explain import ranked_reasons
from matching.models import Application, JobPosting, SeekerProfile
from matching.reference import demand_choices
from matching.selectors import job_search, match_jobs_for_seeker
from matching.selectors.interviews import latest_invitations
from matching.selectors.records import sharing_consents, sharing_effective
from matching.services import (
    application_create,
    application_set_sharing,
    application_withdraw,
    feedback_record,
)
from training.selectors import course_offers_for_matches

from ..forms_jobs import ApplyForm, FeedbackForm, JobSearchForm, SavedSearchForm
from .errors import NotFoundExplained
from .roles import no_store, role_required

SUGGESTIONS = 20
PAGE_SIZE = 10


def _posted(request):
    """The submitted data on POST (even when empty: an empty form is still a submitted one)."""
    return request.POST if request.method == "POST" else None


def _own_application(user, posting):
    """The seeker's live application to ``posting``, if any (a pure read for the detail page)."""
    if user.is_authenticated and user.role == "seeker":
        return (
            Application.objects.visible_to(user)
            .filter(posting=posting)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .first()
        )
    return None


def _posting_or_404(user, pk):
    """The posting ``pk`` if ``user`` may see it. One that is not published yet answers a 404
    page saying in Chinese when it opens (a link can circulate before the 发布日期); anything
    else out of sight is the plain 404 page."""
    posting = JobPosting.objects.visible_to(user).select_related("employer", "region").filter(pk=pk).first()
    if posting is not None:
        return posting
    opens_on = JobPosting.objects.scheduled().filter(pk=pk).values_list("opens_on", flat=True).first()
    if opens_on is None:
        raise Http404
    raise NotFoundExplained(
        "这个岗位还没有开始招聘",
        f"这个岗位将于{opens_on.year}年{opens_on.month}月{opens_on.day}日开始招聘，到时可以再来查看和申请。"
        "现在可以先看看其他正在招聘的岗位。",
    )


def posting_facts(posting) -> dict:
    """A posting's codes in plain words, for the job pages of both roles."""
    demands = demand_choices()
    return {
        "accommodations": [ACCOMMODATIONS.get(c, c) for c in posting.accommodations],
        "demands": [demands.get(c, c) for c in posting.demands],
    }


# A card shows this many reasons, strongest first; the rest fold under 其余理由 (issue 13).
REASONS_SHOWN = 3


def _suggestion(match) -> dict:
    """One suggestion for the page: the strongest reasons (✓ fits, ⚠ gaps, each with where it
    comes from) and the rest folded, and apart from them the points about the seeker's disability
    (each says whether and how it is resolved; never folded)."""
    conflicts = match.explanation.conflicts
    notes = {c.note_zh for c in conflicts}
    reasons = [r for r in ranked_reasons(match.explanation) if r.text not in notes]
    return {
        "match": match,
        "facts": posting_facts(match.posting),
        "reasons": reasons[:REASONS_SHOWN],
        "more_reasons": reasons[REASONS_SHOWN:],
        "conflicts": conflicts,
    }


@role_required("seeker")
def matched_jobs(request):
    """为你推荐: the best open postings for me, each with its reasons in plain words."""
    if request.user.person is None:
        return render(request, "frontend/jobs/no_person.html")
    matches = match_jobs_for_seeker(user=request.user, k=SUGGESTIONS)
    profile = (
        SeekerProfile.objects.filter(person=request.user.person).select_related("person__region").first()
    )
    # 可以通过培训补上: open courses for the skill gaps of the well-matched jobs (issue 13)
    offers = course_offers_for_matches(matches=matches, profile=profile)
    items = [{**_suggestion(m), "courses": offers.get(m.posting.pk, [])} for m in matches]
    has_profile = profile is not None
    return no_store(
        render(request, "frontend/jobs/matched.html", {"items": items, "has_profile": has_profile})
    )


def _is_seeker(user) -> bool:
    return user.is_authenticated and user.role == "seeker" and bool(user.person_id)


def _applied_ids(user) -> set[int]:
    """The postings the seeker has a live application to (one query for the whole list)."""
    if not _is_seeker(user):
        return set()
    return set(
        Application.objects.visible_to(user)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .values_list("posting_id", flat=True)
    )


def job_search_page(request):
    """找工作: open postings by keyword and filters (anyone may look; applying needs a seeker),
    sorted by 最新/薪资/匹配度; a seeker sees which ones they applied to and may save the search."""
    seeker = _is_seeker(request.user)
    can_match = seeker and SeekerProfile.objects.filter(person_id=request.user.person_id).exists()
    params = request.GET.copy()
    params.pop("page", None)
    form = JobSearchForm(params or None, can_match=can_match)
    postings, searched = [], bool(params)
    if form.is_bound and form.is_valid():
        try:
            postings = job_search(
                user=request.user,
                q=form.cleaned_data["q"],
                filters=form.filters(),
                sort=form.cleaned_data["sort"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
    elif not form.is_bound:
        postings = job_search(user=request.user)
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    query = params.copy()
    query.pop("sort", None)
    save_form = None
    if seeker and form.is_bound and not form.errors:
        save_form = SavedSearchForm(initial={"query": query.urlencode()}, auto_id="save_%s")
    context = {
        "form": form,
        "page": page,
        "count": len(postings),
        "searched": searched,
        "applied": _applied_ids(request.user),
        "save_form": save_form,
        "form_explanations": employment_forms_explained(),
    }
    return render(request, "frontend/jobs/search.html", context)


def job_detail(request, pk):
    posting = _posting_or_404(request.user, pk)
    manages = JobPosting.objects.managed_by(request.user).filter(pk=pk).exists()
    context = {
        "posting": posting,
        "facts": posting_facts(posting),
        "application": _own_application(request.user, posting),
        "is_seeker": request.user.is_authenticated and request.user.role == "seeker",
        "manages": manages,
        "is_open": JobPosting.objects.currently_open().filter(pk=pk).exists(),
        "form_explanation": EMPLOYMENT_FORM_EXPLANATIONS.get(posting.employment_form, ""),
    }
    return render(request, "frontend/jobs/detail.html", context)


@role_required("seeker")
def job_apply(request, pk):
    posting = _posting_or_404(request.user, pk)
    form = ApplyForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application_create(
                user=request.user,
                posting=posting,
                share_disability=form.cleaned_data["share_disability"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已申请「{posting.title}」。单位处理后，您可以在这里看到进度。")
            return redirect("frontend:my_applications")
    # Already applied: say so (date, status, a way to 我的申请) instead of offering the form
    # again; a repeated POST has been refused by the service and its message is shown above.
    context = {"form": form, "posting": posting, "application": _own_application(request.user, posting)}
    return no_store(render(request, "frontend/jobs/apply.html", context))


@role_required("seeker")
def job_feedback(request, pk):
    """不合适: hide a suggested job and say why; the reason lowers similar jobs."""
    posting = _posting_or_404(request.user, pk)
    form = FeedbackForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            feedback_record(
                user=request.user,
                posting=posting,
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"谢谢反馈。以后不再向您推荐「{posting.title}」，类似的岗位也会排后。")
            return redirect("frontend:matched_jobs")
    return render(request, "frontend/jobs/feedback.html", {"form": form, "posting": posting})


@role_required("seeker")
def my_applications(request):
    applications = list(Application.objects.visible_to(request.user).select_related("posting__employer"))
    granted = sharing_consents([request.user.person_id]).get(request.user.person_id)
    invitations = latest_invitations(applications)
    rows = [
        {
            "application": a,
            "invitation": invitations.get(a.pk),
            # What this employer actually sees now (the switch needs the live sharing consent).
            "shared": sharing_effective(a, granted),
            "can_share": a.status != ApplicationStatus.WITHDRAWN,
        }
        for a in applications
    ]
    return no_store(
        render(
            request,
            "frontend/jobs/my_applications.html",
            {"rows": rows, "applications": applications, "withdrawable": SEEKER_WITHDRAWABLE},
        )
    )


@role_required("seeker")
@require_POST
def my_application_sharing(request, pk):
    """Switch showing my disability information to this one employer on or off."""
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("posting"), pk=pk
    )
    share = request.POST.get("share") == "1"
    try:
        application_set_sharing(user=request.user, application=application, share=share)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        title = application.posting.title
        if share:
            messages.success(request, f"「{title}」的招聘单位现在可以看到您的残疾类别、等级和需要的支持。")
        else:
            messages.success(request, f"「{title}」的招聘单位从现在起看不到您的残疾信息。")
    return redirect("frontend:my_applications")


@role_required("seeker")
@require_POST
def my_application_withdraw(request, pk):
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("posting"), pk=pk
    )
    try:
        application_withdraw(user=request.user, application=application)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已撤回对「{application.posting.title}」的申请。需要时可以重新申请。")
    return redirect("frontend:my_applications")
