"""Postings edited, added and removed one at a time score exactly as a matcher built afresh.

The incremental path (issue 12) takes the surviving rows of the feature table and appends the
changed ones instead of rebuilding it; this compares it, in the same run, with a matcher built
from scratch over the final postings: every score and component bit for bit, and the top-20.
"""

import dataclasses
from collections import Counter
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from matching.core.csvio import read_jobs, read_seekers
from matching.core.recommend import JobMatcher

DATA = Path(__file__).resolve().parents[2] / "data" / "matching"


@pytest.fixture(scope="module")
def labelled():
    return read_jobs(DATA / "jobs.csv"), read_seekers(DATA / "seekers.csv")


def _edits(jobs):
    """Steps of (upserts, removals): edits of text, region, pay, demands and accommodations,
    new postings (one in a region nobody had, one in a new form) and removals, including every
    posting of one region (which must then stop being a known region)."""
    by_region = Counter(j.region for j in jobs if j.region)
    gone_region = min(by_region, key=lambda r: (by_region[r], r))
    gone = [j.id for j in jobs if j.region == gone_region]
    j = jobs
    return [
        ([dataclasses.replace(j[3], description=j[3].description + " 需要长时间站立，夜班。")], []),
        ([dataclasses.replace(j[10], region="新开发区", pay_min=Decimal("9100"), pay_max=None)], []),
        ([], [j[20].id]),
        (
            [
                dataclasses.replace(j[30], id="NEW1", region="另一个新镇", employment_form="居家就业"),
                dataclasses.replace(j[31], id="NEW2", accommodations=frozenset({"盲文资料"})),
            ],
            [j[40].id],
        ),
        ([], gone),
        ([dataclasses.replace(j[50], skills=("数据标注", "新技能甲"), guaranteed_interview=True)], []),
        ([dataclasses.replace(j[10], region=j[11].region)], ["NEW2"]),
    ]


def _apply(jobs, upserts, removals):
    live = {job.id: job for job in jobs}
    for job in upserts:
        live[job.id] = job
    for job_id in removals:
        live.pop(job_id, None)
    return list(live.values())


def _scores_by_id(matcher, seeker):
    score, comps, excluded, penalty = matcher.score_all(seeker)
    ids = matcher.table().ids
    return {
        doc_id: (score[i], excluded[i], penalty[i], *(comps[c][i] for c in sorted(comps)))
        for i, doc_id in enumerate(ids)
    }


def _same_bits(a, b):
    assert a.keys() == b.keys()
    differing = [k for k in a if np.asarray(a[k]).tobytes() != np.asarray(b[k]).tobytes()]
    assert not differing, differing[:5]


def test_incremental_updates_score_like_a_fresh_matcher(labelled, inline_coder):
    jobs, seekers = labelled
    matcher = JobMatcher(jobs, occupations=inline_coder, workers=1)
    matcher.top_jobs_for_seeker(seekers[0], 20)  # the table exists, so later steps update it
    calls = Counter()
    for name in ("_build_table", "_update_table"):
        method = getattr(matcher, name)
        setattr(matcher, name, lambda *a, _m=method, _n=name: calls.update([_n]) or _m(*a))
    live = list(jobs)
    for step, (upserts, removals) in enumerate(_edits(jobs)):
        before = matcher.table()
        matcher.upsert_jobs(upserts)
        for job_id in removals:
            assert matcher.remove_job(job_id)
        if step == 5:
            matcher.to_bytes()  # compacts before any query: the table follows that compaction
        live = _apply(live, upserts, removals)
        after = matcher.table()
        if step == 0:  # an edit alone keeps the posting's row: nothing else moves
            assert after.pos == before.pos and after.ids == before.ids
        fresh = JobMatcher(live, occupations=inline_coder, workers=1)
        assert set(after.known_regions) == set(fresh.table().known_regions)
        for seeker in seekers:
            _same_bits(_scores_by_id(matcher, seeker), _scores_by_id(fresh, seeker))
            got, want = matcher.top_jobs_for_seeker(seeker, 20), fresh.top_jobs_for_seeker(seeker, 20)
            assert [s.score for s in got] == [s.score for s in want], seeker.id
            # Equal scores may sit in either order (rows differ): compare the jobs both listed.
            both = {s.job_id for s in got} & {s.job_id for s in want}
            assert len(both) >= len(got) - 3, seeker.id
            assert {s.job_id: s.explanation for s in got if s.job_id in both} == {
                s.job_id: s.explanation for s in want if s.job_id in both
            }
    # every step went through the incremental table update, none rebuilt the table
    assert calls == {"_update_table": len(_edits(jobs))}


def test_a_removed_region_is_no_longer_known(inline_coder):
    from .conftest import make_job

    matcher = JobMatcher(
        [make_job("a", "客服", region="浮桥镇"), make_job("b", "客服", region="港区")],
        occupations=inline_coder,
        workers=1,
    )
    assert set(matcher.table().known_regions) == {"浮桥镇", "港区"}
    matcher.remove_job("b")
    assert matcher.table().known_regions == ("浮桥镇",)
    matcher.upsert_job(make_job("b", "客服", region="港区"))
    assert set(matcher.table().known_regions) == {"浮桥镇", "港区"}
