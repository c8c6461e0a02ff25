"""Writes to the registry. The only code that creates or changes users, employers, persons,
consents and access-log rows."""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .choices import AccessPurpose, CertificateKind, ConsentScope, EmployerStatus, OrgType, Role
from .crypto import blind_index, cipher
from .identifiers import clean_certificate_no, clean_credit_code, clean_resident_id
from .models import AccessLog, Consent, Employer, EmployerMembership, Person, Region, User

_VETERAN_NO = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]{6,30}")
_PHONE = re.compile(r"1\d{10}|0\d{2,3}-?\d{7,8}")


def resident_id_index(resident_id: str) -> str:
    return blind_index(resident_id.strip().upper(), "resident_id")


def certificate_index(kind: str, number: str) -> str:
    return blind_index(number.strip().upper(), f"certificate:{kind}")


@dataclass(frozen=True)
class CertificateInput:
    kind: str = CertificateKind.NONE
    number: str = ""
    veteran_grade: int | None = None
    valid_until: date | None = None


def _clean_phone(phone: str) -> str:
    phone = (phone or "").strip()
    if phone and not _PHONE.fullmatch(phone):
        raise ValidationError({"phone": "手机号应为11位数字（以1开头），座机请写成 0512-12345678"})
    return phone


def _apply_certificate(person: Person, cert: CertificateInput, resident_id: str) -> None:
    """Validate a certificate against the holder and store it encrypted with its derived facts."""
    if cert.kind == CertificateKind.NONE:
        person.certificate_kind = CertificateKind.NONE
        person.certificate_enc = person.disability_enc = ""
        person.certificate_bidx = None
        person.certificate_valid_until = None
        return
    number = cert.number.strip().upper()
    if cert.kind == CertificateKind.DISABILITY:
        info = clean_certificate_no(number)
        if info.resident_id != resident_id:
            raise ValidationError({"certificate_no": "残疾人证号的前18位应与本人身份证号一致，请核对"})
        details = {"category": info.category, "grade": info.grade}
    elif cert.kind == CertificateKind.VETERAN:
        if not _VETERAN_NO.fullmatch(number):
            raise ValidationError({"certificate_no": "残疾军人证号应为6至30位字母、数字或汉字"})
        # 残疾军人证 grades run 1–8 (《伤残抚恤管理办法》).
        if cert.veteran_grade is None or not 1 <= cert.veteran_grade <= 8:
            raise ValidationError({"veteran_grade": "残疾军人证等级应为1至8级"})
        details = {"category": None, "grade": cert.veteran_grade}
    else:
        raise ValidationError({"certificate_kind": "证件类型应为 none、disability 或 veteran"})
    person.certificate_kind = cert.kind
    person.certificate_enc = cipher().encrypt(number, person.aad("certificate"))
    person.certificate_bidx = certificate_index(cert.kind, number)
    person.disability_enc = cipher().encrypt(json.dumps(details), person.aad("disability"))
    person.certificate_valid_until = cert.valid_until


@transaction.atomic
def person_create(
    *,
    name: str,
    resident_id: str,
    phone: str = "",
    region: Region | None = None,
    certificate: CertificateInput = CertificateInput(),
) -> Person:
    """Register a person; resident ID and certificate are validated, then stored encrypted."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写姓名"})
    info = clean_resident_id(resident_id)
    person = Person(
        name=name, birth_date=info.birth_date, sex=info.sex, phone=_clean_phone(phone), region=region
    )
    person.resident_id_enc = cipher().encrypt(info.resident_id, person.aad("resident_id"))
    person.resident_id_bidx = resident_id_index(info.resident_id)
    if Person.objects.filter(resident_id_bidx=person.resident_id_bidx).exists():
        raise ValidationError({"resident_id": "该身份证号已经登记过，请直接登录或联系残联工作人员"})
    _apply_certificate(person, certificate, info.resident_id)
    if person.certificate_bidx and Person.objects.filter(certificate_bidx=person.certificate_bidx).exists():
        raise ValidationError({"certificate_no": "该证号已经登记在其他人名下，请核对"})
    person.full_clean(exclude=["resident_id_enc", "resident_id_bidx", "certificate_enc", "disability_enc"])
    try:
        person.save()
    except IntegrityError as exc:  # a concurrent registration of the same ID
        raise ValidationError({"resident_id": "该身份证号已经登记过"}) from exc
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    name: str | None = None,
    phone: str | None = None,
    region: Region | None = None,
    certificate: CertificateInput | None = None,
) -> Person:
    """Correct a person's data (the person themselves, or staff with a logged reason)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": "请填写姓名"})
        person.name = name.strip()
    if phone is not None:
        person.phone = _clean_phone(phone)
    if region is not None:
        person.region = region
    if certificate is not None:
        _apply_certificate(person, certificate, person.decrypt("resident_id"))
        clash = Person.objects.filter(certificate_bidx=person.certificate_bidx).exclude(pk=person.pk)
        if person.certificate_bidx and clash.exists():
            raise ValidationError({"certificate_no": "该证号已经登记在其他人名下，请核对"})
    person.save()
    return person


