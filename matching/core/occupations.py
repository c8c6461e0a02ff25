"""Occupation coding: free-text job titles → 职业分类大典 (2022) codes.

The classification is reference data read from a CSV by path (:func:`load_occupations_csv`):
the facts shipped in matching/data/occupations.csv, or a full table with definitions.

:class:`OccupationCoder` combines three signals:

* character n-gram TF-IDF over name + aliases (strong) and definition (weak),
* rapidfuzz similarity of the cleaned title to each name and alias,
* domain rules (:data:`DEFAULT_TITLE_RULES`, the occupation rows of matching/data/aliases.csv):
  platform titles the classification does not list ("仓管", "抖音客服") pointed at the right code.

:func:`naive_fuzzy_suggest` is the baseline it has to beat.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from .aliases import DEFAULT_BOOST, SHIPPED_CLASSIFICATION, AliasTable, shipped_alias_table
from .text import normalize
from .titles import protected_phrases, title_phrases

# Trailing markers in the 2022 edition: S = digital occupation, L = green occupation.
_MARKER_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])\s*(?:L/S|S/L|L|S)$")

# Title words that say nothing about the occupation.
TITLE_NOISE: tuple[str, ...] = (
    "不加班",
    "双休",
    "单休",
    "大小周",
    "五险一金",
    "长白班",
    "白班",
    "底薪",
    "提成",
    "日结",
    "周结",
    "月结",
    "包住",
    "包吃",
    "男女不限",
    "无经验",
    "零经验",
    "可培训",
    "带薪培训",
    "可兼职",
    "兼职",
    "全职",
    "临时工",
    "小时工",
    "长期",
    "残疾人",
    "助残",
    "岗位",
    "招聘",
    "在家办公",
    "居家办公",
    "在家",
    "居家",
    "只能",
    "都行",
    "都可以",
    "也行",
    "想做",
    "想找",
    "线上",
    "专岗",
)
_DIGITS_RE = re.compile(r"[0-9]+[kw千万元]?")


@dataclass(frozen=True)
class Occupation:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    definition: str = ""

    @property
    def minor_group(self) -> str:
        """First three segments (小类), e.g. "4-04-05"."""
        return "-".join(self.code.split("-")[:3])


@dataclass(frozen=True)
class Assignment:
    """The coder's answer for one title: a 细类 code, its 小类 when the 细类 is unsure, or nothing.

    ``level``: 4 (职业/细类), 3 (小类) or 0 (abstained: ``code`` is ""). ``confidence`` is the
    best score (0–1, higher is surer); ``alternatives`` the runners-up, best first.
    """

    code: str
    name: str
    level: int
    confidence: float
    alternatives: tuple[tuple[str, str, float], ...] = ()

    @property
    def abstained(self) -> bool:
        return not self.code


@dataclass(frozen=True)
class TitleRule:
    """Titles containing any keyword get ``boost`` added to ``code``'s score."""

    keywords: tuple[str, ...]
    code: str
    boost: float = DEFAULT_BOOST


def title_rules(table: AliasTable) -> tuple[TitleRule, ...]:
    """The occupation rows of an alias table as the coder's title rules."""
    return tuple(TitleRule(words, code, boost) for code, boost, words in table.occupation_rules())


# Platform titles the classification does not list ("仓管", "抖音客服", "美工"): the occupation
# rows of the alias table the skill vocabulary reads too (matching/data/aliases.csv).
DEFAULT_TITLE_RULES: tuple[TitleRule, ...] = title_rules(shipped_alias_table())


# Below this best score the coder says nothing rather than guess (the demo's and the posting
# form's suggestions, code_occupations' coverage figure); 0.5 keeps "电子厂普工" → 电子设备调试工 out.
ABSTAIN_BELOW = 0.5
# Two sibling 细类 this close: the title is coded to their 小类 instead of a coin toss — also
# when the best score is below ABSTAIN_BELOW but not below MINOR_GROUP_BELOW.
BACK_OFF_MARGIN = 0.03
MINOR_GROUP_BELOW = 0.35
# How much less a title's second, third … phrase counts than its first ("客服/销售").
LATER_PHRASE_DISCOUNT = 0.05
# Added when a phrase is exactly one occupation's name or common name.
EXACT_NAME_BOOST = 0.5


def strip_marker(name: str) -> str:
    """ "电子商务师S" → "电子商务师"; "大地测量员L/S" → "大地测量员"."""
    return _MARKER_RE.sub("", name.strip())


