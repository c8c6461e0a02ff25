import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from matching.core.index import IndexFormatError, TextIndex
from matching.core.text import Analyzer

TEXTS = [
    "淘宝客服 在线回复顾客咨询 需要打字",
    "电话客服 接听电话 处理投诉",
    "数据标注员 图片标注 居家办公",
    "仓库管理员 出入库 盘点 WMS",
    "质检员 产品外观检查",
    "保洁员 办公楼清洁",
    "盲人按摩师 推拿 保健按摩",
    "平面设计 Photoshop 海报",
    "文员 Excel Word 档案整理",
    "快递分拣员 扫码分拣 包裹",
]
QUERIES = ["客服 打字", "数据标注", "仓库 盘点", "按摩", "Excel 文员 档案", "完全无关的词"]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer(["数据标注", "淘宝客服", "盲人按摩"])


def sims_by_id(index, query):
    return dict(zip(index.ids, index.similarities(query), strict=True))


def assert_same_ranking(a, b):
    assert sorted(a.ids) == sorted(b.ids)
    for q in QUERIES:
        sa, sb = sims_by_id(a, q), sims_by_id(b, q)
        for doc_id in sa:
            assert sa[doc_id] == pytest.approx(sb[doc_id], abs=1e-12)


def test_weights_equal_scikit_learn_tfidf(analyzer):
    index = TextIndex(analyzer)
    index.build((str(i), t) for i, t in enumerate(TEXTS))
    counts = HashingVectorizer(analyzer=analyzer, alternate_sign=False, norm=None).transform(TEXTS)
    expected = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    assert abs(index.matrix - expected).max() < 1e-12


def test_incremental_updates_equal_full_rebuild_in_any_order(analyzer):
    rng = random.Random(3)
    for _ in range(5):
        live: dict[str, str] = {}
        index = TextIndex(analyzer)
        for step in range(40):
            op = rng.random()
            doc_id = f"d{rng.randint(0, 12)}"
            if op < 0.6:
                live[doc_id] = rng.choice(TEXTS) + " " + rng.choice(TEXTS)[:6]
                index.upsert(doc_id, live[doc_id])
            elif op < 0.8:
                assert index.remove(doc_id) == (doc_id in live)
                live.pop(doc_id, None)
            if step % 7 == 0:
                index.similarities("客服")  # materialise midway: tombstones get compacted
        rebuilt = TextIndex(analyzer)
        rebuilt.build(live.items())
        assert len(index) == len(live)
        assert_same_ranking(index, rebuilt)


def test_removed_documents_never_come_back(analyzer):
    index = TextIndex(analyzer)
    index.build((str(i), t) for i, t in enumerate(TEXTS))
    index.remove("2")
    index.upsert("3", "完全不同的内容")
    assert "2" not in index.ids
    sims = sims_by_id(index, "数据标注 居家办公")
    assert "2" not in sims
    assert sims["3"] == 0.0
    assert index.ids.count("3") == 1


def test_similarities_are_cosines_in_unit_range(analyzer):
    index = TextIndex(analyzer)
    index.build((str(i), t) for i, t in enumerate(TEXTS))
    sims = index.similarities(TEXTS[0])
    assert sims[0] == pytest.approx(1.0)
    assert np.all((sims >= 0) & (sims <= 1 + 1e-12))


def test_empty_index(analyzer):
    index = TextIndex(analyzer)
    assert len(index) == 0
    assert index.similarities("客服").shape == (0,)


def test_round_trip_through_bytes(analyzer):
    index = TextIndex(analyzer)
    index.build((str(i), t) for i, t in enumerate(TEXTS))
    index.remove("4")
    loaded = TextIndex.from_bytes(index.to_bytes())
    assert loaded.ids == index.ids
    assert loaded.analyzer == analyzer
    assert_same_ranking(index, loaded)
    loaded.upsert("new", "新的客服岗位")
    assert "new" in loaded.ids


def test_loading_a_foreign_blob_fails_loudly(analyzer):
    index = TextIndex(analyzer)
    blob = index.to_bytes()
    import io
    import json

    with np.load(io.BytesIO(blob)) as z:
        parts = dict(z)
    header = json.loads(str(parts["header"]))
    header["analyzer_version"] = -1
    parts["header"] = np.array(json.dumps(header))
    buf = io.BytesIO()
    np.savez(buf, **parts)
    with pytest.raises(IndexFormatError):
        TextIndex.from_bytes(buf.getvalue())


def test_first_query_after_a_change_equals_the_inverted_index_bit_for_bit(analyzer):
    # The first query after a change is answered row by row (no transpose); later ones through the
    # inverted index. Both must give the very same floats, or rankings could depend on timing.
    index = TextIndex(analyzer)
    index.build((str(i), t) for i, t in enumerate(TEXTS * 3))
    queries = QUERIES + [" ".join(TEXTS[:4]), TEXTS[5] + " " + TEXTS[5]]
    for step, text in enumerate(queries):
        index.upsert(f"x{step}", text + " 新增")  # a change: the next query takes the row path
        first = index.similarities(text)
        assert index._inverted is None
        index.prepare_queries()
        second = index.similarities(text)
        assert first.tobytes() == second.tobytes(), text
        assert first.max() > 0


