"""Disability fit: what a job demands against what the person can do.

The table in docs/matching.md is transcribed here as DATA (``DEFAULT_FIT_RULES``),
exported with :func:`rules_to_json` so staff can edit it, and read back with
:func:`rules_from_json`. Semantics (IMBA/MELBA-style profile comparison, with
accommodations as modifiers):

* ``exclude`` (✖): the job is not suggested, unless the seeker lists the demand in
  ``can_do`` (fully resolved) or the employer offers one of ``resolved_by`` (the
  conflict turns into a "lower" with :data:`RESOLVED_EXCLUDE_PENALTY`).
* ``lower`` (△): the score is multiplied by ``1 - LOWER_PENALTY`` unless the
  employer offers one of ``resolved_by`` or the seeker lists the demand in ``can_do``.
* ``resolver_min_grade``: an accommodation that only helps from some grade on —
  a magnifier helps low vision (视力 grades 3–4) but not blindness (grades 1–2,
  GB/T 26341-2010).
* Home-based jobs (居家就业 or 居家办公 offered): the seeker's own home and
  personal tools count as offered (:data:`HOME_PROVIDED`, see
  :func:`effective_accommodations`).
* ``soften_from_grade``: at this grade or milder (grade 4 is the mildest) an
  exclude becomes a lower. Every 肢体 exclude softens at grade 4 (a grade-4 limb
  disability is e.g. one missing finger). For other categories only where the
  impairment rarely blocks the duty at grade 4: 视力 fine manual work (with
  magnifier/jigs), 听力 phone work (hearing aids, amplified handsets), 言语 phone and
  speaking work (mild dysarthria). Safety-critical duties (driving, heights and
  special equipment) never soften for 视力, 智力 or 精神. An unknown grade is
  treated as the most severe.
* Category 7 多重: the certificate does not say which disabilities combine, so each
  rule's effect is the strictest of 视力, 肢体 and 智力 (:data:`MULTIPLE_COMPONENTS`;
  the combinations most common in the 2nd national disability sample survey involve
  these). It is materialised as an explicit ``7`` entry in the data, so staff can
  edit it like any other column.
* No disability information (category None: not disclosed or no consent) → no
  conflicts and no penalty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Literal

from .accommodations import ACCOMMODATIONS, labels, sort_codes
from .models import SeekerDoc
from .text import normalize

Level = Literal["exclude", "lower"]
LEVELS: tuple[str, ...] = ("exclude", "lower")

LOWER_PENALTY = 0.15
RESOLVED_EXCLUDE_PENALTY = 0.10
MULTIPLE_COMPONENTS: tuple[int, ...] = (1, 4, 5)
RULES_FORMAT = "matching.fit_rules"
RULES_VERSION = 1


@dataclass(frozen=True)
class Effect:
    """How one demand affects one disability category."""

    level: Level
    resolved_by: frozenset[str] = frozenset()
    note: str = ""
    soften_from_grade: int | None = None
    resolver_min_grade: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")
        object.__setattr__(self, "resolved_by", frozenset(self.resolved_by))
        pairs = self.resolver_min_grade
        if isinstance(pairs, Mapping):
            pairs = pairs.items()
        object.__setattr__(self, "resolver_min_grade", tuple(sorted((str(c), int(g)) for c, g in pairs)))

    def for_grade(self, grade: int | None) -> Effect:
        """The effect for a seeker of ``grade`` (None = unknown = most severe)."""
        level = self.level
        if (
            level == "exclude"
            and self.soften_from_grade is not None
            and (grade or 0) >= self.soften_from_grade
        ):
            level = "lower"
        minimum = dict(self.resolver_min_grade)
        resolved_by = frozenset(c for c in self.resolved_by if (grade or 0) >= minimum.get(c, 0))
        if level == self.level and resolved_by == self.resolved_by:
            return self
        return Effect(level, resolved_by, self.note, None)


@dataclass(frozen=True)
class FitRule:
    """One row of the table: a job demand, its keywords and its effect per category."""

    demand: str
    label: str
    keywords: tuple[str, ...]
    effects: Mapping[int, Effect] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keywords", tuple(self.keywords))
        object.__setattr__(self, "effects", MappingProxyType({int(k): v for k, v in self.effects.items()}))
        # rule tuples key several caches: hash once
        key = (self.demand, self.label, self.keywords, tuple(sorted(self.effects.items())))
        object.__setattr__(self, "_hash", hash(key))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self):
        # A mappingproxy cannot be pickled; worker processes (matching.core.bulk) receive the
        # rules, so pickle the plain fields and let __post_init__ rebuild the rest.
        return (FitRule, (self.demand, self.label, self.keywords, dict(self.effects)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FitRule):
            return NotImplemented
        return (self.demand, self.label, self.keywords, dict(self.effects)) == (
            other.demand,
            other.label,
            other.keywords,
            dict(other.effects),
        )


@dataclass(frozen=True)
class Conflict:
    demand: str
    label: str
    level: Level
    resolved: bool
    resolved_by: tuple[str, ...]
    note_zh: str
    self_declared: bool = False


@dataclass(frozen=True)
class FitAssessment:
    excluded: bool
    penalty: float
    conflicts: tuple[Conflict, ...]


def _strictest(effects: list[Effect]) -> Effect | None:
    if not effects:
        return None
    for level in LEVELS:
        top = [e for e in effects if e.level == level]
        if top:
            break
    resolved = frozenset.intersection(*(e.resolved_by for e in top))
    if not resolved and len(top) == 1:
        resolved = top[0].resolved_by
    grades = [e.soften_from_grade for e in top]
    soften = None if None in grades else max(grades)
    notes = "；".join(dict.fromkeys(e.note for e in top if e.note))
    minimum: dict[str, int] = {}
    for e in top:
        for code, grade in e.resolver_min_grade:
            if code in resolved:
                minimum[code] = max(minimum.get(code, 0), grade)
    return Effect(level, resolved, notes, soften, tuple(minimum.items()))


def with_multiple(rule: FitRule, components: Iterable[int] = MULTIPLE_COMPONENTS) -> FitRule:
    """Add the category-7 effect as the strictest of ``components`` (if not given)."""
    if 7 in rule.effects:
        return rule
    merged = _strictest([rule.effects[c] for c in components if c in rule.effects])
    if merged is None:
        return rule
    return FitRule(rule.demand, rule.label, rule.keywords, {**rule.effects, 7: merged})


X: Level = "exclude"
L: Level = "lower"


def _e(level: Level, *resolved_by: str, note: str = "", soften: int | None = None) -> Effect:
    # a magnifier helps low vision (视力 grades 3-4), not blindness (grades 1-2)
    minimum = (("magnifier", 3),) if "magnifier" in resolved_by else ()
    return Effect(level, frozenset(resolved_by), note, soften, minimum)


_DEFAULT_RULES = (
    FitRule(
        "driving",
        "开车",
        ("驾驶", "驾照", "驾驶证", "司机", "配送", "送货", "开车", "送餐", "外卖骑手", "骑手"),
        {
            1: _e(X, note="视力障碍者难以取得驾驶证"),
            2: _e(L, "visual_alerts", note="需要留意车内外声音提示"),
            4: _e(L, "hand_controls", note="可能需要手控驾驶改装"),
            5: _e(X, note="驾驶需要快速判断路况"),
            6: _e(L, note="驾驶需要持续集中注意力"),
        },
    ),
    FitRule(
        "phone",
        "接听电话",
        (
            "接听电话",
            "电话客服",
            "电话销售",
            "电销",
            "热线",
            "话务",
            "外呼",
            "电话回访",
            "呼叫中心",
            "接电话",
        ),
        {
            1: _e(L, "screen_reader", note="来电系统需要读屏软件配合"),
            2: _e(X, "text_channel", note="听障者难以接听电话", soften=4),
            3: _e(X, "text_channel", note="言语障碍者难以电话交流", soften=4),
            5: _e(L, note="电话应答需要较快反应"),
            6: _e(L, note="电话应答可能带来压力"),
        },
    ),
    FitRule(
        "speaking",
        "口头表达",
        ("普通话标准", "口才", "主持", "演讲", "播音", "讲解", "口齿清晰", "表达能力强", "语言表达能力"),
        {
            2: _e(L, note="口头交流较多"),
            3: _e(X, note="岗位以口头表达为主", soften=4),
            5: _e(L, note="口头表达要求较高"),
            6: _e(L, note="口头交流较多"),
        },
    ),
    FitRule(
        "visual_inspection",
        "用眼检查细节",
        ("质检", "品检", "目检", "色差", "校对", "验货", "检验员", "外观检查", "qc"),
        {
            1: _e(X, "magnifier", note="需要用眼检查细节"),
            5: _e(L, note="检查标准需要反复确认"),
        },
    ),
    FitRule(
        "heavy_physical",
        "搬运和久站",
        ("搬运", "装卸", "久站", "长时间站立", "站立作业", "重物", "体力活", "体力好", "负重", "扛"),
        {
            1: _e(L, note="搬运时需要看清周围环境"),
            4: _e(X, "lifting_aid", "job_adjustment", note="需要搬运重物或长时间站立", soften=4),
            5: _e(L, note="体力劳动强度较大"),
            6: _e(L, note="体力劳动强度较大"),
        },
    ),
    FitRule(
        "fine_manual",
        "精细手工操作",
        ("精细", "精密", "焊接", "焊锡", "装配", "组装", "插件"),
        {
            1: _e(X, "magnifier", "jigs", note="需要看清细小零件", soften=4),
            4: _e(L, "jigs", note="需要双手灵活操作"),
            5: _e(L, "task_breakdown", note="工序较多需要分步学习"),
        },
    ),
    FitRule(
        "heights_machinery",
        "高空或特种设备作业",
        ("高空", "登高", "高处作业", "特种设备", "特种作业", "叉车", "起重", "行车操作", "冲床"),
        {
            1: _e(X, note="高空和特种设备作业有安全风险"),
            2: _e(L, "visual_alerts", note="需要听到设备报警声"),
            4: _e(X, note="高空和特种设备作业需要灵活行动", soften=4),
            5: _e(X, note="高空和特种设备作业有安全风险"),
            6: _e(X, note="高空和特种设备作业有安全风险"),
        },
    ),
    FitRule(
        "night_shift",
        "夜班倒班",
        ("夜班", "倒班", "三班倒", "两班倒", "轮班", "通宵", "值夜"),
        {
            1: _e(L, note="夜间通勤不便"),
            4: _e(L, note="夜间通勤不便"),
            5: _e(L, note="作息变化较大"),
            6: _e(L, "stable_schedule", note="作息不规律可能影响病情稳定"),
        },
    ),
    FitRule(
        "high_pressure",
        "业绩压力",
        ("抗压", "冲业绩", "业绩考核", "业绩压力", "绩效压力", "高强度", "快节奏"),
        {
            5: _e(L, note="业绩压力较大"),
            6: _e(L, "quiet_space", note="压力较大可能影响病情稳定"),
        },
    ),
    FitRule(
        "travel",
        "出差外勤",
        ("出差", "外勤", "跑业务", "外派", "驻外", "上门服务"),
        {
            1: _e(L, note="需要独自外出"),
            2: _e(L, note="需要独自外出"),
            3: _e(L, note="需要独自外出"),
            4: _e(L, "accessible_transport", note="需要经常外出"),
            5: _e(L, note="需要独自外出"),
            6: _e(L, note="需要经常外出"),
        },
    ),
    FitRule(
        "screen_text",
        "看屏幕",
        ("录入", "文员", "设计", "打字", "电脑操作", "排版", "数据标注", "制图", "美工", "剪辑"),
        {
            1: _e(L, "screen_reader", "magnifier", note="需要长时间看电脑屏幕"),
            4: _e(L, "voice_input", note="需要长时间操作键盘"),
            5: _e(L, note="电脑操作需要一定文化基础"),
        },
    ),
)

DEFAULT_FIT_RULES: tuple[FitRule, ...] = tuple(with_multiple(rule) for rule in _DEFAULT_RULES)
DEMANDS: tuple[str, ...] = tuple(rule.demand for rule in DEFAULT_FIT_RULES)


# ---------------------------------------------------------------- persistence


def rules_to_data(rules: Iterable[FitRule]) -> dict:
    """JSON-ready structure (for a JSONField); categories become string keys."""
    return {
        "format": RULES_FORMAT,
        "version": RULES_VERSION,
        "rules": [
            {
                "demand": r.demand,
                "label": r.label,
                "keywords": list(r.keywords),
                "effects": {
                    str(cat): {
                        "level": e.level,
                        "resolved_by": list(sort_codes(e.resolved_by)),
                        "note": e.note,
                        "soften_from_grade": e.soften_from_grade,
                        "resolver_min_grade": dict(e.resolver_min_grade),
                    }
                    for cat, e in sorted(r.effects.items())
                },
            }
            for r in rules
        ],
    }


def rules_to_json(rules: Iterable[FitRule] = DEFAULT_FIT_RULES) -> str:
    return json.dumps(rules_to_data(rules), ensure_ascii=False, indent=2)


def rules_from_json(data: str | bytes | Mapping | list) -> tuple[FitRule, ...]:
    """Parse and validate rules from JSON text, the :func:`rules_to_data` dict or its list.

    Raises ValueError with a message naming the offending rule.
    """
    if isinstance(data, str | bytes):
        data = json.loads(data)
    if isinstance(data, Mapping):
        if data.get("format", RULES_FORMAT) != RULES_FORMAT:
            raise ValueError(f"not a fit-rule table: {data.get('format')!r}")
        if int(data.get("version", RULES_VERSION)) > RULES_VERSION:
            raise ValueError(f"fit-rule table version {data['version']} is newer than this code")
        data = data.get("rules", [])
    rules = []
    seen = set()
    for i, item in enumerate(data):
        where = f"rule {i} ({item.get('demand', '?')})" if isinstance(item, Mapping) else f"rule {i}"
        try:
            demand = str(item["demand"]).strip()
            if not demand or demand in seen:
                raise ValueError("demand missing or duplicated")
            seen.add(demand)
            keywords = tuple(str(k) for k in item.get("keywords", ()) if str(k).strip())
            effects = {}
            for cat, eff in dict(item.get("effects", {})).items():
                cat = int(cat)
                if cat not in range(1, 8):
                    raise ValueError(f"category {cat} not in 1..7")
                grade = eff.get("soften_from_grade")
                if grade is not None and int(grade) not in range(1, 5):
                    raise ValueError(f"soften_from_grade {grade} not in 1..4")
                effects[cat] = Effect(
                    level=eff["level"],
                    resolved_by=frozenset(str(c) for c in eff.get("resolved_by", ())),
                    note=str(eff.get("note", "")),
                    soften_from_grade=None if grade is None else int(grade),
                    resolver_min_grade=dict(eff.get("resolver_min_grade") or {}),
                )
            rules.append(FitRule(demand, str(item.get("label", demand)), keywords, effects))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{where}: {exc}") from exc
    return tuple(with_multiple(r) for r in rules)


# ---------------------------------------------------------------- demand extraction

# "无需驾照", "不需要搬运", "不用倒班": a negation up to 4 characters before the
# keyword; one-character negations ("无夜班", "不倒班") only directly or one character
# before, so "不定期出差" still counts as travel. "不怕/不介意 出差" is not a negation.
_NEG_MULTI = re.compile(r"(?:无需|无须|毋须|不需要|不需|不用|不必|不要求|不涉及|没有)(\S{0,4})$")
_NEG_SINGLE = re.compile(r"(?:不|无|非|免|没)(\S?)$")
_NOT_NEGATING = ("怕", "惧", "排斥", "介意", "抗拒", "反感", "定期", "限")


def _negated(text: str, start: int) -> bool:
    prefix = text[max(0, start - 10) : start]
    for pattern in (_NEG_MULTI, _NEG_SINGLE):
        m = pattern.search(prefix)
        if m and not any(word in m.group(1) for word in _NOT_NEGATING):
            return True
    return False


@lru_cache(maxsize=32)
def _keyword_patterns(rules: tuple[FitRule, ...]) -> tuple[tuple[str, re.Pattern | None], ...]:
    """Per demand, a zero-width pattern matching at every position where one of its keywords
    starts (overlaps included). Whether an occurrence is negated depends only on where it
    starts, so one scan per demand decides what a scan per keyword did."""
    out = []
    for r in rules:
        keywords = [k for k in (normalize(k) for k in r.keywords) if k]
        pattern = "(?=" + "|".join(re.escape(k) for k in keywords) + ")" if keywords else None
        out.append((r.demand, re.compile(pattern) if pattern else None))
    return tuple(out)


def extract_demands(text: str, rules: Iterable[FitRule] = DEFAULT_FIT_RULES) -> frozenset[str]:
    """Demand codes whose keywords occur (not negated) in the normalised text."""
    norm = normalize(text)
    found = set()
    for demand, pattern in _keyword_patterns(tuple(rules)):
        if pattern is None:
            continue
        for m in pattern.finditer(norm):
            if not _negated(norm, m.start()):
                found.add(demand)
                break
    return frozenset(found)


def extract_demands_reference(text: str, rules: Iterable[FitRule] = DEFAULT_FIT_RULES) -> frozenset[str]:
    """The keyword-by-keyword scan :func:`extract_demands` replaces (tests compare the two)."""
    norm = normalize(text)
    found = set()
    for r in rules:
        for kw in (k for k in (normalize(k) for k in r.keywords) if k):
            start = norm.find(kw)
            while start >= 0:
                if not _negated(norm, start):
                    found.add(r.demand)
                    break
                start = norm.find(kw, start + 1)
            if r.demand in found:
                break
    return frozenset(found)


def job_demands(job, rules: Iterable[FitRule] = DEFAULT_FIT_RULES) -> frozenset[str]:
    """The job's explicit demands, or those extracted from its title, skills and description."""
    if job.demands is not None:
        return frozenset(job.demands)
    return extract_demands(" ".join((job.title, " ".join(job.skills), job.description)), rules)