def access_log_record(
    *, actor: User, person: Person, field: str, purpose: str, reason: str = "", request_id: str = ""
):
    """Append one access-log row; reads by the person themselves are not logged."""
    if actor.person_id == person.pk:
        return None
    if purpose not in AccessPurpose.values:
        raise ValidationError({"purpose": "请选择查看原因"})
    return AccessLog.objects.create(
        actor=actor,
        actor_role=actor.role,
        person=person,
        field=field,
        purpose=purpose,
        reason=reason[:200],
        request_id=request_id,
    )


@transaction.atomic
def consent_grant(*, person: Person, scope: str, purpose: str = "") -> Consent:
    if scope not in ConsentScope.values:
        raise ValidationError({"scope": "未知的同意事项"})
    existing = (
        Consent.objects.select_for_update()
        .filter(person=person, scope=scope, withdrawn_at__isnull=True)
        .first()
    )
    if existing:
        return existing
    return Consent.objects.create(
        person=person, scope=scope, purpose=purpose or ConsentScope(scope).label, granted_at=timezone.now()
    )


@transaction.atomic
def consent_withdraw(*, person: Person, scope: str) -> int:
    """Withdraw a live consent; use of the data for that purpose stops from now on."""
    return Consent.objects.filter(person=person, scope=scope, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def _new_user(*, username: str, password: str, role: str, **extra) -> User:
    username = (username or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_.@+-]{3,40}", username):
        raise ValidationError({"username": "用户名应为3至40位字母、数字或 _ . @ + -"})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "该用户名已被使用，请换一个"})
    user = User(username=username, role=role, **extra)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def seeker_register(
    *,
    username: str,
    password: str,
    name: str,
    resident_id: str,
    phone: str = "",
    region: Region | None = None,
    certificate: CertificateInput = CertificateInput(),
) -> User:
    """Self-registration of a job-seeker: a login and their own person record."""
    person = person_create(
        name=name, resident_id=resident_id, phone=phone, region=region, certificate=certificate
    )
    return _new_user(username=username, password=password, role=Role.SEEKER, person=person, first_name=name)


@transaction.atomic
def employer_register(
    *,
    username: str,
    password: str,
    employer_name: str,
    credit_code: str,
    org_type: str,
    region: Region,
    contact_name: str = "",
    contact_phone: str = "",
    industry: str = "",
    address: str = "",
) -> User:
    """Self-registration of an employer: inactive until an auditor or administrator activates it."""
    code = clean_credit_code(credit_code)
    if Employer.objects.filter(credit_code=code).exists():
        raise ValidationError({"credit_code": "该统一社会信用代码已注册，请联系本单位管理员为您开通账号"})
    if org_type not in OrgType.values:
        raise ValidationError({"org_type": "请选择单位性质"})
    if not (employer_name or "").strip():
        raise ValidationError({"employer_name": "请填写单位名称（与营业执照一致）"})
    employer = Employer(
        name=employer_name.strip(),
        credit_code=code,
        org_type=org_type,
        region=region,
        industry=industry,
        address=address,
        contact_name=contact_name,
        contact_phone=_clean_phone(contact_phone),
        status=EmployerStatus.PENDING,
    )
    employer.full_clean()
    employer.save()
    user = _new_user(username=username, password=password, role=Role.EMPLOYER, is_active=False)
    EmployerMembership.objects.create(user=user, employer=employer, is_admin=True)
    return user


@transaction.atomic
def employer_activate(*, employer: Employer, by: User) -> Employer:
    """An auditor (in scope) or administrator activates an employer and its pending staff logins."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.status == EmployerStatus.ACTIVE:
        return employer
    employer.status = EmployerStatus.ACTIVE
    employer._change_reason = f"activated by {by.username}"
    employer.save()
    User.objects.filter(memberships__employer=employer, is_active=False).update(is_active=True)
    return employer


@transaction.atomic
def employer_update(*, employer: Employer, data: dict) -> Employer:
    """Edit an employer's organisation profile (credit code is re-validated and normalised)."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    allowed = {
        "name",
        "org_type",
        "sheltered",
        "region",
        "industry",
        "address",
        "contact_name",
        "contact_phone",
    }
    for key, value in data.items():
        if key == "credit_code":
            value = clean_credit_code(value)
            if Employer.objects.filter(credit_code=value).exclude(pk=employer.pk).exists():
                raise ValidationError({"credit_code": "该统一社会信用代码已被其他单位使用"})
        elif key not in allowed:
            continue
        if key == "contact_phone":
            value = _clean_phone(value)
        setattr(employer, key, value)
    employer.full_clean()
    employer.save()
    return employer


def user_set_elder_mode(*, user: User, enabled: bool) -> None:
    """Remember the 长辈版 choice for a signed-in user."""
    User.objects.filter(pk=user.pk).update(elder_mode=enabled)
