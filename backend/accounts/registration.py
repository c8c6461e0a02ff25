"""Reviews of job-seeker registrations that matched a registered person (RegistrationReview).

``seeker_register`` answers such a registration exactly like a new one and opens a review here;
a 残联 auditor whose regions cover the person checks who registered (by phone, at the window)
and either links the new login to the person's record or rejects the registration.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from identifiers.core import fold_identifier

from .choices import AccessPurpose, RegistrationReviewStatus
from .crypto import cipher, mask_identifier
from .models import Person, Region, RegistrationReview, User
from .permissions import Decision, require_decision
from .services import CertificateInput, access_log_record

# The one answer to every accepted seeker registration, new person or not (pages and API).
REGISTRATION_RECEIVED = (
    "注册已提交，请用您设置的用户名和密码登录。如需核实您的身份信息，"
    "残联工作人员会在 3 个工作日内按您填写的电话与您联系。"
)


def registration_review_open(
    *,
    user: User,
    person: Person,
    matched_on: str,
    name: str,
    resident_id: str,
    phone: str,
    region: Region | None,
    certificate: CertificateInput,
) -> RegistrationReview:
    """Record a registration whose identifiers belong to ``person``; the identifiers as submitted
    are encrypted and bound to the review's row."""
    review = RegistrationReview(
        user=user,
        person=person,
        matched_on=matched_on,
        region=person.region or region,
        name=name,
        phone=phone,
        submitted_region=region,
    )
    submitted = {
        "kind": certificate.kind,
        "number": fold_identifier(certificate.number),  # validated already: its normalised form
        "veteran_grade": certificate.veteran_grade,
        "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
    }
    review.resident_id_enc = cipher().encrypt(resident_id, review.aad("resident_id"))
    review.certificate_enc = cipher().encrypt(json.dumps(submitted), review.aad("certificate"))
    review.full_clean()
    review.save()
    return review


def _decidable(review: RegistrationReview, by: User) -> RegistrationReview:
    # Lock the review row only: PostgreSQL cannot lock the nullable side of the region join.
    review = (
        RegistrationReview.objects.select_for_update(of=("self",))
        .select_related("region", "user", "person")
        .get(pk=review.pk)
    )
    if review.region is None:
        # Nobody's region covers it; an administrator corrects the person's region first.
        raise PermissionDenied("该注册没有确定负责区域，请先由系统管理员补全人员档案的户籍区镇")
    require_decision(by, Decision.REGISTRATION_REVIEW, region=review.region)
    if review.status != RegistrationReviewStatus.PENDING:
        raise ValidationError({"status": f"该注册已处理（{review.get_status_display()}）"})
    return review


def _decide(review: RegistrationReview, *, status: str, by: User, note: str) -> None:
    review.status = status
    review.decided_by = by
    review.decided_at = timezone.now()
    review.decision_note = note
    review.full_clean()
    review.save()


@transaction.atomic
def registration_review_link(*, review: RegistrationReview, by: User, note: str = "") -> RegistrationReview:
    """The registrant is the registered person: their new login gets the person's record. A login
    that held the record before (someone who registered the ID first, or the person's forgotten
    account) keeps its account but no longer the record."""
    review = _decidable(review, by)
    note = (note or "").strip()[:200]
    person = Person.objects.select_for_update().get(pk=review.person_id)
    login = User.objects.select_for_update().get(pk=review.user_id)
    if login.person_id is not None:
        raise ValidationError({"user": "该账号已经关联了人员档案"})
    User.objects.filter(person=person).exclude(pk=login.pk).update(person=None)
    login.person = person
    login.save(update_fields=["person"])
    _decide(review, status=RegistrationReviewStatus.LINKED, by=by, note=note)
    # Giving a login the record opens the person's full data to it: on the person's access log.
    access_log_record(
        actor=by,
        person=person,
        field="person_link",
        purpose=AccessPurpose.CASEWORK,
        reason=f"注册核实：关联到账号 {login.username}" + (f"（{note}）" if note else ""),
    )
    return review


@transaction.atomic
def registration_review_reject(*, review: RegistrationReview, by: User, note: str) -> RegistrationReview:
    """The registrant is not the registered person (or could not be reached): the login stays
    without the record. The reason is kept."""
    note = (note or "").strip()
    if len(note) < 2:
        raise ValidationError({"note": "请写明驳回原因"})
    review = _decidable(review, by)
    _decide(review, status=RegistrationReviewStatus.REJECTED, by=by, note=note[:200])
    return review


def registration_review_summary(review: RegistrationReview) -> dict:
    """What a reviewer sees: the submission beside the registered person, identifiers masked."""
    person = review.person
    holder = User.objects.filter(person=person).exclude(pk=review.user_id).values_list("username", flat=True)
    return {
        "id": review.pk,
        "status": review.status,
        "status_label": review.get_status_display(),
        "created_at": review.created_at,
        "username": review.user.username,
        "name": review.name,
        "phone": review.phone,
        "submitted_region": review.submitted_region.name if review.submitted_region else "",
        "matched_on": review.matched_on,
        "matched_on_label": review.get_matched_on_display(),
        "resident_id": mask_identifier(review.decrypt("resident_id")),
        "person_id": person.pk,
        "person_name": person.name,
        "person_phone": person.phone,
        "person_region": person.region.name if person.region else "",
        "person_login": next(iter(holder), ""),
        "region": review.region.code if review.region else None,
        "decided_by": review.decided_by.username if review.decided_by else "",
        "decided_at": review.decided_at,
        "decision_note": review.decision_note,
    }
