"""Seekers for a job: the mirror of :class:`~matching.core.recommend.JobMatcher`."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .explain import Suggestion, explain_seeker_for_job
from .features import JobFeatures, SeekerFeatures, job_features, seeker_features, stated_fit_for_job
from .fit import assess_fit, is_home_based
from .matcher import CANDIDATE_POOL, BaseMatcher, csr_from_lists, locked, row_max, select_top, wish_parts
from .models import JobDoc, SeekerDoc
from .scoring import (
    choice_component,
    education_component,
    fit_component,
    hours_component,
    pay_component,
    prefix_similarity,
    region_closeness,
    region_component,
    skill_component,
    text_component,
)


@dataclass
class SeekerTable:
    ids: list[str]
    pos: dict[str, int]
    features: list[SeekerFeatures]
    profile: np.ndarray
    can_do: np.ndarray
    needs: np.ndarray
    forms: np.ndarray
    hours: np.ndarray
    expected_pay: np.ndarray
    education: np.ndarray
    occ_codes: np.ndarray  # n × 3, -1 padded
    occ_weights: np.ndarray
    regions: sp.csr_matrix
    region_count: np.ndarray
    region_vocab: list[str]
    skills: sp.csr_matrix
    skill_count: np.ndarray
    skill_vocab: dict[str, int]
    # what each seeker wrote they cannot / would rather not do (demand bits), "只能在家"
    limits: np.ndarray | None = None
    dislikes: np.ndarray | None = None
    home_only: np.ndarray | None = None


def _seeker_features(seeker: SeekerDoc, occupation, *, codec, vocabulary) -> SeekerFeatures:
    codes = tuple((c, w) for c, w in occupation)  # stored as JSON lists
    return seeker_features(seeker, codec=codec, vocabulary=vocabulary, occupation_codes=codes)


class CandidateMatcher(BaseMatcher):
    """Rank seekers for a job. Pass only seekers who consented to be matched.

    Explanations name disability conflicts and needs; the caller decides who may
    see them (an employer only when the seeker chose to share).
    """

    _kind = "seekers"

    def __init__(self, seekers: Iterable[SeekerDoc] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self._upsert(seekers)

    def _prepare(self, seekers: list[SeekerDoc]) -> None:
        parts = [p for s in seekers if not s.occupation_codes for p in wish_parts(s.desired)]
        if self.coder is not None and len(parts) > 1:
            self.coder.suggest_many(parts, 2)  # fills the coder's cache in batches

    def _resolve_occupation(self, seeker: SeekerDoc):
        return self.seeker_occupations(seeker)

    def _feature_maker(self):
        return functools.partial(_seeker_features, codec=self.codec, vocabulary=self.vocabulary)

    def _stored_occupation(self, feat: SeekerFeatures):
        return [list(x) for x in feat.occupation_codes]

    @locked
    def upsert_seeker(self, seeker: SeekerDoc) -> None:
        self._upsert([seeker])

    @locked
    def upsert_seekers(self, seekers: Iterable[SeekerDoc]) -> None:
        self._upsert(seekers)

    @locked
    def remove_seeker(self, seeker_id: str) -> bool:
        return self._remove(seeker_id)

    def _build_table(self, feats: list[SeekerFeatures]) -> SeekerTable:
        n = len(feats)

        def col(attr, dtype):
            return np.fromiter((getattr(f, attr) for f in feats), dtype=dtype, count=n)

        occ_codes = np.full((n, 3), -1, dtype=np.int64)
        occ_weights = np.zeros((n, 3))
        for i, f in enumerate(feats):  # build time only, never per query
            for j, (code, weight) in enumerate(f.occupations[:3]):
                occ_codes[i, j], occ_weights[i, j] = code, weight
        region_vocab: dict[str, int] = {}
        regions, region_count = csr_from_lists([f.regions for f in feats], region_vocab)
        skill_vocab: dict[str, int] = {}
        skills, skill_count = csr_from_lists([f.skills for f in feats], skill_vocab)
        ids = [f.seeker.id for f in feats]
        return SeekerTable(
            ids=ids,
            pos={doc_id: i for i, doc_id in enumerate(ids)},
            features=feats,
            profile=col("profile", np.int64),
            can_do=col("can_do_bits", np.uint64),
            needs=col("needs_bits", np.uint64),
            forms=col("forms", np.int64),
            hours=col("hours", np.int64),
            expected_pay=col("expected_pay", np.float64),
            education=col("education", np.int64),
            occ_codes=occ_codes,
            occ_weights=occ_weights,
            regions=regions,
            region_count=region_count,
            region_vocab=list(region_vocab),
            skills=skills,
            skill_count=skill_count,
            skill_vocab=skill_vocab,
            limits=np.fromiter((self.codec.demand_bits(f.limits) for f in feats), dtype=np.uint64, count=n),
            dislikes=np.fromiter(
                (self.codec.demand_bits(f.dislikes) for f in feats), dtype=np.uint64, count=n
            ),
            home_only=col("home_only", bool),
        )

    def job_features(self, job: JobDoc) -> JobFeatures:
        occupation = job.occupation_code or self.code_title(job.title)
        return job_features(job, codec=self.codec, vocabulary=self.vocabulary, occupation_code=occupation)

    @locked
    def score_all(self, job: JobDoc | JobFeatures):
        jf = job if isinstance(job, JobFeatures) else self.job_features(job)
        t = self.table()
        n = len(t.ids)
        sims = self.index.similarities(jf.job.text())
        skill_ids = [t.skill_vocab[s] for s in jf.skills if s in t.skill_vocab]
        matched = np.asarray(t.skills[:, skill_ids].sum(axis=1)).ravel() if skill_ids else np.zeros(n)
        region_hit = np.zeros(t.regions.shape[1])
        region_hit[: len(t.region_vocab)] = [
            region_closeness(jf.job.region, [r], self.neighbours) for r in t.region_vocab
        ]
        region_match = row_max(t.regions, region_hit)
        occupation = (
            np.max(t.occ_weights * prefix_similarity(t.occ_codes, jf.occupation), axis=1)
            if n
            else np.zeros(0)
        )
        excluded, penalty = self.codec.fit_arrays(t.profile, t.can_do, jf.demand_bits, jf.acc_bits)
        # the seekers' own words, as in JobMatcher.score_all (issue 13)
        own_excluded, own_keep = stated_fit_for_job(jf, self.codec, t.limits, t.dislikes, t.home_only)
        excluded = excluded | own_excluded
        penalty = np.where(excluded, 1.0, 1.0 - (1.0 - penalty) * own_keep)
        comps = {
            "text": text_component(sims),
            "skills": skill_component(matched, len(jf.skills), t.skill_count),
            "occupation": occupation,
            "region": region_component(region_match, t.region_count > 0, bool(jf.region), jf.remote, jf.home),
            "form": choice_component(jf.form, t.forms),
            "hours": hours_component(jf.hours, t.hours),
            "pay": pay_component(jf.pay_min, jf.pay_max, t.expected_pay),
            "education": education_component(jf.education, t.education),
            "fit": fit_component(
                np.where(excluded, 0.0, penalty), self.codec.needs_met(t.needs, jf.acc_bits)
            ),
        }
        score = self._combine(comps, penalty, 1.0, 0.0)
        score = np.where(excluded, -np.inf, score)
        return score, comps, excluded, penalty

    @locked
    def top_seekers_for_job(
        self, job: JobDoc, k: int = 10, exclude_ids: Iterable[str] = ()
    ) -> list[Suggestion]:
        if k <= 0 or not len(self):
            return []
        jf = self.job_features(job)
        t = self.table()
        score, comps, excluded, penalty = self.score_all(jf)
        hidden = [t.pos[i] for i in exclude_ids if i in t.pos]
        if hidden:
            score[hidden] = -np.inf
        ones = np.ones(len(t.ids))
        out = []
        for i in select_top(score, max(CANDIDATE_POOL, 20 * k)):
            sf = t.features[i]
            assessment = assess_fit(
                jf.demands,
                job.accommodations,
                sf.seeker,
                self.rules,
                home_based=is_home_based(job),
                can_do=sf.can_do,
                can_do_sources=dict(sf.can_do_sources),
            )
            if assessment.excluded:
                continue
            out.append(
                Suggestion(
                    job_id=job.id,
                    seeker_id=sf.seeker.id,
                    score=float(score[i]),
                    components=self._components_at(comps, i, penalty, ones),
                    explanation=explain_seeker_for_job(self, jf, sf, assessment),
                )
            )
            if len(out) == k:
                break
        return out