# ---------------------------------------------------------------- assessment

# At home the seeker's own home and personal tools are the workplace: access,
# transport and their own assistive software need nothing from the employer.
HOME_PROVIDED: frozenset[str] = frozenset(
    {"accessible_access", "elevator", "accessible_transport", "screen_reader", "magnifier", "voice_input"}
)


def is_home_based(job) -> bool:
    return job.employment_form == "home" or "remote" in job.accommodations


def effective_accommodations(job) -> frozenset[str]:
    """What the job offers, plus :data:`HOME_PROVIDED` when it is home-based."""
    offered = frozenset(job.accommodations)
    return offered | HOME_PROVIDED if is_home_based(job) else offered


@lru_cache(maxsize=256)
def seeker_effects(
    category: int | None, grade: int | None, rules: tuple[FitRule, ...]
) -> tuple[Effect | None, ...]:
    """Effective effect of each rule (grade softening applied) for one profile."""
    if category is None:
        return tuple(None for _ in rules)
    out = []
    for rule in rules:
        effect = rule.effects.get(category)
        out.append(None if effect is None else effect.for_grade(grade))
    return tuple(out)


def conflict_note(
    rule: FitRule,
    effect: Effect,
    offered: tuple[str, ...],
    self_declared: bool,
    own: tuple[str, ...] = (),
    via_skill: str = "",
) -> str:
    """Plain-Chinese sentence for one conflict (``own``: resolvers the seeker has at home;
    ``via_skill``: the skill that shows the seeker meets the demand, when they did not say so)."""
    if self_declared and via_skill:
        return f"岗位需要{rule.label}，您的技能或经历中有「{via_skill}」，说明可以胜任"
    if self_declared:
        return f"岗位需要{rule.label}，您表示可以胜任"
    if offered:
        return f"单位提供{labels(offered)}，可以解决{rule.label}的问题"
    if own:
        return f"居家工作，可以用您自己的{labels(own)}解决{rule.label}的问题"
    if effect.level == "exclude":
        return f"岗位需要{rule.label}，{effect.note or '与您的身体情况可能不相符'}"
    text = f"岗位需要{rule.label}，可能有些困难"
    if effect.resolved_by:
        text += f"，如单位能提供{labels(effect.resolved_by)}会更合适"
    return text


