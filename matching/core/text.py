"""Text pipeline shared by the index, the occupation coder and the rules.

Everything that compares Chinese text goes through :func:`normalize` first, so a
keyword written by staff ("ＱＣ", "Excel") matches a posting written any other way.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Bump when normalisation, stop words or tokenisation change: persisted indexes
# built with another version must be rebuilt (see TextIndex.from_bytes).
ANALYZER_VERSION = 1

# Recruitment hype that says nothing about the work. "五险一金", "双休", "不加班"
# are real information and stay.
NOISE_PHRASES: tuple[str, ...] = (
    "包吃包住",
    "包食宿",
    "包吃住",
    "管吃管住",
    "月入过万",
    "月入上万",
    "月薪过万",
    "轻松过万",
    "高薪诚聘",
    "高薪招聘",
    "高薪",
    "急招",
    "急聘",
    "诚聘",
    "火热招聘",
    "热招",
    "直招",
    "长期招聘",
    "大量招聘",
    "无中介费",
    "无押金",
    "待遇优厚",
    "待遇从优",
    "福利多多",
    "轻松赚钱",
    "欢迎加入",
    "有意者请联系",
    "速来",
)
_NOISE_SORTED = tuple(sorted(NOISE_PHRASES, key=len, reverse=True))

# Function words and posting boilerplate; IDF would down-weight them anyway, but
# they also pollute explanations and the occupation coder.
STOP_WORDS: frozenset[str] = frozenset(
    """
    的 了 和 与 及 以及 或 或者 等 在 是 有 我 您 你 我们 你们 他们 公司 单位 本 本公司
    岗位 职位 工作 负责 要求 优先 以上 以下 相关 具有 具备 能够 能 会 可 可以 一定 进行 招聘
    员工 若干 名 人 年 月 日 元 左右 每天 每月 经验 不限 者 之 其 及其 对 为 从事 熟悉
    熟练 良好 较强 基本 主要 包括 欢迎 需要 需 工资 待遇 薪资 福利 上班 时间 地点 联系
    我司 一名 多名 男女 年龄 岁 周岁 身体 健康 吃苦耐劳 责任心 认真 负责任 踏实 有意者
    """.split()
)

# Separators of lists written by people: "Excel、打字；CAD | PS".
LIST_SEPARATORS = r"[;；,，|、\n\r\t]+"

_PUNCT_RE = re.compile(r"[^\w\s+#.]|_")
_LONE_PLUS_HASH_RE = re.compile(r"(?<![a-z0-9+#])[+#]+")
_DOT_RE = re.compile(r"(?<!\d)\.|\.(?!\d)")
_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NUMERIC_RE = re.compile(r"^[\d.]+$")

BIGRAM_PREFIX = "§"


def normalize(text: str) -> str:
    """NFKC (full→half width), lower-case, drop hype phrases, punctuation → spaces.

    "+" and "#" survive only after a latin letter or digit ("c++", "c#"), "." only
    inside numbers ("3.5").
    """
    if not text:
        return ""
    if len(text) <= _SHORT:
        # Titles, skills and keywords repeat across postings; long descriptions rarely do and
        # would only push them out of the cache.
        return _normalize_short(text)
    return _normalize(text)


_SHORT = 32


@lru_cache(maxsize=65536)
def _normalize_short(text: str) -> str:
    return _normalize(text)


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for phrase in _NOISE_SORTED:
        if phrase in text:
            text = text.replace(phrase, " ")
    text = _PUNCT_RE.sub(" ", text)
    text = _LONE_PLUS_HASH_RE.sub(" ", text)
    text = _DOT_RE.sub(" ", text)
    return " ".join(text.split())


def split_list(text: str) -> list[str]:
    """Split a human-written list on ; ， , | 、 and newlines; strip and drop blanks."""
    if not text:
        return []
    return [part.strip() for part in re.split(LIST_SEPARATORS, text) if part.strip()]


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN_RE.findall(text)


_jieba_lock = threading.Lock()


@lru_cache(maxsize=1)
def _base_tokenizer():
    """jieba's dictionary, loaded once per process (~1 s)."""
    import jieba  # imported lazily

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=8)
def _tokenizer(domain_words: tuple[str, ...]):
    """One private jieba Tokenizer per distinct domain-word set, built on first use.

    The global ``jieba.dt`` is left alone so other code's custom words cannot
    change our tokens (and ours cannot change theirs). Each private tokenizer
    starts from a copy of the loaded dictionary instead of reading it again.
    """
    import jieba

    base = _base_tokenizer()
    with _jieba_lock:
        tokenizer = jieba.Tokenizer()
        if hasattr(base, "FREQ") and hasattr(base, "total"):
            tokenizer.FREQ = dict(base.FREQ)
            tokenizer.total = base.total
            tokenizer.initialized = True
        else:  # a jieba without these internals: load the dictionary again
            tokenizer.initialize()
        for word in domain_words:
            tokenizer.add_word(word)
    return tokenizer


