"""Reads from the registry that go beyond a plain scoped queryset."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError

from identifiers.core import CATEGORY_NAMES

from .choices import AccessPurpose, AuditorKind, CertificateKind, OrgType, Role
from .masks import mask_certificate, mask_resident_id
from .models import AccessLog, Consent, Employer, Person, Region, User
from .services import REGISTRY_FIELDS, REGISTRY_LABELS, access_log_record


class EmployerChoiceRequired(ValidationError):
    """The user works for several employers and has not said for which one they act."""

    def __init__(self):
        super().__init__({"employer": "您是多家单位的工作人员，请先选择代表哪家单位办理"})


def employers_of(user):
    """The employers ``user`` is staff of (none for other roles)."""
    if not (user and user.is_authenticated and user.role == Role.EMPLOYER):
        return Employer.objects.none()
    return Employer.objects.filter(memberships__user=user).select_related("region").order_by("name", "pk")


def acting_employer(user, requested_id=None) -> Employer | None:
    """The employer ``user`` acts for — the one place that answers it, for pages and API alike.

    * ``requested_id`` given (the API's explicit ``employer``, the page's remembered choice):
      that employer if the user is its staff, else ``Employer.DoesNotExist``;
    * otherwise the user's only employer; ``None`` if they have none (or are not employer staff);
    * several employers and no choice: ``EmployerChoiceRequired`` — never a silent pick of one.
    """
    employers = employers_of(user)
    if requested_id not in (None, ""):
        try:
            return employers.get(pk=int(requested_id))
        except (TypeError, ValueError, OverflowError):
            raise Employer.DoesNotExist from None
    found = list(employers[:2])
    if len(found) > 1:
        raise EmployerChoiceRequired()
    return found[0] if found else None


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str
    now: str = ""  # the current value, where a page compares a request with today's record


@dataclass(frozen=True)
class HistoryEntry:
    """One change of an employer's record: who, when, why and which fields."""

    at: datetime
    by: str
    reason: str
    changes: tuple[FieldChange, ...]
    registry: bool  # master data changed (a registry decision)


# Fields of the employer's record shown in its history, in display order.
_HISTORY_FIELDS = (
    *REGISTRY_FIELDS,
    "status",
    "industry",
    "address",
    "contact_name",
    "contact_phone",
)
_HISTORY_LABELS = {
    **REGISTRY_LABELS,
    "status": "状态",
    "industry": "行业",
    "address": "地址",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
}


def _actor(user) -> str:
    if user is None:
        return "系统"
    name = user.first_name or user.username
    if user.role == Role.AUDITOR and user.auditor_kind:
        return f"{name}（{AuditorKind(user.auditor_kind).label}审核人员）"
    return f"{name}（{user.get_role_display()}）"


def _shown(record, field: str, regions: dict) -> str:
    if field == "region":
        return regions.get(record.region_id, "")
    if field == "sheltered":
        return "是" if record.sheltered else "否"
    if field == "org_type":
        return OrgType(record.org_type).label if record.org_type in OrgType.values else record.org_type
    if field == "status":
        return record.get_status_display()
    return getattr(record, field) or "（空）"


def employer_registry_history(employer: Employer) -> list[HistoryEntry]:
    """The employer's history, newest first: registration, then every change with who made it,
    when, why and which fields changed from what to what. Saves that changed nothing are left
    out."""
    records = list(employer.history.select_related("history_user").order_by("history_date", "history_id"))
    region_ids = {record.region_id for record in records}
    regions = dict(Region.objects.filter(pk__in=region_ids).values_list("pk", "name"))
    entries = []
    previous = None
    for record in records:
        if previous is None:
            changes = ()
        else:
            changes = tuple(
                FieldChange(_HISTORY_LABELS[f], _shown(previous, f, regions), _shown(record, f, regions))
                for f in _HISTORY_FIELDS
                if _shown(previous, f, regions) != _shown(record, f, regions)
            )
        if previous is None or changes:
            entries.append(
                HistoryEntry(
                    at=record.history_date,
                    by=_actor(record.history_user),
                    reason=record.history_change_reason or ("单位注册" if previous is None else ""),
                    changes=changes,
                    registry=any(c.label in REGISTRY_LABELS.values() for c in changes),
                )
            )
        previous = record
    return entries[::-1]


def _json_shown(field: str, value, regions: dict) -> str:
    if field == "region":
        return regions.get(value, value or "")
    if field == "sheltered":
        return "是" if value else "否"
    if field == "org_type":
        return OrgType(value).label if value in OrgType.values else str(value)
    return str(value)


def employer_change_request_rows(change_request, *, with_current: bool = False) -> list[FieldChange]:
    """A change request's fields as (label, value when filed, requested value[, value now])."""
    current = {}
    if with_current:
        employer = change_request.employer
        current = {
            f: employer.region.code if f == "region" else getattr(employer, f) for f in REGISTRY_FIELDS
        }
    codes = [
        change_request.changes.get("region"),
        change_request.previous.get("region"),
        current.get("region"),
    ]
    regions = dict(Region.objects.filter(code__in=[c for c in codes if c]).values_list("code", "name"))
    return [
        FieldChange(
            REGISTRY_LABELS[field],
            _json_shown(field, change_request.previous.get(field), regions),
            _json_shown(field, value, regions),
            _json_shown(field, current[field], regions) if with_current else "",
        )
        for field, value in change_request.changes.items()
        if field in REGISTRY_LABELS
    ]


