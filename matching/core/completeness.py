"""How complete a job-seeker's profile is: which parts are missing and a percentage.

Pure (no Django): the start page and the API pass the profile's values in; the weights say how
much each part helps the matcher (the wish and the skills carry most of the text it ranks on).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ProfileFacts:
    """The values of a profile that completeness looks at (None: no profile saved yet)."""

    desired: str = ""
    skills: tuple[str, ...] = ()
    experience: str = ""
    education: str = ""
    regions: tuple[str, ...] = ()
    employment_forms: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()
    expected_pay: Decimal | None = None
    needs: tuple[str, ...] = ()
    matching_consent: bool = False


@dataclass(frozen=True)
class Section:
    """One part of the profile: the profile step it is asked on and the field to jump to."""

    key: str
    label: str
    why: str
    step: str
    field: str
    weight: int


SECTIONS: tuple[Section, ...] = (
    Section("desired", "想做的工作", "推荐主要按它来找岗位", "wish", "desired", 30),
    Section("skills", "会的技能", "单位最看重的内容之一", "skills", "skills", 20),
    Section("experience", "工作经历", "让单位了解您做过什么", "skills", "experience", 10),
    Section("education", "学历", "有些岗位有学历要求", "skills", "education", 5),
    Section("regions", "希望工作的区镇", "推荐离您近的岗位", "place", "regions", 10),
    Section("forms", "就业形式和工作时间", "只推荐您愿意做的形式和时间", "place", "employment_forms", 10),
    Section("pay", "期望月薪", "推荐待遇合适的岗位", "pay", "expected_pay", 5),
    Section(
        "support",
        "需要的支持",
        "优先推荐能提供这些支持的单位（需要您同意使用残疾信息）",
        "disability",
        "needs",
        10,
    ),
)
TOTAL_WEIGHT = sum(s.weight for s in SECTIONS)


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: tuple[Section, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def _filled(key: str, facts: ProfileFacts) -> bool:
    if key == "desired":
        return bool(facts.desired.strip())
    if key == "skills":
        return bool(facts.skills)
    if key == "experience":
        return bool(facts.experience.strip())
    if key == "education":
        return bool(facts.education) and facts.education != "none"
    if key == "regions":
        return bool(facts.regions)
    if key == "forms":
        # Either choice says something; "不选表示都可以" is a valid answer only once the
        # other was given, so one of the two is enough.
        return bool(facts.employment_forms or facts.hours)
    if key == "pay":
        return facts.expected_pay is not None
    if key == "support":
        # Needs count only with the matching consent: without it they are not used at all.
        return bool(facts.needs) and facts.matching_consent
    raise ValueError(f"unknown section {key!r}")


def profile_completeness(facts: ProfileFacts | None) -> Completeness:
    """The missing sections (in the order of the profile steps) and the weighted percentage,
    rounded down so that 100 % means really complete."""
    if facts is None:
        return Completeness(percent=0, missing=SECTIONS)
    missing = tuple(s for s in SECTIONS if not _filled(s.key, facts))
    done = TOTAL_WEIGHT - sum(s.weight for s in missing)
    return Completeness(percent=done * 100 // TOTAL_WEIGHT, missing=missing)
