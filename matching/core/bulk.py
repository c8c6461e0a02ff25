"""Processing many documents at once in worker processes (index builds of ~100k postings).

Per document a matcher needs its features, its content fingerprint and its hashed term counts;
all three are pure functions of the document and the configuration, and tokenising with jieba
(pure Python) is most of the cost. A large batch is therefore split into chunks handed to a pool
of processes — threads would not help, the work holds the GIL — and the results are joined in
input order, so the outcome is exactly that of processing the batch in this process.

Workers are *spawned*, not forked: a fork of a threaded web or worker process can inherit a lock
held by another thread. Where processes cannot be started (a daemonic Celery worker, a sandbox)
the batch is processed here instead.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import scipy.sparse as sp

from .features import fingerprint
from .index import hashed_counts, vectorizer

log = logging.getLogger(__name__)

# Below this many documents starting processes (~2 s: imports and jieba's dictionary) costs more
# than it saves.
PARALLEL_MIN_DOCS = 20_000
CHUNKS_PER_WORKER = 4  # smaller chunks even out a worker slowed down by other load


@dataclass(frozen=True)
class DocProcessor:
    """What a worker needs: picklable, no coder (occupations are resolved before)."""

    make_features: Callable[[Any, Any], Any]  # (doc, resolved occupation) → features
    analyzer: Callable[[str], list[str]]
    n_features: int

    def run(self, docs: Sequence, occupations: Sequence) -> tuple[list, list[str], sp.csr_matrix]:
        features = [self.make_features(doc, occ) for doc, occ in zip(docs, occupations, strict=True)]
        fingerprints = [fingerprint(doc) for doc in docs]
        counts = hashed_counts(vectorizer(self.analyzer, self.n_features), [doc.text() for doc in docs])
        return features, fingerprints, counts


def _run_chunk(processor: DocProcessor, docs: Sequence, occupations: Sequence):
    features, fingerprints, counts = processor.run(docs, occupations)
    # The features hold the document, which the parent already has: sending them back as plain
    # tuples without it pickles ~10× faster than the dataclasses (Decimals, nested frozensets).
    if not features:
        return None, [], fingerprints, counts
    cls = type(features[0])
    names = [f.name for f in dataclasses.fields(cls)][1:]  # field 0 is the document
    rows = [tuple(getattr(feat, name) for name in names) for feat in features]
    return cls, rows, fingerprints, counts


def _unpack(docs: Sequence, cls, rows: list[tuple]) -> list:
    return [cls(doc, *row) for doc, row in zip(docs, rows, strict=True)]


def default_workers() -> int:
    """One process per idle core (by the 1-minute load average), at most 8.

    On a machine whose cores are already busy, more processes only add their start-up and the
    pickling of results: measured on the shared 2-core machine at load ~11, a 100k build took
    longer with two workers than in-process.
    """
    cores = os.cpu_count() or 1
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:  # no load average on this platform
        idle = cores
    return max(1, min(int(idle + 0.5), cores, 8))


def process_docs(
    processor: DocProcessor, docs: Sequence, occupations: Sequence, *, workers: int | None = None
) -> tuple[list, list[str], sp.csr_matrix]:
    """(features, fingerprints, counts) of ``docs`` in order; parallel for large batches."""
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(docs) < PARALLEL_MIN_DOCS or multiprocessing.current_process().daemon:
        return processor.run(docs, occupations)
    n_chunks = workers * CHUNKS_PER_WORKER
    size = -(-len(docs) // n_chunks)
    bounds = [(i, min(i + size, len(docs))) for i in range(0, len(docs), size)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            parts = list(
                pool.map(
                    _run_chunk,
                    [processor] * len(bounds),
                    [docs[a:b] for a, b in bounds],
                    [occupations[a:b] for a, b in bounds],
                )
            )
    except (BrokenProcessPool, OSError) as exc:  # no processes here: do it in this one
        log.warning("matching: worker processes unavailable (%s); indexing in-process", exc)
        return processor.run(docs, occupations)
    features = [
        feat for (a, b), part in zip(bounds, parts, strict=True) for feat in _unpack(docs[a:b], *part[:2])
    ]
    fingerprints = [fp for part in parts for fp in part[2]]
    return features, fingerprints, sp.vstack([part[3] for part in parts], format="csr")
