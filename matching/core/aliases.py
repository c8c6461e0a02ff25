"""The alias and synonym table: colloquial words → occupation codes and canonical skills.

One table (matching/data/aliases.csv) that the occupation coder and the matcher both read, so
"美工" means the same thing when a posting is coded and when a seeker's skills are compared.
Every row says where its fact comes from (``source``). Columns:

* ``kind`` — ``occupation`` (a word in a posting title → a 职业分类大典 2022 细类 code),
  ``skill`` (a skill as people write it → the canonical skill name) or ``implies`` (a
  specialised canonical skill → a general one it is also experience of);
* ``alias``, ``target`` — the word and what it means (a code or a canonical skill name);
* ``boost`` — occupation rows only, blank for the default :data:`DEFAULT_BOOST`;
* ``source`` — one of :data:`SOURCES`; ``note`` — why, when it is not obvious (may be blank).

:func:`parse_alias_rows` is pure (rows in, a validated :class:`AliasTable` or one
:class:`AliasTableError` listing every problem out); :func:`read_alias_csv` only opens the file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import normalize

COLUMNS = ("kind", "alias", "target", "boost", "source", "note")
# The cells a row cannot do without; ``boost`` and ``note`` may be blank.
REQUIRED = {"kind": "类别", "alias": "别名", "target": "目标", "source": "来源"}
KINDS = {"occupation": "职业", "skill": "技能", "implies": "技能蕴含"}
SOURCES = {
    "大典2022": "《中华人民共和国职业分类大典（2022年版）》的职业名称或常见名称",
    "招聘平台用语": "招聘平台（智联、58同城、BOSS直聘等）岗位名称的常见写法，本项目整理",
    "项目词表": "本项目的技能词表（岗位要求与残联培训课程名称中的写法）",
    "单位确认": "用人单位发布岗位时确认的职业编码（至少两家单位一致，见 matching/services/aliases.py）",
}
# What a title keyword adds to its occupation's score (the coder's other signals are 0–1).
DEFAULT_BOOST = 0.35
_CODE_RE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")

SHIPPED_ALIASES = Path(__file__).resolve().parent.parent / "data" / "aliases.csv"
SHIPPED_CLASSIFICATION = Path(__file__).resolve().parent.parent / "data" / "occupations.csv"


class AliasTableError(ValueError):
    """Every problem of a table at once, each naming its line and column, in Chinese."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        super().__init__("别名表有误：\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class AliasEntry:
    kind: str
    alias: str
    target: str
    source: str
    note: str = ""
    boost: float | None = None
    line: int = 0


def alias_key(text: str) -> str:
    """How two aliases are compared: normalised (NFKC, lower case), spaces removed."""
    return "".join(normalize(text).split())


@dataclass(frozen=True)
class AliasTable:
    entries: tuple[AliasEntry, ...]

    def occupation_rules(self) -> tuple[tuple[str, float, tuple[str, ...]], ...]:
        """(code, boost, keywords) in first-seen order: the coder's title rules."""
        groups: dict[tuple[str, float], list[str]] = {}
        for e in self.entries:
            if e.kind == "occupation":
                groups.setdefault((e.target, e.boost or DEFAULT_BOOST), []).append(e.alias)
        return tuple((code, boost, tuple(words)) for (code, boost), words in groups.items())

    def skills(self) -> dict[str, tuple[str, ...]]:
        """canonical skill → its aliases, in first-seen order (SkillVocabulary's input)."""
        out: dict[str, list[str]] = {}
        for e in self.entries:
            if e.kind == "skill":
                aliases = out.setdefault(e.target, [])
                if alias_key(e.alias) != alias_key(e.target):
                    aliases.append(e.alias)
        return {name: tuple(aliases) for name, aliases in out.items()}

    def implies(self) -> dict[str, tuple[str, ...]]:
        """specialised skill → the general skills it is also experience of."""
        out: dict[str, list[str]] = {}
        for e in self.entries:
            if e.kind == "implies":
                out.setdefault(e.alias, []).append(e.target)
        return {name: tuple(general) for name, general in out.items()}


