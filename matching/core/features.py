"""Per-document features computed once at upsert, and the vectorised fit check.

Disability fit is evaluated for all jobs (or all seekers) at once with bitmasks:
each job has a demand bitmask (bit i = rule i) and an accommodation bitmask; each
(category, grade) profile has, per demand, a level and a bitmask of resolving
accommodations. :func:`fit_arrays` loops over the ~11 demands, never over
documents, and gives exactly what :func:`matching.core.fit.assess_fit` gives pair
by pair (a test checks this on random data).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .fit import (
    LOWER_PENALTY,
    RESOLVED_EXCLUDE_PENALTY,
    FitRule,
    accommodation_codes,
    effective_accommodations,
    implied_can_do_sources,
    is_home_based,
    job_demands,
    seeker_effects,
)
from .models import EMPLOYMENT_FORMS, HOURS, JobDoc, SeekerDoc
from .own_words import read_own_words, regions_named
from .scoring import choice_index, choice_mask, clean_region, education_rank, occupation_num, to_float
from .skills import SkillVocabulary, with_implied

LEVEL_CODES = {"lower": 1, "exclude": 2}
MAX_BITS = 63


def popcount(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.uint64)
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.int64)
    out = np.zeros(x.shape, dtype=np.int64)  # numpy < 2.0
    for shift in range(0, 64, 8):
        out += np.unpackbits(
            ((x >> np.uint64(shift)) & np.uint64(0xFF)).astype(np.uint8)[..., None], axis=-1
        ).sum(-1)
    return out


class FitCodec:
    """Bit layout of demands and accommodations for one rule table."""

    def __init__(self, rules: Iterable[FitRule]) -> None:
        self.rules = tuple(rules)
        self.demands = tuple(r.demand for r in self.rules)
        self.accommodations = accommodation_codes(self.rules)
        if len(self.demands) > MAX_BITS or len(self.accommodations) > MAX_BITS:
            raise ValueError("at most 63 demands and 63 accommodation codes fit the bitmasks")
        self._demand_bit = {d: 1 << i for i, d in enumerate(self.demands)}
        self._acc_bit = {a: 1 << i for i, a in enumerate(self.accommodations)}
        # profile 0 = no disability information; then category c, grade g at c*5+g
        # (g = 0 for an unknown grade, which is treated as the most severe).
        n = len(self.demands)
        self.levels = np.zeros((40, n), dtype=np.int8)
        self.masks = np.zeros((40, n), dtype=np.uint64)
        for cat in range(1, 8):
            for grade in range(0, 5):
                effects = seeker_effects(cat, grade or None, self.rules)
                for d, effect in enumerate(effects):
                    if effect is not None:
                        self.levels[cat * 5 + grade, d] = LEVEL_CODES[effect.level]
                        self.masks[cat * 5 + grade, d] = self.acc_bits(effect.resolved_by)

    def demand_bits(self, demands: Iterable[str]) -> int:
        return sum(self._demand_bit.get(d, 0) for d in set(demands))

    def acc_bits(self, codes: Iterable[str]) -> int:
        return sum(self._acc_bit.get(c, 0) for c in set(codes))

    @staticmethod
    def profile(category: int | None, grade: int | None) -> int:
        if category is None or category not in range(1, 8):
            return 0
        return category * 5 + (grade if grade in (1, 2, 3, 4) else 0)

    def fit_arrays(self, profile, can_do, demands, offered) -> tuple[np.ndarray, np.ndarray]:
        """(excluded, penalty) elementwise; any argument may be a scalar or an array.

        ``profile``: profile index; ``can_do``: demand bits the seeker says they can
        do; ``demands``/``offered``: the job's demand and accommodation bits.
        """
        profile = np.asarray(profile, dtype=np.int64)
        can_do, demands, offered = (np.asarray(x, dtype=np.uint64) for x in (can_do, demands, offered))
        shape = np.broadcast_shapes(profile.shape, can_do.shape, demands.shape, offered.shape)
        excluded = np.zeros(shape, dtype=bool)
        keep = np.ones(shape, dtype=np.float64)
        for d in range(len(self.demands)):
            bit = np.uint64(1 << d)
            level = self.levels[profile, d]
            if not np.any(level):
                continue
            has = ((demands & bit) != 0) & ((can_do & bit) == 0)
            resolved = (offered & self.masks[profile, d]) != 0
            excluded |= has & (level == 2) & ~resolved
            keep = keep * np.where(has & (level == 2) & resolved, 1.0 - RESOLVED_EXCLUDE_PENALTY, 1.0)
            keep = keep * np.where(has & (level == 1) & ~resolved, 1.0 - LOWER_PENALTY, 1.0)
        penalty = np.where(excluded, 1.0, 1.0 - keep)
        return excluded, penalty

    def needs_met(self, needs, offered) -> np.ndarray:
        """Share of needed accommodations that are offered (1.0 when nothing is needed)."""
        needs, offered = (np.asarray(x, dtype=np.uint64) for x in (needs, offered))
        total = popcount(needs)
        met = popcount(needs & offered)
        return np.where(total > 0, met / np.maximum(total, 1), 1.0)


def fingerprint(doc) -> str:
    """Stable content hash of a JobDoc/SeekerDoc (sets sorted, Decimals as text)."""

    def plain(value):
        if isinstance(value, frozenset | set):
            return sorted(plain(v) for v in value)
        if isinstance(value, tuple | list):
            return [plain(v) for v in value]
        if value is None or isinstance(value, bool | int | str):
            return value
        return str(value)

    payload = {name: plain(getattr(doc, name)) for name in doc.__dataclass_fields__}
    return hashlib.sha1(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class JobFeatures:
    job: JobDoc
    demands: frozenset[str]
    offered: frozenset[str]  # effective: the job's plus HOME_PROVIDED when home-based
    demand_bits: int
    acc_bits: int
    skills: tuple[str, ...]
    skills_listed: bool
    region: str
    form: int
    hours: int
    pay_min: float
    pay_max: float
    education: int
    occupation_code: str
    occupation: int
    remote: bool
    home: bool


def job_features(
    job: JobDoc, *, codec: FitCodec, vocabulary: SkillVocabulary, occupation_code: str
) -> JobFeatures:
    """``occupation_code``: the job's own code or the coder's suggestion ("" if none)."""
    demands = job_demands(job, codec.rules)
    offered = effective_accommodations(job)
    if job.skills:
        skills, listed = vocabulary.normalize(job.skills), True
    else:
        skills, listed = vocabulary.extract(f"{job.title} {job.description}"), False
    return JobFeatures(
        job=job,
        demands=demands,
        offered=offered,
        demand_bits=codec.demand_bits(demands),
        acc_bits=codec.acc_bits(offered),
        skills=skills,
        skills_listed=listed,
        region=clean_region(job.region),
        form=choice_index(job.employment_form, EMPLOYMENT_FORMS),
        hours=choice_index(job.hours, HOURS),
        pay_min=to_float(job.pay_min),
        pay_max=to_float(job.pay_max),
        education=education_rank(job.education),
        occupation_code=occupation_code,
        occupation=occupation_num(occupation_code),
        remote=is_home_based(job),
        home=job.employment_form == "home",
    )


# "在家做手工" / "只能居家办公" state a wish for home-based work; "在家做也行" does not.
_HOME_WISH = re.compile(r"在家(?!门口|附近)|居家|远程|线上")
_ALSO_FINE = re.compile(r"也行|也可以|都行|都可以|均可")


def wished_forms(seeker: SeekerDoc) -> tuple[str, ...]:
    """The seeker's employment forms, or "home" inferred from ``desired`` when none are given."""
    if seeker.employment_forms:
        return tuple(seeker.employment_forms)
    if read_own_words(seeker.desired).home_only:
        return ("home",)
    if _HOME_WISH.search(seeker.desired) and not _ALSO_FINE.search(seeker.desired):
        return ("home",)
    return ()