def test_updates_keep_ids_and_rows_aligned(analyzer):
    index, live = TextIndex(analyzer), {}
    rng = random.Random(5)
    for step in range(150):
        doc_id = str(rng.randrange(25))
        if rng.random() < 0.3:
            index.remove(doc_id)
            live.pop(doc_id, None)
        else:
            live[doc_id] = TEXTS[rng.randrange(len(TEXTS))] + f" 第{step}次"
            index.upsert(doc_id, live[doc_id])
        if step % 3 == 0:
            ids = index.ids
            assert sorted(ids) == sorted(live)
            assert index.positions() == {doc_id: n for n, doc_id in enumerate(ids)}
            fresh = TextIndex(analyzer)
            fresh.build(live.items())
            for q in QUERIES[:3]:
                got, want = sims_by_id(index, q), sims_by_id(fresh, q)
                assert {k: v.hex() for k, v in got.items()} == {k: v.hex() for k, v in want.items()}


def _hex_sims(index, queries):
    """Every similarity as exact bits, by id: one query at a time and all of them in one product."""
    single = {q: {k: v.hex() for k, v in sims_by_id(index, q).items()} for q in queries}
    many = index.similarities_to(index.query_many(queries))
    together = {
        q: {k: float(v).hex() for k, v in zip(index.ids, row, strict=True)}
        for q, row in zip(queries, many, strict=True)
    }
    return single, together


@pytest.mark.parametrize("inverted", [True, False], ids=["inverted index built", "rows only"])
def test_edits_in_place_rank_bit_for_bit_like_a_rebuild(analyzer, inverted):
    # An edit of an indexed document on a materialised index re-weighs only the rows holding a
    # term whose idf changed; every similarity must still be the very float a rebuild gives.
    rng = random.Random(11)
    live = {f"d{n}": t for n, t in enumerate(TEXTS * 3)}
    index = TextIndex(analyzer)
    index.build(live.items())
    if inverted:
        index.prepare_queries()
    index.similarities("客服")  # materialised
    weighted = index._weighted
    for step in range(25):
        doc_id = rng.choice(sorted(live))
        # common words (their idf changes for many rows), rare ones, or a word dropped
        live[doc_id] = rng.choice(TEXTS) + rng.choice([" 客服 打字", f" 第{step}次修改", ""])
        index.upsert(doc_id, live[doc_id])
        assert index._patched, "the edit was patched in place"
        rebuilt = TextIndex(analyzer)
        rebuilt.build(live.items())
        assert _hex_sims(index, QUERIES) == _hex_sims(rebuilt, QUERIES), step
    assert index._weighted is weighted  # never re-weighed whole
    assert (inverted and index._inverted is not None) or not inverted
    # Folding the edits back in (the matrix handed out, a removal, persisting) changes nothing.
    matrix, rebuilt_matrix = index.matrix, rebuilt.matrix
    assert not index._patched
    assert sorted(index.ids) == sorted(rebuilt.ids)
    order = [rebuilt.positions()[doc_id] for doc_id in index.ids]
    assert abs(matrix - rebuilt_matrix[order]).max() == 0.0
    index.upsert("d0", live["d0"] + " 夜班")  # patched again
    live["d0"] += " 夜班"
    assert index._patched
    index.remove("d1")
    live.pop("d1")
    loaded = TextIndex.from_bytes(index.to_bytes())
    rebuilt = TextIndex(analyzer)
    rebuilt.build(live.items())
    for candidate in (index, loaded):
        assert _hex_sims(candidate, QUERIES) == _hex_sims(rebuilt, QUERIES)


def test_many_edits_between_queries_fold_back_in(analyzer, monkeypatch):
    monkeypatch.setattr("matching.core.index.MAX_PATCHED_ROWS", 3)
    live = {f"d{n}": t for n, t in enumerate(TEXTS)}
    index = TextIndex(analyzer)
    index.build(live.items())
    index.prepare_queries()
    for n in range(6):  # the fourth distinct edited row no longer fits beside the matrix
        live[f"d{n}"] = TEXTS[(n + 3) % len(TEXTS)] + " 居家"
        index.upsert(f"d{n}", live[f"d{n}"])
        assert len(index._patched) == (n + 1 if n < 3 else 0)
    rebuilt = TextIndex(analyzer)
    rebuilt.build(live.items())
    assert _hex_sims(index, QUERIES) == _hex_sims(rebuilt, QUERIES)


def test_layout_changes_compose_between_queries(analyzer):
    # Arrays aligned with the rows follow every change made since they were built (edits in
    # place, removals, additions, in any mix), however many happened between two queries.
    rng = random.Random(7)
    live = {f"d{n}": t for n, t in enumerate(TEXTS * 2)}
    index = TextIndex(analyzer)
    index.build(live.items())
    index.prepare_queries()
    followed = 0
    for _ in range(40):
        layout, before = index.layout, index.ids
        for _ in range(rng.randint(1, 3)):
            doc_id = f"d{rng.randrange(len(TEXTS) * 2 + 4)}"
            if rng.random() < 0.25 and doc_id in live and len(live) > 3:
                index.remove(doc_id)
                live.pop(doc_id)
            else:
                live[doc_id] = rng.choice(TEXTS) + rng.choice(["", " 新增", " 客服"])
                index.upsert(doc_id, live[doc_id])
            if rng.random() < 0.3:
                index.similarities("客服")  # a query between some of the changes
        change = index.layout_change_since(layout)
        after = index.ids
        assert sorted(after) == sorted(live)
        if change is None:
            assert index.layout - layout > 8 or layout == index.layout
            continue
        keep, added, take = change
        rows = [before[k] for k in keep.tolist()] + list(added)
        assert (rows if take is None else [rows[t] for t in take.tolist()]) == after
        followed += 1
    assert followed >= 30
