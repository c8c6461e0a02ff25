"""Job search (the same analyzer as the matcher, plus the FilterSet) and occupation suggestions."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from ..filtersets import JobPostingFilterSet
from ..models import JobPosting
from ..services.index import matcher_state, state_lock

MAX_RESULTS = 1000
MIN_SIMILARITY = 0.02


def _filtered(queryset, filters: dict | None):
    filterset = JobPostingFilterSet(filters or {}, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def job_search(*, user, q: str = "", filters: dict | None = None, mine: bool = False) -> list[JobPosting]:
    """Open postings matching ``q`` (best first) and ``filters``; ``mine``: the employer's own
    postings in any state instead (searched by plain substring, they are not all indexed)."""
    q = " ".join((q or "").split())[:100]
    if mine:
        base = JobPosting.objects.managed_by(user)
        if q:
            base = base.filter(Q(title__icontains=q) | Q(description__icontains=q))
        return list(
            _filtered(base, filters).select_related("employer", "region").order_by("-created_at", "-id")
        )
    base = JobPosting.objects.currently_open()
    if not q:
        return list(
            _filtered(base, filters).select_related("employer", "region").order_by("-opens_on", "-id")
        )
    state = matcher_state()
    with state_lock():
        ids = state.jobs.ids
        sims = state.jobs.index.similarities(q) if ids else []
    ranked = sorted(
        ((float(sim), int(doc_id)) for doc_id, sim in zip(ids, sims, strict=True) if sim >= MIN_SIMILARITY),
        key=lambda pair: (-pair[0], pair[1]),
    )[:MAX_RESULTS]
    passing = _filtered(base, filters).filter(pk__in=[pk for _, pk in ranked])
    by_id = passing.select_related("employer", "region").in_bulk()
    return [by_id[pk] for _, pk in ranked if pk in by_id]


def occupation_suggest(*, title: str, k: int = 5) -> list[dict]:
    """Top-``k`` occupation codes for a free-text title (empty without a loaded classification)."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": "请填写岗位名称"})
    if len(title) > 100:
        raise ValidationError({"title": "岗位名称不超过100个字"})
    state = matcher_state()
    coder = state.jobs.coder
    if coder is None:
        return []
    with state_lock():
        top = coder.suggest(title, k=k)
    return [{"code": code, "name": name, "score": round(score, 4)} for code, name, score in top]
