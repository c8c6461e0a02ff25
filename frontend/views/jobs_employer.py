"""Employer pages of the job market: my postings, create and edit them in two short pages
(what the job is; then the occupation code, the accessibility checklist and the demands), close
them, suggested candidates with reasons, and the applications pipeline (move, hire)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse

from backend.accounts.models import Region
from matching.choices import PostingStatus
from matching.core.fit import extract_demands
from matching.models import Application, JobPosting
from matching.reference import fit_rules_current
from matching.selectors import job_search, match_candidates_for_posting, occupation_suggest
from matching.services import posting_close, posting_create, posting_update
from matching.services.postings import posting_validate

from ..forms_jobs import PostingChecklistForm, PostingDetailsForm
from .employer import acting_employer_page, current_employer
from .jobs_drafts import answers_of, bound, draft_clear, draft_get, draft_put, initial_of, summary_rows
from .roles import no_store, role_required

CANDIDATES = 20


def _managed(request, pk):
    return get_object_or_404(
        JobPosting.objects.managed_by(request.user).select_related("employer", "region"), pk=pk
    )


@role_required("employer")
@acting_employer_page
def employer_postings(request):
    """岗位管理: this employer's postings in every state, with counts of applications."""
    status = request.GET.get("status", "")
    filters = {"status": status} if status in PostingStatus.values else {}
    employer = current_employer(request)
    # The acting employer's postings only (a member of several chose one).
    postings = [
        p
        for p in job_search(user=request.user, filters=filters, mine=True)
        if p.employer_id == getattr(employer, "pk", None)
    ]
    # How many applications each posting has (a plain read for the table).
    counts = dict(
        Application.objects.filter(posting__in=[p.pk for p in postings])
        .values_list("posting")
        .annotate(n=Count("id"))
        .values_list("posting", "n")
    )
    rows = [{"posting": p, "applications": counts.get(p.pk, 0)} for p in postings]
    context = {
        "rows": rows,
        "status": status,
        "statuses": PostingStatus.choices,
        "employer": employer,
    }
    return render(request, "frontend/jobs/employer_postings.html", context)


# ------------------------------------------------------------------ create / edit (two pages)


def _draft_key(pk) -> str:
    return f"posting:{pk or 'new'}"


def _posting_answers(posting: JobPosting | None) -> dict:
    """A posting (or a new one's defaults) as draft answers for both pages."""
    if posting is None:
        details = {
            "employment_form": ["competitive"],
            "hours": ["full_time"],
            "education": ["none"],
            "headcount": ["1"],
        }
        return {"details": details, "checklist": {"accommodations": [], "demands": [], "occupation_code": []}}

    def money(v):
        return [] if v is None else [f"{v.normalize():f}"]

    details = {
        "title": [posting.title],
        "description": [posting.description],
        "skills": ["、".join(posting.skills)],
        "employment_form": [posting.employment_form],
        "region": [posting.region.code] if posting.region_id else [],
        "address": [posting.address],
        "hours": [posting.hours],
        "pay_min": money(posting.pay_min),
        "pay_max": money(posting.pay_max),
        "education": [posting.education],
        "headcount": [str(posting.headcount)],
        "opens_on": [posting.opens_on.isoformat()],
        "closes_on": [posting.closes_on.isoformat()] if posting.closes_on else [],
        "guaranteed_interview": ["on"] if posting.guaranteed_interview else [],
    }
    checklist = {
        "occupation_code": [posting.occupation_code],
        "accommodations": list(posting.accommodations),
        "demands": list(posting.demands),
    }
    return {"details": details, "checklist": checklist, "text": _text_of(details)}


def _text_of(details: dict) -> str:
    return " ".join(
        details.get(name, [""])[-1] if details.get(name) else ""
        for name in ("title", "skills", "description")
    )


def _wizard(request, pk, *, fresh: bool = False):
    """The posting being edited (None: a new one) and its draft; None if the user has no
    employer to publish for. ``fresh`` starts the draft again from the saved posting."""
    posting = _managed(request, pk) if pk else None
    if posting is None and current_employer(request) is None:
        return None
    key = _draft_key(pk)
    draft = None if fresh else draft_get(request, key)
    if draft is None:
        draft = _posting_answers(posting)
        draft_put(request, key, draft)
    return posting, key, draft


def _suggest_url() -> str:
    try:
        return reverse("occupation-suggest")
    except NoReverseMatch:  # the API is not mounted (never in this project)
        return ""


def _render_details(request, form, posting):
    context = {"form": form, "posting": posting, "suggest_url": _suggest_url()}
    return render(request, "frontend/jobs/posting_details.html", context)


@role_required("employer")
@acting_employer_page
def posting_details(request, pk=None):
    """Page 1: what the job is."""
    # Opening page 1 afresh (not "back" from page 2) starts from the saved posting, so an
    # abandoned draft never hides changes made since.
    fresh = request.method == "GET" and "continue" not in request.GET
    wizard = _wizard(request, pk, fresh=fresh)
    if wizard is None:
        return render(request, "frontend/jobs/no_employer.html")
    posting, key, draft = wizard
    if request.method == "POST":
        form = PostingDetailsForm(request.POST)
        # Issue 14: every rule about this page (formats, pay order, dates, region) is checked
        # now and reported together, so page 2 never sends the employer back here.
        _check_details(form, posting)
        if form.is_valid():
            draft["details"] = answers_of(PostingDetailsForm, request.POST)
            draft_put(request, key, draft)
            return redirect(
                *(("frontend:posting_checklist", pk) if pk else ("frontend:posting_new_checklist",))
            )
    else:
        form = PostingDetailsForm(initial=initial_of(PostingDetailsForm, draft["details"]))
    return _render_details(request, form, posting)


