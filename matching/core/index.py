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

Edited in place: once the index is materialised, an edit that keeps the number of documents
(an upsert of a document already indexed) is patched into the weighted matrix instead of
re-weighing every row: the document count is unchanged, so only the idf of the terms the edit
added or removed changes, and only the rows holding those terms are re-weighed, with the same
arithmetic per row as a full materialisation (so the same bits). The edited rows themselves are
kept beside the matrix (their stale entries zeroed) until the next structural change folds them
back in (see ``_patch``).

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
# Rows edited in place kept beside the weighted matrix before an edit folds them back in (one
# O(non-zeros) rebuild): each costs a little on every query.
MAX_PATCHED_ROWS = 64
# Layout changes remembered, so that arrays aligned with the rows can follow several changes made
# between two queries (an edit in place, then a removal) without being rebuilt.
MAX_LAYOUT_CHANGES = 8


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
        # Edited in place (see _patch): row → (indices, counts) of its current text; the base
        # matrices hold zeros in those rows, the weighted rows live in _patch_weighted.
        self._patched: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._patch_rows = np.zeros(0, dtype=np.int64)
        self._patch_weighted: sp.csr_matrix | None = None
        self._patch_inverted: sp.csr_matrix | None = None
        # Where each stored non-zero of the weighted matrix sits in the inverted index (built with
        # it): an in-place edit updates both without a transpose.
        self._entry_in_inverted: np.ndarray | None = None
        self.version = 0  # bumped on every change; lets callers cache aligned arrays
        # Bumped whenever row positions change. The last change is kept as (layout before, kept
        # old positions, appended ids) so that arrays aligned with the rows (the matchers' tables)
        # can follow it by one take + append instead of being rebuilt from every document.
        self.layout = 0
        # The last few changes, each (layout before, rows before, keep, new ids, take).
        self._layout_changes: list[tuple] = []

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
        self._entry_in_inverted = None
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
        if self._can_patch(ids):
            self._patch(ids, counts)
            return
        self._fold()
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
        self._fold()
        removed = self._drop(doc_id)
        if removed:
            self._changed()
        return removed

    def build(self, items: Iterable[tuple[str, str]]) -> None:
        """Replace the whole index with ``items``."""
        items = list(dict(items).items())
        self._clear_patches()
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
        self._new_layout((self.layout, n_old, keep, added, None))
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
        ptr, n_old = self._counts.indptr, len(self._ids)
        data, indices, tf, lengths = self._rows_rewritten(
            dict(zip(rows, (self._pending[doc_id] for doc_id in replaced), strict=True))
        )
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
        self._new_layout((self.layout, n_old, np.arange(n_old), replaced + added, take))
        self._dead.clear()
        self._pending.clear()
        return True

    # ------------------------------------------------------------ edits in place

    def _can_patch(self, ids: list[str]) -> bool:
        """An edit of documents already indexed, on a materialised index with nothing pending."""
        if self._weighted is None or self._dead or self._pending:
            return False
        pos = self._pos
        if any(doc_id not in pos for doc_id in ids):
            return False
        return len(self._patched.keys() | {pos[doc_id] for doc_id in ids}) <= MAX_PATCHED_ROWS

    def _current_terms(self, row: int) -> np.ndarray:
        patched = self._patched.get(row)
        if patched is not None:
            return patched[0]
        ptr = self._counts.indptr
        return self._counts.indices[ptr[row] : ptr[row + 1]]

    def _patch(self, ids: list[str], counts: sp.csr_matrix) -> None:
        """Edit documents in place: the result ranks bit for bit like a full materialisation.

        The number of documents does not change, so the idf changes only for terms whose
        document frequency the edit changed (in the old text or the new one, not both). Rows
        holding such a term are re-weighed with :meth:`_weights` — each row's arithmetic does not
        depend on the other rows — and written into the weighted matrix and, through
        ``_entry_in_inverted``, into the inverted index; the edited rows are zeroed there and
        kept in ``_patch_weighted``, whose product overrides theirs in every query.
        """
        rows = [self._pos[doc_id] for doc_id in ids]
        ptr, indices, data = counts.indptr, counts.indices, counts.data
        old_terms = np.concatenate([self._current_terms(p) for p in rows])
        touched = np.union1d(old_terms, indices)
        df_before = self._df[touched]
        np.subtract.at(self._df, old_terms, 1)
        np.add.at(self._df, indices, 1)
        changed = touched[self._df[touched] != df_before]
        newly_patched = [p for p in rows if p not in self._patched]
        for n, p in enumerate(rows):
            self._patched[p] = (indices[ptr[n] : ptr[n + 1]], data[ptr[n] : ptr[n + 1]])
        self._patch_rows = np.fromiter(sorted(self._patched), dtype=np.int64, count=len(self._patched))
        if len(changed):
            # the formula of _materialise, element by element: the same bits for these terms
            self._idf[changed] = np.log((1.0 + len(self._ids)) / (1.0 + self._df[changed])) + 1.0
        base = self._counts
        if newly_patched:  # their stale base entries contribute nothing from now on
            entries = _segments(base.indptr, np.asarray(newly_patched, dtype=np.int64))
            self._weighted.data[entries] = 0.0
            if self._inverted is not None:
                self._inverted.data[self._entry_in_inverted[entries]] = 0.0
        affected = self._rows_holding(changed)
        if len(affected):
            affected = affected[~np.isin(affected, self._patch_rows)]
        if len(affected):
            entries = _segments(base.indptr, affected)
            lengths = np.diff(base.indptr)[affected]
            sub_ptr = np.zeros(len(affected) + 1, dtype=np.int64)
            np.cumsum(lengths, out=sub_ptr[1:])
            weights = self._weights(self._log_tf()[entries], base.indices[entries], sub_ptr)
            self._weighted.data[entries] = weights
            if self._inverted is not None:
                self._inverted.data[self._entry_in_inverted[entries]] = weights
        # Every edited row re-weighed (at most MAX_PATCHED_ROWS; an earlier edit may hold a
        # term whose idf just changed).
        patch = [self._patched[p] for p in self._patch_rows.tolist()]
        patch_ptr = np.zeros(len(patch) + 1, dtype=np.int64)
        np.cumsum([len(i) for i, _ in patch], out=patch_ptr[1:])
        patch_counts = sp.csr_matrix(
            (np.concatenate([d for _, d in patch]), np.concatenate([i for i, _ in patch]), patch_ptr),
            shape=(len(patch), self.n_features),
        )
        self._patch_weighted = self._weigh(patch_counts)
        self._patch_inverted = None
        self.version += 1
        # For arrays aligned with the rows: nothing moved, the edited rows are new (the layout
        # change _replace_in_place reports for the same edit).
        n = len(self._ids)
        take = np.arange(n)
        take[rows] = n + np.arange(len(rows))
        self._new_layout((self.layout, n, np.arange(n), list(ids), take))

    def _rows_holding(self, terms: np.ndarray) -> np.ndarray:
        """Rows of the base matrix holding any of ``terms`` (sorted, distinct)."""
        if not len(terms):
            return np.zeros(0, dtype=np.int64)
        if self._inverted is not None:
            inv = self._inverted
            return np.unique(inv.indices[_segments(inv.indptr, terms.astype(np.int64))]).astype(np.int64)
        base = self._counts
        hits = np.flatnonzero(np.isin(base.indices, terms))
        return np.unique(np.searchsorted(base.indptr, hits, side="right") - 1).astype(np.int64)

    def _fold(self) -> None:
        """Merge the rows edited in place into the stored counts (before a structural change,
        persisting, or handing out the matrix); the weights are then recomputed whole."""
        if not self._patched:
            return
        counts, ptr = self._counts, self._counts.indptr
        data, indices, tf, lengths = self._rows_rewritten(self._patched)
        indptr = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        self._counts = sp.csr_matrix(
            (np.concatenate(data), np.concatenate(indices), indptr.astype(ptr.dtype, copy=False)),
            shape=counts.shape,
        )
        self._logtf = np.concatenate(tf)
        self._clear_patches()
        # Rows did not move and the version already counted the edits: only the weights go.
        self._weighted = self._inverted = self._entry_in_inverted = self._idf = None
        self._queries_since_change = 0

    def _rows_rewritten(
        self, new_rows: dict[int, tuple[np.ndarray, np.ndarray]]
    ) -> tuple[list, list, list, np.ndarray]:
        """The stored counts with rows ``new_rows`` (row → (indices, counts)) written over theirs:
        pieces of data, indices and log-tf to concatenate, and every row's length."""
        counts, logtf = self._counts, self._log_tf()
        ptr = counts.indptr
        lengths = np.diff(ptr).astype(np.int64)
        data, indices, tf, prev = [], [], [], 0
        for p in sorted(new_rows):
            new_indices, new_data = new_rows[p]
            start, end = int(ptr[p]), int(ptr[p + 1])
            data += [counts.data[prev:start], new_data]
            indices += [counts.indices[prev:start], new_indices]
            tf += [logtf[prev:start], 1.0 + np.log(new_data)]
            lengths[p] = len(new_indices)
            prev = end
        data.append(counts.data[prev:])
        indices.append(counts.indices[prev:])
        tf.append(logtf[prev:])
        return data, indices, tf, lengths

    def _clear_patches(self) -> None:
        self._patched.clear()
        self._patch_rows = np.zeros(0, dtype=np.int64)
        self._patch_weighted = self._patch_inverted = None

    def _log_tf(self) -> np.ndarray:
        """Sublinear tf (1 + log count) of every stored non-zero, kept across changes: it does not
        depend on the idf, so a change computes it only for the changed rows."""
        if self._logtf is None or len(self._logtf) != len(self._counts.data):
            self._logtf = 1.0 + np.log(self._counts.data)
        return self._logtf

    def _new_layout(self, change: tuple | None) -> None:
        self.layout += 1
        if change is None:  # rows rebuilt from scratch: nothing earlier can be followed
            self._layout_changes = []
        else:
            self._layout_changes = [*self._layout_changes[-(MAX_LAYOUT_CHANGES - 1) :], change]

    def layout_change_since(self, layout: int) -> tuple[np.ndarray, list[str], np.ndarray | None] | None:
        """How rows moved since ``layout``; None when that is no longer known (rebuild instead).
        (keep, new ids, take): the new rows are ``old[keep]`` followed by the rows of ``new ids``,
        in that order, then reordered by ``take`` (None: already in order).
        """
        self._materialise()
        changes = self._layout_changes
        if self.layout - layout > len(changes) or layout >= self.layout:
            return None
        changes = changes[len(changes) - (self.layout - layout) :]
        if changes[0][0] != layout:
            return None
        if len(changes) == 1:
            return changes[0][2:]
        return _compose_layout_changes(changes)

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
        data = self._weights(tf, counts.indices, counts.indptr)
        # Shares counts' index arrays: neither is ever modified in place (a change builds new ones).
        return sp.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)

    def _weights(self, logtf: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> np.ndarray:
        """The stored values of the weighted rows with these log-tfs, term columns and row bounds.

        Each row's values depend on that row alone, so re-weighing some rows gives the bits
        weighing all of them gives. The row sums of squares are computed as scipy's
        ``sum(axis=1)`` computes them (``np.add.reduceat`` over the non-empty rows), what
        ``w.multiply(w).sum(axis=1)`` gave before, without building the matrices.
        """
        data = logtf * self._idf[indices]
        lengths = np.diff(indptr)
        non_empty = np.flatnonzero(lengths)
        norms = np.ones(len(lengths))
        if len(non_empty):
            sums = np.add.reduceat(data * data, indptr[non_empty].astype(np.intp, copy=False))
            sums = np.sqrt(sums)
            sums[sums == 0.0] = 1.0
            norms[non_empty] = sums
        data /= np.repeat(norms, lengths)
        return data

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
        self._fold()
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
            sims = (self._weighted @ dense).reshape(1, -1)
            if self._patched:  # the edited rows, by the same csr_matvec
                sims[0, self._patch_rows] = self._patch_weighted @ dense
            return sims
        self.prepare_queries()
        sims = np.asarray((queries @ self._inverted).toarray())
        if self._patched:  # the edited rows, by the same sparse product
            if self._patch_inverted is None:
                self._patch_inverted = self._patch_weighted.T.tocsr()
            sims[:, self._patch_rows] = (queries @ self._patch_inverted).toarray()
        return sims

    def prepare_queries(self) -> None:
        """Build the inverted index now (after a bulk build, before serving queries)."""
        self._materialise()
        if self._inverted is None:
            w = self._weighted
            self._inverted = w.T.tocsr()
            # The same transpose of each entry's own number: entry k of the rows is entry
            # _entry_in_inverted[k] of the inverted index (scipy's transpose is a stable counting
            # sort by column, so the two transposes place every entry alike).
            number = np.arange(w.nnz, dtype=np.int64)
            moved = sp.csr_matrix((number, w.indices, w.indptr), shape=w.shape).T.tocsr()
            where = np.empty(w.nnz, dtype=np.int32 if w.nnz < 2**31 else np.int64)
            where[moved.data] = number
            if not np.array_equal(moved.indices, self._inverted.indices):  # pragma: no cover
                raise AssertionError("scipy transposed the entries in another order")
            self._entry_in_inverted = where

    def row(self, doc_id: str) -> sp.csr_matrix:
        self._fold()
        self._materialise()
        p = self._pos[doc_id]
        return self._weighted[p]

    # ------------------------------------------------------------ persistence

    def to_bytes(self) -> bytes:
        """npz (no pickle): counts, ids, and a JSON header with format/version/analyzer."""
        self._fold()
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


def _segments(indptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions of the stored entries of ``rows`` (in that order) in a CSR with ``indptr``."""
    starts = indptr[rows].astype(np.int64)
    lengths = indptr[rows + 1].astype(np.int64) - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    # entry i of the output is entry i - (output offset of its segment) + (segment's start)
    shift = starts - (np.cumsum(lengths) - lengths)
    return np.arange(total, dtype=np.int64) + np.repeat(shift, lengths)


def _compose_layout_changes(changes: list[tuple]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Several consecutive layout changes as one (keep, new ids, take)."""
    n_old = changes[0][1]
    source = np.arange(n_old)  # each current row as a row of: the old rows, then every new row
    new_ids: list[str] = []
    for _, _, keep, added, take in changes:
        rows = np.concatenate([source[keep], n_old + len(new_ids) + np.arange(len(added))])
        source = rows if take is None else rows[take]
        new_ids += added
    # Only what the current rows still use: a new row replaced again, or removed, is dropped.
    used_old = np.unique(source[source < n_old])
    used_new = np.unique(source[source >= n_old])
    renumber = np.empty(n_old + len(new_ids), dtype=np.int64)
    renumber[used_old] = np.arange(len(used_old))
    renumber[used_new] = len(used_old) + np.arange(len(used_new))
    return used_old, [new_ids[i - n_old] for i in used_new.tolist()], renumber[source]
