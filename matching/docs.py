"""Turn postings and profiles into the pure matcher's documents (matching.core.models).

This is the one place that decides what the matcher may know about a seeker: disability
category, grade and needs go in only while the person's disability_matching consent is live
(个人信息保护法 第二十九条); otherwise the seeker is matched on text, skills and wishes alone.

The employer-side index (candidates for a posting) never holds them, whatever the consents:
an employer who compares the candidate lists of two postings that differ only in a demand
(接听电话, 普通话标准) would otherwise see exactly the hearing- or speech-impaired seekers drop
out, learning a disability nobody disclosed to them (Art. 28–29: the seeker shares it with an
employer only by applying with sharing switched on). Disability fit is applied on the seeker's
side alone (``match_jobs_for_seeker``).
"""

from collections.abc import Iterable
from dataclasses import replace

from backend.accounts.choices import ConsentScope, RegionLevel
from backend.accounts.models import Consent, Region
from backend.accounts.selectors import person_disability

from .core.models import JobDoc, SeekerDoc
from .models import JobPosting, SeekerProfile


class RegionLabels:
    """Region names as the matcher compares and shows them: the chain from the county down
    ("太仓市沙溪镇"), so a wish for 太仓市 contains every town of Taicang while the same town
    name in another county stays apart. Short, because explanations read it aloud."""

    def __init__(self) -> None:
        rows = list(Region.objects.values("id", "code", "name", "level", "parent_id"))
        by_id = {r["id"]: r for r in rows}
        self.by_id: dict[int, str] = {}
        self.by_code: dict[str, str] = {}
        self.name_by_code: dict[str, str] = {r["code"]: r["name"] for r in rows}
        for row in rows:
            chain, node = [], row
            while node is not None:
                if node["level"] not in (RegionLevel.PROVINCE, RegionLevel.CITY) or node is row:
                    chain.append(node["name"])
                node = by_id.get(node["parent_id"])
            label = "".join(reversed(chain))
            self.by_id[row["id"]] = label
            self.by_code[row["code"]] = label


def posting_doc(posting: JobPosting, regions: RegionLabels) -> JobDoc:
    return JobDoc(
        id=str(posting.pk),
        title=posting.title,
        description=posting.description,
        skills=tuple(posting.skills),
        occupation_code=posting.occupation_code,
        region=regions.by_id.get(posting.region_id, "") if posting.region_id else "",
        employment_form=posting.employment_form,
        hours=posting.hours,
        pay_min=posting.pay_min,
        pay_max=posting.pay_max,
        education="" if posting.education == "none" else posting.education,
        accommodations=frozenset(posting.accommodations),
        # Demands the employer confirmed are used as they are; unconfirmed ones are derived
        # again from the text with the current rule table, so edits to the keywords apply.
        demands=frozenset(posting.demands) if posting.demands_confirmed else None,
        guaranteed_interview=posting.guaranteed_interview,
    )


def posting_docs(postings: Iterable[JobPosting], regions: RegionLabels | None = None) -> list[JobDoc]:
    regions = regions or RegionLabels()
    return [posting_doc(p, regions) for p in postings]


def matching_consents(person_ids: Iterable[int]) -> set[int]:
    """Persons (of ``person_ids``) whose disability_matching consent is live: one query."""
    return set(
        Consent.objects.filter(
            person_id__in=list(person_ids),
            scope=ConsentScope.DISABILITY_MATCHING,
            withdrawn_at__isnull=True,
        ).values_list("person_id", flat=True)
    )


def profile_doc(profile: SeekerProfile, regions: RegionLabels, *, disability_allowed: bool) -> SeekerDoc:
    category = grade = None
    needs: frozenset[str] = frozenset()
    if disability_allowed:
        info = person_disability(profile.person)
        category, grade = info.get("category"), info.get("grade")
        needs = frozenset(profile.needs)
    return SeekerDoc(
        id=str(profile.pk),
        desired=profile.desired,
        skills=tuple(profile.skills),
        experience=profile.experience,
        education=profile.education,
        regions=tuple(regions.by_code[c] for c in profile.regions if c in regions.by_code),
        employment_forms=tuple(profile.employment_forms),
        hours=tuple(profile.hours),
        expected_pay=profile.expected_pay,
        occupation_codes=tuple(profile.occupation_codes),
        disability_category=category,
        disability_grade=grade if category is not None else None,
        needs=needs,
        can_do=frozenset(profile.can_do),
    )


def candidate_doc(profile: SeekerProfile, regions: RegionLabels) -> SeekerDoc:
    """A seeker as the employer-side index holds them: stated wishes, skills and facts only —
    no category, grade, needs or "can do despite" notes (those only make sense next to a
    disability and would let the ranking reveal it)."""
    return replace(profile_doc(profile, regions, disability_allowed=False), can_do=frozenset())


def candidate_docs(profiles: Iterable[SeekerProfile], regions: RegionLabels | None = None) -> list[SeekerDoc]:
    regions = regions or RegionLabels()
    return [candidate_doc(p, regions) for p in profiles]
