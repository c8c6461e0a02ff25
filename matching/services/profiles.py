"""Writes to seeker profiles. The two disability switches are the person's Consent records."""

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts.choices import ConsentScope
from backend.accounts.models import Person, Region
from backend.accounts.services import consent_grant, consent_withdraw

from ..choices import Education, EmploymentForm, Hours
from ..models import SeekerProfile
from ..reference import accommodation_choices, demand_choices, occupation_codes_known
from ..validation import clean_codes, clean_money, clean_occupation_codes, clean_text_list
from .index import index_record_change

PROFILE_FIELDS = {
    "desired",
    "occupation_codes",
    "skills",
    "experience",
    "education",
    "regions",
    "employment_forms",
    "hours",
    "expected_pay",
    "needs",
    "can_do",
    "visible_to_employers",
}
CONSENT_FIELDS = {
    "use_disability_for_matching": (ConsentScope.DISABILITY_MATCHING, "使用残疾信息为我推荐岗位"),
    "share_disability_with_employers": (ConsentScope.DISABILITY_SHARING, "向我申请的单位展示残疾信息"),
}


def _clean(values: dict) -> dict:
    out = dict(values)
    for name, limit, label in (("desired", 200, "想找的工作"), ("experience", 2000, "工作经历")):
        if name in out:
            out[name] = (out[name] or "").strip()
            if len(out[name]) > limit:
                raise ValidationError({name: f"{label}不超过{limit}个字"})
    if "skills" in out:
        out["skills"] = clean_text_list(out["skills"], field="skills", label="技能")
    if "occupation_codes" in out:
        out["occupation_codes"] = clean_occupation_codes(
            out["occupation_codes"], field="occupation_codes", known=occupation_codes_known()
        )[:5]
    if "education" in out:
        out["education"] = out["education"] or ""
        if out["education"] and out["education"] not in Education.values:
            raise ValidationError({"education": "请选择学历"})
    if "regions" in out:
        codes = clean_text_list(out["regions"], field="regions", label="希望工作的区镇", max_len=12)
        found = dict(Region.objects.filter(code__in=codes).values_list("code", "level"))
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError({"regions": f"没有这个区划代码：{'、'.join(unknown)}"})
        # A wish is a 区镇 (the page offers only those); the whole city is "no choice", so a
        # city or province code would only mismatch the page and the matcher's closeness.
        wider = [c for c in codes if found[c] not in ("town", "zone")]
        if wider:
            raise ValidationError(
                {"regions": f"希望工作的区镇只能选区镇，{'、'.join(wider)} 不是区镇；不选表示全市都可以"}
            )
        out["regions"] = codes
    if "employment_forms" in out:
        out["employment_forms"] = clean_codes(
            out["employment_forms"], field="employment_forms", label="就业形式", allowed=EmploymentForm.values
        )
    if "hours" in out:
        out["hours"] = clean_codes(out["hours"], field="hours", label="工作时间", allowed=Hours.values)
    if "expected_pay" in out:
        out["expected_pay"] = clean_money(out["expected_pay"], field="expected_pay", label="期望月薪")
    if "needs" in out:
        out["needs"] = clean_codes(
            out["needs"], field="needs", label="无障碍支持", allowed=accommodation_choices()
        )
    if "can_do" in out:
        out["can_do"] = clean_codes(
            out["can_do"], field="can_do", label="可以胜任的要求", allowed=demand_choices()
        )
    if "visible_to_employers" in out:
        out["visible_to_employers"] = bool(out["visible_to_employers"])
    return out


def profile_get_or_create(*, person: Person) -> SeekerProfile:
    """The person's profile, created empty (and logged for the index) on first use."""
    profile, created = SeekerProfile.objects.get_or_create(person=person)
    if created:
        index_record_change(seeker_ids=[profile.pk])
    return profile


@transaction.atomic
def profile_update(*, person: Person, **changes) -> SeekerProfile:
    """Create or change the person's profile; the consent switches grant or withdraw consents."""
    unknown = set(changes) - PROFILE_FIELDS - set(CONSENT_FIELDS)
    if unknown:
        raise ValidationError({name: "该字段不能修改" for name in sorted(unknown)})
    profile, _ = SeekerProfile.objects.select_for_update().get_or_create(person=person)
    values = _clean({k: v for k, v in changes.items() if k in PROFILE_FIELDS})
    if "desired" in values and values["desired"] != profile.desired and "occupation_codes" not in values:
        # Codes chosen for the old wish would keep matching (and be given as the reason "与您想找
        # 的工作相符") after the seeker wrote a new one; without codes the matcher codes the new
        # words itself (matching.core.matcher: explicit codes win over the text).
        values["occupation_codes"] = []
    for name, value in values.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    for name, (scope, purpose) in CONSENT_FIELDS.items():
        if name not in changes:
            continue
        if changes[name]:
            consent_grant(person=person, scope=scope, purpose=purpose)
        else:
            consent_withdraw(person=person, scope=scope)
    index_record_change(seeker_ids=[profile.pk])
    return profile
