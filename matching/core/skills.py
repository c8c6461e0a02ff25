"""A cleaned skill vocabulary: free-text skills → canonical names.

Lexical similarity alone barely ranks people against jobs; a shared canonical
skill list is the cheapest structured signal with a large gain (docs/matching.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import fuzz, process

from .aliases import shipped_alias_table
from .text import normalize

# canonical name → aliases (the canonical name is always an alias of itself): the skill rows of
# the alias table the occupation coder reads too (matching/data/aliases.csv, core/aliases.py).
DEFAULT_SKILLS: dict[str, tuple[str, ...]] = shipped_alias_table().skills()

# Words around a skill that are not the skill: "熟练使用excel表格" → "excel".
_MODIFIERS = re.compile(
    r"^(?:熟练使用|熟练掌握|熟练操作|熟练|精通|熟悉|掌握|会使用|能使用|会|能|懂|了解|擅长|具备|有)"
    r"|(?:表格|软件|操作|技能|技术|能力|基础|经验|证书|证|工作|相关)$"
)
# A specialised skill is also the general one: three years of 电话客服 is 客服 experience, so a
# job asking for 客服 must not list it as missing (issue 13, "seekers' own words").
SKILL_IMPLIES: dict[str, tuple[str, ...]] = shipped_alias_table().implies()


def with_implied(skills: Iterable[str]) -> tuple[str, ...]:
    """``skills`` followed by the general skills they imply (:data:`SKILL_IMPLIES`), no repeats."""
    out = dict.fromkeys(skills)
    for skill in list(out):
        out.update(dict.fromkeys(SKILL_IMPLIES.get(skill, ())))
    return tuple(out)


_SPLIT = re.compile(r"[;；,，|、/\\\n\r\t ]+")


def split_skills(text: str) -> list[str]:
    """ "Excel、打字；CAD/PS" → ["Excel", "打字", "CAD", "PS"]."""
    if not text:
        return []
    text = unicodedata.normalize("NFKC", text)
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


def _key(raw: str) -> str:
    return "".join(normalize(raw).split())


class SkillVocabulary:
    """canonical skill → aliases, with lookup, affix stripping and fuzzy fallback."""

    def __init__(self, canonical: Mapping[str, Iterable[str]], *, fuzzy_cutoff: float = 85.0) -> None:
        self.canonical: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in canonical.items()}
        self.fuzzy_cutoff = fuzzy_cutoff
        self._alias: dict[str, str] = {}
        for name, aliases in self.canonical.items():
            for alias in (name, *aliases):
                key = _key(alias)
                if key:
                    self._alias.setdefault(key, name)
        self._keys = sorted(self._alias, key=len, reverse=True)
        self._fuzzy_keys = [k for k in self._keys if len(k) >= 3]
        self._extract_re = self._build_extract_re()
        self._looked_up: dict[str, str | None] = {}  # raw skill → lookup() (skills repeat a lot)

    def _build_extract_re(self) -> re.Pattern:
        parts = []
        for key in self._keys:
            if len(key) < 2:
                continue
            escaped = re.escape(key)
            # latin aliases must stand alone ("ps" not inside "tips")
            if re.match(r"[a-z0-9]", key):
                escaped = r"(?<![a-z0-9])" + escaped
            if re.search(r"[a-z0-9]$", key):
                escaped += r"(?![a-z0-9])"
            parts.append(escaped)
        return re.compile("|".join(parts)) if parts else re.compile(r"(?!x)x")

    def __contains__(self, name: str) -> bool:
        return name in self.canonical

    def __len__(self) -> int:
        return len(self.canonical)

    def lookup(self, raw: str) -> str | None:
        """One raw skill → canonical name, or None if it is not in the vocabulary."""
        try:
            return self._looked_up[raw]
        except KeyError:
            pass
        name = self._lookup(raw)
        if len(self._looked_up) >= 65536:
            self._looked_up.clear()
        self._looked_up[raw] = name
        return name

    def _lookup(self, raw: str) -> str | None:
        key = _key(raw)
        if not key:
            return None
        if key in self._alias:
            return self._alias[key]
        stripped = key
        for _ in range(3):
            new = _MODIFIERS.sub("", stripped)
            if new == stripped:
                break
            stripped = new
            if stripped in self._alias:
                return self._alias[stripped]
        # an alias covering at least half of what is left
        for alias in self._keys:
            if len(alias) >= 2 and alias in stripped and 2 * len(alias) >= len(stripped):
                return self._alias[alias]
        if len(stripped) >= 3:
            hit = process.extractOne(
                stripped, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff
            )
            if hit is not None:
                return self._alias[hit[0]]
        return None

    def normalize(self, raw: Iterable[str]) -> tuple[str, ...]:
        """Canonical names in first-seen order; unknown skills kept as cleaned text.

        A single string is split with :func:`split_skills` first.
        """
        if isinstance(raw, str):
            raw = split_skills(raw)
        out: dict[str, None] = {}
        for item in raw:
            whole = self.lookup(item)
            if whole is not None:
                out.setdefault(whole, None)
                continue
            for part in split_skills(item):
                name = self.lookup(part)
                if name is None:
                    name = " ".join(unicodedata.normalize("NFKC", part).split())
                out.setdefault(name, None)
        return tuple(out)

    def extract(self, text: str) -> tuple[str, ...]:
        """Canonical skills mentioned anywhere in free text (longest alias wins)."""
        norm = normalize(text)
        out: dict[str, None] = {}
        for m in self._extract_re.finditer(norm):
            out.setdefault(self._alias[m.group(0)], None)
        return tuple(out)


DEFAULT_VOCABULARY = SkillVocabulary(DEFAULT_SKILLS)