@dataclass(frozen=True)
class SeekerFeatures:
    seeker: SeekerDoc
    skills: tuple[str, ...]
    regions: tuple[str, ...]
    employment_forms: tuple[str, ...]  # wished_forms(seeker)
    forms: int
    hours: int
    expected_pay: float
    education: int
    occupation_codes: tuple[tuple[str, float], ...]
    profile: int
    can_do: frozenset[str]  # the seeker's own plus implied_can_do(skills)
    # (demand, skill) for demands only a skill implies: the reason names that skill, not a claim
    # the seeker never made.
    can_do_sources: tuple[tuple[str, str], ...]
    can_do_bits: int
    needs_bits: int
    # What the seeker wrote they cannot do / would rather not do (demand codes; issue 13).
    limits: frozenset[str] = frozenset()
    dislikes: frozenset[str] = frozenset()
    home_only: bool = False
    near_home: bool = False
    needs: frozenset[str] = frozenset()  # the profile's needs plus those named in the own words

    @cached_property
    def occupations(self) -> tuple[tuple[int, float], ...]:
        return tuple((occupation_num(c), w) for c, w in self.occupation_codes)


def seeker_skills(seeker: SeekerDoc, vocabulary: SkillVocabulary) -> tuple[str, ...]:
    """Canonical skills listed, plus those mentioned in the experience text, plus the general
    skills these imply (电话客服 → 客服)."""
    skills = dict.fromkeys(vocabulary.normalize(seeker.skills))
    skills.update(dict.fromkeys(vocabulary.extract(seeker.experience)))
    # Own words: skills come from what they did or can do ("做过三年电话客服", "会PS"), never
    # from a wish ("想找客服") or a limit ("不能接电话").
    skills.update(dict.fromkeys(vocabulary.extract(" ".join(read_own_words(seeker.desired).experience))))
    return with_implied(skills)