def _details_values(cleaned: dict) -> dict:
    values = {name: cleaned[name] for name in PostingDetailsForm.base_fields if name in cleaned}
    if "region" in values:
        code = values["region"]
        values["region"] = Region.objects.filter(code=code).first() if code else None
    if values.get("opens_on", "") is None:
        values.pop("opens_on")  # blank: today for a new posting, unchanged for an edit
    values.pop("guaranteed_interview", None)
    return values


def _check_details(form, posting) -> None:
    """Add the service's findings about page 1's fields to ``form`` (those the form itself has
    not already refused), without saving anything."""
    form.is_valid()
    try:
        posting_validate(posting=posting, **_details_values(form.cleaned_data))
    except ValidationError as exc:
        for field, problems in exc.message_dict.items():
            if field in form.fields and field not in form.errors:
                for problem in problems:
                    form.add_error(field, problem)
        form._link_descriptions()


def _suggestions(title: str) -> list[dict]:
    try:
        return occupation_suggest(title=title)
    except ValidationError:
        return []


def _service_values(details, checklist) -> dict:
    values = dict(details.cleaned_data)
    code = values.pop("region")
    values["region"] = Region.objects.filter(code=code).first() if code else None
    if values["opens_on"] is None:
        values.pop("opens_on")  # blank: today for a new posting, unchanged for an edit
    values.update(checklist.cleaned_data)
    return values


@role_required("employer")
@acting_employer_page
def posting_checklist(request, pk=None):
    """Page 2: the occupation code, the accessibility checklist and the demands (pre-ticked from
    the text), then publish or save."""
    wizard = _wizard(request, pk)
    if wizard is None:
        return render(request, "frontend/jobs/no_employer.html")
    posting, key, draft = wizard
    details = bound(PostingDetailsForm, draft["details"])
    if not details.is_valid():
        return redirect(*(("frontend:posting_edit", pk) if pk else ("frontend:posting_new",)))
    suggestions = _suggestions(details.cleaned_data["title"])
    text = _text_of(draft["details"])
    if request.method == "POST":
        form = PostingChecklistForm(request.POST, suggestions=suggestions)
        # The ticks are kept whatever happens next (they were lost when a rule of page 1 sent
        # the employer back there).
        draft["checklist"] = answers_of(PostingChecklistForm, request.POST)
        draft["text"] = text
        draft_put(request, key, draft)
        if form.is_valid():
            values = _service_values(details, form)
            # The codes offered, kept with the employer's choice (it helps code similar postings).
            values["suggested"] = [s["code"] for s in suggestions]
            try:
                if posting is None:
                    employer = current_employer(request)
                    saved = posting_create(user=request.user, employer=employer, **values)
                else:
                    saved = posting_update(user=request.user, posting=posting, **values)
            except ValidationError as exc:
                page_two = set(PostingChecklistForm.base_fields)
                if set(exc.message_dict) - page_two:
                    # A rule about page 1 (pay order, dates, region): show page 1 with the message.
                    details.add_service_errors(exc)
                    return _render_details(request, details, posting)
                form.add_service_errors(exc)
            else:
                draft_clear(request, key)
                done = "已发布" if posting is None else "已保存"
                messages.success(request, f"岗位「{saved.title}」{done}。")
                return redirect("frontend:employer_postings")
    else:
        answers = dict(draft["checklist"])
        if draft.get("text") != text:
            # New or changed text: tick the demands the text reveals, for the employer to confirm.
            found = extract_demands(text, fit_rules_current())
            answers["demands"] = sorted(found)
            if not answers.get("occupation_code") or not answers["occupation_code"][-1]:
                answers["occupation_code"] = [suggestions[0]["code"]] if suggestions else []
        form = PostingChecklistForm(
            initial=initial_of(PostingChecklistForm, answers), suggestions=suggestions
        )
    context = {
        "form": form,
        "posting": posting,
        "details": summary_rows(details),
        "back_url": (reverse("frontend:posting_edit", args=[pk]) if pk else reverse("frontend:posting_new"))
        + "?continue=1",
    }
    return render(request, "frontend/jobs/posting_checklist.html", context)


@role_required("employer")
def posting_close_page(request, pk):
    """Stop recruiting, after a confirmation page (a closed posting cannot be reopened)."""
    posting = _managed(request, pk)
    if request.method == "POST":
        posting_close(user=request.user, posting=posting)
        messages.success(request, f"岗位「{posting.title}」已停止招聘。已收到的申请仍可处理。")
        return redirect("frontend:employer_postings")
    return render(request, "frontend/jobs/posting_close.html", {"posting": posting})


@role_required("employer")
def posting_candidates(request, pk):
    """Suggested seekers for one of my postings: wishes and skills, never disability."""
    posting = _managed(request, pk)
    matches = match_candidates_for_posting(
        user=request.user, posting=posting, k=CANDIDATES, request_id=getattr(request, "request_id", "")
    )
    return no_store(
        render(request, "frontend/jobs/candidates.html", {"posting": posting, "matches": matches})
    )