def assess_fit(
    demands: Iterable[str],
    offered: Iterable[str],
    seeker: SeekerDoc,
    rules: Iterable[FitRule] = DEFAULT_FIT_RULES,
    *,
    home_based: bool = False,
    can_do: Iterable[str] | None = None,
    can_do_sources: Mapping[str, str] | None = None,
) -> FitAssessment:
    """Compare a job's demands and offered accommodations with one seeker.

    ``home_based``: the job is done at home, so :data:`HOME_PROVIDED` counts as
    offered too (see :func:`is_home_based`). ``can_do``: demands the seeker can
    meet, when more than ``seeker.can_do`` is known (:func:`implied_can_do`);
    ``can_do_sources``: demand → the skill that implies it, for the reason's wording.
    """
    sources = can_do_sources or {}
    can_do = frozenset(seeker.can_do if can_do is None else can_do)
    rules = tuple(rules)
    demands = frozenset(demands)
    employer = frozenset(offered)
    offered = employer | HOME_PROVIDED if home_based else employer
    effects = seeker_effects(seeker.disability_category, seeker.disability_grade, rules)
    conflicts = []
    excluded = False
    keep = 1.0
    for rule, effect in zip(rules, effects, strict=True):
        if effect is None or rule.demand not in demands:
            continue
        by = sort_codes(effect.resolved_by & offered)
        by_employer = tuple(c for c in by if c in employer)
        own = () if by_employer else by
        self_declared = rule.demand in can_do
        resolved = self_declared or bool(by)
        if effect.level == "exclude":
            if not resolved:
                excluded = True
            elif not self_declared:
                keep *= 1.0 - RESOLVED_EXCLUDE_PENALTY
        elif not resolved:
            keep *= 1.0 - LOWER_PENALTY
        conflicts.append(
            Conflict(
                demand=rule.demand,
                label=rule.label,
                level=effect.level,
                resolved=resolved,
                resolved_by=() if self_declared else by,
                note_zh=conflict_note(
                    rule, effect, by_employer, self_declared, own, sources.get(rule.demand, "")
                ),
                self_declared=self_declared,
            )
        )
    penalty = 1.0 if excluded else 1.0 - keep
    return FitAssessment(excluded=excluded, penalty=penalty, conflicts=tuple(conflicts))


