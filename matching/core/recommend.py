"""Jobs for a seeker and seekers for a job: one vectorised code path.

A query never loops over documents in Python: text similarity is one sparse
matrix–vector product, every structured component is a numpy expression over
arrays aligned with the index rows, and disability exclusions are bitmask
operations (:class:`~matching.core.features.FitCodec`). Only the best
``max(200, 20·k)`` rows by that score are looked at individually: they are
re-checked with the scalar :func:`~matching.core.fit.assess_fit` (which also yields
the conflicts shown to the user) and the final top-k get explanations.

Persisting: ``to_bytes()`` stores the tokenised index plus a content fingerprint
and occupation code per document; ``from_bytes(blob, docs, **same_kwargs)``
reuses every unchanged document and re-processes only new or edited ones.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz, process

from .candidates import CandidateMatcher
from .explain import Explanation, Suggestion, explain_job_for_seeker
from .features import (
    JobFeatures,
    SeekerFeatures,
    job_features,
    near_home_factor,
    popcount,
    seeker_features,
    stated_fit_arrays,
)
from .fit import assess_fit, is_home_based, job_demands
from .matcher import CANDIDATE_POOL, BaseMatcher, csr_from_lists, locked, select_top, wish_parts
from .models import JobDoc, SeekerDoc
from .own_words import query_text
from .scoring import (
    GUARANTEED_INTERVIEW_BONUS,
    choice_component,
    clean_region,
    education_component,
    fit_component,
    hours_component,
    occupation_component,
    pay_component,
    region_closeness,
    region_component,
    skill_component,
    text_component,
    topically_relevant,
)
from .text import normalize

__all__ = [
    "CandidateMatcher",
    "Explanation",
    "JobMatcher",
    "Suggestion",
    "fuzzy_title_top_jobs",
    "reason_code",
    "tfidf_only_top_jobs",
    "wish_parts",
]

FEEDBACK_REASONS: dict[str, str] = {
    "too_far": "太远",
    "low_pay": "工资低",
    "not_fit_body": "不适合我的身体情况",
    "not_interested": "不感兴趣",
}
DEFAULT_FEEDBACK_STRENGTHS: dict[str, float] = {
    "too_far": 0.35,
    "low_pay": 0.35,
    "not_fit_body": 0.5,
    "not_interested": 0.3,
}
# Text component floor for a posting coded to exactly the occupation the seeker asked for (chosen
# on the tuning half of tests/data/matching/own_words and the older labelled set: 0.6/0.8/1.0 gave
# NDCG@10 0.916/0.923/0.915 and 0.797/0.800/0.796). Below 1.0 so that wording still separates a
# posting the title coder put in the wrong occupation ("包装设计助理" → 包装工).
SAME_OCCUPATION_TEXT = 0.8
# cosine similarity at which "not interested" lowers another job fully
FEEDBACK_SIMILAR_AT = 0.6


def reason_code(reason: str) -> str:
    """Accept the code or its Chinese label ("太远" → "too_far")."""
    reason = (reason or "").strip()
    if reason in FEEDBACK_REASONS:
        return reason
    for code, label in FEEDBACK_REASONS.items():
        if reason == label:
            return code
    return reason


# ==================================================================== jobs for a seeker


@dataclass(frozen=True)
class Groups:
    """Distinct rows of some columns (compared bit for bit) and, per job, which row it has.

    The score components are elementwise functions of these columns, so ``f(*columns)[inverse]``
    equals ``f`` over all jobs to the last bit — and 100k postings share a few hundred distinct
    (demands, accommodations) pairs, ten forms, a few dozen regions.
    """

    columns: tuple[np.ndarray, ...]
    inverse: np.ndarray

    @classmethod
    def of(cls, *columns: np.ndarray) -> Groups:
        n = len(columns[0])
        if n == 0:
            return cls(tuple(c[:0] for c in columns), np.zeros(0, dtype=np.intp))
        # One integer key per row from the per-column ranks (np.unique over rows, axis=0, sorts
        # structured values and was ~50× slower).
        key = np.zeros(n, dtype=np.int64)
        for column in columns:
            ranks, inverse = np.unique(_as_bits(column), return_inverse=True)
            key = key * len(ranks) + inverse.reshape(-1)
            key = np.unique(key, return_inverse=True)[1].reshape(-1)  # re-rank: never overflows
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        return cls(tuple(c[first] for c in columns), inverse.reshape(-1))

    def gather(self, values: np.ndarray) -> np.ndarray:
        return np.take(values, self.inverse)

    def updated(self, keep: np.ndarray, *new: np.ndarray, take: np.ndarray | None = None) -> Groups:
        """The groups of rows ``keep`` (in that order) followed by rows with values ``new``, the
        whole reordered by ``take`` (if given).

        A new distinct value gets a new group; a value no row has any more keeps its group (a
        component computed for it is never gathered), so the result gathers exactly what
        :meth:`of` over the same rows would.
        """
        known = {
            key: g for g, key in enumerate(zip(*(_as_bits(c).tolist() for c in self.columns), strict=True))
        }
        n_old, extra, inverse_new = len(self.columns[0]), [], []
        for row, key in enumerate(zip(*(_as_bits(c).tolist() for c in new), strict=True)):
            g = known.get(key)
            if g is None:
                g = known[key] = n_old + len(extra)
                extra.append(row)
            inverse_new.append(g)
        columns = self.columns
        if extra:
            columns = tuple(np.concatenate([c, n[extra]]) for c, n in zip(columns, new, strict=True))
        inverse_new = np.array(inverse_new, dtype=np.intp)
        inverse = np.concatenate([self.inverse[keep], inverse_new])
        return Groups(columns, inverse if take is None else inverse[take])


def _as_bits(column: np.ndarray) -> np.ndarray:
    column = np.ascontiguousarray(column)
    if column.dtype.itemsize == 8:
        return column.view(np.uint64)
    return column.astype(np.uint64)


@dataclass
class JobTable:
    """Arrays over all jobs, aligned with ``ids`` (rebuilt lazily after changes)."""

    ids: list[str]
    pos: dict[str, int]
    features: np.ndarray  # of JobFeatures (object array: a change takes rows without a Python loop)
    demand_bits: np.ndarray
    acc_bits: np.ndarray
    region_id: np.ndarray
    region_vocab: list[str]
    form: np.ndarray
    hours: np.ndarray
    pay_min: np.ndarray
    pay_max: np.ndarray
    education: np.ndarray
    occupation: np.ndarray
    remote: np.ndarray
    home: np.ndarray
    guaranteed: np.ndarray
    skills: sp.csr_matrix
    skill_count: np.ndarray
    skill_vocab: dict[str, int]
    region_index: dict[str, int]  # region_vocab's inverse
    known_regions: tuple[str, ...]  # the regions live postings use
    # Distinct values of the structured columns: a component is computed once per distinct value
    # and gathered per job (see Groups), exactly what computing it per job gives.
    groups: dict[str, Groups]

    def region_closeness(self, regions: Sequence[str], neighbours=None) -> np.ndarray:
        """Per job: closeness of its region to ``regions`` (loops over distinct regions only)."""
        vocab = np.array([region_closeness(r, regions, neighbours) for r in self.region_vocab] + [0.0])
        return vocab[self.region_id]  # region_id -1 → the trailing 0.0

    def skill_matches(self, skills: Sequence[str]) -> np.ndarray:
        ids = [self.skill_vocab[s] for s in skills if s in self.skill_vocab]
        if not ids:
            return np.zeros(len(self.ids))
        v = np.zeros(self.skills.shape[1])
        v[ids] = 1.0
        return self.skills @ v


# The columns each structured component is a function of (one Groups per component).
GROUPED: dict[str, tuple[str, ...]] = {
    "fit": ("demand_bits", "acc_bits"),
    "form": ("form",),
    "hours": ("hours",),
    "education": ("education",),
    "occupation": ("occupation",),
    "region": ("region_id", "remote", "home"),
    "pay": ("pay_min", "pay_max"),
}


def _table_columns(feats: Sequence[JobFeatures], region_index: dict[str, int]) -> dict[str, np.ndarray]:
    """The per-job numpy columns of a :class:`JobTable`; new regions are added to ``region_index``."""
    n = len(feats)

    def col(attr, dtype):
        return np.fromiter(map(operator.attrgetter(attr), feats), dtype=dtype, count=n)

    return {
        "demand_bits": col("demand_bits", np.uint64),
        "acc_bits": col("acc_bits", np.uint64),
        "region_id": np.fromiter(
            (region_index.setdefault(f.region, len(region_index)) if f.region else -1 for f in feats),
            dtype=np.int64,
            count=n,
        ),
        "form": col("form", np.int64),
        "hours": col("hours", np.int64),
        "pay_min": col("pay_min", np.float64),
        "pay_max": col("pay_max", np.float64),
        "education": col("education", np.int64),
        "occupation": col("occupation", np.int64),
        "remote": col("remote", bool),
        "home": col("home", bool),
        "guaranteed": np.fromiter((f.job.guaranteed_interview for f in feats), dtype=bool, count=n),
    }


def _objects(items: Sequence) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _job_features(job: JobDoc, occupation: str, *, codec, vocabulary) -> JobFeatures:
    return job_features(job, codec=codec, vocabulary=vocabulary, occupation_code=occupation)


class JobMatcher(BaseMatcher):
    """Rank jobs for a seeker. See the module docstring for the method."""

    _kind = "jobs"

    def __init__(self, jobs: Iterable[JobDoc] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self._upsert(jobs)

    def _prepare(self, jobs: list[JobDoc]) -> None:
        titles = [j.title for j in jobs if not j.occupation_code and j.title.strip()]
        if self.coder is not None and len(titles) > 1:
            self.coder.suggest_many(titles, 1)  # fills the coder's cache in batches

    def _resolve_occupation(self, job: JobDoc) -> str:
        return job.occupation_code or self.code_title(job.title)

    def _feature_maker(self):
        return functools.partial(_job_features, codec=self.codec, vocabulary=self.vocabulary)

    def _stored_occupation(self, feat: JobFeatures) -> str:
        return feat.occupation_code

    @locked
    def upsert_job(self, job: JobDoc) -> None:
        self._upsert([job])

    @locked
    def upsert_jobs(self, jobs: Iterable[JobDoc]) -> None:
        self._upsert(jobs)

    @locked
    def remove_job(self, job_id: str) -> bool:
        return self._remove(job_id)

    def job(self, job_id: str) -> JobDoc:
        return self._features[job_id].job

    @property
    def jobs(self) -> list[JobDoc]:
        return [self._features[i].job for i in self.ids]

    def _build_table(self, feats: list[JobFeatures]) -> JobTable:
        region_index: dict[str, int] = {}
        skill_vocab: dict[str, int] = {}
        cols = _table_columns(feats, region_index)
        skills, skill_count = csr_from_lists([f.skills for f in feats], skill_vocab)
        ids = [f.job.id for f in feats]
        return JobTable(
            ids=ids,
            pos={doc_id: i for i, doc_id in enumerate(ids)},
            features=_objects(feats),
            **cols,
            region_vocab=list(region_index),
            region_index=region_index,
            known_regions=tuple(region_index),
            skills=skills,
            skill_count=skill_count,
            skill_vocab=skill_vocab,
            groups={name: Groups.of(*(cols[c] for c in names)) for name, names in GROUPED.items()},
        )

    def _update_table(
        self, table: JobTable, keep: np.ndarray, added: list[JobFeatures], take, ids: list[str], index
    ) -> JobTable:
        # One take per column for the surviving rows, the new rows appended (and put in their
        # places by ``take``): the same arrays a rebuild gives (up to the order of the distinct
        # values in the vocabularies and groups, which no score depends on), without touching
        # 100k feature objects.
        def order(a):
            return a if take is None else a[take]

        # An edit in place keeps every row: no take of the old rows, the same positions.
        every_row = len(keep) == len(table.ids) and bool(np.array_equal(keep, np.arange(len(keep))))

        def kept(a):
            return a if every_row else a[keep]

        # Each edited row written over its old values: one copy per column instead of a
        # concatenation and a take (an edit in place: take sends row r to new row take[r] - n).
        n = len(keep)
        moved = np.flatnonzero(take >= n) if every_row and take is not None and len(take) == n else None
        if moved is not None and not (
            len(moved) == len(added)
            and np.array_equal(np.delete(take, moved), np.delete(np.arange(n), moved))
        ):
            moved = None

        def combined(old, new_values):
            if moved is None:
                return order(np.concatenate([kept(old), new_values]))
            out = old.copy()
            out[moved] = new_values[take[moved] - n]
            return out

        region_index = dict(table.region_index)
        skill_vocab = dict(table.skill_vocab)
        new = _table_columns(added, region_index)
        cols = {c: combined(getattr(table, c), new[c]) for c in new}
        new_skills, new_count = csr_from_lists([f.skills for f in added], skill_vocab)
        width = max(1, len(skill_vocab))
        kept_skills = kept(table.skills)
        kept_skills = sp.csr_matrix(
            (kept_skills.data, kept_skills.indices, kept_skills.indptr), shape=(len(keep), width)
        )
        new_skills = sp.csr_matrix(
            (new_skills.data, new_skills.indices, new_skills.indptr), shape=(len(added), width)
        )
        region_vocab = list(region_index)
        # A region no live posting uses any more is not "known" (as after a rebuild).
        region_id = cols["region_id"]
        used = np.bincount(region_id[region_id >= 0], minlength=len(region_vocab))
        features = combined(table.features, _objects(added))
        return JobTable(
            ids=ids,
            pos=table.pos if every_row and ids == table.ids else index.positions(),
            features=features,
            **cols,
            region_vocab=region_vocab,
            region_index=region_index,
            known_regions=tuple(r for r, n in zip(region_vocab, used.tolist(), strict=True) if n),
            skills=order(sp.vstack([kept_skills, new_skills], format="csr")),
            skill_count=combined(table.skill_count, new_count),
            skill_vocab=skill_vocab,
            groups={
                name: table.groups[name].updated(keep, *(new[c] for c in names), take=take)
                for name, names in GROUPED.items()
            },
        )

    def seeker_features(self, seeker: SeekerDoc) -> SeekerFeatures:
        return seeker_features(
            seeker,
            codec=self.codec,
            vocabulary=self.vocabulary,
            occupation_codes=self.seeker_occupations(seeker),
            known_regions=self.table().known_regions if len(self) else (),
        )

    # ------------------------------------------------------------ scoring

    @locked
    def score_all(
        self,
        seeker: SeekerDoc | SeekerFeatures,
        sims: np.ndarray | None = None,
        factor: np.ndarray | float = 1.0,
    ):
        """Vectorised scores of every job (``ids`` order) for one seeker.

        ``factor``: feedback factors (:meth:`feedback_adjustment`). Returns (score,
        components, excluded, penalty); excluded jobs score -inf.
        """
        sf = seeker if isinstance(seeker, SeekerFeatures) else self.seeker_features(seeker)
        t = self.table()
        if sims is None:
            sims = self.index.similarities(query_text(sf.seeker))
        g = t.groups  # each structured component once per distinct value, then per job
        demand_bits, acc_bits = g["fit"].columns
        excluded, penalty = self.codec.fit_arrays(sf.profile, sf.can_do_bits, demand_bits, acc_bits)
        # What the seeker said they cannot / would rather not do, in their own words (issue 13): a
        # function of the same (demands, accommodations) pairs, so also computed once per pair;
        # "只能在家" depends on the job's place and is applied per job below.
        everywhere = np.ones(len(demand_bits), dtype=bool)
        own_excluded, own_keep = stated_fit_arrays(sf, self.codec, demand_bits, acc_bits, everywhere)
        excluded = excluded | own_excluded
        penalty = np.where(excluded, 1.0, 1.0 - (1.0 - penalty) * own_keep)
        needs_met = self.codec.needs_met(sf.needs_bits, acc_bits)
        fit = fit_component(np.where(excluded, 0.0, penalty), needs_met)
        excluded, penalty, fit = (g["fit"].gather(x) for x in (excluded, penalty, fit))
        if sf.home_only:
            on_site = ~np.asarray(t.remote, dtype=bool)
            excluded = excluded | on_site
            penalty = np.where(on_site, 1.0, penalty)
            fit = np.where(on_site, g["fit"].gather(fit_component(np.zeros(len(needs_met)), needs_met)), fit)
        region_id, remote, home = g["region"].columns
        closeness = np.append(
            [region_closeness(r, sf.regions, self.neighbours) for r in t.region_vocab], 0.0
        )[region_id]  # region_id -1 → the trailing 0.0, as in JobTable.region_closeness
        comps = {
            "text": text_component(sims),
            "skills": skill_component(t.skill_matches(sf.skills), t.skill_count, len(sf.skills)),
            "occupation": g["occupation"].gather(
                occupation_component(g["occupation"].columns[0], sf.occupations)
            ),
            "region": g["region"].gather(
                region_component(closeness, bool(sf.regions), region_id >= 0, remote, home)
            ),
            "form": g["form"].gather(choice_component(g["form"].columns[0], sf.forms)),
            "hours": g["hours"].gather(hours_component(g["hours"].columns[0], sf.hours)),
            "pay": g["pay"].gather(pay_component(*g["pay"].columns, sf.expected_pay)),
            "education": g["education"].gather(education_component(g["education"].columns[0], sf.education)),
            "fit": fit,
        }
        # Lexical similarity recalls, structure ranks (docs/matching.md): among postings of the very
        # occupation the seeker asked for, wording differences are noise, so the text component is
        # high whatever the wording, and place, skills and fit decide the order.
        comps["text"] = np.maximum(
            comps["text"], np.where(comps["occupation"] >= 1.0, SAME_OCCUPATION_TEXT, 0.0)
        )
        bonus = np.where(t.guaranteed, GUARANTEED_INTERVIEW_BONUS, 0.0)
        score = self._combine(comps, penalty, factor, bonus) * near_home_factor(sf, comps["region"])
        score = np.where(excluded, -np.inf, score)
        return score, comps, excluded, penalty

    @locked
    def feedback_adjustment(
        self, feedback: Sequence[tuple[JobDoc, str]], penalties: Mapping[str, float] | None = None
    ) -> np.ndarray:
        """Multiplicative factors (``ids`` order) from a seeker's "不合适" feedback.

        ``feedback``: (dismissed job, reason) pairs; reason is a code of
        :data:`FEEDBACK_REASONS` or its Chinese label; ``penalties`` overrides the
        strength per reason (0 = ignore, 1 = push to the bottom):

        * too_far — other jobs in the dismissed job's region (home-based ones excepted);
        * low_pay — jobs whose best pay is at most the dismissed job's;
        * not_fit_body — jobs sharing the dismissed job's demands, in proportion to
          the share shared (text similarity if the job had no known demand);
        * not_interested — jobs similar in text to the dismissed one.

        Unknown reasons only hide the dismissed job itself.
        """
        t = self.table()
        factor = np.ones(len(t.ids))
        strengths = {**DEFAULT_FEEDBACK_STRENGTHS, **(penalties or {})}
        for job, reason in feedback:
            code = reason_code(reason)
            s = float(np.clip(strengths.get(code, 0.0), 0.0, 1.0))
            if s <= 0:
                continue
            lowered = np.zeros(len(t.ids))
            if code == "too_far":
                region = clean_region(job.region)
                if region:
                    lowered = np.where((t.region_closeness([region]) >= 1.0) & ~t.home, 1.0, 0.0)
            elif code == "low_pay":
                top = job.pay_max if job.pay_max is not None else job.pay_min
                if top is not None:
                    job_top = np.where(np.isnan(t.pay_max), t.pay_min, t.pay_max)
                    with np.errstate(invalid="ignore"):
                        lowered = np.where(job_top <= float(top), 1.0, 0.0)
            elif code in ("not_fit_body", "not_interested"):
                bits = self.codec.demand_bits(job_demands(job, self.rules)) if code == "not_fit_body" else 0
                if bits:
                    lowered = popcount(t.demand_bits & np.uint64(bits)) / popcount(np.uint64(bits))
                else:
                    sims = self.index.similarities(job.text())
                    lowered = np.clip(sims / FEEDBACK_SIMILAR_AT, 0.0, 1.0)
            factor *= 1.0 - s * lowered
        return factor

    @locked
    def top_jobs_for_seeker(
        self,
        seeker: SeekerDoc,
        k: int = 10,
        exclude_ids: Iterable[str] = (),
        feedback: Sequence[tuple[JobDoc, str]] = (),
        penalties: Mapping[str, float] | None = None,
        *,
        sims: np.ndarray | None = None,
        cut_irrelevant: bool = False,
    ) -> list[Suggestion]:
        """The ``k`` best jobs for ``seeker``, with explanations.

        Never returns a job with an unresolved ✖ conflict, one in ``exclude_ids``
        or one dismissed in ``feedback``. ``cut_irrelevant`` (what seekers see): stop the list
        at the last job that shares the seeker's topic (:func:`topically_relevant`) instead of
        filling ``k`` places.
        """
        if k <= 0 or not len(self):
            return []
        sf = self.seeker_features(seeker)
        t = self.table()
        factor = self.feedback_adjustment(feedback, penalties) if feedback else np.ones(len(t.ids))
        score, comps, excluded, penalty = self.score_all(sf, sims, factor)
        if cut_irrelevant and (sf.seeker.desired.strip() or sf.skills or sf.occupation_codes):
            # Only a seeker who said what they want gets a list cut to it; an empty profile still
            # sees jobs ranked by the rest (region, form, pay, fit).
            relevant = topically_relevant(comps["text"], t.skill_matches(sf.skills), comps["occupation"])
            score = np.where(relevant, score, -np.inf)
        hidden = [t.pos[i] for i in (*exclude_ids, *(job.id for job, _ in feedback)) if i in t.pos]
        if hidden:
            score[hidden] = -np.inf
        out = []
        for i in select_top(score, max(CANDIDATE_POOL, 20 * k)):
            feat = t.features[i]
            assessment = assess_fit(
                feat.demands,
                feat.job.accommodations,
                seeker,
                self.rules,
                home_based=is_home_based(feat.job),
                can_do=sf.can_do,
                can_do_sources=dict(sf.can_do_sources),
            )
            if assessment.excluded:  # defence in depth: the bitmask check already removed these
                continue
            out.append(
                Suggestion(
                    job_id=feat.job.id,
                    seeker_id=seeker.id,
                    score=float(score[i]),
                    components=self._components_at(comps, i, penalty, factor),
                    explanation=explain_job_for_seeker(self, feat, sf, assessment, comps["occupation"][i]),
                )
            )
            if len(out) == k:
                break
        return out

    @locked
    def top_jobs_for_seekers(
        self, seekers: Iterable[SeekerDoc], k: int = 10, *, batch: int = 256, cut_irrelevant: bool = False
    ) -> dict[str, list[Suggestion]]:
        """Rank many seekers at once (text similarity as one sparse matrix product per batch)."""
        seekers = list(seekers)
        out: dict[str, list[Suggestion]] = {}
        for start in range(0, len(seekers), batch):
            chunk = seekers[start : start + batch]
            sims = (
                self.index.similarities_to(self.index.query_many([query_text(s) for s in chunk]))
                if len(self)
                else None
            )
            for n, seeker in enumerate(chunk):
                out[seeker.id] = self.top_jobs_for_seeker(
                    seeker, k, sims=None if sims is None else sims[n], cut_irrelevant=cut_irrelevant
                )
        return out

    # ------------------------------------------------------------ explanation


# ==================================================================== baselines


def tfidf_only_top_jobs(matcher: JobMatcher, seeker: SeekerDoc, k: int = 10) -> list[str]:
    """Baseline: cosine similarity on the same index, no rules, no structure."""
    if not len(matcher):
        return []
    sims = matcher.index.similarities(seeker.text())
    ids = matcher.ids
    return [ids[i] for i in select_top(sims, k)]


def fuzzy_title_top_jobs(matcher: JobMatcher, seeker: SeekerDoc, k: int = 10) -> list[str]:
    """Baseline: rapidfuzz WRatio of the seeker's wanted job against job titles."""
    jobs = matcher.jobs
    if not jobs or not seeker.desired.strip():
        return []
    sims = process.cdist([normalize(seeker.desired)], [normalize(j.title) for j in jobs], scorer=fuzz.WRatio)[
        0
    ]
    return [jobs[i].id for i in select_top(np.asarray(sims, dtype=np.float64), k)]
