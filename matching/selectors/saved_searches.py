"""Reads of saved searches: a seeker's list, a readable summary of a query, and the postings
published since a search was last checked."""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.http import urlencode

from backend.accounts.models import Region

from ..choices import EmploymentForm, Hours
from ..core.accommodations import ACCOMMODATIONS
from ..models import JobPosting, SavedSearch
from .search import _filtered, job_search

# The /jobs/ parameters a saved search keeps: the keyword and the JobPostingFilterSet filters of
# the public list ("employer" and "status" belong to an employer's own list).
SEARCH_KEYS = (
    "q",
    "region",
    "employment_form",
    "hours",
    "pay_min",
    "accommodations",
    "remote",
    "guaranteed_interview",
    "occupation",
)
MULTI_KEYS = frozenset({"employment_form", "hours", "accommodations"})


def saved_searches_for(*, user):
    """The signed-in user's saved searches (another seeker's are out of sight: 404)."""
    return SavedSearch.objects.visible_to(user)


def saved_search_url(query: dict, *, sort: str = "") -> str:
    """The /jobs/ address that shows the search's results."""
    params = {k: query[k] for k in SEARCH_KEYS if k in query}
    if sort:
        params["sort"] = sort
    return "/jobs/?" + urlencode(params, doseq=True)


def saved_search_describe(query: dict) -> str:
    """The query in words, e.g. "客服 · 城厢镇 · 竞争性就业 · 月薪不低于3000元"."""
    parts = []
    if query.get("q"):
        parts.append(f"“{query['q']}”")
    if query.get("region"):
        region = Region.objects.filter(code=query["region"]).values_list("name", flat=True).first()
        parts.append(region or query["region"])
    forms, hours = dict(EmploymentForm.choices), dict(Hours.choices)
    parts += [forms.get(c, c) for c in query.get("employment_form", [])]
    parts += [hours.get(c, c) for c in query.get("hours", [])]
    if query.get("pay_min"):
        parts.append(f"月薪不低于{query['pay_min']}元")
    if query.get("remote") == "true":
        parts.append("可居家工作")
    if query.get("guaranteed_interview") == "true":
        parts.append("保障面试")
    parts += [ACCOMMODATIONS.get(c, c) for c in query.get("accommodations", [])]
    if query.get("occupation"):
        parts.append(f"职业 {query['occupation']}")
    return " · ".join(parts) or "全部岗位"


def saved_search_new_postings(*, search: SavedSearch, since: datetime) -> list[JobPosting]:
    """Open postings matching ``search`` that reached the market after ``since``: created
    after it (and already open), or created earlier with a 发布日期 after its day."""
    since_day = timezone.localdate(since)
    fresh = JobPosting.objects.currently_open().filter(Q(created_at__gt=since) | Q(opens_on__gt=since_day))
    filters = {k: v for k, v in search.query.items() if k != "q"}
    if not search.query.get("q"):
        return list(_filtered(fresh, filters).select_related("employer").order_by("-opens_on", "-id"))
    fresh_ids = set(fresh.values_list("pk", flat=True))
    if not fresh_ids:
        return []
    # A keyword is ranked by the matcher's text index, as on the /jobs/ page.
    return [p for p in job_search(user=None, q=search.query["q"], filters=filters) if p.pk in fresh_ids]
