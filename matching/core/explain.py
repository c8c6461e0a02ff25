"""Explanations in plain Chinese: every suggestion says why (docs/matching.md).

Built only for the final top-k, from the same features and fit assessment that
ranked the pair.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .accommodations import labels, sort_codes
from .features import JobFeatures, SeekerFeatures
from .fit import Conflict, FitAssessment
from .scoring import education_feature, form_feature, hours_feature, join_zh, pay_feature, region_feature


@dataclass(frozen=True)
class Reason:
    """One reason, for the card: ``tone`` "fit" (✓), "gap" (⚠) or "info"; ``source`` says in
    words where it comes from (the seeker's own profile, the posting, the classification), so no
    reason claims what nobody stated; ``weight`` orders them, strongest first."""

    text: str
    tone: str
    source: str
    weight: float


# Where each kind of reason comes from, in the seeker's words.
FROM_CLASSIFICATION = "职业分类：岗位的职业与您想做的工作"
FROM_SKILLS = "您填写的技能和经历，岗位要求的技能"
FROM_POSTING_SKILLS = "岗位要求的技能"
FROM_POSTING_SUPPORT = "岗位信息：单位提供的支持"
FROM_NEEDS = "您填写的支持需要，岗位信息"
FROM_FIT = "岗位信息和您的残疾信息"
FROM_WISHES = "您的求职意向，岗位信息"
FROM_POSTING = "岗位信息"
FROM_OWN_WORDS = "您自己的描述，岗位信息"


def _tone(value: float) -> str:
    return "fit" if value >= 0.75 else "gap" if value < 0.5 else "info"


def ranked_reasons(explanation: Explanation) -> tuple[Reason, ...]:
    return tuple(sorted(explanation.reasons, key=lambda r: -r.weight))


@dataclass(frozen=True)
class Explanation:
    """Why a pair was suggested. Codes are accommodation codes; ``reasons_zh`` is for people.

    ``courses``: (missing skill, training course) pairs when the matcher was given
    a course list; ``occupation``: the name of the job's occupation code.
    """

    matched_skills: tuple[str, ...]
    missing_skills: tuple[str, ...]
    accommodations_needed: tuple[str, ...]
    accommodations_offered: tuple[str, ...]
    accommodations_met: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    region_note: str
    reasons_zh: tuple[str, ...]
    courses: tuple[tuple[str, str], ...] = ()
    occupation: str = ""
    # The same points as ``reasons_zh`` with tone, source and strength (strongest first).
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Suggestion:
    """One ranked pair. ``components``: each score component in [0, 1], plus the fit
    ``penalty`` and the ``feedback`` factor that multiplied the weighted sum."""

    job_id: str
    seeker_id: str
    score: float
    components: dict[str, float]
    explanation: Explanation


def explain_job_for_seeker(
    matcher, feat: JobFeatures, sf: SeekerFeatures, assessment: FitAssessment, occupation_score: float = 0.0
) -> Explanation:
    """Why ``feat``'s job suits the seeker, worded for the seeker."""
    # needs and places the seeker named in their own words count as stated (issue 13)
    job, seeker = feat.job, replace(sf.seeker, needs=sf.needs, regions=sf.regions)
    have = set(sf.skills)
    matched = tuple(s for s in feat.skills if s in have)
    missing = tuple(s for s in feat.skills if s not in have) if feat.skills_listed else ()
    needed = sort_codes(seeker.needs)
    offered = sort_codes(job.accommodations)
    met = sort_codes(seeker.needs & feat.offered)
    by_employer = seeker.needs & job.accommodations
    at_home = (seeker.needs & feat.offered) - job.accommodations
    courses = tuple((s, matcher.courses[s]) for s in missing if s in matcher.courses)
    out: list[Reason] = []

    def add(text: str, tone: str, source: str, weight: float) -> None:
        out.append(Reason(text, tone, source, weight))

    occupation = matcher.occupation_name(feat.occupation_code)
    if occupation and occupation_score >= 1.0:
        add(f"岗位属于「{occupation}」，与您想找的工作相符", "fit", FROM_CLASSIFICATION, 1.0)
    elif occupation and occupation_score >= 0.75:
        add(f"岗位属于「{occupation}」，与您想找的工作相近", "fit", FROM_CLASSIFICATION, 0.8)
    if matched:
        add(f"您会的 {join_zh(matched)} 正是这个岗位需要的", "fit", FROM_SKILLS, 0.9)
    if missing:
        text = f"还缺少：{join_zh(missing)}"
        if courses:
            text += "（可以参加：" + "、".join(f"{c}" for _, c in courses) + "）"
        add(text, "gap", FROM_POSTING_SKILLS, 0.7)
    # accommodations already named by a resolved conflict are not repeated
    in_conflicts = {c for conflict in assessment.conflicts for c in conflict.resolved_by}
    if by_employer - in_conflicts:
        add(f"单位提供{labels(by_employer - in_conflicts)}，正是您需要的", "fit", FROM_POSTING_SUPPORT, 0.85)
    if at_home:
        add(f"居家工作，{labels(at_home)}可以用您自己的", "fit", FROM_NEEDS, 0.6)
    unmet = seeker.needs - feat.offered
    if unmet:
        add(f"单位没有注明是否提供{labels(unmet)}，可以在面试时询问", "gap", FROM_NEEDS, 0.6)
    for c in assessment.conflicts:
        add(c.note_zh, "fit" if c.resolved else "gap", FROM_FIT, 0.75 if c.resolved else 0.95)
    # What the seeker wrote they cannot or would rather not do (a job demanding an unresolved
    # limit is never suggested, so a limit seen here is one the employer resolves).
    labels_by_demand = {rule.demand: rule.label for rule in matcher.rules}
    for demand in sorted(sf.limits & feat.demands):
        add(f"您说过{labels_by_demand[demand]}有困难，单位提供的支持可以解决", "fit", FROM_OWN_WORDS, 0.7)
    for demand in sorted(sf.dislikes & feat.demands):
        add(f"岗位需要{labels_by_demand[demand]}，您说过不太想做", "gap", FROM_OWN_WORDS, 0.9)
    region_value, region_note = region_feature(job, seeker, matcher.neighbours)
    if region_note:
        add(region_note, _tone(region_value), FROM_WISHES, 0.5)
    wishes = replace(seeker, employment_forms=sf.employment_forms)
    for feature, weight in (
        (form_feature, 0.4),
        (hours_feature, 0.35),
        (pay_feature, 0.55),
        (education_feature, 0.3),
    ):
        value, note = feature(job, wishes)
        if note:
            add(note, _tone(value), FROM_WISHES, weight)
    if job.guaranteed_interview:
        add("单位承诺给残疾人求职者面试机会", "fit", FROM_POSTING, 0.45)
    return Explanation(
        matched_skills=matched,
        missing_skills=missing,
        accommodations_needed=needed,
        accommodations_offered=offered,
        accommodations_met=met,
        conflicts=assessment.conflicts,
        region_note=region_note,
        reasons_zh=tuple(r.text for r in out),
        courses=courses,
        occupation=occupation,
        reasons=tuple(out),
    )


def explain_seeker_for_job(
    matcher, jf: JobFeatures, sf: SeekerFeatures, assessment: FitAssessment
) -> Explanation:
    """The same facts as :func:`explain_job_for_seeker`, worded for staff and employers."""
    job, seeker = jf.job, sf.seeker
    have = set(sf.skills)
    matched = tuple(s for s in jf.skills if s in have)
    missing = tuple(s for s in jf.skills if s not in have) if jf.skills_listed else ()
    met = sort_codes(seeker.needs & jf.offered)
    reasons = []
    if matched:
        reasons.append(f"求职者会 {join_zh(matched)}，正是岗位需要的")
    if missing:
        reasons.append(f"还缺少：{join_zh(missing)}")
    if met:
        reasons.append(f"求职者需要的{labels(met)}，单位已经提供")
    unmet = seeker.needs - jf.offered
    if unmet:
        reasons.append(f"求职者还需要{labels(unmet)}")
    reasons.extend(c.note_zh.replace("您", "求职者") for c in assessment.conflicts)
    _, region_note = region_feature(job, seeker, matcher.neighbours)
    region_note = region_note.replace("您", "求职者")
    if region_note:
        reasons.append(region_note)
    return Explanation(
        matched_skills=matched,
        missing_skills=missing,
        accommodations_needed=sort_codes(seeker.needs),
        accommodations_offered=sort_codes(job.accommodations),
        accommodations_met=met,
        conflicts=assessment.conflicts,
        region_note=region_note,
        reasons_zh=tuple(reasons),
        occupation=matcher.occupation_name(jf.occupation_code),
    )