def load_occupations_csv(path: str | Path) -> list[Occupation]:
    """Level-4 rows (细类) of the 2022 classification CSV, markers stripped."""
    out = []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if str(row.get("level", "")).strip() != "4":
                continue
            name = strip_marker(row["name"])
            aliases = []
            for alias in (row.get("alias") or "").split(","):
                alias = strip_marker(alias)
                if alias and alias != name and alias not in aliases:
                    aliases.append(alias)
            out.append(
                Occupation(
                    code=row["code"].strip(),
                    name=name,
                    aliases=tuple(aliases),
                    definition=(row.get("definition") or "").strip(),
                )
            )
    return out


def load_minor_groups_csv(path: str | Path) -> list[tuple[str, str]]:
    """(code, name) of the 小类 rows (level 3) of a classification CSV."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            (row["code"].strip(), strip_marker(row["name"]))
            for row in csv.DictReader(fh)
            if str(row.get("level", "")).strip() == "3"
        ]


def clean_title(title: str) -> str:
    """Normalise a job title and drop words that do not describe the occupation."""
    text = normalize(title)
    for word in sorted(TITLE_NOISE, key=len, reverse=True):
        text = text.replace(word, " ")
    text = _DIGITS_RE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _shipped_protected() -> frozenset[str]:
    occupations = load_occupations_csv(SHIPPED_CLASSIFICATION)
    return protected_phrases(w for o in occupations for w in (o.name, *o.aliases))


def title_key(title: str) -> str:
    """The key employers' confirmations and learned aliases of a title are filed under: its first
    occupation phrase (:func:`title_phrases`), cleaned like the coder cleans it, spaces removed;
    "" when the title names no occupation. "急招【浏河】电子厂普工（包吃住）" → "电子厂普工".

    Always computed with the shipped classification's protected words, so a key does not change
    when a fuller classification is loaded.
    """
    phrases = title_phrases(title or "", _shipped_protected())
    return clean_title(phrases[0]).replace(" ", "")[:80] if phrases else ""


def domain_words(occupations: Iterable[Occupation]) -> list[str]:
    """Names and aliases, split into pieces, for the jieba analyzer."""
    words: dict[str, None] = {}
    for occ in occupations:
        for word in (occ.name, *occ.aliases):
            for piece in re.split(r"[/、()（）\s]+", word):
                if 2 <= len(piece) <= 12 and re.search(r"[\u4e00-\u9fff]", piece):
                    words.setdefault(piece, None)
    return list(words)


def _choices(occupations: Sequence[Occupation]) -> tuple[list[str], np.ndarray]:
    texts, owner = [], []
    for i, occ in enumerate(occupations):
        for word in dict.fromkeys((occ.name, *occ.aliases)):
            key = normalize(word)
            if key:
                texts.append(key)
                owner.append(i)
    return texts, np.asarray(owner, dtype=np.int64)


def _best_per_owner(scores: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    best = np.zeros(n, dtype=np.float64)
    np.maximum.at(best, owner, scores)
    return best


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    idx = np.argpartition(-scores, k - 1)[:k]
    return idx[np.lexsort((idx, -scores[idx]))]


def naive_fuzzy_suggest(
    title: str, occupations: Sequence[Occupation], k: int = 5
) -> list[tuple[str, str, float]]:
    """Baseline: rapidfuzz WRatio of the normalised title against names and aliases."""
    occupations = list(occupations)
    texts, owner = _choices(occupations)
    query = normalize(title)
    if not query or not texts:
        return []
    sims = process.cdist([query], texts, scorer=fuzz.WRatio, dtype=np.float64)[0] / 100.0
    best = _best_per_owner(sims, owner, len(occupations))
    return [(occupations[i].code, occupations[i].name, float(best[i])) for i in _top(best, k)]


def tfidf_suggest_many(
    titles: Sequence[str], occupations: Sequence[Occupation], k: int = 5
) -> list[list[tuple[str, str, float]]]:
    """Baseline: plain character-bigram TF-IDF cosine of each title against names and common
    names — no noise handling, no rules, no fuzzy matching."""
    occupations = list(occupations)
    docs = [" ".join(normalize(w) for w in (o.name, *o.aliases)) for o in occupations]
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
    mat = vec.fit_transform(docs)
    sims = (vec.transform([normalize(t) for t in titles]) @ mat.T).toarray()
    return [
        [(occupations[i].code, occupations[i].name, float(row[i])) for i in _top(row, k) if row[i] > 0]
        for row in sims
    ]


class OccupationCoder:
    """Suggest occupation codes for a free-text title (see module docstring)."""

    W_NAME = 0.45
    W_DEFINITION = 0.10
    W_FUZZY = 0.30
    FUZZY_POOL = 150

    def __init__(
        self,
        occupations: Iterable[Occupation],
        rules: Iterable[TitleRule] = DEFAULT_TITLE_RULES,
        groups: Iterable[tuple[str, str]] = (),
    ):
        """``groups``: (code, name) of 小类 (level 3), for backing off; "x-xx-xx-00" codes."""
        self.occupations: list[Occupation] = list(occupations)
        if not self.occupations:
            raise ValueError("OccupationCoder needs at least one occupation")
        self._by_code = {o.code: i for i, o in enumerate(self.occupations)}
        self._choices, self._owner = _choices(self.occupations)
        # choices are grouped by owner: occupation i owns choices[_starts[i]:_starts[i+1]]
        self._starts = np.searchsorted(self._owner, np.arange(len(self.occupations) + 1))
        self._cache: dict[str, list[tuple[str, str, float]]] = {}
        name_docs = [" ".join(normalize(w) for w in (o.name, *o.aliases)) for o in self.occupations]
        def_docs = [normalize(o.definition) for o in self.occupations]
        self._name_vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True)
        self._name_mat = self._name_vec.fit_transform(name_docs)
        self._def_vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), sublinear_tf=True)
        self._def_mat = self._def_vec.fit_transform(def_docs) if any(def_docs) else None
        self.rules = tuple(
            TitleRule(tuple(normalize(k) for k in r.keywords), r.code, r.boost)
            for r in rules
            if r.code in self._by_code
        )
        self._groups = {"-".join(code.split("-")[:3]): (code, name) for code, name in groups}
        self._protected = protected_phrases(w for o in self.occupations for w in (o.name, *o.aliases))
        # A phrase that is exactly one occupation's name or common name ("售后客服" is listed under
        # 客户服务管理员) is that occupation, whatever a keyword rule ("客服") says.
        owners: dict[str, set[int]] = {}
        for text, i in zip(self._choices, self._owner.tolist(), strict=True):
            owners.setdefault(text.replace(" ", ""), set()).add(i)
        self._exact = {text: next(iter(ids)) for text, ids in owners.items() if len(ids) == 1}

    def __len__(self) -> int:
        return len(self.occupations)

    def get(self, code: str) -> Occupation | None:
        i = self._by_code.get(code)
        return None if i is None else self.occupations[i]

    def scores(self, title: str) -> np.ndarray:
        """Score of every occupation for ``title`` (same order as ``occupations``)."""
        return self.scores_many([title])[0]

    def scores_many(self, titles: Sequence[str]) -> np.ndarray:
        """(len(titles) × n_occupations) scores of posting titles as employers type them.

        Each title is cut into its occupation phrases (:func:`title_phrases`: noise stripped,
        compounds split); a title scores what its best phrase scores, a later phrase a little
        less than the first, so "客服/销售" is coded as 客服 unless 销售 fits clearly better.
        """
        phrases = [title_phrases(t, self._protected) or (t,) for t in titles]
        flat = [p for ps in phrases for p in ps]
        scores = self._phrase_scores(flat)
        out = np.zeros((len(titles), len(self.occupations)))
        row = 0
        for n, ps in enumerate(phrases):
            for rank, _ in enumerate(ps):
                np.maximum(out[n], scores[row] * (1.0 - LATER_PHRASE_DISCOUNT * rank), out=out[n])
                row += 1
        return out

    def _phrase_scores(self, titles: Sequence[str]) -> np.ndarray:
        """(len(titles) × n_occupations) scores; TF-IDF for all phrases in one product.

        Fuzzy matching runs only on the :attr:`FUZZY_POOL` best occupations by
        TF-IDF plus those named by a matching rule: the others share no character
        bigram with the title and would score low anyway.
        """
        n = len(self.occupations)
        queries = [clean_title(t) for t in titles]
        out = np.zeros((len(queries), n))
        live = [i for i, q in enumerate(queries) if q]
        if not live:
            return out
        texts = [queries[i] for i in live]
        score = self.W_NAME * (self._name_vec.transform(texts) @ self._name_mat.T).toarray()
        if self._def_mat is not None:
            score += self.W_DEFINITION * (self._def_vec.transform(texts) @ self._def_mat.T).toarray()
        for row, query in zip(score, texts, strict=True):
            compact = query.replace(" ", "")
            self._add_fuzzy_and_rules(row, compact)
            exact = self._exact.get(compact)
            if exact is not None:
                row[exact] += EXACT_NAME_BOOST
        out[live] = score
        return out

    def _add_fuzzy_and_rules(self, score: np.ndarray, compact: str) -> None:
        boosted = [
            (self._by_code[rule.code], rule.boost)
            for rule in self.rules
            if any(k and k in compact for k in rule.keywords)
        ]
        pool = sorted(set(_top(score, self.FUZZY_POOL).tolist()) | {i for i, _ in boosted})
        choice_idx = np.concatenate([np.arange(self._starts[i], self._starts[i + 1]) for i in pool])
        if len(choice_idx):
            fz = process.cdist(
                [compact], [self._choices[j] for j in choice_idx], scorer=fuzz.WRatio, dtype=np.float64
            )[0]
            best = np.zeros(len(score))
            np.maximum.at(best, self._owner[choice_idx], fz / 100.0)
            score += self.W_FUZZY * best
        for i, boost in boosted:
            score[i] += boost

    def _top_of(self, score: np.ndarray, k: int) -> list[tuple[str, str, float]]:
        return [
            (self.occupations[i].code, self.occupations[i].name, float(score[i]))
            for i in _top(score, k)
            if score[i] > 0
        ]

    def suggest(self, title: str, k: int = 5) -> list[tuple[str, str, float]]:
        """Top-``k`` (code, name, score), best first. Results for k <= 5 are cached."""
        return self.suggest_many([title], k)[0]

    def suggest_many(
        self, titles: Sequence[str], k: int = 5, *, batch: int = 256
    ) -> list[list[tuple[str, str, float]]]:
        """:meth:`suggest` for many titles at once (what bulk coding of postings uses)."""
        keys = [t.strip() for t in titles]
        results: dict[str, list[tuple[str, str, float]]] = {}
        todo = list(dict.fromkeys(key for key in keys if not (k <= 5 and key in self._cache)))
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            for key, score in zip(chunk, self.scores_many(chunk), strict=True):
                top = self._top_of(score, max(k, 5))
                results[key] = top
                if len(self._cache) < 100_000:
                    self._cache[key] = top
        return [(results.get(key) or self._cache.get(key, []))[:k] for key in keys]

    def assign(self, title: str) -> Assignment:
        """Code ``title`` with hierarchy: the best 细类 when it stands out, its 小类 when the
        runner-up is a sibling scoring almost as well, nothing below :data:`ABSTAIN_BELOW`."""
        return self.assign_many([title])[0]

    def assign_many(self, titles: Sequence[str]) -> list[Assignment]:
        out = []
        for top in self.suggest_many(titles, 5):
            best = top[0][2] if top else 0.0
            if best < MINOR_GROUP_BELOW:
                out.append(Assignment("", "", 0, min(best, 1.0), tuple(top)))
                continue
            code, name, score = top[0]
            minor = "-".join(code.split("-")[:3])
            close = [c for c, _, s in top[1:] if s >= score - BACK_OFF_MARGIN]
            parent = self._groups.get(minor)
            if close and parent and all(c.startswith(minor + "-") for c in close):
                # Siblings neck and neck: the 小类 is sure even where the 细类 is not.
                out.append(Assignment(parent[0], parent[1], 3, min(score, 1.0), tuple(top)))
            elif score >= ABSTAIN_BELOW:
                out.append(Assignment(code, name, 4, min(score, 1.0), tuple(top[1:])))
            else:
                out.append(Assignment("", "", 0, min(score, 1.0), tuple(top)))
        return out

    def code(self, title: str, min_score: float = 0.35) -> str:
        """Best code, or "" when nothing scores at least ``min_score``."""
        return self.code_many([title], min_score)[0]

    def code_many(self, titles: Sequence[str], min_score: float = 0.35) -> list[str]:
        return [top[0][0] if top and top[0][2] >= min_score else "" for top in self.suggest_many(titles, 1)]

    def domain_words(self) -> list[str]:
        return domain_words(self.occupations)