def seeker_features(
    seeker: SeekerDoc,
    *,
    codec: FitCodec,
    vocabulary: SkillVocabulary,
    occupation_codes: tuple[tuple[str, float], ...],
    known_regions: tuple[str, ...] = (),
) -> SeekerFeatures:
    """``known_regions``: the region names postings use; those the seeker's words name are
    wished regions too ("浮桥或者港区都行")."""
    skills = seeker_skills(seeker, vocabulary)
    own = read_own_words(seeker.desired)
    # A skill from earlier work does not outweigh "听不见电话" now.
    sources = {d: s for d, s in implied_can_do_sources(skills).items() if d not in own.limit_demands}
    can_do = frozenset(seeker.can_do) | frozenset(sources)
    forms = wished_forms(seeker)
    regions = [clean_region(x) for x in seeker.regions]
    regions += regions_named(f"{seeker.desired} {seeker.experience}", known_regions)
    return SeekerFeatures(
        seeker=seeker,
        skills=skills,
        regions=tuple(dict.fromkeys(r for r in regions if r)),
        employment_forms=forms,
        forms=choice_mask(forms, EMPLOYMENT_FORMS),
        hours=choice_mask(seeker.hours, HOURS),
        expected_pay=to_float(seeker.expected_pay),
        education=education_rank(seeker.education),
        occupation_codes=occupation_codes,
        profile=codec.profile(seeker.disability_category, seeker.disability_grade),
        can_do=can_do,
        can_do_sources=tuple((d, skill) for d, skill in sources.items() if d not in seeker.can_do),
        can_do_bits=codec.demand_bits(can_do),
        needs_bits=codec.acc_bits(seeker.needs | own.needs),
        limits=own.limit_demands - frozenset(seeker.can_do),
        dislikes=own.dislike_demands - frozenset(seeker.can_do),
        home_only=own.home_only,
        near_home=own.near_home,
        needs=frozenset(seeker.needs | own.needs),
    )


# A limit the seeker stated is resolved only by what answers those words: lifting aids or a
# changed post for standing and carrying, a text channel for the phone (docs/matching.md table).
LIMIT_RESOLVERS: dict[str, tuple[str, ...]] = {
    "heavy_physical": ("lifting_aid", "job_adjustment"),
    "phone": ("text_channel",),
}
DISLIKE_PENALTY = 0.2
# "想找离家近的": a job outside the seeker's region keeps this share of its score.
NEAR_HOME_ELSEWHERE = 0.85


def stated_fit_arrays(sf: SeekerFeatures, codec: FitCodec, demands, offered, remote):
    """(excluded, keep) per job from the seeker's own limits and dislikes: a job demanding what
    they said they cannot do is excluded unless it offers a resolver; one demanding what they would
    rather not do keeps ``1 - DISLIKE_PENALTY`` of its score; on-site jobs for "只能在家"."""
    demands, offered = (np.asarray(x, dtype=np.uint64) for x in (demands, offered))
    excluded = np.zeros(demands.shape, dtype=bool)
    keep = np.ones(demands.shape, dtype=np.float64)
    for demand in sf.limits:
        bit = np.uint64(codec.demand_bits([demand]))
        fix = np.uint64(codec.acc_bits(LIMIT_RESOLVERS.get(demand, ())))
        excluded |= ((demands & bit) != 0) & ((offered & fix) == 0)
    for demand in sf.dislikes:
        bit = np.uint64(codec.demand_bits([demand]))
        keep = keep * np.where((demands & bit) != 0, 1.0 - DISLIKE_PENALTY, 1.0)
    if sf.home_only:
        excluded |= ~np.asarray(remote, dtype=bool)
    return excluded, keep


def stated_fit_for_job(jf: JobFeatures, codec: FitCodec, limits, dislikes, home_only):
    """The mirror of :func:`stated_fit_arrays`: one job against every seeker's own words
    (``limits``/``dislikes``: demand bits per seeker; ``home_only``: bool per seeker)."""
    limits, dislikes = (np.asarray(x, dtype=np.uint64) for x in (limits, dislikes))
    excluded = np.zeros(limits.shape, dtype=bool)
    keep = np.ones(limits.shape, dtype=np.float64)
    for demand in jf.demands:
        bit = np.uint64(codec.demand_bits([demand]))
        if not bit:
            continue
        if not jf.acc_bits & codec.acc_bits(LIMIT_RESOLVERS.get(demand, ())):
            excluded |= (limits & bit) != 0
        keep = keep * np.where((dislikes & bit) != 0, 1.0 - DISLIKE_PENALTY, 1.0)
    if not jf.remote:
        excluded |= np.asarray(home_only, dtype=bool)
    return excluded, keep


def near_home_factor(sf: SeekerFeatures, region) -> np.ndarray | float:
    """Score factor per job for a seeker who asked for work near home (1.0 otherwise)."""
    if not sf.near_home or not sf.regions:
        return 1.0
    return np.where(np.asarray(region) >= 1.0, 1.0, NEAR_HOME_ELSEWHERE)
