"""Writes to the registry. The only code that creates or changes users, employers, persons,
consents and access-log rows."""

import json
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from identifiers.core import IdentifierError, fold_identifier
from identifiers.core.phone import normalize_phone

from .choices import (
    AccessPurpose,
    CertificateKind,
    ChangeRequestStatus,
    ConsentScope,
    EmployerStatus,
    OrgType,
    RegionLevel,
    Role,
)
from .crypto import blind_index, cipher
from .identifiers import (
    clean_certificate_no,
    clean_credit_code,
    clean_resident_id,
    clean_veteran_certificate_no,
)
from .models import (
    AccessLog,
    Consent,
    Employer,
    EmployerChangeRequest,
    EmployerMembership,
    Person,
    Region,
    User,
)
from .permissions import Decision, auditor_covers, is_admin, is_employer_admin, owns_person, require_decision


# Blind indexes are taken of the folded identifier (NFKC, ASCII upper-case: identifiers.core), so a
# lookup with a full-width copy of a number finds the record stored under its ASCII form.
def resident_id_index(resident_id: str) -> str:
    return blind_index(fold_identifier(resident_id), "resident_id")


def certificate_index(kind: str, number: str) -> str:
    return blind_index(fold_identifier(number), f"certificate:{kind}")


@dataclass(frozen=True)
class CertificateInput:
    kind: str = CertificateKind.NONE
    number: str = ""
    veteran_grade: int | None = None
    valid_until: date | None = None


def _clean_phone(phone: str, field: str = "phone") -> str:
    """The phone in its stored form: "139-1234-5678" and "139 1234 5678" are 13912345678."""
    try:
        return normalize_phone(phone or "")
    except IdentifierError as exc:
        raise ValidationError({field: exc.message_zh}) from exc


def _certificate_facts(cert: CertificateInput, resident_id: str | None) -> tuple[str, dict] | None:
    """Validate a certificate against its holder (``resident_id``, when known to be valid):
    its normalised number and derived facts, or None for no certificate."""
    if cert.kind == CertificateKind.NONE:
        return None
    if cert.kind == CertificateKind.DISABILITY:
        info = clean_certificate_no(cert.number)
        number = info.number
        if resident_id is not None and info.resident_id != resident_id:
            raise ValidationError({"certificate_no": "残疾人证号的前18位应与本人身份证号一致，请核对"})
        details = {"category": info.category, "grade": info.grade}
    elif cert.kind == CertificateKind.VETERAN:
        number = clean_veteran_certificate_no(cert.number)
        # 残疾军人证 grades run 1–8 (《伤残抚恤管理办法》).
        if cert.veteran_grade is None or not 1 <= cert.veteran_grade <= 8:
            raise ValidationError({"veteran_grade": "残疾军人证等级应为1至8级"})
        details = {"category": None, "grade": cert.veteran_grade}
    else:
        raise ValidationError({"certificate_kind": "证件类型应为 none、disability 或 veteran"})
    return number, details


def _apply_certificate(person: Person, cert: CertificateInput, resident_id: str) -> None:
    """Validate a certificate against the holder and store it encrypted with its derived facts."""
    facts = _certificate_facts(cert, resident_id)
    if facts is None:
        person.certificate_kind = CertificateKind.NONE
        person.certificate_enc = person.disability_enc = ""
        person.certificate_bidx = None
        person.certificate_valid_until = None
        return
    number, details = facts
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
    """Append one access-log row; reads by the person themselves (``owns_person``: not through a
    login an administrator attached) are not logged."""
    if owns_person(actor, person):
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