def person_masked_identifiers(person: Person) -> dict:
    """Masked identifiers for lists and exports (``masks``: no birth date, no category or grade
    digits); no access-log entry."""
    cert = person.decrypt("certificate")
    return {
        "resident_id": mask_resident_id(person.decrypt("resident_id")),
        "certificate_no": mask_certificate(cert, person.certificate_kind) if cert else "",
    }


def person_disability(person: Person) -> dict:
    """Decrypted {"category", "grade"} or {} — callers must have the right and log the read."""
    raw = person.decrypt("disability")
    return json.loads(raw) if raw else {}


def person_reveal(
    *, person: Person, actor: User, purpose: str, reason: str = "", request_id: str = ""
) -> dict:
    """Full identifiers and disability details, logged unless the actor is the person."""
    access_log_record(
        actor=actor,
        person=person,
        field="resident_id,certificate_no,disability",
        purpose=purpose,
        reason=reason,
        request_id=request_id,
    )
    return {
        "resident_id": person.decrypt("resident_id"),
        "certificate_no": person.decrypt("certificate"),
        **{f"disability_{k}": v for k, v in person_disability(person).items()},
    }


def person_find_by_resident_id(resident_id: str) -> Person | None:
    from .services import resident_id_index

    return Person.objects.filter(resident_id_bidx=resident_id_index(resident_id)).first()


def person_active_consents(person: Person) -> set[str]:
    return set(
        Consent.objects.filter(person=person, withdrawn_at__isnull=True).values_list("scope", flat=True)
    )


def access_log_visible_to(user: User):
    """A person sees who read their data; administrators see all; auditors their regions' persons."""
    if not user.is_authenticated:
        return AccessLog.objects.none()
    if user.role == "admin":
        return AccessLog.objects.all()
    if user.role == "seeker":
        return (
            AccessLog.objects.filter(person_id=user.person_id) if user.person_id else AccessLog.objects.none()
        )
    if user.role == "auditor":
        return AccessLog.objects.filter(person__in=Person.objects.visible_to(user))
    return AccessLog.objects.none()


GRADE_WORDS = dict(enumerate("一二三四五六七八", start=1))


def disability_text(kind: str, info: dict) -> str:
    """Category and grade in plain words: "听力残疾 三级", "残疾军人 六级" ("" without)."""
    grade = GRADE_WORDS.get(info.get("grade"), "")
    grade = f"{grade}级" if grade else ""
    if kind == CertificateKind.VETERAN:
        return f"残疾军人 {grade}".strip()
    category = CATEGORY_NAMES.get(info.get("category"), "")
    return f"{category}残疾 {grade}".strip() if category else grade


def person_own_view(*, user: User, reveal: bool = False, request_id: str = "") -> dict:
    """What the "我的信息" page shows of the signed-in user's own record: identifiers masked
    (full ones, and the birth date they contain, only when ``reveal`` is asked for), category and
    grade in plain words. Through a login that does not own the record (``owns_person``: an
    administrator attached it) each view is logged like anyone else's read."""
    person = Person.objects.get(pk=user.person_id)  # fresh: a correction may just have saved
    fields = "disability,resident_id,certificate_no" if reveal else "disability"
    access_log_record(
        actor=user,
        person=person,
        field=fields,
        purpose=AccessPurpose.SELF_ACCESS,
        reason="我的信息页面（显示完整号码）" if reveal else "我的信息页面",
        request_id=request_id,
    )
    masked = person_masked_identifiers(person)
    return {
        "name": person.name,
        "sex": person.get_sex_display(),
        "phone": person.phone,
        "certificate_kind": person.certificate_kind,
        "certificate_kind_label": person.get_certificate_kind_display(),
        "resident_id": person.decrypt("resident_id") if reveal else masked["resident_id"],
        "certificate_no": person.decrypt("certificate") if reveal else masked["certificate_no"],
        "birth_date": person.birth_date if reveal else None,
        "disability": disability_text(person.certificate_kind, person_disability(person)),
        "revealed": reveal,
    }


def person_export_for(*, user: User, request_id: str = "") -> dict:
    """The signed-in user's full export (PIPL Art. 45); logged when the login does not own the
    record (an administrator attached it), so an attached login cannot read it unseen."""
    person = Person.objects.select_related("region").get(pk=user.person_id)
    access_log_record(
        actor=user,
        person=person,
        field="resident_id,certificate_no,disability",
        purpose=AccessPurpose.SELF_ACCESS,
        reason="下载本人全部信息",
        request_id=request_id,
    )
    return person_export(person)


def person_export(person: Person) -> dict:
    """Everything the platform holds about a person, for the person themselves (PIPL Art. 45).
    Callers serving a login use ``person_export_for`` (it logs a non-owner's read)."""
    data = {
        "name": person.name,
        "birth_date": person.birth_date.isoformat(),
        "sex": person.get_sex_display(),
        "phone": person.phone,
        "region": person.region.name if person.region else "",
        "certificate_kind": person.get_certificate_kind_display(),
        "certificate_valid_until": person.certificate_valid_until.isoformat()
        if person.certificate_valid_until
        else "",
        "resident_id": person.decrypt("resident_id"),
        "certificate_no": person.decrypt("certificate"),
        **{f"disability_{k}": v for k, v in person_disability(person).items()},
        "consents": [
            {
                "scope": c.get_scope_display(),
                "purpose": c.purpose,
                "granted_at": c.granted_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in person.consents.all()
        ],
        "access_log": [
            {
                "at": log.at.isoformat(),
                "role": log.get_actor_role_display(),
                "field": log.field,
                "purpose": log.get_purpose_display(),
            }
            for log in person.access_logs.all()
        ],
    }
    return data
