"""Ranking metrics and the evaluation protocol of docs/matching.md.

Protocol: every seeker is ranked against the WHOLE catalogue; relevance grades are
0 (not relevant), 1 (relevant), 2 (very relevant); unlabelled jobs count as 0.
Seekers without any relevant label are left out of the means (their recall and
NDCG are undefined) and counted under ``skipped``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from .features import seeker_skills
from .fit import DEFAULT_FIT_RULES, FitRule, assess_fit, implied_can_do, is_home_based, job_demands
from .models import JobDoc, SeekerDoc
from .skills import DEFAULT_VOCABULARY, SkillVocabulary

METRICS = ("p@5", "recall@10", "ndcg@10", "mrr")


def precision_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Share of the first ``k`` slots holding a relevant (grade > 0) item; short lists count empty slots."""
    if k <= 0:
        return 0.0
    return sum(1 for item in ranked[:k] if grades.get(item, 0) > 0) / k


def recall_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    relevant = sum(1 for g in grades.values() if g > 0)
    if relevant == 0:
        return 0.0
    return sum(1 for item in ranked[:k] if grades.get(item, 0) > 0) / relevant


def dcg(gains: Iterable[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float:
    """Graded gains ``2**g - 1``; the ideal ranking uses all labelled items."""
    ideal = dcg(sorted((2**g - 1 for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(2 ** grades.get(item, 0) - 1 for item in ranked[:k]) / ideal


def mrr(ranked: Sequence[str], grades: Mapping[str, int]) -> float:
    """Reciprocal rank of the first relevant item (0 if none is ranked)."""
    for i, item in enumerate(ranked):
        if grades.get(item, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def metrics_for(ranked: Sequence[str], grades: Mapping[str, int]) -> dict[str, float]:
    return {
        "p@5": precision_at_k(ranked, grades, 5),
        "recall@10": recall_at_k(ranked, grades, 10),
        "ndcg@10": ndcg_at_k(ranked, grades, 10),
        "mrr": mrr(ranked, grades),
    }


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    out = {m: (sum(r[m] for r in rows) / len(rows) if rows else 0.0) for m in METRICS}
    out["n"] = len(rows)
    return out


def evaluate(
    rankings: Mapping[str, Sequence[str]],
    labels: Mapping[str, Mapping[str, int]],
    groups: Mapping[str, str] | None = None,
) -> dict:
    """Mean P@5, Recall@10, NDCG@10, MRR overall and per group.

    Returns ``{"overall": {...,"n"}, "groups": {group: {...,"n"}}, "skipped": [...]}``;
    a labelled seeker missing from ``rankings`` counts as an empty ranking.
    """
    groups = groups or {}
    overall: list[dict[str, float]] = []
    by_group: dict[str, list[dict[str, float]]] = defaultdict(list)
    skipped = []
    for seeker_id, grades in labels.items():
        if not any(g > 0 for g in grades.values()):
            skipped.append(seeker_id)
            continue
        row = metrics_for(list(rankings.get(seeker_id, ())), grades)
        overall.append(row)
        by_group[groups.get(seeker_id, "")].append(row)
    return {
        "overall": _mean(overall),
        "groups": {g: _mean(rows) for g, rows in sorted(by_group.items())},
        "skipped": sorted(skipped),
    }


def count_conflicts(
    rankings: Mapping[str, Sequence[str]],
    jobs: Mapping[str, JobDoc] | Iterable[JobDoc],
    seekers: Mapping[str, SeekerDoc] | Iterable[SeekerDoc],
    rules: Iterable[FitRule] = DEFAULT_FIT_RULES,
    k: int = 10,
    vocabulary: SkillVocabulary | None = DEFAULT_VOCABULARY,
) -> int:
    """Jobs with an unresolved ✖ conflict shown in a seeker's top ``k``.

    A licence among the seeker's skills counts as saying they can do the demand
    (:func:`~matching.core.fit.implied_can_do`), as in the matcher; pass
    ``vocabulary=None`` to count with ``can_do`` alone.
    """
    rules = tuple(rules)
    jobs = jobs if isinstance(jobs, Mapping) else {j.id: j for j in jobs}
    seekers = seekers if isinstance(seekers, Mapping) else {s.id: s for s in seekers}
    demands = {}
    count = 0
    for seeker_id, ranked in rankings.items():
        seeker = seekers.get(seeker_id)
        if seeker is None:
            continue
        can_do = set(seeker.can_do)
        if vocabulary is not None:
            can_do |= implied_can_do(seeker_skills(seeker, vocabulary))
        for job_id in list(ranked)[:k]:
            job = jobs.get(job_id)
            if job is None:
                continue
            if job_id not in demands:
                demands[job_id] = job_demands(job, rules)
            fit = assess_fit(
                demands[job_id],
                job.accommodations,
                seeker,
                rules,
                home_based=is_home_based(job),
                can_do=can_do,
            )
            if fit.excluded:
                count += 1
    return count


def disability_group(seeker: SeekerDoc) -> str:
    """Group label for per-category reporting ("视力", …, "未披露")."""
    from .models import DISABILITY_CATEGORIES

    return DISABILITY_CATEGORIES.get(seeker.disability_category, "未披露")
