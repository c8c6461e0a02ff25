"""Reads from the registry that go beyond a plain scoped queryset."""

import json

from .crypto import mask_identifier
from .models import AccessLog, Consent, Person, User
from .services import access_log_record


def person_masked_identifiers(person: Person) -> dict:
    """Masked identifiers for lists and exports (3205************1234); no access-log entry."""
    cert = person.decrypt("certificate")
    return {
        "resident_id": mask_identifier(person.decrypt("resident_id")),
        "certificate_no": mask_identifier(cert) if cert else "",
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


def person_export(person: Person) -> dict:
    """Everything the platform holds about a person, for the person themselves (PIPL Art. 45)."""
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