# Skills that are themselves the seeker saying they meet a demand — a licence
# (叉车证 is a 特种设备 licence, 驾照) or the very duty as a skill. They count as if
# the demand were listed in ``can_do``.
SKILL_CAN_DO: dict[str, frozenset[str]] = {
    "叉车": frozenset({"heights_machinery"}),
    "驾驶": frozenset({"driving"}),
    "电工": frozenset({"heights_machinery"}),
    "电话客服": frozenset({"phone"}),
    "电话销售": frozenset({"phone"}),
    "普通话": frozenset({"speaking"}),
    "主持": frozenset({"speaking"}),
}


def implied_can_do(canonical_skills: Iterable[str]) -> frozenset[str]:
    """Demands a seeker's (canonical) skills show they can meet, per :data:`SKILL_CAN_DO`."""
    return frozenset(implied_can_do_sources(canonical_skills))


def implied_can_do_sources(canonical_skills: Iterable[str]) -> dict[str, str]:
    """Demand → the first of the seeker's skills that shows they can meet it."""
    out: dict[str, str] = {}
    for skill in canonical_skills:
        for demand in SKILL_CAN_DO.get(skill, frozenset()):
            out.setdefault(demand, skill)
    return out


def accommodation_codes(rules: Iterable[FitRule]) -> tuple[str, ...]:
    """Known codes plus any custom code used in the rules (bit order for vectorising)."""
    extra = sorted(
        {c for r in rules for e in r.effects.values() for c in e.resolved_by} - set(ACCOMMODATIONS)
    )
    return (*ACCOMMODATIONS, *extra)
