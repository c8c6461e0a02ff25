"""Job search (the same analyzer as the matcher, plus the FilterSet) and occupation suggestions."""

from django.core.exceptions import ValidationError
from django.db.models import Q

from ..core.occupations import title_key
from ..filtersets import JobPostingFilterSet
from ..models import JobPosting, LearnedAlias
from ..services.index import matcher_state, state_lock
from .matching import MAX_K, match_jobs_for_seeker, seeker_profile_for

MAX_RESULTS = 1000
MIN_SIMILARITY = 0.02
# 最新 / 薪资 / 匹配度 (the seeker's habits from 智联招聘 and BOSS直聘); empty: relevance to the
# keyword, or newest first without one.
SORTS = {"newest": "最新发布", "pay": "薪资从高到低", "match": "与我的匹配度"}


def _filtered(queryset, filters: dict | None):
    filterset = JobPostingFilterSet(filters or {}, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


def job_search(
    *, user, q: str = "", filters: dict | None = None, mine: bool = False, sort: str = ""
) -> list[JobPosting]:
    """Open postings matching ``q`` (best first) and ``filters``; ``mine``: the employer's own
    postings in any state instead (searched by plain substring, they are not all indexed).
    ``sort``: one of SORTS to reorder the results (see ``job_sort``)."""
    if sort:
        return job_sort(job_search(user=user, q=q, filters=filters, mine=mine), sort=sort, user=user)
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


def _pay_key(posting: JobPosting):
    top = posting.pay_max if posting.pay_max is not None else posting.pay_min
    # Pay not stated (面议) goes last, not first: it is no promise of a high wage.
    return (top is not None, top or 0, posting.pay_min or 0)


def job_sort(postings: list[JobPosting], *, sort: str, user=None) -> list[JobPosting]:
    """The results in another order. ``match`` ranks by the seeker's own suggestions (the
    matcher's score, at most MAX_K of them); postings it does not suggest — applied to, marked
    不合适, or simply not among the best — follow, newest first."""
    if sort not in SORTS:
        raise ValidationError({"sort": "排序方式只能是：" + "、".join(SORTS.values())})
    newest = sorted(postings, key=lambda p: (p.opens_on, p.pk), reverse=True)
    if sort == "newest":
        return newest
    if sort == "pay":
        return sorted(newest, key=_pay_key, reverse=True)
    if seeker_profile_for(user) is None:
        raise ValidationError({"sort": "填写求职资料后才能按匹配度排序"})
    rank = {m.posting.pk: i for i, m in enumerate(match_jobs_for_seeker(user=user, k=MAX_K))}
    return sorted(newest, key=lambda p: rank.get(p.pk, len(rank)))


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
    out = [
        {"code": code, "name": name, "score": round(score, 4), "learned": False} for code, name, score in top
    ]
    # What employers confirmed for this title counts at once, before the next rebuild teaches the
    # coder itself (matching/services/aliases.py).
    learned = LearnedAlias.objects.active().filter(title_key=title_key(title)).first()
    occupation = coder.get(learned.code) if learned is not None else None
    if occupation is not None:
        rest = [s for s in out if s["code"] != occupation.code]
        best = max([s["score"] for s in out], default=0.0)
        out = [{"code": occupation.code, "name": occupation.name, "score": best, "learned": True}, *rest][:k]
    return out
