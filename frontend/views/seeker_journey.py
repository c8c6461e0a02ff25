"""The job-seeker's own pages around the search: the start page after sign-in (what to do next,
profile completeness), saved searches (订阅) and the jobs marked 不合适 with undo. Each view
parses, calls one matching service or selector, and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from matching.models import MatchFeedback, SavedSearch
from matching.selectors.saved_searches import saved_search_describe, saved_search_url, saved_searches_for
from matching.selectors.start import seeker_start
from matching.services import (
    feedback_withdraw,
    saved_search_create,
    saved_search_delete,
    saved_search_update,
)

from ..forms_jobs import SavedSearchForm
from .roles import no_store, role_required


def _no_person(request):
    return render(request, "frontend/jobs/no_person.html")


@role_required("seeker")
def start_page(request):
    """我的求职首页: where a seeker lands after signing in."""
    if request.user.person is None:
        return _no_person(request)
    start = seeker_start(user=request.user)
    missing = [
        {
            "section": section,
            "url": reverse("frontend:seeker_profile_step", args=[section.step]) + f"#id_{section.field}",
        }
        for section in start.completeness.missing
    ]
    return no_store(render(request, "frontend/jobs/start.html", {"start": start, "missing": missing}))


@role_required("seeker")
def saved_searches(request):
    """我保存的搜索: each with its conditions in words, a link to the results, pause and delete."""
    rows = [
        {"search": s, "summary": saved_search_describe(s.query), "url": saved_search_url(s.query)}
        for s in saved_searches_for(user=request.user)
    ]
    return no_store(render(request, "frontend/jobs/saved_searches.html", {"rows": rows}))


@role_required("seeker")
def saved_search_new(request):
    """Save the search of /jobs/ (its query string arrives in the hidden ``query`` field). A
    refusal (a name used twice, too many searches) comes back here with the form kept."""
    if request.user.person is None:
        return _no_person(request)
    data = request.POST if request.method == "POST" else None
    query_string = (request.POST.get("query") if data else request.GET.urlencode()) or ""
    form = SavedSearchForm(data, initial={"query": query_string})
    if data is not None and form.is_valid():
        try:
            search = saved_search_create(
                user=request.user,
                query=QueryDict(form.cleaned_data["query"]),
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已保存搜索「{search.name}」。有新岗位时会在站内消息里提醒您。")
            return redirect("frontend:saved_searches")
    context = {
        "form": form,
        "summary": saved_search_describe(dict(QueryDict(query_string).lists())),
        "back_url": reverse("frontend:jobs_search") + (f"?{query_string}" if query_string else ""),
    }
    return no_store(render(request, "frontend/jobs/saved_search_new.html", context))


def _own_search(request, pk) -> SavedSearch:
    return get_object_or_404(saved_searches_for(user=request.user), pk=pk)


@role_required("seeker")
@require_POST
def saved_search_pause(request, pk):
    """Pause the reminders of one search, or resume them (``active=1``)."""
    search = _own_search(request, pk)
    active = request.POST.get("active") == "1"
    saved_search_update(user=request.user, search=search, active=active)
    if active:
        messages.success(request, f"「{search.name}」的提醒已恢复，从现在起有新岗位会提醒您。")
    else:
        messages.success(request, f"「{search.name}」的提醒已暂停。搜索条件还保留着，随时可以恢复。")
    return redirect("frontend:saved_searches")


@role_required("seeker")
@require_POST
def saved_search_remove(request, pk):
    search = _own_search(request, pk)
    saved_search_delete(user=request.user, search=search)
    messages.success(request, f"已删除保存的搜索「{search.name}」。")
    return redirect("frontend:saved_searches")


@role_required("seeker")
def not_suitable(request):
    """标记为不合适的岗位: what I dismissed and why, each with 撤销."""
    rows = MatchFeedback.objects.visible_to(request.user).select_related("posting__employer")
    return no_store(render(request, "frontend/jobs/not_suitable.html", {"rows": rows}))


@role_required("seeker")
@require_POST
def not_suitable_undo(request, pk):
    feedback = get_object_or_404(MatchFeedback.objects.visible_to(request.user), pk=pk)
    posting = feedback_withdraw(user=request.user, feedback=feedback)
    messages.success(request, f"已撤销对「{posting.title}」的“不合适”。它可能重新出现在为您推荐的岗位里。")
    return redirect("frontend:not_suitable")
