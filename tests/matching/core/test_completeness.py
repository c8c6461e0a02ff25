"""The profile-completeness check (pure): which sections are missing and the percentage."""

from decimal import Decimal

from matching.core.completeness import SECTIONS, ProfileFacts, profile_completeness

FULL = ProfileFacts(
    desired="客服",
    skills=("打字",),
    experience="做过两年电话客服",
    education="high_school",
    regions=("320585100",),
    employment_forms=("competitive",),
    expected_pay=Decimal("3500"),
    needs=("screen_reader",),
    matching_consent=True,
)


def test_no_profile_is_zero_percent_with_every_section_missing():
    result = profile_completeness(None)
    assert result.percent == 0
    assert [s.key for s in result.missing] == [s.key for s in SECTIONS]


def test_a_full_profile_is_complete_at_one_hundred_percent():
    result = profile_completeness(FULL)
    assert result.percent == 100
    assert result.complete


def test_only_the_wish_filled_is_thirty_percent_and_names_the_rest_in_step_order():
    result = profile_completeness(ProfileFacts(desired="包装工"))
    assert result.percent == 30
    assert [s.label for s in result.missing][:3] == ["会的技能", "工作经历", "学历"]
    assert all(s.step and s.field for s in result.missing)


def test_support_needs_without_the_matching_consent_count_as_missing():
    without = profile_completeness(ProfileFacts(**{**FULL.__dict__, "matching_consent": False}))
    assert [s.key for s in without.missing] == ["support"]
    assert without.percent == 90


def test_education_none_and_blank_text_count_as_missing():
    facts = ProfileFacts(**{**FULL.__dict__, "education": "none", "experience": "   "})
    assert {s.key for s in profile_completeness(facts).missing} == {"education", "experience"}


def test_hours_alone_answers_the_forms_section():
    facts = ProfileFacts(**{**FULL.__dict__, "employment_forms": (), "hours": ("part_time",)})
    assert profile_completeness(facts).complete
