"""The matcher's scoring WITHOUT its speed-ups — a reference the fast path is compared with.

Kept deliberately plain: whole texts cut by jieba (no block cache), a brute-force TF-IDF product
over all documents, every component computed over all jobs (no grouping by distinct values),
demands found keyword by keyword. ``test_fast_path_equals_reference`` runs both in the same
process on the labelled data set, so it stays valid when the scoring itself changes.
"""

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from matching.core.features import near_home_factor, stated_fit_arrays
from matching.core.recommend import SAME_OCCUPATION_TEXT
from matching.core.scoring import (
    GUARANTEED_INTERVIEW_BONUS,
    choice_component,
    education_component,
    fit_component,
    hours_component,
    occupation_component,
    pay_component,
    region_component,
    skill_component,
    text_component,
)
from matching.core.text import BIGRAM_PREFIX, STOP_WORDS, cjk_runs, normalize


def reference_tokens(analyzer, text: str) -> list[str]:
    """``Analyzer.tokens`` with jieba run over the whole normalised text (no block cache)."""
    norm = normalize(text)
    if not norm:
        return []
    out = analyzer.words_uncached(norm)
    for run in cjk_runs(norm):
        if len(run) == 1:
            if run not in STOP_WORDS:
                out.append(BIGRAM_PREFIX + run)
            continue
        out.extend(BIGRAM_PREFIX + run[i : i + 2] for i in range(len(run) - 1))
    return out


def reference_similarities(matcher, texts: list[str], query: str) -> np.ndarray:
    """TF-IDF (sublinear tf, smooth idf, l2) of ``texts`` from scratch; cosine to ``query``."""
    vec = HashingVectorizer(
        analyzer=lambda t: reference_tokens(matcher.analyzer, t),
        alternate_sign=False,
        norm=None,
        n_features=matcher.index.n_features,
    )
    counts = vec.transform(texts).tocsr()
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1.0 + counts.shape[0]) / (1.0 + df)) + 1.0

    def weigh(m: sp.csr_matrix) -> sp.csr_matrix:
        m = m.astype(np.float64)
        m.data = (1.0 + np.log(m.data)) * idf[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0.0] = 1.0
        m.data /= np.repeat(norms, np.diff(m.indptr))
        return m

    return np.asarray((weigh(counts) @ weigh(vec.transform([query])).T).toarray()).ravel()


def reference_scores(matcher, seeker, sims: np.ndarray) -> np.ndarray:
    """``JobMatcher.score_all`` computed job by job over whole columns (rows in ``ids`` order)."""
    sf = matcher.seeker_features(seeker)
    t = matcher.table()
    excluded, penalty = matcher.codec.fit_arrays(sf.profile, sf.can_do_bits, t.demand_bits, t.acc_bits)
    # the seeker's own words (issue 13), over whole columns
    own_excluded, own_keep = stated_fit_arrays(sf, matcher.codec, t.demand_bits, t.acc_bits, t.remote)
    excluded = excluded | own_excluded
    penalty = np.where(excluded, 1.0, 1.0 - (1.0 - penalty) * own_keep)
    comps = {
        "text": text_component(sims),
        "skills": skill_component(t.skill_matches(sf.skills), t.skill_count, len(sf.skills)),
        "occupation": occupation_component(t.occupation, sf.occupations),
        "region": region_component(
            t.region_closeness(sf.regions, matcher.neighbours),
            bool(sf.regions),
            t.region_id >= 0,
            t.remote,
            t.home,
        ),
        "form": choice_component(t.form, sf.forms),
        "hours": hours_component(t.hours, sf.hours),
        "pay": pay_component(t.pay_min, t.pay_max, sf.expected_pay),
        "education": education_component(t.education, sf.education),
        "fit": fit_component(
            np.where(excluded, 0.0, penalty), matcher.codec.needs_met(sf.needs_bits, t.acc_bits)
        ),
    }
    comps["text"] = np.maximum(comps["text"], np.where(comps["occupation"] >= 1.0, SAME_OCCUPATION_TEXT, 0.0))
    bonus = np.where(t.guaranteed, GUARANTEED_INTERVIEW_BONUS, 0.0)
    score = matcher._combine(comps, penalty, np.ones(len(t.ids)), bonus) * near_home_factor(
        sf, comps["region"]
    )
    return np.where(excluded, -np.inf, score)


def reference_top(matcher, seeker, scores: np.ndarray, k: int) -> list[str]:
    """Ids of the ``k`` best by ``scores`` (ties by row) that the pair-by-pair fit check allows."""
    from matching.core.fit import assess_fit, is_home_based

    sf = matcher.seeker_features(seeker)
    t = matcher.table()
    order = sorted((i for i in range(len(scores)) if np.isfinite(scores[i])), key=lambda i: (-scores[i], i))
    out = []
    for i in order:
        feat = t.features[i]
        fit = assess_fit(
            feat.demands,
            feat.job.accommodations,
            seeker,
            matcher.rules,
            home_based=is_home_based(feat.job),
            can_do=sf.can_do,
            can_do_sources=dict(sf.can_do_sources),
        )
        if not fit.excluded:
            out.append(t.ids[i])
        if len(out) == k:
            break
    return out
