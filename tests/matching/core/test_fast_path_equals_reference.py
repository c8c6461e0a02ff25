"""The matcher's speed-ups change no ranking: fast path and plain reference, same run.

Compared on the committed labelled data set (tests/data/matching), not on a stored snapshot of
rankings, so the comparison stays valid when the scoring changes.
"""

import dataclasses
import math
from pathlib import Path

import jieba
import numpy as np
import pytest

from matching.core import bulk
from matching.core.csvio import read_jobs, read_seekers
from matching.core.fit import DEFAULT_FIT_RULES, FitRule, extract_demands, extract_demands_reference
from matching.core.matcher import select_top
from matching.core.own_words import query_text
from matching.core.recommend import JobMatcher
from matching.core.text import _JIEBA_BLOCK_RE

from .reference_matching import reference_scores, reference_similarities, reference_tokens, reference_top

DATA = Path(__file__).resolve().parents[2] / "data" / "matching"


def _plain(features) -> dict:
    """Comparable features: sets sorted (their order differs between processes), NaN as None."""

    def plain(value):
        if isinstance(value, frozenset | set):
            return sorted(value)
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    return {f.name: plain(getattr(features, f.name)) for f in dataclasses.fields(features)}


@pytest.fixture(scope="module")
def labelled():
    return read_jobs(DATA / "jobs.csv"), read_seekers(DATA / "seekers.csv")


@pytest.fixture(scope="module")
def matcher(labelled, inline_coder):
    return JobMatcher(labelled[0], occupations=inline_coder, workers=1)


def test_block_pattern_is_jiebas_own():
    # The block cache is exact only while we split where jieba splits.
    assert _JIEBA_BLOCK_RE.pattern == jieba.re_han_default.pattern


def test_cached_tokens_equal_whole_text_cuts(labelled, matcher):
    jobs, seekers = labelled
    texts = [j.text() for j in jobs] + [s.text() for s in seekers]
    for text in texts + texts:  # the second pass reads every block from the cache
        assert matcher.analyzer.tokens(text) == reference_tokens(matcher.analyzer, text)


def test_one_scan_per_demand_finds_what_the_keyword_scan_found(labelled):
    jobs, seekers = labelled
    texts = [" ".join((j.title, " ".join(j.skills), j.description)) for j in jobs]
    texts += [s.experience for s in seekers] + ["不需要搬运重物", "无需久站，不用夜班", "需要长时间站立"]
    found = [extract_demands(t) for t in texts]
    assert found == [extract_demands_reference(t) for t in texts]
    assert sum(1 for f in found if f) > 50  # the data set exercises the rules


def test_rankings_equal_the_reference_for_every_labelled_seeker(labelled, matcher):
    jobs, seekers = labelled
    ids = matcher.ids
    texts = [matcher.job(i).text() for i in ids]
    differing_scores = 0
    for seeker in seekers:
        ref = reference_scores(matcher, seeker, reference_similarities(matcher, texts, query_text(seeker)))
        fast = matcher.score_all(seeker)[0]
        assert [ids[i] for i in select_top(fast, 20)] == [ids[i] for i in select_top(ref, 20)], seeker.id
        top = [s.job_id for s in matcher.top_jobs_for_seeker(seeker, 10)]
        assert top == reference_top(matcher, seeker, ref, 10), seeker.id
        differing_scores += not np.array_equal(fast, ref)
        np.testing.assert_allclose(fast, ref, rtol=1e-12, atol=1e-15)
    assert differing_scores == 0


def test_features_and_counts_from_worker_processes_equal_in_process(labelled, monkeypatch, inline_coder):
    jobs = labelled[0]
    monkeypatch.setattr(bulk, "PARALLEL_MIN_DOCS", 1)
    here = JobMatcher(jobs, occupations=inline_coder, workers=1)
    pooled = JobMatcher(jobs, occupations=inline_coder, workers=2)
    assert pooled.ids == here.ids
    assert [_plain(pooled._features[i]) for i in here.ids] == [_plain(here._features[i]) for i in here.ids]
    assert pooled._fingerprints == here._fingerprints
    assert (pooled.index.matrix != here.index.matrix).nnz == 0


def test_fit_rules_survive_pickling_for_the_workers():
    import pickle

    rule = DEFAULT_FIT_RULES[0]
    clone = pickle.loads(pickle.dumps(rule))
    assert isinstance(clone, FitRule) and clone == rule and hash(clone) == hash(rule)
    maker = JobMatcher()._feature_maker()
    job = read_jobs(DATA / "jobs.csv")[0]
    assert _plain(pickle.loads(pickle.dumps(maker))(job, "")) == _plain(maker(job, ""))


def test_rankings_equal_the_reference_for_seekers_in_their_own_words(labelled, matcher):
    # The own-words rules (stated limits, dislikes, 只能在家, near home, the same-occupation text
    # floor) run through the grouped fast path too: the first-person seekers of the own-words set
    # against the labelled postings.
    seekers = read_seekers(DATA / "own_words" / "seekers.csv")
    assert len(seekers) > 40 and all(s.desired for s in seekers)
    ids = matcher.ids
    texts = [matcher.job(i).text() for i in ids]
    excluded_somewhere = 0
    for seeker in seekers:
        ref = reference_scores(matcher, seeker, reference_similarities(matcher, texts, query_text(seeker)))
        fast = matcher.score_all(seeker)[0]
        assert [ids[i] for i in select_top(fast, 20)] == [ids[i] for i in select_top(ref, 20)], seeker.id
        np.testing.assert_allclose(fast, ref, rtol=1e-12, atol=1e-15)
        excluded_somewhere += bool(np.isinf(fast).any())
    assert excluded_somewhere > 5  # limits and 只能在家 really exclude postings here
