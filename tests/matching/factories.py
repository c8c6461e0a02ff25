"""make_<model>(**overrides) helpers for the matching tests (valid identifiers, fictional people)."""

import itertools
from datetime import date

from backend.accounts.choices import CertificateKind, ConsentScope, EmployerStatus, Role
from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, EmployerMembership, Region, User
from backend.accounts.services import CertificateInput, consent_grant, person_create
from matching.services import posting_create, profile_update

_seq = itertools.count(1)

SHAXI = "320585101"
CHENGXIANG = "320585100"
LIUHE = "320585102"
FUQIAO = "320585103"


def region(code: str = CHENGXIANG) -> Region:
    return Region.objects.get(code=code)


def make_employer(**overrides) -> Employer:
    n = next(_seq)
    values = {
        "name": f"太仓市测试企业{n}有限公司",
        "credit_code": credit_code("enterprise", "320585", 5000 + n),
        "org_type": "enterprise",
        "region": region(),
        "status": EmployerStatus.ACTIVE,
    }
    values.update(overrides)
    return Employer.objects.create(**values)


def make_employer_user(employer: Employer | None = None, **overrides) -> User:
    employer = employer or make_employer()
    n = next(_seq)
    user = User.objects.create(username=overrides.pop("username", f"hr{n}"), role=Role.EMPLOYER, **overrides)
    EmployerMembership.objects.create(user=user, employer=employer, is_admin=True)
    return user


def make_person(category: int | None = 1, grade: int = 1, *, consent_matching: bool = True, **overrides):
    n = next(_seq)
    # The sequence has three digits: wrap (day and sequence repeat together only every 6,300).
    rid = resident_id("320585", date(1980, 1, 1 + n % 28), 100 + n % 900)
    cert = (
        CertificateInput(kind=CertificateKind.DISABILITY, number=f"{rid}{category}{grade}")
        if category
        else CertificateInput()
    )
    values = {"name": f"测试{n}", "resident_id": rid, "region": region(), "certificate": cert}
    values.update(overrides)
    person = person_create(**values)
    if consent_matching:
        consent_grant(person=person, scope=ConsentScope.DISABILITY_MATCHING, purpose="岗位推荐")
    return person


def make_seeker_user(person=None, **overrides) -> User:
    person = person or make_person()
    n = next(_seq)
    return User.objects.create(
        username=overrides.pop("username", f"seeker_t{n}"), role=Role.SEEKER, person=person, **overrides
    )


def make_posting(employer: Employer | None = None, user: User | None = None, **overrides):
    if user is None:
        employer = employer or make_employer()
        user = make_employer_user(employer)
    elif employer is None:
        employer = user.memberships.first().employer
    values = {
        "title": "包装工",
        "description": "负责产品包装、贴标，坐姿作业。",
        "skills": ["包装"],
        "region": region(),
        "employment_form": "competitive",
        "hours": "full_time",
        "pay_min": "3000",
        "pay_max": "4000",
    }
    values.update(overrides)
    return posting_create(user=user, employer=employer, **values)


def make_profile(person=None, **overrides):
    person = person or make_person()
    values = {"desired": "包装工", "skills": ["包装"], "regions": [CHENGXIANG]}
    values.update(overrides)
    return profile_update(person=person, **values)