# jieba segments a text block by block: it splits on this pattern (its own ``re_han_default``:
# runs of CJK, latin letters, digits and + # & . _ % -) and cuts each block independently of
# the others. So caching the words of each block is exact, and postings repeat the same
# clauses ("五险一金", "有师傅带教") so often that most blocks are found in the cache.
_JIEBA_BLOCK_RE = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
BLOCK_CACHE_SIZE = 200_000  # entries; cleared when full (a clause is ~10–40 characters)


@lru_cache(maxsize=8)
def _block_cache(domain_words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words per jieba block, shared by every Analyzer with the same domain words."""
    return {}


def clean_domain_words(words: Iterable[str]) -> tuple[str, ...]:
    """Normalise domain words, split on spaces, keep pieces of 2–20 characters."""
    out: set[str] = set()
    for word in words:
        for piece in normalize(word).split():
            if 2 <= len(piece) <= 20 and not _NUMERIC_RE.match(piece):
                out.add(piece)
    return tuple(sorted(out))


class Analyzer:
    """jieba words (private tokenizer + domain words) minus stop words, plus CJK bigrams.

    Usable as a scikit-learn ``analyzer=`` callable. Pickles as its domain words
    only; the jieba tokenizer is rebuilt lazily (and shared between analyzers with
    the same words).
    """

    def __init__(self, domain_words: Iterable[str] = ()) -> None:
        self.domain_words: tuple[str, ...] = clean_domain_words(domain_words)
        self._tk = None

    @property
    def tokenizer(self):
        if self._tk is None:
            self._tk = _tokenizer(self.domain_words)
        return self._tk

    def words(self, text: str) -> list[str]:
        """jieba words of already-normalised text, stop words and 1-char tokens dropped.

        Each jieba block is cut once per process and then read from a cache (see
        ``_JIEBA_BLOCK_RE``); the words are exactly those of cutting the whole text.
        """
        out: list[str] = []
        cache = _block_cache(self.domain_words)
        for block in _JIEBA_BLOCK_RE.split(text):
            if not block:
                continue
            words = cache.get(block)
            if words is None:
                words = self._cut_block(block)
                if len(cache) >= BLOCK_CACHE_SIZE:
                    cache.clear()
                cache[block] = words
            out.extend(words)
        return out

    def _cut_block(self, block: str) -> tuple[str, ...]:
        out = []
        for word in self.tokenizer.cut(block, HMM=False):
            word = word.strip()
            if len(word) < 2 or word in STOP_WORDS or _NUMERIC_RE.match(word):
                continue
            out.append(word)
        return tuple(out)

    def words_uncached(self, text: str) -> list[str]:
        """:meth:`words` without the block cache: the reference the tests compare with."""
        return list(self._cut_block(text))

    def tokens(self, text: str) -> list[str]:
        norm = normalize(text)
        if not norm:
            return []
        out = self.words(norm)
        for run in cjk_runs(norm):
            if len(run) == 1:
                if run not in STOP_WORDS:
                    out.append(BIGRAM_PREFIX + run)
                continue
            out.extend(BIGRAM_PREFIX + run[i : i + 2] for i in range(len(run) - 1))
        return out

    __call__ = tokens

    def __getstate__(self) -> dict:
        return {"domain_words": self.domain_words}

    def __setstate__(self, state: dict) -> None:
        self.domain_words = tuple(state["domain_words"])
        self._tk = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Analyzer) and other.domain_words == self.domain_words

    def __hash__(self) -> int:
        return hash(self.domain_words)

    def __repr__(self) -> str:
        return f"Analyzer({len(self.domain_words)} domain words)"
