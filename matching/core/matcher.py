"""What both matching directions share: configuration, index, features, persistence.

Persisting: ``to_bytes()`` stores the tokenised index plus a content fingerprint
and occupation code per document; ``from_bytes(blob, docs, **same_kwargs)``
reuses every unchanged document and re-processes only new or edited ones.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from .bulk import DocProcessor, process_docs
from .features import FitCodec, fingerprint
from .fit import DEFAULT_FIT_RULES, FitRule, rules_to_data
from .index import TextIndex
from .models import SeekerDoc
from .occupations import Occupation, OccupationCoder
from .own_words import read_own_words
from .scoring import COMPONENTS, Weights, symmetric_neighbours
from .skills import DEFAULT_VOCABULARY, SkillVocabulary
from .text import Analyzer, normalize, split_list

CANDIDATE_POOL = 200
OCCUPATION_MIN_SCORE = 0.35
OCCUPATION_MIN_SCORE_LATER = 0.45
EXPERIENCE_WEIGHT = 0.6  # an occupation done before, when the seeker wishes for another
_WISH_SEPARATORS = re.compile(r"或者|或是|还是|或|\s+")
STATE_FORMAT = "matching.MatcherState"
STATE_VERSION = 1


def wish_parts(desired: str, limit: int = 4) -> list[str]:
    """ "电话客服或者电话销售，嘴巴能说" → ["电话客服", "电话销售", "嘴巴能说"]."""
    parts = [p for chunk in split_list(desired) for p in _WISH_SEPARATORS.split(chunk) if p.strip()]
    return parts[:limit]


def select_top(score: np.ndarray, limit: int) -> np.ndarray:
    """Indices of the ``limit`` best finite scores, best first (ties by row)."""
    finite = np.isfinite(score)
    n_ok = int(finite.sum())
    limit = min(limit, n_ok)
    if limit <= 0:
        return np.zeros(0, dtype=np.int64)
    masked = np.where(finite, score, -np.inf)
    idx = np.argpartition(-masked, limit - 1)[:limit]
    return idx[np.lexsort((idx, -masked[idx]))]


def as_coder(occupations) -> OccupationCoder | None:
    if occupations is None or isinstance(occupations, OccupationCoder):
        return occupations
    occupations = list(occupations)
    if not occupations:
        return None
    if not all(isinstance(o, Occupation) for o in occupations):
        raise TypeError("occupations must be an OccupationCoder or Occupation objects")
    return OccupationCoder(occupations)


def locked(method):
    """Serialise a matcher's public methods: an upsert must not interleave a query."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class BaseMatcher:
    """What both directions share: configuration, index, features, persistence.

    Thread-safe: public methods hold a per-matcher (re-entrant) lock.
    """

    _kind = ""

    def __init__(
        self,
        *,
        occupations: OccupationCoder | Iterable[Occupation] | None = None,
        skills: SkillVocabulary = DEFAULT_VOCABULARY,
        rules: Iterable[FitRule] = DEFAULT_FIT_RULES,
        weights: Weights | None = None,
        analyzer: Analyzer | None = None,
        courses: Mapping[str, str] | None = None,
        neighbours: Mapping[str, Iterable[str]] | None = None,
        workers: int | None = None,
    ) -> None:
        """``workers``: processes for indexing large batches (None: one per CPU; 1: none)."""
        self.workers = workers
        self.coder = as_coder(occupations)
        self.vocabulary = skills
        self.rules = tuple(rules)
        self.codec = FitCodec(self.rules)
        self.weights = weights = weights or Weights()
        self.courses = dict(courses or {})
        self.neighbours = symmetric_neighbours(neighbours)
        self.analyzer = analyzer or Analyzer(self._domain_words())
        self.index = TextIndex(self.analyzer)
        self._lock = threading.RLock()
        self._features: dict[str, Any] = {}
        self._fingerprints: dict[str, str] = {}
        self._table = None
        self._table_version = -1
        self._table_layout: tuple[TextIndex, int] | None = None  # the index rows the table follows
        self._weight_vec = np.array([getattr(weights, c) for c in COMPONENTS])

    # ------------------------------------------------------------ configuration

    def _domain_words(self) -> list[str]:
        words: list[str] = []
        if self.coder is not None:
            words.extend(self.coder.domain_words())
        for name, aliases in self.vocabulary.canonical.items():
            words.extend(w for w in (name, *aliases) if re.search(r"[\u4e00-\u9fff]", w))
        for rule in self.rules:
            words.extend(rule.keywords)
        return words

    def _config_fingerprint(self) -> str:
        payload = {
            "domain_words": list(getattr(self.analyzer, "domain_words", ())),
            "rules": rules_to_data(self.rules),
            "skills": {k: list(v) for k, v in self.vocabulary.canonical.items()},
            "occupations": [(o.code, o.name, o.aliases) for o in self.coder.occupations]
            if self.coder
            else [],
        }
        return hashlib.sha1(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()

    def code_title(self, title: str) -> str:
        """Occupation code for a free-text title ("" without a coder or a confident match)."""
        return (
            self.coder.code(title, OCCUPATION_MIN_SCORE) if self.coder is not None and title.strip() else ""
        )

    def seeker_occupations(self, seeker: SeekerDoc) -> tuple[tuple[str, float], ...]:
        """The seeker's codes with weights: given ones at 1.0, else coded from ``desired``.

        ``desired`` is split into wishes ("电话客服或者电话销售，嘴巴能说"); the first
        is coded at the coder's usual confidence, later ones only when clearly an
        occupation (they are often remarks: "戴助听器能正常交流").
        """
        if seeker.occupation_codes:
            return tuple((c, 1.0) for c in dict.fromkeys(seeker.occupation_codes))
        if self.coder is None or not seeker.desired.strip():
            return ()
        weights: dict[str, float] = {}
        own = read_own_words(seeker.desired)
        if own.structured:
            # Own words (issue 13): the wished jobs, then the jobs done before — as wishes when the
            # seeker wants to go on or names nothing else, else as related work.
            earlier = 1.0 if own.continues or not own.wishes else EXPERIENCE_WEIGHT
            parts = [(p, 1.0, OCCUPATION_MIN_SCORE) for p in self._wish_words(own.wishes)]
            parts += [(p, earlier, OCCUPATION_MIN_SCORE) for p in own.experience_jobs]
        else:
            # No wish verb: the clauses that are not experience nor limits are the wish, the first
            # at the usual confidence, later ones only when clearly an occupation (they are often
            # remarks: "戴助听器能正常交流").
            plain = [p for chunk in own.plain for p in _WISH_SEPARATORS.split(chunk) if p.strip()]
            parts = [
                (p, 1.0, OCCUPATION_MIN_SCORE if n == 0 else OCCUPATION_MIN_SCORE_LATER)
                for n, p in enumerate(plain[:4])
            ]
            parts += [(p, 1.0, OCCUPATION_MIN_SCORE_LATER) for p in own.experience_jobs]
        for part, weight, floor in parts[:6]:
            top = self.coder.suggest(part, k=2)
            if not top or top[0][2] < floor:
                continue
            weights[top[0][0]] = max(weights.get(top[0][0], 0.0), weight)
            if len(top) > 1 and top[1][2] >= 0.85 * top[0][2]:
                weights[top[1][0]] = max(weights.get(top[1][0], 0.0), 0.6 * weight)
        return tuple(sorted(weights.items(), key=lambda kv: -kv[1])[:3])

    def _wish_words(self, wishes) -> list[str]:
        """Each wish, and the words of a run-together one ("保安司机都可以" → 保安, 司机)."""
        out = []
        for wish in wishes:
            out.append(wish)
            words = [w for w in self.analyzer.words(normalize(wish)) if len(w) >= 2]
            if len(words) > 1 and len("".join(words)) == len(wish):
                out.extend(words)
        return list(dict.fromkeys(out))

    def occupation_name(self, code: str) -> str:
        occ = self.coder.get(code) if self.coder is not None and code else None
        return occ.name if occ else ""

    # ------------------------------------------------------------ documents

    def _make_features(self, doc, occupation=None):
        """Features of ``doc``; ``occupation``: a resolved or stored value, None to resolve it."""
        return self._feature_maker()(doc, self._resolve_occupation(doc) if occupation is None else occupation)

    def _resolve_occupation(self, doc):
        """The document's occupation value (needs the coder, so it runs in this process)."""
        raise NotImplementedError

    def _feature_maker(self):
        """A picklable ``(doc, resolved occupation) → features`` (it may run in a worker)."""
        raise NotImplementedError

    def _prepare(self, docs: list) -> None:
        """Bulk work before per-document features (occupation coding in one batch)."""

    def _upsert(self, docs: Iterable, stored_occupation: Mapping[str, str] | None = None) -> None:
        # The last version of a document given wins, as in TextIndex.upsert_many.
        docs = list({doc.id: doc for doc in docs}.values())
        if not docs:
            return
        self._prepare(docs)
        stored = stored_occupation or {}
        occupations = [
            stored[doc.id] if stored.get(doc.id) is not None else self._resolve_occupation(doc)
            for doc in docs
        ]
        processor = DocProcessor(self._feature_maker(), self.analyzer, self.index.n_features)
        features, fingerprints, counts = process_docs(processor, docs, occupations, workers=self.workers)
        for doc, feat, fp in zip(docs, features, fingerprints, strict=True):
            self._features[doc.id] = feat
            self._fingerprints[doc.id] = fp
        self.index.upsert_counts([doc.id for doc in docs], counts)

    def _remove(self, doc_id: str) -> bool:
        self._features.pop(doc_id, None)
        self._fingerprints.pop(doc_id, None)
        return self.index.remove(doc_id)

    def __len__(self) -> int:
        return len(self._features)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._features

    @property
    def ids(self) -> list[str]:
        """Document ids in row order (the order of score arrays)."""
        return self.index.ids

    @locked
    def table(self):
        """Arrays aligned with the index rows; after a change only the changed rows are redone."""
        index = self.index
        if self._table is not None and self._table_version == index.version:
            return self._table
        ids = index.ids  # materialises: rows are in their final places from here on
        change = None
        if self._table is not None and self._table_layout is not None and self._table_layout[0] is index:
            if self._table_layout[1] == index.layout:
                change = (np.arange(len(ids)), [], None)  # nothing moved (a new id added, then removed)
            else:
                change = index.layout_change_since(self._table_layout[1])
        table = None
        if change is not None:
            keep, added, take = change
            feats = [self._features[i] for i in added]
            table = self._update_table(self._table, keep, feats, take, ids, index)
        self._table = table if table is not None else self._build_table([self._features[i] for i in ids])
        self._table_version = index.version
        self._table_layout = (index, index.layout)
        return self._table

    def _update_table(self, table, keep: np.ndarray, added: list, take, ids: list[str], index: TextIndex):
        """``table`` with only rows ``keep`` (in that order), then rows for ``added`` features,
        reordered by ``take`` (None: as is) — see TextIndex.layout_change_since; None: not
        supported, rebuild."""
        return None

    # ------------------------------------------------------------ persistence

    @locked
    def to_bytes(self) -> bytes:
        header = {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "kind": self._kind,
            "config": self._config_fingerprint(),
            "docs": {
                doc_id: [self._fingerprints[doc_id], self._stored_occupation(feat)]
                for doc_id, feat in self._features.items()
            },
        }
        buf = io.BytesIO()
        np.savez_compressed(
            buf,
            header=np.array(json.dumps(header, ensure_ascii=False)),
            index=np.frombuffer(self.index.to_bytes(), dtype=np.uint8),
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes | None, docs: Iterable, **kwargs):
        """A matcher over ``docs``, reusing ``blob`` (from :meth:`to_bytes`) where still valid.

        Documents whose content fingerprint matches are neither re-tokenised nor
        re-coded; new or edited ones are processed; ones missing from ``docs`` are
        dropped. A blob from another configuration (rules, vocabulary,
        occupations, analyzer) or format is ignored and everything is rebuilt.
        """
        matcher = cls((), **kwargs)
        docs = list(docs)
        header = None
        if blob:
            try:
                with np.load(io.BytesIO(blob), allow_pickle=False) as z:
                    header = json.loads(str(z["header"]))
                    index_blob = z["index"].tobytes()
                if (
                    header.get("format") != STATE_FORMAT
                    or header.get("version") != STATE_VERSION
                    or header.get("kind") != cls._kind
                    or header.get("config") != matcher._config_fingerprint()
                ):
                    header = None
                else:
                    matcher.index = TextIndex.from_bytes(index_blob, analyzer=matcher.analyzer)
            except (ValueError, KeyError, OSError):
                header = None
        if header is None:
            matcher._upsert(docs)
            return matcher
        stored = header["docs"]
        wanted = {doc.id for doc in docs}
        for doc_id in list(matcher.index.ids):
            if doc_id not in wanted:
                matcher.index.remove(doc_id)
        changed = []
        for doc in docs:
            fp = fingerprint(doc)
            entry = stored.get(doc.id)
            if entry is not None and entry[0] == fp and doc.id in matcher.index:
                matcher._features[doc.id] = matcher._make_features(doc, matcher._load_occupation(entry[1]))
                matcher._fingerprints[doc.id] = fp
            else:
                changed.append(doc)
        matcher._upsert(changed)
        return matcher

    def _stored_occupation(self, feat):
        raise NotImplementedError

    def _load_occupation(self, value):
        return value

    # ------------------------------------------------------------ shared scoring

    def _combine(self, comps: dict[str, np.ndarray], penalty, factor, bonus) -> np.ndarray:
        """(Σ weight·component · (1 − fit penalty) + bonus) · feedback factor."""
        base = sum(w * comps[c] for c, w in zip(COMPONENTS, self._weight_vec, strict=True))
        return (base * (1.0 - penalty) + bonus) * factor

    @staticmethod
    def _components_at(comps, i, penalty, factor) -> dict[str, float]:
        out = {c: round(float(comps[c][i]), 6) for c in COMPONENTS}
        out["penalty"] = round(float(penalty[i]), 6)
        out["feedback"] = round(float(factor[i]), 6)
        return out


def csr_from_lists(rows: list[Sequence[str]], vocab: dict[str, int]) -> tuple[sp.csr_matrix, np.ndarray]:
    for row in rows:
        for s in row:
            vocab.setdefault(s, len(vocab))
    counts = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(counts)])
    indices = np.fromiter((vocab[s] for r in rows for s in r), dtype=np.int64, count=int(indptr[-1]))
    m = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), max(1, len(vocab))))
    return m, counts


def row_max(m: sp.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Per row, the largest ``values[j]`` over the row's non-zero columns (0 if none)."""
    weighted = m.copy()
    weighted.data = weighted.data * values[weighted.indices]
    return np.asarray(weighted.max(axis=1).toarray()).ravel() if m.shape[0] else np.zeros(0)
