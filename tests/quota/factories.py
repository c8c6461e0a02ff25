"""Builders for the quota Django tests: ``make_<model>(**overrides)``.

Every person gets a fresh, valid resident ID (GB 11643) and certificate; employers get valid
credit codes; users are created directly (no password rules needed for tests).
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from backend.accounts.choices import CertificateKind, EmployerStatus, Role
from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, EmployerMembership, Region, User
from backend.accounts.services import CertificateInput, person_create
from quota.choices import ReportStatus
from quota.models import QuotaReport, RosterLine
from tests.factories import password_hash, verify_certificate

_SEQ = itertools.count(1)
PASSWORD = "Test-Pass-2025!"


def region(code: str = "320585") -> Region:
    return Region.objects.get(code=code)


def make_employer(
    *, region_code: str = "320585100", org_type: str = "enterprise", name: str | None = None
) -> Employer:
    n = next(_SEQ)
    return Employer.objects.create(
        name=name or f"测试单位{n}",
        credit_code=credit_code(org_type, "320585", 500000 + n),
        org_type=org_type,
        region=region(region_code),
        status=EmployerStatus.ACTIVE,
    )


def make_user(role: str = Role.EMPLOYER, *, employer: Employer | None = None, regions=(), **extra) -> User:
    n = next(_SEQ)
    if role == Role.AUDITOR:
        extra.setdefault("auditor_kind", "dpf")
    user = User.objects.create(username=f"{role}{n}", password=password_hash(PASSWORD), role=role, **extra)
    if employer is not None:
        EmployerMembership.objects.create(user=user, employer=employer, is_admin=True)
    for code in regions:
        user.regions.add(region(code))
    return user


def certificate_for(rid: str, *, grade: int = 4, category: int = 4) -> str:
    return f"{rid}{category}{grade}"


def make_person(
    *,
    grade: int = 4,
    category: int = 4,
    birth: date = date(1985, 3, 1),
    name: str | None = None,
    valid_until: date | None = None,
    veteran_grade: int | None = None,
    veteran_number: str | None = None,
    female: bool = False,
    verified: bool = True,
):
    """A registered person with a 残疾人证 (or a 残疾军人证 when ``veteran_grade`` is given),
    verified (in the registry extract / confirmed by an auditor) unless ``verified`` is False."""
    n = next(_SEQ)
    seq = (n * 2) % 1000 + (0 if female else 1)  # odd sequence = male (GB 11643)
    rid = resident_id("320585", birth, seq)
    if veteran_grade is not None:
        cert = CertificateInput(
            kind=CertificateKind.VETERAN,
            number=veteran_number or f"JUN{n:08d}",
            veteran_grade=veteran_grade,
            valid_until=valid_until,
        )
    else:
        cert = CertificateInput(
            kind=CertificateKind.DISABILITY,
            number=certificate_for(rid, grade=grade, category=category),
            valid_until=valid_until,
        )
    person = person_create(name=name or f"残疾人{n}", resident_id=rid, certificate=cert)
    if verified:
        verify_certificate(person, valid_until=valid_until)
    return person


def make_report(employer: Employer, *, by: User | None = None, **overrides) -> QuotaReport:
    values = {
        "data_year": 2024,
        "status": ReportStatus.DRAFT,
        "employee_count": Decimal("100"),
        "total_wages": Decimal("5950000"),
    }
    values.update(overrides)
    creator = by or make_user(Role.EMPLOYER, employer=employer)
    return QuotaReport.objects.create(employer=employer, created_by=creator, **values)


def make_line(report: QuotaReport, person, **overrides) -> RosterLine:
    values = {
        "months": list(range(1, 13)),
        "insured_months": list(range(1, 13)),
        "monthly_wage": Decimal("5000.00"),
        "contract_start": date(report.data_year - 1, 1, 1),
        "contract_end": None,
        "line_no": report.roster.count() + 1,
    }
    values.update(overrides)
    return RosterLine.objects.create(
        report=report,
        person=person,
        certificate_bidx=person.certificate_bidx,
        certificate_kind=person.certificate_kind,
        **values,
    )
