"""make_<model>(**overrides) helpers for the job-market page tests, built through the services."""

from backend.accounts.choices import ConsentScope
from backend.accounts.services import consent_grant
from matching.services import application_create, posting_create, profile_update
from tests import factories as base

CHENGXIANG = "320585100"


def make_seeker(*, category: int = 4, grade: int = 3, matching_consent: bool = True, **person):
    """A seeker user whose person holds a disability certificate (and, by default, has agreed
    to their disability being used for matching)."""
    user = base.make_seeker(category=category, grade=grade, **person)
    if matching_consent:
        consent_grant(person=user.person, scope=ConsentScope.DISABILITY_MATCHING, purpose="岗位推荐")
    return user


def make_employer_user(employer=None):
    return base.make_employer_user(employer or base.make_employer())


def make_posting(user, **overrides):
    """A posting of ``user``'s (first) employer."""
    values = {
        "title": "包装工",
        "description": "负责产品包装、贴标，坐姿作业。",
        "skills": ["包装"],
        "region": base.region(CHENGXIANG),
        "employment_form": "competitive",
        "hours": "full_time",
        "pay_min": "3000",
        "pay_max": "4000",
    }
    values.update(overrides)
    return posting_create(user=user, employer=user.memberships.first().employer, **values)


def make_profile(user, **overrides):
    values = {"desired": "包装工", "skills": ["包装"], "regions": [CHENGXIANG]}
    values.update(overrides)
    return profile_update(person=user.person, **values)


def make_application(seeker, posting, **overrides):
    return application_create(user=seeker, posting=posting, **overrides)
