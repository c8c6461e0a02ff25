"""make_<model>(**overrides) helpers for the registry, shared by every test package."""

import functools
import itertools
import json
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password

from backend.accounts.choices import AuditorKind, CertificateKind, EmployerStatus, Role
from backend.accounts.crypto import cipher
from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, EmployerMembership, Region, User
from backend.accounts.services import CertificateInput, certificate_index, person_create
from identifiers.core import parse_certificate_no
from registry.models import CertificateConfirmation, CertificateRecord, DataImport, InsuranceRecord

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
    verified: bool = True,
):
    """A registered person; with a 残疾人证 that the registry lists as valid unless ``verified``
    is False (then the certificate is only self-declared: 待核验)."""
    rid = make_resident_id(birth)
    cert = (
        CertificateInput(
            kind=CertificateKind.DISABILITY, number=f"{rid}{category}{grade}", valid_until=valid_until
        )
        if certificate
        else CertificateInput()
    )
    person = person_create(
        name=name, resident_id=rid, phone="13900000000", region=region(region_code), certificate=cert
    )
    if certificate and verified:
        verify_certificate(person, valid_until=valid_until)
    return person


def password_hash(password: str = PASSWORD) -> str:
    """The password hashed by the first configured hasher (Argon2, as in production), once per
    password and configuration: hashing it again for every user, with a fresh salt, cost 0.2–0.5 s
    a user and a large share of the suite's time. Test users sharing a salt changes nothing tested."""
    return _hash_once(password, tuple(settings.PASSWORD_HASHERS))


@functools.cache
def _hash_once(password: str, hashers: tuple[str, ...]) -> str:
    return make_password(password)


def make_user(role: str = Role.SEEKER, *, username: str | None = None, **extra) -> User:
    user = User(username=username or f"user{next(_seq)}", role=role, **extra)
    user.password = password_hash()
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


def _registry_source():
    source = DataImport.objects.filter(source="测试核验库").first()
    return source or DataImport.objects.create(kind="certificates", source="测试核验库", sha256="0" * 64)


def make_certificate_record(
    number: str,
    *,
    name: str = "测试人",
    status: str = "valid",
    issued_on: date = date(2010, 1, 1),
    valid_until: date | None = None,
    status_changed_on: date | None = None,
):
    """The registry extract's record of a 残疾人证 (as an import would write it)."""
    info = parse_certificate_no(number)
    record = CertificateRecord(
        certificate_bidx=certificate_index(CertificateKind.DISABILITY, info.number),
        name=name,
        status=status,
        issued_on=issued_on,
        valid_until=valid_until,
        status_changed_on=status_changed_on,
        source=_registry_source(),
    )
    record.certificate_enc = cipher().encrypt(info.number, record.aad("certificate"))
    disability = json.dumps({"category": info.category, "grade": info.grade})
    record.disability_enc = cipher().encrypt(disability, record.aad("disability"))
    record.save()
    return record


def make_confirmation(person, *, valid_from: date = date(2010, 1, 1), valid_until: date | None = None):
    """An auditor's recorded confirmation of ``person``'s certificate (e.g. a 残疾军人证)."""
    auditor = User.objects.filter(username="registry-test-auditor").first()
    if auditor is None:
        auditor = make_user(Role.AUDITOR, username="registry-test-auditor", auditor_kind=AuditorKind.DPF)
    return CertificateConfirmation.objects.create(
        certificate_bidx=person.certificate_bidx,
        certificate_kind=person.certificate_kind,
        valid_from=valid_from,
        valid_until=valid_until,
        reason="核对证件原件",
        evidence="测试",
        confirmed_by=auditor,
    )


def verify_certificate(person, *, valid_until: date | None = None):
    """Make ``person``'s certificate verified: a registry record for a 残疾人证, an auditor's
    confirmation for a 残疾军人证 (the 残联 extract never lists those)."""
    if person.certificate_kind == CertificateKind.DISABILITY:
        return make_certificate_record(
            person.decrypt("certificate"), name=person.name, valid_until=valid_until
        )
    if person.certificate_kind == CertificateKind.VETERAN:
        return make_confirmation(person, valid_until=valid_until)
    return None


def make_insurance_records(employer, person, *, year: int, months, types: str = "养老|医疗|失业|工伤|生育"):
    """Social-insurance months paid by ``employer`` for ``person`` (as an import would write them)."""
    source = _registry_source()
    return InsuranceRecord.objects.bulk_create(
        InsuranceRecord(
            credit_code=employer.credit_code,
            resident_bidx=person.resident_id_bidx,
            year=year,
            month=month,
            types=types,
            base=Decimal("6000.00"),
            source=source,
        )
        for month in months
    )
