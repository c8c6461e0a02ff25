"""Score components: each in [0, 1], computed vectorially over all jobs (or seekers).

The array functions are what the matchers use; the ``*_feature(job, seeker)``
wrappers run the same code on one pair and add a plain-Chinese reason for the
explanation, so the numbers a user sees are the numbers that ranked the job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal

import numpy as np

from .models import (
    EDUCATION_LABELS,
    EDUCATION_RANK,
    EMPLOYMENT_FORM_LABELS,
    EMPLOYMENT_FORMS,
    HOURS,
    HOURS_LABELS,
)

NEUTRAL = 0.5
NEIGHBOUR_SCORE = 0.6  # job in a region next to a wished one (needs a neighbour map)
REMOTE_SCORE = 0.7  # job elsewhere (or unplaced) that offers 居家办公
# Text similarities are scaled by the best one for the query, but never by less
# than this, so a query that matches nothing well does not inflate noise to 1.0.
TEXT_SCALE_FLOOR = 0.25
GUARANTEED_INTERVIEW_BONUS = 0.02
# Occupation codes sharing the full code / 小类 / 中类 / 大类.
OCCUPATION_PREFIX_SCORES = (1.0, 0.75, 0.4, 0.1)


@dataclass(frozen=True)
class Weights:
    """Weights of the score components; the defaults sum to 1."""

    text: float = 0.25
    skills: float = 0.15
    occupation: float = 0.20
    region: float = 0.15
    form: float = 0.05
    hours: float = 0.03
    pay: float = 0.04
    education: float = 0.03
    fit: float = 0.10

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or value < 0 or value != value:
                raise ValueError(f"weight {f.name} must be a non-negative number")
        if sum(self.as_dict().values()) <= 0:
            raise ValueError("at least one weight must be positive")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, float], *, normalise: bool = True) -> Weights:
        """Defaults overridden by ``mapping``; rescaled to sum to 1 unless ``normalise`` is False."""
        names = {f.name for f in fields(cls)}
        unknown = set(mapping) - names
        if unknown:
            raise ValueError(f"unknown weights: {', '.join(sorted(unknown))}")
        values = {**asdict(cls()), **{k: float(v) for k, v in mapping.items()}}
        weights = cls(**values)
        if normalise:
            total = sum(values.values())
            weights = cls(**{k: v / total for k, v in values.items()})
        return weights

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


COMPONENTS: tuple[str, ...] = tuple(f.name for f in fields(Weights))


# ---------------------------------------------------------------- helpers


def to_float(value: Decimal | float | None) -> float:
    return float("nan") if value is None else float(value)


def education_rank(code: str) -> int:
    """-1 when unknown or empty."""
    return EDUCATION_RANK.get(code or "", -1)


def occupation_num(code: str) -> int:
    """ "4-04-05-03" → 4040503; -1 when empty or malformed."""
    parts = (code or "").strip().split("-")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        return -1
    return int(parts[0]) * 1_000_000 + int(parts[1]) * 10_000 + int(parts[2]) * 100 + int(parts[3])


def clean_region(region: str) -> str:
    return "".join(unicodedata.normalize("NFKC", region or "").split())


def region_matches(job_region: str, seeker_region: str) -> bool:
    """Same place, or one inside the other ("沙溪镇" ~ "太仓市沙溪镇", "太仓" ⊇ "太仓市浏河镇")."""
    a, b = clean_region(job_region), clean_region(seeker_region)
    return bool(a and b) and (a == b or a in b or b in a)


def symmetric_neighbours(neighbours: Mapping[str, Iterable[str]] | None) -> dict[str, frozenset[str]]:
    """Region adjacency (e.g. towns sharing a border) made symmetric, names cleaned."""
    out: dict[str, set[str]] = {}
    for region, others in (neighbours or {}).items():
        a = clean_region(region)
        for other in others:
            b = clean_region(other)
            if a and b and a != b:
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def region_closeness(
    job_region: str, seeker_regions: Iterable[str], neighbours: Mapping[str, frozenset[str]] | None = None
) -> float:
    """1.0 inside a wished region, NEIGHBOUR_SCORE next to one, else 0.0."""
    seeker_regions = [r for r in seeker_regions if r]
    if any(region_matches(job_region, r) for r in seeker_regions):
        return 1.0
    if neighbours and clean_region(job_region):
        for region in seeker_regions:
            if any(region_matches(job_region, n) for n in neighbours.get(clean_region(region), ())):
                return NEIGHBOUR_SCORE
    return 0.0


def join_zh(items: Iterable[str]) -> str:
    return "、".join(items)


# ---------------------------------------------------------------- array components
# All elementwise with numpy broadcasting: one side is a scalar, the other an array
# over all jobs (JobMatcher) or all seekers (CandidateMatcher).


def text_component(sims: np.ndarray) -> np.ndarray:
    sims = np.asarray(sims, dtype=np.float64)
    if sims.size == 0:
        return sims
    return np.clip(sims / max(float(sims.max()), TEXT_SCALE_FLOOR), 0.0, 1.0)


def skill_component(matched, required, seeker_count) -> np.ndarray:
    """Share of the job's skills the seeker has (neutral when the job lists none).

    A fifth of the value rewards using up to three of the seeker's skills at all,
    so a job needing one of their five skills is not level with one needing none.
    """
    matched, required, seeker_count = np.broadcast_arrays(
        np.asarray(matched, dtype=np.float64),
        np.asarray(required, dtype=np.float64),
        np.asarray(seeker_count, dtype=np.float64),
    )
    cover = np.divide(matched, required, out=np.zeros(matched.shape), where=required > 0)
    used = np.minimum(1.0, matched / np.maximum(1.0, np.minimum(seeker_count, 3.0)))
    cover = np.where(seeker_count > 0, 0.8 * cover + 0.2 * used, cover)
    return np.where(required > 0, cover, NEUTRAL)


def prefix_similarity(a, b) -> np.ndarray:
    """Occupation codes (``occupation_num``) agreeing on the full code / 小类 / 中类 / 大类."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))
    out = np.zeros(a.shape, dtype=np.float64)
    known = (a >= 0) & (b >= 0)
    for div, score in zip((1_000_000, 10_000, 100, 1), OCCUPATION_PREFIX_SCORES[::-1], strict=True):
        out = np.where(known & (a // div == b // div), score, out)
    return out


def occupation_component(job_codes, seeker_codes: Sequence[tuple[int, float]]) -> np.ndarray:
    """Best weighted prefix agreement between each job's code and the seeker's codes."""
    job_codes = np.asarray(job_codes, dtype=np.int64)
    out = np.zeros(job_codes.shape, dtype=np.float64)
    for code, weight in seeker_codes:
        out = np.maximum(out, weight * prefix_similarity(job_codes, code))
    return out


def choice_component(
    job_choice, wanted_mask, *, partial_option: int = -1, partial: float = 0.0
) -> np.ndarray:
    """1 if the job's option (index; -1 unknown) is in the wanted bitmask, else 0.

    Neutral when the job's option is unknown or the seeker wants nothing in
    particular; ``partial_option`` (flexible hours) suits every wish ``partial``-ly.
    """
    job_choice, mask = np.broadcast_arrays(
        np.asarray(job_choice, dtype=np.int64), np.asarray(wanted_mask, dtype=np.int64)
    )
    hit = (mask >> np.maximum(job_choice, 0)) & 1
    out = np.where(hit == 1, 1.0, 0.0)
    out = np.where((job_choice == partial_option) & (out < partial), partial, out)
    return np.where((mask == 0) | (job_choice < 0), NEUTRAL, out)


def choice_mask(options: Iterable[str], vocabulary: Sequence[str]) -> int:
    mask = 0
    for option in options:
        if option in vocabulary:
            mask |= 1 << vocabulary.index(option)
    return mask


def choice_index(option: str, vocabulary: Sequence[str]) -> int:
    return vocabulary.index(option) if option in vocabulary else -1


def region_component(closeness, has_wish, job_has_region, remote, home) -> np.ndarray:
    """Region fit (see ``region_feature`` for the same rule in words).

    ``closeness``: :func:`region_closeness` of the job's region to the wished ones.
    """
    closeness = np.asarray(closeness, dtype=np.float64)
    has_wish, job_has_region, remote, home = (
        np.asarray(x, dtype=bool) for x in (has_wish, job_has_region, remote, home)
    )
    elsewhere = np.where(remote, REMOTE_SCORE, 0.0)
    unknown = np.where(remote, REMOTE_SCORE, NEUTRAL)
    out = np.where(job_has_region, np.maximum(closeness, elsewhere), unknown)
    out = np.where(has_wish, out, NEUTRAL)
    return np.where(home, 1.0, out)


def pay_component(pay_min, pay_max, expected) -> np.ndarray:
    """1 if the top of the range reaches the expectation, falling to 0 at half of it."""
    pay_min, pay_max, expected = np.broadcast_arrays(
        *(np.asarray(x, dtype=np.float64) for x in (pay_min, pay_max, expected))
    )
    top = np.where(np.isnan(pay_max), pay_min, pay_max)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.clip(1.0 - 2.0 * (expected - top) / expected, 0.0, 1.0)
    unknown = np.isnan(top) | np.isnan(expected) | ~(expected > 0)
    return np.where(unknown, NEUTRAL, score)


def education_component(job_rank, seeker_rank) -> np.ndarray:
    job_rank, seeker_rank = np.broadcast_arrays(
        np.asarray(job_rank, dtype=np.int64), np.asarray(seeker_rank, dtype=np.int64)
    )
    met = np.clip(1.0 - 0.4 * (job_rank - seeker_rank), 0.0, 1.0)
    return np.where(job_rank <= 0, 1.0, np.where(seeker_rank < 0, NEUTRAL, met))


def fit_component(penalty, needs_met) -> np.ndarray:
    """Half "no unresolved lower conflict", half "share of needed accommodations offered"."""
    return 0.5 * (1.0 - np.asarray(penalty, dtype=np.float64)) + 0.5 * np.asarray(needs_met, dtype=np.float64)


# ---------------------------------------------------------------- one pair, with reasons

FLEXIBLE = HOURS.index("flexible")
FLEXIBLE_SCORE = 0.8


def hours_component(job_choice, wanted_mask) -> np.ndarray:
    return choice_component(job_choice, wanted_mask, partial_option=FLEXIBLE, partial=FLEXIBLE_SCORE)


def region_feature(job, seeker, neighbours: Mapping[str, frozenset[str]] | None = None) -> tuple[float, str]:
    closeness = region_closeness(job.region, seeker.regions, neighbours)
    value = float(
        region_component(
            closeness,
            bool(seeker.regions),
            bool(clean_region(job.region)),
            "remote" in job.accommodations,
            job.employment_form == "home",
        )
    )
    if job.employment_form == "home":
        return 1.0, "居家就业，不用通勤"
    if not clean_region(job.region):
        return value, "单位未注明工作地点"
    if not seeker.regions:
        return value, f"工作地点在{job.region}"
    if closeness >= 1.0:
        return value, f"工作地点在{job.region}，在您希望的区域内"
    if closeness > 0:
        return value, f"工作地点在{job.region}，离您希望的区域（{join_zh(seeker.regions)}）不远"
    if "remote" in job.accommodations:
        return value, f"工作地点在{job.region}，单位可以安排居家办公"
    return value, f"工作地点在{job.region}，不在您希望的区域（{join_zh(seeker.regions)}）"


def form_feature(job, seeker) -> tuple[float, str]:
    value = float(
        choice_component(
            choice_index(job.employment_form, EMPLOYMENT_FORMS),
            choice_mask(seeker.employment_forms, EMPLOYMENT_FORMS),
        )
    )
    label = EMPLOYMENT_FORM_LABELS.get(job.employment_form, "")
    if value == 1.0:
        return value, f"就业形式是{label}，符合您的意愿"
    if value == 0.0:
        return value, f"就业形式是{label}，与您的意愿不同"
    return value, ""


def hours_feature(job, seeker) -> tuple[float, str]:
    value = float(hours_component(choice_index(job.hours, HOURS), choice_mask(seeker.hours, HOURS)))
    label = HOURS_LABELS.get(job.hours, "")
    if value >= 0.8:
        return value, f"工作时间是{label}，符合您的安排"
    if value == 0.0:
        return value, f"工作时间是{label}，与您希望的不同"
    return value, ""


def pay_feature(job, seeker) -> tuple[float, str]:
    value = float(pay_component(to_float(job.pay_min), to_float(job.pay_max), to_float(seeker.expected_pay)))
    lo, hi = job.pay_min, job.pay_max
    if lo is None and hi is None:
        return value, ""
    shown = f"{lo:.0f}–{hi:.0f} 元/月" if lo is not None and hi is not None else f"{(hi or lo):.0f} 元/月"
    if seeker.expected_pay is None:
        return value, f"工资 {shown}"
    if value >= 1.0:
        return value, f"工资 {shown}，达到您期望的 {seeker.expected_pay:.0f} 元"
    return value, f"工资 {shown}，低于您期望的 {seeker.expected_pay:.0f} 元"


def education_feature(job, seeker) -> tuple[float, str]:
    value = float(education_component(education_rank(job.education), education_rank(seeker.education)))
    if education_rank(job.education) <= 0:
        return value, ""
    need = EDUCATION_LABELS[job.education]
    if value >= 1.0:
        return value, f"学历要求{need}，您符合"
    return value, f"学历要求{need}"


# A suggestion must be about the work the seeker wants: some text in common, a shared skill, or an
# occupation in the same 中类 (prefix score 0.4). Below that a list stops short rather than pad
# itself with 装卸工 for someone who asked for 客服 (issue 13).
RELEVANCE_TEXT_FLOOR = 0.1
RELEVANCE_OCCUPATION_FLOOR = 0.4


def topically_relevant(text, skill_matches, occupation) -> np.ndarray:
    """True where a job shares the seeker's topic (text, a skill or a close occupation)."""
    return (
        (np.asarray(text) >= RELEVANCE_TEXT_FLOOR)
        | (np.asarray(skill_matches) > 0)
        | (np.asarray(occupation) >= RELEVANCE_OCCUPATION_FLOOR)
    )
