"""make_<model>(**overrides) helpers for the registry, shared by every test package."""

import itertools
from datetime import date

from backend.accounts.choices import AuditorKind, CertificateKind, EmployerStatus, Role
from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, EmployerMembership, Region, User
from backend.accounts.services import CertificateInput, person_create

PASSWORD = "correct-horse-battery-staple"
_seq = itertools.count(1)


def region(code: str = "320585") -> Region:
    return Region.objects.get(code=code)


def make_resident_id(birth: date = date(1985, 6, 15), region_code: str = "320585") -> str:
    return resident_id(region_code, birth, next(_seq) % 999)


def make_person(
    *,
    category: int = 4,
    grade: int = 3,
    birth: date = date(1985, 6, 15),
    name: str = "测试人",
    region_code: str = "320585100",
    certificate: bool = True,
    valid_until: date | None = None,
):
    rid = make_resident_id(birth)
    cert = (
        CertificateInput(
            kind=CertificateKind.DISABILITY, number=f"{rid}{category}{grade}", valid_until=valid_until
        )
        if certificate
        else CertificateInput()
    )
    return person_create(
        name=name, resident_id=rid, phone="13900000000", region=region(region_code), certificate=cert
    )


def make_user(role: str = Role.SEEKER, *, username: str | None = None, **extra) -> User:
    user = User(username=username or f"user{next(_seq)}", role=role, **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_seeker(**person_kwargs) -> User:
    return make_user(Role.SEEKER, person=make_person(**person_kwargs))


def make_employer(
    *,
    org_type: str = "enterprise",
    region_code: str = "320585100",
    name: str | None = None,
    status: str = EmployerStatus.ACTIVE,
) -> Employer:
    serial = next(_seq)
    return Employer.objects.create(
        name=name or f"测试单位{serial}",
        credit_code=credit_code(org_type, "320585", 5000 + serial),
        org_type=org_type,
        region=region(region_code),
        status=status,
    )


def make_employer_user(employer: Employer | None = None, *, is_admin: bool = True) -> User:
    employer = employer or make_employer()
    user = make_user(Role.EMPLOYER)
    EmployerMembership.objects.create(user=user, employer=employer, is_admin=is_admin)
    return user


def make_auditor(region_code: str = "320585", kind: str = AuditorKind.DPF) -> User:
    user = make_user(Role.AUDITOR, auditor_kind=kind)
    user.regions.add(region(region_code))
    return user


def make_admin() -> User:
    return make_user(Role.ADMIN, is_staff=True, is_superuser=True)