def access_log_record_many(
    *, actor: User, reads: list[tuple[int, str]], field: str, purpose: str, request_id: str = ""
) -> int:
    """One access-log row per (person id, reason) in ``reads`` — a page showing a whole roster's
    categories and grades — in one insert; the actor's own record is skipped as above."""
    if purpose not in AccessPurpose.values:
        raise ValidationError({"purpose": "请选择查看原因"})
    rows = [
        AccessLog(
            actor=actor,
            actor_role=actor.role,
            person_id=person_id,
            field=field,
            purpose=purpose,
            reason=reason[:200],
            request_id=request_id,
        )
        for person_id, reason in reads
        if not owns_person(actor, person_id)
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def user_link_person(*, user: User, person: Person, reason: str, by: User) -> User:
    """An administrator attaches a registry person to an existing login (e.g. a seeker who lost
    access to the one they registered), with a reason. The link itself is written to the
    person's access log — it opens their full record to that login — and the login is not
    treated as the person's own: its reveals and exports are logged too."""
    if not is_admin(by):
        raise PermissionDenied("只有系统管理员可以关联人员档案")
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": "请写明关联原因（至少4个字），会记入该人员的访问日志"})
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.role != Role.SEEKER:
        raise ValidationError({"user": "只有求职者账号可以关联人员档案"})
    if user.person_id is not None:
        raise ValidationError({"user": "该账号已经关联了人员档案"})
    if User.objects.filter(person=person).exists():
        raise ValidationError({"person": "该人员档案已经关联到另一个账号"})
    user.person = person
    user.person_linked_by = by
    user.person_linked_at = timezone.now()
    try:
        with transaction.atomic():
            user.save(update_fields=["person", "person_linked_by", "person_linked_at"])
    except IntegrityError as exc:  # a concurrent link of the same person
        raise ValidationError({"person": "该人员档案已经关联到另一个账号"}) from exc
    access_log_record(
        actor=by,
        person=person,
        field="person_link",
        purpose=AccessPurpose.ADMINISTRATION,
        reason=f"关联到账号 {user.username}：{reason}",
    )
    return user


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


def _user_candidate(*, username: str, password: str, role: str, **extra) -> User:
    """An unsaved login with its password hashed; username and password problems are reported
    together."""
    username = (username or "").strip()
    errors: dict[str, list[str]] = {}
    if not re.fullmatch(r"[A-Za-z0-9_.@+-]{3,40}", username):
        errors["username"] = ["用户名应为3至40位字母、数字或 _ . @ + -"]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = ["该用户名已被使用，请换一个"]
    user = User(username=username, role=role, **extra)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    return user


def _new_user(*, username: str, password: str, role: str, **extra) -> User:
    user = _user_candidate(username=username, password=password, role=role, **extra)
    user.save()
    return user


class _Problems:
    """Collects every field's problems so that a form answers once (issue 14): each check runs
    whatever the others found, and all messages are raised together at the end."""

    def __init__(self):
        self.errors: dict[str, list[str]] = {}

    def check(self, validate, *args, **kwargs):
        try:
            return validate(*args, **kwargs)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.errors.setdefault(field, []).extend(messages)
            return None

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _seeker_registration_checked(*, username, password, name, resident_id, phone, certificate):
    problems = _Problems()
    name = (name or "").strip()
    if not name:
        problems.add("name", "请填写姓名")
    info = problems.check(clean_resident_id, resident_id)
    phone = problems.check(_clean_phone, phone)
    facts = problems.check(_certificate_facts, certificate, info.resident_id if info else None)
    user = problems.check(
        _user_candidate, username=username, password=password, role=Role.SEEKER, first_name=name
    )
    problems.raise_any()
    return name, info, phone, facts, user


def seeker_register_validate(
    *,
    username: str,
    password: str,
    name: str,
    resident_id: str,
    phone: str = "",
    certificate: CertificateInput = CertificateInput(),
) -> None:
    """Every problem :func:`seeker_register` would report, without writing anything: the page
    calls it when its own form already found some, so that one submit shows them all."""
    _seeker_registration_checked(
        username=username,
        password=password,
        name=name,
        resident_id=resident_id,
        phone=phone,
        certificate=certificate,
    )


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
    """Self-registration of a job-seeker: a login and their own new person record — or, when the
    resident ID or certificate already belongs to a registered person, a login without any record
    and a review for the 残联 of that person's region (registration.py).

    The caller cannot tell the two apart, and must not: whether somebody is in the disability
    registry is sensitive (个人信息保护法 第二十八条), so registering is no way to ask. Every
    field is therefore validated before the registry is looked at, all problems are reported
    together, and both outcomes do the same work (a password hash, encrypted identifiers, a
    login and one more row) and return an active login."""
    from .registration import registration_review_open

    name, info, phone, facts, user = _seeker_registration_checked(
        username=username,
        password=password,
        name=name,
        resident_id=resident_id,
        phone=phone,
        certificate=certificate,
    )
    existing, matched_on = _registered_person(info.resident_id, certificate.kind, facts)
    if existing is None:
        try:
            with transaction.atomic():  # a savepoint: a parallel registration of the same ID
                user.person = person_create(
                    name=name,
                    resident_id=info.resident_id,
                    phone=phone,
                    region=region,
                    certificate=certificate,
                )
        except ValidationError:
            existing, matched_on = _registered_person(info.resident_id, certificate.kind, facts)
            if existing is None:
                raise
    user.save()
    if existing is not None:
        registration_review_open(
            user=user,
            person=existing,
            matched_on=matched_on,
            name=name,
            resident_id=info.resident_id,
            phone=phone,
            region=region,
            certificate=certificate,
        )
    return user


def _registered_person(resident_id: str, kind: str, facts) -> tuple[Person | None, str]:
    """The registered person holding this resident ID or certificate number, and which matched."""
    person = Person.objects.filter(resident_id_bidx=resident_id_index(resident_id)).first()
    if person is not None:
        return person, "resident_id"
    if facts is not None:
        person = Person.objects.filter(certificate_bidx=certificate_index(kind, facts[0])).first()
        if person is not None:
            return person, "certificate"
    return None, ""


def _employer_registration_checked(
    *,
    username,
    password,
    employer_name,
    credit_code,
    org_type,
    region,
    contact_name,
    contact_phone,
    industry,
    address,
):
    """The unsaved employer and login, or every problem with them at once."""
    problems = _Problems()
    code = problems.check(clean_credit_code, credit_code)
    if code and Employer.objects.filter(credit_code=code).exists():
        problems.add("credit_code", "该统一社会信用代码已注册，请联系本单位管理员为您开通账号")
    if org_type not in OrgType.values:
        problems.add("org_type", "请选择单位性质")
    if not (employer_name or "").strip():
        problems.add("employer_name", "请填写单位名称（与营业执照一致）")
    if region is None:
        problems.add("region", "请选择所在区镇")
    phone = problems.check(_clean_phone, contact_phone, "contact_phone")
    user = problems.check(
        _user_candidate, username=username, password=password, role=Role.EMPLOYER, is_active=False
    )
    problems.raise_any()
    employer = Employer(
        name=employer_name.strip(),
        credit_code=code,
        org_type=org_type,
        region=region,
        industry=industry,
        address=address,
        contact_name=contact_name,
        contact_phone=phone,
        status=EmployerStatus.PENDING,
    )
    employer.full_clean()
    return employer, user


def employer_register_validate(**values) -> None:
    """Every problem :func:`employer_register` would report, without writing anything."""
    _employer_registration_checked(**{"industry": "", "address": "", **values})


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
    employer, user = _employer_registration_checked(
        username=username,
        password=password,
        employer_name=employer_name,
        credit_code=credit_code,
        org_type=org_type,
        region=region,
        contact_name=contact_name,
        contact_phone=contact_phone,
        industry=industry,
        address=address,
    )
    employer.save()
    user.save()
    EmployerMembership.objects.create(user=user, employer=employer, is_admin=True)
    return user


@transaction.atomic
def employer_activate(*, employer: Employer, by: User) -> Employer:
    """An auditor (in scope) or administrator activates an employer and its pending staff logins."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if employer.status == EmployerStatus.ACTIVE:
        return employer
    employer.status = EmployerStatus.ACTIVE
    employer._change_reason = "注册审核通过，激活单位"  # shown in the employer's history
    employer._history_user = by
    employer.save()
    User.objects.filter(memberships__employer=employer, is_active=False).update(is_active=True)
    return employer


# 登记信息 (master data): what the levy, the audit scope and the credit record hang on. The
# small-enterprise exemption applies to enterprises only (财税〔2019〕98号 第二条), so org_type
# decides whether a levy is due; the region decides which town's auditors are responsible; the
# credit code names the legal person in the credit system (GB 32100-2015); the sheltered status
# (集中安置) is a status another authority grants. None of it is the employer's own say: it
# changes only by a registry decision (employer_registry_change), usually on a change request.
REGISTRY_FIELDS = ("name", "credit_code", "org_type", "sheltered", "region")
REGISTRY_LABELS = {
    "name": "单位名称",
    "credit_code": "统一社会信用代码",
    "org_type": "单位性质",
    "sheltered": "集中安置单位认定",
    "region": "所在区镇",
}
# 联系信息: the employer's own statements, kept up to date by its administrators.
CONTACT_FIELDS = ("industry", "address", "contact_name", "contact_phone")
CONTACT_MAX_LENGTH = {"industry": 60, "address": 200, "contact_name": 40, "contact_phone": 20}


def registry_only_message(field: str) -> str:
    return f"{REGISTRY_LABELS[field]}等登记信息只能通过变更申请修改"


def _required_text(value, field: str, label: str, *, max_length: int = 500) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


@transaction.atomic
def employer_update(*, employer: Employer, data: dict, by: User) -> Employer:
    """Change an employer's contact details (industry, address, contact name and phone).

    Who may: the employer's administrators (单位管理员), and platform administrators keeping the
    record up to date on the employer's word. Master data in ``data`` is refused field by field,
    whoever asks: it changes only by a registry decision. Any other key is refused too, never
    silently dropped. Nothing is saved unless every field is valid.
    """
    if not (is_employer_admin(by, employer) or is_admin(by)):
        raise PermissionDenied("只有本单位的管理员可以修改单位联系信息")
    errors = {}
    for key in data:
        if key in REGISTRY_FIELDS:
            errors[key] = registry_only_message(key)
        elif key not in CONTACT_FIELDS:
            errors[key] = "该项不能修改"
    if errors:
        raise ValidationError(errors)
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    values = {}
    for key, value in data.items():
        value = (value or "").strip() if isinstance(value, str | type(None)) else None
        if value is None:
            errors[key] = "请填写文字"
        elif key == "contact_phone":
            try:
                value = _clean_phone(value, "contact_phone")
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif len(value) > CONTACT_MAX_LENGTH[key]:
            errors[key] = f"不能超过{CONTACT_MAX_LENGTH[key]}个字"
        values[key] = value
    if errors:
        raise ValidationError(errors)
    changed = {key: value for key, value in values.items() if getattr(employer, key) != value}
    if not changed:
        return employer
    for key, value in changed.items():
        setattr(employer, key, value)
    employer.full_clean()
    employer._change_reason = "单位更新联系信息"
    employer._history_user = by
    employer.save()
    return employer


def _clean_registry_changes(employer: Employer, changes: dict) -> dict:
    """Validate requested master-data values against ``employer``; return the ones that differ
    from the current values, as model values (the region as a Region). Every field's error is
    collected, keyed by the field."""
    errors: dict[str, str] = {}
    values: dict = {}
    for key, value in (changes or {}).items():
        try:
            if key not in REGISTRY_FIELDS:
                raise ValidationError(
                    {
                        key: "只能变更登记信息：单位名称、统一社会信用代码、单位性质、所在区镇、集中安置单位认定"
                    }
                )
            if key == "name":
                value = _required_text(value, "name", "单位名称（与营业执照一致）", max_length=120)
            elif key == "credit_code":
                value = clean_credit_code(value if isinstance(value, str) else "")
                if Employer.objects.filter(credit_code=value).exclude(pk=employer.pk).exists():
                    raise ValidationError({"credit_code": "该统一社会信用代码已登记在其他单位名下，请核对"})
            elif key == "org_type":
                if value not in OrgType.values:
                    raise ValidationError({"org_type": "请选择单位性质"})
            elif key == "sheltered":
                if not isinstance(value, bool):
                    raise ValidationError({"sheltered": "请选择是否为集中安置单位"})
            elif key == "region":
                code = value.code if isinstance(value, Region) else value
                value = Region.objects.filter(code=code).first() if isinstance(code, str) else None
                if value is None or value.level not in (RegionLevel.TOWN, RegionLevel.ZONE):
                    raise ValidationError({"region": "请选择所在区镇（镇、街道或功能区）"})
        except ValidationError as exc:
            errors.update({field: msgs[0] for field, msgs in exc.message_dict.items()})
            continue
        current = employer.region if key == "region" else getattr(employer, key)
        if value != current:
            values[key] = value
    if errors:
        raise ValidationError(errors)
    if not values:
        raise ValidationError({"changes": "申请的登记信息与现在的相同，没有需要变更的内容"})
    return values


def _registry_json(values: dict) -> dict:
    """Master-data values as JSON (the region as its code)."""
    return {key: (value.code if isinstance(value, Region) else value) for key, value in values.items()}


@transaction.atomic
def employer_registry_change(
    *, employer: Employer, changes: dict, reason: str, by: User, change_request=None
) -> Employer:
    """A registry decision (登记信息变更决定): change an employer's master data, with a reason.

    Taken by an auditor of an agency that keeps the registry (Decision.REGISTRY_CHANGE) whose
    regions cover the employer — and, when the region changes, the new region as well, so that
    no town can hand an employer over to another alone (a county auditor covers both). Not by
    administrators (三员分立): administrators maintain reference data (regions, policy tables),
    while a change of org type, region or credit code decides whether a levy is due, who audits
    the employer and whose credit record a flag is — a decision about a regulated party, which
    is an auditor's duty. The reason, the decider and the changed fields are the employer's
    history (``employer_registry_history``).
    """
    employer = Employer.objects.select_for_update().select_related("region").get(pk=employer.pk)
    require_decision(by, Decision.REGISTRY_CHANGE, employer=employer)
    reason = _required_text(reason, "reason", "变更理由")
    values = _clean_registry_changes(employer, changes)
    if "region" in values and not auditor_covers(by, values["region"]):
        raise PermissionDenied("变更后的区镇不在您负责的区域内，请由负责两地的上级审核人员办理")
    for key, value in values.items():
        setattr(employer, key, value)
    employer.full_clean()
    if change_request is not None:
        employer._change_reason = f"批准变更申请（第{change_request.pk}号）：{reason}"
    else:
        employer._change_reason = f"登记信息变更决定：{reason}"
    employer._history_user = by
    employer.save()
    return employer


@transaction.atomic
def employer_change_request_file(*, employer: Employer, changes: dict, reason: str, by: User):
    """An employer's administrator asks for a change of master data, with a reason. The values
    are checked now (and again when decided); one request may be open at a time."""
    if not is_employer_admin(by, employer):
        raise PermissionDenied("只有本单位的管理员可以申请变更登记信息")
    employer = Employer.objects.select_for_update().select_related("region").get(pk=employer.pk)
    reason = _required_text(reason, "reason", "申请理由（例如营业执照变更的情况）")
    values = _clean_registry_changes(employer, changes)
    if EmployerChangeRequest.objects.filter(employer=employer, status=ChangeRequestStatus.PENDING).exists():
        raise ValidationError({"changes": "已有一份变更申请正在审核，请等审核结束后再申请"})
    previous = {key: (employer.region if key == "region" else getattr(employer, key)) for key in values}
    request = EmployerChangeRequest(
        employer=employer,
        changes=_registry_json(values),
        previous=_registry_json(previous),
        reason=reason,
        requested_by=by,
        requested_at=timezone.now(),
    )
    request.full_clean()
    request._history_user = by
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as exc:  # a concurrent request of the same employer
        raise ValidationError({"changes": "已有一份变更申请正在审核，请等审核结束后再申请"}) from exc
    return request


@transaction.atomic
def employer_change_request_decide(*, change_request, approve: bool, reason: str, by: User):
    """An auditor of the employer's region approves a pending change request — the change is
    applied by the same registry decision as a direct one — or rejects it; the reason is
    required either way and is shown to the employer."""
    change_request = (
        EmployerChangeRequest.objects.select_for_update().select_related("employer").get(pk=change_request.pk)
    )
    require_decision(by, Decision.REGISTRY_CHANGE, employer=change_request.employer)
    reason = _required_text(reason, "reason", "审核意见")
    if change_request.status != ChangeRequestStatus.PENDING:
        raise ValidationError(f"该申请{change_request.get_status_display()}，不能再次审核", code="decided")
    if approve:
        employer_registry_change(
            employer=change_request.employer,
            changes=change_request.changes,
            reason=reason,
            by=by,
            change_request=change_request,
        )
    change_request.status = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.REJECTED
    change_request.decided_by = by
    change_request.decided_at = timezone.now()
    change_request.decision_reason = reason
    change_request.full_clean()
    change_request._history_user = by
    change_request.save()
    return change_request


def user_set_elder_mode(*, user: User, enabled: bool) -> None:
    """Remember the 长辈版 choice for a signed-in user."""
    User.objects.filter(pk=user.pk).update(elder_mode=enabled)
