"""Interview invitations: the employer invites (moving the application to 邀请面试 with the
details attached), the seeker accepts or asks for another time.

The seeker's contact preference is respected where the employer invites: someone who asked to
be contacted in writing (文字联系 — typically a deaf applicant) is not offered a voice call, and
the service refuses one.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from backend.accounts.choices import Role
from backend.accounts.models import User
from notifications.choices import NotificationKind
from notifications.services.inbox import notification_send

from ..choices import (
    TEXT_CHANNELS,
    ApplicationStatus,
    ContactChannel,
    InterviewArrangement,
    InvitationResponse,
)
from ..models import Application, Invitation
from ..selectors.records import sharing_consents, sharing_effective
from .applications import _check_employer_staff, application_transition

# Needs in the seeker's profile that mean "write to me, do not call" (matching.core.accommodations).
TEXT_PREFERENCE_NEEDS = frozenset({"text_channel", "sign_language"})
TEXT_PREFERENCE = "文字联系"


def contact_preference(application: Application) -> str:
    """The applicant's contact preference shown to this employer: "文字联系" when their profile asks
    for written or sign-language communication, else "" (no stated preference).

    The preference comes from the profile's support needs, which reveal the disability, so it is
    shown only where the seeker shares disability details with this application (the same rule
    as the needs themselves: ``sharing_effective``)."""
    if not TEXT_PREFERENCE_NEEDS & set(application.seeker.needs or []):
        return ""
    consents = sharing_consents([application.seeker.person_id])
    return (
        TEXT_PREFERENCE if sharing_effective(application, consents.get(application.seeker.person_id)) else ""
    )


def _clean_text(value, *, field: str, label: str, limit: int, required: bool) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise ValidationError({field: f"请填写{label}"})
    if len(text) > limit:
        raise ValidationError({field: f"{label}不超过{limit}个字"})
    return text


@transaction.atomic
def invitation_create(
    *,
    user: User,
    application: Application,
    starts_at: datetime,
    place: str,
    arrangements=(),
    arrangements_note: str = "",
    contact_channel: str,
    contact_detail: str,
) -> Invitation:
    """Invite the applicant to interview: moves the application to 邀请面试 (if it is not there
    already — a new time after a reschedule request is a new invitation) and tells the seeker."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("seeker", "posting")
        .get(pk=application.pk)
    )
    errors = {}
    if not isinstance(starts_at, datetime) or timezone.is_naive(starts_at):
        errors["starts_at"] = "请填写面试日期和时间"
    elif starts_at <= timezone.now():
        errors["starts_at"] = "面试时间应晚于现在"
    try:
        place = _clean_text(place, field="place", label="面试地点", limit=200, required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    arrangements = list(dict.fromkeys(arrangements or []))
    if any(item not in InterviewArrangement.values for item in arrangements):
        errors["arrangements"] = "请从列表中选择无障碍安排"
    if contact_channel not in ContactChannel.values:
        errors["contact_channel"] = "请选择联系方式"
    elif contact_preference(application) == TEXT_PREFERENCE and contact_channel not in TEXT_CHANNELS:
        errors["contact_channel"] = "求职者希望文字联系，请选择短信、平台消息、电子邮件或手语视频，不要打电话"
    try:
        contact_detail = _clean_text(
            contact_detail, field="contact_detail", label="联系人及号码", limit=100, required=True
        )
        arrangements_note = _clean_text(
            arrangements_note, field="arrangements_note", label="其他安排说明", limit=200, required=False
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if application.status != ApplicationStatus.INTERVIEW:
        # The transition checks that the user is the employer's staff and the move is allowed.
        application = application_transition(
            user=user, application=application, status=ApplicationStatus.INTERVIEW
        )
    else:
        _check_employer_staff(user, application)  # the same check as every transition
    invitation = Invitation(
        application=application,
        starts_at=starts_at,
        place=place,
        arrangements=arrangements,
        arrangements_note=arrangements_note,
        contact_channel=contact_channel,
        contact_detail=contact_detail,
        created_by=user,
    )
    invitation.full_clean()
    invitation.save()
    recipient = User.objects.filter(person_id=application.seeker.person_id, role=Role.SEEKER).first()
    if recipient is not None:
        when = timezone.localtime(starts_at)
        notification_send(
            recipient=recipient,
            kind=NotificationKind.INTERVIEW_INVITATION,
            title=f"{application.posting.employer.name}邀请您面试：{application.posting.title}",
            body=f"时间：{when:%Y年%m月%d日 %H:%M}；地点：{place}。请在“我的申请”中接受或申请改期。",
            url=reverse("frontend:my_applications"),
        )
    return invitation


@transaction.atomic
def invitation_respond(*, user: User, invitation: Invitation, response: str, note: str = "") -> Invitation:
    """The seeker accepts the invitation or asks for another time (a note saying when suits)."""
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("application__seeker")
        .get(pk=invitation.pk)
    )
    if user.role != Role.SEEKER or invitation.application.seeker.person_id != user.person_id:
        raise PermissionDenied("只能答复给自己的面试邀请")
    if response not in (InvitationResponse.ACCEPTED, InvitationResponse.RESCHEDULE):
        raise ValidationError({"response": "请选择接受邀请或申请改期"})
    note = _clean_text(note, field="response_note", label="留言", limit=200, required=False)
    if response == InvitationResponse.RESCHEDULE and not note:
        raise ValidationError({"response_note": "申请改期时请写明方便的时间"})
    if invitation.application.status != ApplicationStatus.INTERVIEW:
        raise ValidationError({"response": "这份申请已不在面试阶段，不能再答复"})
    if invitation.application.invitations.order_by("-created_at", "-id").first().pk != invitation.pk:
        raise ValidationError({"response": "单位已发出新的面试邀请，请答复最新的一份"})
    invitation.response = response
    invitation.response_note = note
    invitation.responded_at = timezone.now()
    invitation.full_clean()
    invitation.save(update_fields=["response", "response_note", "responded_at"])
    return invitation
