"""Offline evaluation on labelled CSV files with the product's own matcher configuration.

`evaluate_files` builds a JobMatcher exactly as the index service does (same fit table, same
loaded classification, same weights: `matcher_kwargs`), ranks every seeker against ALL jobs
(docs/matching.md: sampled pools inflate scores about 10×), and scores the rankings together
with two baselines from the same run: TF-IDF cosine alone and rapidfuzz on titles.
`code_titles` does the same for occupation coding against naive fuzzy matching.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from .core.csvio import read_jobs, read_labels, read_seekers
from .core.evaluation import METRICS, count_conflicts, disability_group, evaluate
from .core.occupations import (
    Occupation,
    OccupationCoder,
    load_occupations_csv,
    naive_fuzzy_suggest,
    tfidf_suggest_many,
)
from .core.recommend import JobMatcher, fuzzy_title_top_jobs, tfidf_only_top_jobs
from .services.index import matcher_kwargs


@dataclass
class MethodResult:
    name: str
    rankings: dict[str, list[str]]
    scores: dict[str, dict[str, float]]
    report: dict
    conflicts: int


@dataclass
class EvaluationReport:
    jobs: int
    seekers: int
    labelled: int
    methods: list[MethodResult]

    @property
    def product(self) -> MethodResult:
        return self.methods[0]

    def method(self, name: str) -> MethodResult:
        return next(m for m in self.methods if m.name == name)


def _kwargs(occupations: list[Occupation] | None) -> dict:
    kwargs = matcher_kwargs()
    if occupations:
        kwargs["occupations"] = OccupationCoder(occupations)
    return kwargs


def evaluate_files(*, jobs, seekers, labels, k: int = 10, occupations: list[Occupation] | None = None):
    """Rank every seeker of ``seekers`` against every job of ``jobs`` and score with ``labels``."""
    job_docs, seeker_docs, grades = read_jobs(jobs), read_seekers(seekers), read_labels(labels)
    kwargs = _kwargs(occupations)
    matcher = JobMatcher(job_docs, **kwargs)
    groups = {s.id: disability_group(s) for s in seeker_docs}
    # As seekers see it: the list stops where relevance ends.
    product = matcher.top_jobs_for_seekers(seeker_docs, k=k, cut_irrelevant=True)
    runs = [
        (
            "product",
            {sid: [x.job_id for x in sug] for sid, sug in product.items()},
            {sid: {x.job_id: x.score for x in sug} for sid, sug in product.items()},
        ),
        ("tfidf_only", {s.id: tfidf_only_top_jobs(matcher, s, k) for s in seeker_docs}, {}),
        ("fuzzy_title", {s.id: fuzzy_title_top_jobs(matcher, s, k) for s in seeker_docs}, {}),
    ]
    methods = [
        MethodResult(
            name=name,
            rankings=rankings,
            scores=scores,
            report=evaluate(rankings, grades, groups),
            conflicts=count_conflicts(rankings, job_docs, seeker_docs, kwargs["rules"], k=k),
        )
        for name, rankings, scores in runs
    ]
    return EvaluationReport(
        jobs=len(job_docs), seekers=len(seeker_docs), labelled=len(grades), methods=methods
    )


def write_rankings(path, method: MethodResult) -> None:
    """``seeker_id,job_id,rank,score`` for the top of every seeker's list."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["seeker_id", "job_id", "rank", "score"])
        for seeker_id, ranked in method.rankings.items():
            for rank, job_id in enumerate(ranked, start=1):
                out.writerow(
                    [seeker_id, job_id, rank, f"{method.scores.get(seeker_id, {}).get(job_id, 0.0):.6f}"]
                )


def format_report(report: EvaluationReport) -> list[str]:
    """Plain-text table lines: one block per method, overall then per disability category."""
    lines = [
        f"jobs={report.jobs} seekers={report.seekers} labelled seekers={report.labelled} (ranked against all jobs)"
    ]
    header = f"{'':14}{'n':>4}" + "".join(f"{m:>11}" for m in METRICS)
    for method in report.methods:
        lines += ["", f"[{method.name}] disability conflicts in top-10 lists: {method.conflicts}", header]
        rows = [("overall", method.report["overall"]), *method.report["groups"].items()]
        for name, row in rows:
            lines.append(f"{name:14}{row['n']:>4}" + "".join(f"{row[m]:>11.4f}" for m in METRICS))
    return lines


# ------------------------------------------------------------------ occupation coding


@dataclass
class CodingReport:
    rows: list[tuple[str, str, str, float]]
    accuracy: dict[str, dict[str, float]]  # method → metric → value (only with gold codes)
    n_gold: int
    # The coder's committed answers (Assignment: abstains when unsure, backs off to the 小类):
    # coverage = share answered; precision / precision_minor = share right among those answered.
    assigned: dict[str, float] | None = None


def _minor(code: str) -> str:
    return "-".join(code.split("-")[:3])


def code_titles(
    *,
    titles: list[str],
    occupations: list[Occupation],
    gold: list[str] | None = None,
    groups: list[tuple[str, str]] = (),
) -> CodingReport:
    """Top-1 code per title with the product's coder; accuracies against ``gold`` if given,
    beside two baselines from the same run (rapidfuzz on names, plain TF-IDF on names)."""
    coder = OccupationCoder(occupations, groups=groups)
    product = [coder.suggest(t, k=5) for t in titles]
    rows = [(t, *(top[0] if top else ("", "", 0.0))) for t, top in zip(titles, product, strict=True)]
    accuracy: dict[str, dict[str, float]] = {}
    pairs = [(i, g) for i, g in enumerate(gold or []) if g]
    assigned = None
    if pairs:
        baseline = [naive_fuzzy_suggest(t, occupations, k=5) for t in titles]
        tfidf = tfidf_suggest_many(titles, occupations, k=5)
        for name, suggestions in (("product", product), ("naive_fuzzy", baseline), ("tfidf", tfidf)):
            hits = {"top1": 0, "top5": 0, "top1_minor": 0, "top5_minor": 0}
            for i, g in pairs:
                codes = [c for c, _, _ in suggestions[i]]
                hits["top1"] += bool(codes) and codes[0] == g
                hits["top5"] += g in codes
                hits["top1_minor"] += bool(codes) and _minor(codes[0]) == _minor(g)
                hits["top5_minor"] += _minor(g) in {_minor(c) for c in codes}
            accuracy[name] = {key: value / len(pairs) for key, value in hits.items()}
        answers = coder.assign_many([titles[i] for i, _ in pairs])
        answered = [(a, g) for a, (_, g) in zip(answers, pairs, strict=True) if not a.abstained]
        assigned = {
            "coverage": len(answered) / len(pairs),
            "precision": sum(a.code == g for a, g in answered) / max(len(answered), 1),
            "precision_minor": sum(_minor(a.code) == _minor(g) for a, g in answered) / max(len(answered), 1),
            "backed_off": sum(a.level == 3 for a, _ in answered) / len(pairs),
        }
    return CodingReport(rows=rows, accuracy=accuracy, n_gold=len(pairs), assigned=assigned)


def read_titles(path) -> tuple[list[str], list[str] | None]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if "job_name" not in (reader.fieldnames or ()):
            raise ValueError("输入文件需要 job_name 列")
        rows = list(reader)
    titles = [(r.get("job_name") or "").strip() for r in rows]
    has_gold = "code" in (reader.fieldnames or ())
    return titles, ([(r.get("code") or "").strip() for r in rows] if has_gold else None)


def load_occupations_file(path) -> list[Occupation]:
    return load_occupations_csv(Path(path))
