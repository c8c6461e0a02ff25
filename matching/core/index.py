"""An in-process sparse TF-IDF index with exact incremental updates.

Raw term counts (hashed, 2**20 features) are kept per document and document
frequencies are maintained on every upsert/remove. The weighted matrix (sublinear
tf, smooth idf, l2 rows — exactly scikit-learn's ``TfidfTransformer`` defaults with
``sublinear_tf=True``) is recomputed lazily from the counts after a change, which
costs one pass over the non-zeros; tokenisation, the expensive part, happens only
for changed documents. So an index updated in any order ranks exactly like one
built from scratch over the same live documents.

Removed or replaced documents are tombstoned and dropped at the next
materialisation (compaction), so no stale row ever reaches a result.

Row order (``ids``): an edited document keeps its row when no document was removed
since the last query; otherwise surviving documents keep their previous order and
documents added or replaced since follow, in the order of their last upsert.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from .text import ANALYZER_VERSION, Analyzer

INDEX_FORMAT = "matching.TextIndex"
INDEX_VERSION = 1
N_FEATURES = 2**20
# Single queries answered without the inverted index after a change (see similarities_to). At
# 100k postings a row-path query costs ~4 ms more than an inverted one and the transpose ~100 ms:
# building it after ~16 queries bounds the total at about twice the better choice in hindsight
# (the ski-rental rule), whether the next change comes soon or not.
QUERIES_BEFORE_TRANSPOSE = 16


def vectorizer(analyzer: Callable[[str], list[str]], n_features: int = N_FEATURES) -> HashingVectorizer:
    """Raw term counts per document, hashed (stateless: any process gets the same columns)."""
    return HashingVectorizer(
        analyzer=analyzer, alternate_sign=False, norm=None, n_features=n_features, dtype=np.float64
    )


def hashed_counts(vec: HashingVectorizer, texts: list[str]) -> sp.csr_matrix:
    """Counts of ``texts`` as canonical CSR (duplicates summed, indices sorted)."""
    m = vec.transform(texts).tocsr()
    m.sum_duplicates()
    m.sort_indices()
    return m


class IndexFormatError(ValueError):
    """The stored index was written by another format or analyzer version: rebuild it."""


class TextIndex:
    def __init__(self, analyzer: Callable[[str], list[str]], n_features: int = N_FEATURES) -> None:
        self.analyzer = analyzer
        self.n_features = n_features
        self._vectorizer = vectorizer(analyzer, n_features)
        self._counts = sp.csr_matrix((0, n_features), dtype=np.float64)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._dead: set[int] = set()
        self._pending: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # id → (indices, data)
        self._df = np.zeros(n_features, dtype=np.int64)
        self._logtf: np.ndarray | None = None  # 1 + log(count) per stored non-zero (see _log_tf)
        self._queries_since_change = 0
        self._weighted: sp.csr_matrix | None = None
        self._inverted: sp.csr_matrix | None = None
        self._idf: np.ndarray | None = None
        self.version = 0  # bumped on every change; lets callers cache aligned arrays
        # Bumped whenever row positions change. The last change is kept as (layout before, kept
        # old positions, appended ids) so that arrays aligned with the rows (the matchers' tables)
        # can follow it by one take + append instead of being rebuilt from every document.
        self.layout = 0
        self._last_layout_change: tuple | None = None

    # ------------------------------------------------------------ updates

    def _counts_of(self, texts: list[str]) -> sp.csr_matrix:
        return hashed_counts(self._vectorizer, texts)

    def _drop(self, doc_id: str) -> bool:
        row = self._pending.pop(doc_id, None)
        if row is not None:
            np.subtract.at(self._df, row[0], 1)
            return True
        pos = self._pos.pop(doc_id, None)
        if pos is None:
            return False
        start, end = self._counts.indptr[pos], self._counts.indptr[pos + 1]
        np.subtract.at(self._df, self._counts.indices[start:end], 1)
        self._dead.add(pos)
        return True

    def _changed(self) -> None:
        self._weighted = None
        self._inverted = None
        self._idf = None
        self._queries_since_change = 0
        self.version += 1

    def upsert(self, doc_id: str, text: str) -> None:
        self.upsert_many([(doc_id, text)])

    def upsert_many(self, items: Iterable[tuple[str, str]]) -> None:
        items = list(items)
        if not items:
            return
        latest = dict(items)  # the last text given for an id wins
        ids = list(latest)
        self.upsert_counts(ids, self._counts_of([latest[i] for i in ids]))

    def upsert_counts(self, ids: list[str], counts: sp.csr_matrix) -> None:
        """Upsert documents whose term counts were already computed (row n ↔ ``ids[n]``).

        ``counts`` must come from :func:`hashed_counts` with this index's analyzer and size
        (e.g. in worker processes, :mod:`matching.core.bulk`); ``ids`` must be distinct.
        """
        if len(ids) != counts.shape[0] or counts.shape[1] != self.n_features:
            raise ValueError("counts must have one row per id and the index's number of features")
        if not ids:
            return
        for doc_id in ids:  # ids are distinct: dropping all first equals drop-then-add per id
            self._drop(doc_id)
        # Rows are kept as (indices, data) views of the batch: slicing a scipy row per document
        # cost more than tokenising it once the block cache is warm.
        ptr, indices, data = counts.indptr, counts.indices, counts.data
        for n, doc_id in enumerate(ids):
            self._pending[doc_id] = (indices[ptr[n] : ptr[n + 1]], data[ptr[n] : ptr[n + 1]])
        if len(indices) > 4096:
            self._df += np.bincount(indices, minlength=self.n_features)
        else:
            np.add.at(self._df, indices, 1)
        self._changed()

    def remove(self, doc_id: str) -> bool:
        """Remove a document; returns False if it was not indexed."""
        removed = self._drop(doc_id)
        if removed:
            self._changed()
        return removed

    def build(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace the whole index with ``items``."""
        items = list(dict(items).items())
        self._ids = [i for i, _ in items]
        self._pos = {doc_id: n for n, doc_id in enumerate(self._ids)}
        self._counts = (
            self._counts_of([t for _, t in items])
            if items
            else sp.csr_matrix((0, self.n_features), dtype=np.float64)
        )
        self._logtf = None
        self._dead.clear()
        self._pending.clear()
        self._df = self._document_frequencies(self._counts)
        self._new_layout(None)
        self._changed()

    def _document_frequencies(self, counts: sp.csr_matrix) -> np.ndarray:
        return np.bincount(counts.indices, minlength=self.n_features).astype(np.int64)

    # ------------------------------------------------------------ materialisation

    def _compact(self) -> None:
        if not self._dead and not self._pending:
            return
        if self._replace_in_place():
            return
        n_old = len(self._ids)
        counts, logtf = self._counts, self._log_tf()
        if self._dead:
            # Surviving rows by one boolean mask over the non-zeros (the same gather for the counts
            # and their cached log-tf), not scipy's row fancy-indexing plus a second copy.
            alive = np.ones(n_old, dtype=bool)
            alive[list(self._dead)] = False
            keep = np.flatnonzero(alive)
            lengths = np.diff(counts.indptr)
            nz = np.repeat(alive, lengths)
            data, indices, logtf = counts.data[nz], counts.indices[nz], logtf[nz]
            lengths = lengths[keep]
        else:
            keep = np.arange(n_old)
            data, indices, lengths = counts.data, counts.indices, np.diff(counts.indptr)
        added = list(self._pending)
        if added:
            rows = list(self._pending.values())
            new_data = np.concatenate([d for _, d in rows])
            data = np.concatenate([data, new_data])
            indices = np.concatenate([indices, *(i for i, _ in rows)])
            logtf = np.concatenate([logtf, 1.0 + np.log(new_data)])
            lengths = np.concatenate(
                [lengths, np.fromiter((len(i) for i, _ in rows), dtype=np.int64, count=len(rows))]
            )
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        self._counts = sp.csr_matrix(
            (data, indices, indptr.astype(counts.indptr.dtype, copy=False)),
            shape=(len(lengths), self.n_features),
        )
        self._logtf = logtf
        # Ids and positions: only the rows after the first removed one move (deleting a few list
        # items and updating a suffix of the dict beats rebuilding 100k entries).
        ids = self._ids
        if len(self._dead) <= 64:
            for p in sorted(self._dead, reverse=True):
                del ids[p]
        else:
            ids = [ids[p] for p in keep.tolist()]
        first = min(self._dead) if self._dead else n_old
        ids.extend(added)
        self._ids = ids
        self._pos.update(zip(ids[first:], range(first, len(ids)), strict=True))
        self._new_layout((self.layout, keep, added, None))
        self._dead.clear()
        self._pending.clear()

    def _replace_in_place(self) -> bool:
        """An edited document keeps its row (nothing else moves); False when any document was
        removed without coming back, or too many changed (then rows are compacted in order)."""
        if not self._dead or len(self._dead) > 64:
            return False
        rows = sorted(self._dead)
        replaced = [self._ids[p] for p in rows]
        if any(doc_id not in self._pending for doc_id in replaced):
            return False
        counts, logtf = self._counts, self._log_tf()
        ptr, n_old = counts.indptr, len(self._ids)
        lengths = np.diff(ptr).astype(np.int64)
        data, indices, tf, prev = [], [], [], 0
        for p, doc_id in zip(rows, replaced, strict=True):
            new_indices, new_data = self._pending[doc_id]
            start, end = int(ptr[p]), int(ptr[p + 1])
            data += [counts.data[prev:start], new_data]
            indices += [counts.indices[prev:start], new_indices]
            tf += [logtf[prev:start], 1.0 + np.log(new_data)]
            lengths[p] = len(new_indices)
            prev = end
        data.append(counts.data[prev:])
        indices.append(counts.indices[prev:])
        tf.append(logtf[prev:])
        in_place = set(replaced)
        added = [doc_id for doc_id in self._pending if doc_id not in in_place]
        if added:
            new_rows = [self._pending[doc_id] for doc_id in added]
            data += [d for _, d in new_rows]
            indices += [i for i, _ in new_rows]
            tf += [1.0 + np.log(d) for _, d in new_rows]
            lengths = np.concatenate(
                [lengths, np.fromiter((len(i) for i, _ in new_rows), dtype=np.int64, count=len(new_rows))]
            )
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        self._counts = sp.csr_matrix(
            (np.concatenate(data), np.concatenate(indices), indptr.astype(ptr.dtype, copy=False)),
            shape=(len(lengths), self.n_features),
        )
        self._logtf = np.concatenate(tf)
        self._ids.extend(added)
        self._pos.update(zip(replaced, rows, strict=True))
        self._pos.update(zip(added, range(n_old, n_old + len(added)), strict=True))
        # Rows of the table to come: the old rows, then the new ones (replaced, then added); take
        # says which of those each final row is.
        take = np.arange(n_old + len(added))
        take[rows] = n_old + np.arange(len(rows))
        take[n_old:] = n_old + len(rows) + np.arange(len(added))
        self._new_layout((self.layout, np.arange(n_old), replaced + added, take))
        self._dead.clear()
        self._pending.clear()
        return True

    def _log_tf(self) -> np.ndarray:
        """Sublinear tf (1 + log count) of every stored non-zero, kept across changes: it does not
        depend on the idf, so a change computes it only for the changed rows."""
        if self._logtf is None or len(self._logtf) != len(self._counts.data):
            self._logtf = 1.0 + np.log(self._counts.data)
        return self._logtf

    def _new_layout(self, change: tuple | None) -> None:
        self.layout += 1
        self._last_layout_change = change

    def layout_change_since(self, layout: int) -> tuple[np.ndarray, list[str], np.ndarray | None] | None:
        """How rows moved since ``layout``, if by exactly one compaction; None when more happened
        (rebuild instead). (keep, new ids, take): the new rows are ``old[keep]`` followed by the
        rows of ``new ids``, in that order, then reordered by ``take`` (None: already in order).
        """
        self._materialise()
        change = self._last_layout_change
        if change is None or change[0] != layout or self.layout != layout + 1:
            return None
        return change[1], change[2], change[3]

    def _materialise(self) -> None:
        if self._weighted is not None:
            return
        self._compact()
        n = len(self._ids)
        self._idf = np.log((1.0 + n) / (1.0 + self._df)) + 1.0
        self._weighted = self._weigh(self._counts, self._log_tf())

    def _weigh(self, counts: sp.csr_matrix, logtf: np.ndarray | None = None) -> sp.csr_matrix:
        """sublinear tf · idf, l2 rows. ``logtf``: the cached 1 + log(counts), if known."""
        tf = 1.0 + np.log(counts.data) if logtf is None else logtf
        data = tf * self._idf[counts.indices]
        # Row sums of squares as scipy's sum(axis=1) computes them (a sequential csr_matvec), over
        # a matrix sharing the structure: what w.multiply(w).sum(axis=1) gave, minus the merge.
        squares = sp.csr_matrix((data * data, counts.indices, counts.indptr), shape=counts.shape)
        norms = np.sqrt(np.asarray(squares.sum(axis=1)).ravel())
        norms[norms == 0.0] = 1.0
        data /= np.repeat(norms, np.diff(counts.indptr))
        # Shares counts' index arrays: neither is ever modified in place (a change builds new ones).
        return sp.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)

    # ------------------------------------------------------------ queries

    @property
    def ids(self) -> list[str]:
        """Live document ids in row order (a copy)."""
        self._materialise()
        return list(self._ids)

    def positions(self) -> dict[str, int]:
        """Row of each live document id (a copy)."""
        self._materialise()
        return dict(self._pos)

    @property
    def matrix(self) -> sp.csr_matrix:
        """The l2-normalised TF-IDF matrix, rows in ``ids`` order (do not modify)."""
        self._materialise()
        return self._weighted

    @property
    def idf(self) -> np.ndarray:
        self._materialise()
        return self._idf

    def __len__(self) -> int:
        return len(self._pos) + len(self._pending)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._pos or doc_id in self._pending

    def query(self, text: str) -> sp.csr_matrix:
        """1 × n_features weighted query vector (same idf as the documents)."""
        return self.query_many([text])

    def query_many(self, texts: list[str]) -> sp.csr_matrix:
        self._materialise()
        return self._weigh(self._counts_of(list(texts)))

    def similarities(self, text: str) -> np.ndarray:
        """Cosine similarity of ``text`` to every live document, in ``ids`` order."""
        return self.similarities_to(self.query(text))[0]

    def similarities_to(self, queries: sp.csr_matrix) -> np.ndarray:
        """Dense (n_queries × n_docs) similarities for weighted query rows: one sparse product.

        The product runs against the transposed matrix (terms × docs, an inverted
        index), so only the rows of the query's terms are touched. Transposing costs
        more than several queries, so the first query after a change is answered
        from the rows instead (every row · the dense query): the same sums in the same
        order (each document's terms in column order), so the same bits.
        """
        self._materialise()
        if (
            self._inverted is None
            and self._queries_since_change < QUERIES_BEFORE_TRANSPOSE
            and queries.shape[0] == 1
            and queries.has_canonical_format
        ):
            self._queries_since_change += 1
            dense = np.zeros(queries.shape[1])
            dense[queries.indices] = queries.data
            return (self._weighted @ dense).reshape(1, -1)
        self.prepare_queries()
        return np.asarray((queries @ self._inverted).toarray())

    def prepare_queries(self) -> None:
        """Build the inverted index now (after a bulk build, before serving queries)."""
        self._materialise()
        if self._inverted is None:
            self._inverted = self._weighted.T.tocsr()

    def row(self, doc_id: str) -> sp.csr_matrix:
        self._materialise()
        p = self._pos[doc_id]
        return self._weighted[p]

    # ------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """npz (no pickle): counts, ids, and a JSON header with format/version/analyzer."""
        self._compact()
        header = {
            "format": INDEX_FORMAT,
            "version": INDEX_VERSION,
            "analyzer_version": ANALYZER_VERSION,
            "n_features": self.n_features,
            "domain_words": list(getattr(self.analyzer, "domain_words", ())),
            "analyzer": "Analyzer" if isinstance(self.analyzer, Analyzer) else "custom",
        }
        buf = io.BytesIO()
        c = self._counts
        np.savez_compressed(
            buf,
            header=np.array(json.dumps(header, ensure_ascii=False)),
            ids=np.array(self._ids, dtype=str),
            data=c.data,
            indices=c.indices,
            indptr=c.indptr,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes, analyzer: Callable[[str], list[str]] | None = None) -> TextIndex:
        """Load :meth:`to_bytes` output. Pass ``analyzer`` if it was not an :class:`Analyzer`.

        Raises :class:`IndexFormatError` when the blob is from another format or
        analyzer version (the tokens would not match new queries: rebuild instead).
        """
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            header = json.loads(str(z["header"]))
            if header.get("format") != INDEX_FORMAT or header.get("version") != INDEX_VERSION:
                raise IndexFormatError(
                    f"unsupported index format {header.get('format')} v{header.get('version')}"
                )
            if header.get("analyzer_version") != ANALYZER_VERSION:
                raise IndexFormatError("index built with another analyzer version; rebuild it")
            if analyzer is None:
                if header.get("analyzer") != "Analyzer":
                    raise IndexFormatError("index was built with a custom analyzer; pass it to from_bytes")
                analyzer = Analyzer(header["domain_words"])
            n_features = int(header["n_features"])
            ids = [str(i) for i in z["ids"]]
            counts = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=(len(ids), n_features))
        index = cls(analyzer, n_features=n_features)
        index._ids = ids
        index._pos = {doc_id: n for n, doc_id in enumerate(ids)}
        index._counts = counts
        index._logtf = None
        index._df = index._document_frequencies(counts)
        index._new_layout(None)
        index._changed()
        return index