def parse_alias_rows(
    rows: Iterable[Mapping[str, str | None]],
    *,
    fieldnames: Sequence[str] | None = None,
    known_codes: Collection[str] | None = None,
) -> AliasTable:
    """Validate ``rows`` (dicts by column, as csv.DictReader gives them; line 2 is the first).

    Refused, all reported together: a missing column, an empty required cell, an unknown kind
    or source, a code not in ``known_codes`` (the classification's 细类; unchecked when None),
    a bad boost, a word listed twice for the same kind (whichever target, so the table never
    says two things about one word), and an ``implies`` row naming a skill the table lacks.
    """
    problems: list[str] = []
    if fieldnames is not None:
        missing = [c for c in COLUMNS if c not in fieldnames]
        if missing:
            raise AliasTableError([f"缺少列：{'、'.join(missing)}（应有 {','.join(COLUMNS)}）"])
    entries: list[AliasEntry] = []
    seen: dict[tuple[str, str, str], int] = {}
    canonical: dict[str, int] = {}  # key of a canonical skill name → its first line
    for line, row in enumerate(rows, start=2):
        cells = {c: " ".join((row.get(c) or "").split()) for c in COLUMNS}
        empty = [f"{c}（{label}）" for c, label in REQUIRED.items() if not cells[c]]
        if empty:
            problems.append(f"第{line}行：{'、'.join(empty)}为空")
            continue
        kind, alias, target, source = cells["kind"], cells["alias"], cells["target"], cells["source"]
        if kind not in KINDS:
            problems.append(f"第{line}行：kind（类别）“{kind}”不认识，应为 {'、'.join(KINDS)}")
            continue
        if source not in SOURCES:
            problems.append(f"第{line}行：source（来源）“{source}”不认识，应为 {'、'.join(SOURCES)}")
        boost = None
        if cells["boost"]:
            try:
                boost = float(cells["boost"])
            except ValueError:
                boost = -1.0
            if kind != "occupation":
                problems.append(f"第{line}行：boost（加分）只用于 occupation 行")
            elif not 0 < boost <= 1:
                problems.append(f"第{line}行：boost（加分）应为大于0、不超过1的数，而不是“{cells['boost']}”")
        if kind == "occupation":
            if not _CODE_RE.match(target):
                problems.append(f"第{line}行：target（职业编码）“{target}”格式应为 4-04-05-03")
            elif known_codes is not None and target not in known_codes:
                problems.append(f"第{line}行：target（职业编码）{target} 不在职业分类中")
        # A word means one thing per kind; a specialised skill may imply several general ones.
        key = (kind, alias_key(alias), alias_key(target) if kind == "implies" else "")
        if key in seen:
            problems.append(f"第{line}行：{KINDS[kind]}别名“{alias}”与第{seen[key]}行重复")
        else:
            seen[key] = line
        if kind == "skill":
            canonical.setdefault(alias_key(target), line)
        entries.append(AliasEntry(kind, alias, target, source, cells["note"], boost, line))
    for e in entries:
        # A skill alias that is another skill's canonical name would make the word mean two things.
        if e.kind == "skill" and alias_key(e.alias) != alias_key(e.target):
            other = canonical.get(alias_key(e.alias))
            if other is not None:
                problems.append(f"第{e.line}行：技能别名“{e.alias}”是第{other}行技能的标准名称")
        if e.kind == "implies":
            for skill in (e.alias, e.target):
                if alias_key(skill) not in canonical:
                    problems.append(f"第{e.line}行：技能“{skill}”不在本表的技能中")
    if problems:
        raise AliasTableError(problems)
    return AliasTable(tuple(entries))


def read_alias_csv(path: str | Path, *, known_codes: Collection[str] | None = None) -> AliasTable:
    """Open an alias CSV (UTF-8, header row) and :func:`parse_alias_rows` it."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return parse_alias_rows(reader, fieldnames=reader.fieldnames or (), known_codes=known_codes)


def classification_codes(path: str | Path) -> frozenset[str]:
    """The 细类 (level-4) codes of a classification CSV, for checking an alias table."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return frozenset(
            row["code"].strip() for row in csv.DictReader(fh) if str(row.get("level", "")).strip() == "4"
        )


@lru_cache(maxsize=1)
def shipped_alias_table() -> AliasTable:
    """The table shipped with the project, checked against the shipped classification. Read
    once per process: it is the default of the coder and of the skill vocabulary."""
    return read_alias_csv(SHIPPED_ALIASES, known_codes=classification_codes(SHIPPED_CLASSIFICATION))


# ------------------------------------------------------------------ learned from employers

# One employer cannot teach the platform a wrong code alone (a slip of the mouse, or a wish to
# be found under a more attractive occupation): a title → code pair becomes an alias only when
# at least this many different employers kept that code for that title.
MIN_EMPLOYERS = 2


@dataclass(frozen=True)
class Tally:
    """The confirmations of one title: the code to learn (None: none yet), how many employers
    chose it and how many chose another code."""

    code: str | None
    supporters: int
    dissenters: int


def tally_confirmations(codes: Iterable[str]) -> Tally:
    """``codes``: each employer's latest code for one title (one per employer). A code is learned
    when at least :data:`MIN_EMPLOYERS` employers chose it and more employers chose it than all
    other codes together — so a majority that disagrees, or a tie, teaches nothing."""
    counts: dict[str, int] = {}
    for code in codes:
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return Tally(None, 0, 0)
    total = sum(counts.values())
    best = max(counts.values())
    leader = sorted(code for code, n in counts.items() if n == best)[0]
    learned = best >= MIN_EMPLOYERS and best > total - best
    return Tally(leader if learned else None, best, total - best)
