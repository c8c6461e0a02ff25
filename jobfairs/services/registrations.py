"""Seekers register for a fair with what they need on the day."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.accounts.permissions import is_seeker

from ..choices import ACCESS_NEEDS, FairStatus
from ..models import FairRegistration, JobFair


@transaction.atomic
def registration_create(
    *, by: User, fair: JobFair, access_needs: list[str] | None = None, needs_note: str = ""
) -> FairRegistration:
    if not is_seeker(by) or not by.person_id:
        raise PermissionDenied("只有求职者可以报名参加招聘会")
    fair = JobFair.objects.get(pk=fair.pk)  # the status as it is now, not as the caller read it
    if fair.status != FairStatus.PUBLISHED:
        raise ValidationError({"fair": "该招聘会尚未发布或已取消，不能报名"})
    if fair.ends_at <= timezone.now():
        raise ValidationError({"fair": "该招聘会已经结束，不能再报名"})
    needs = list(dict.fromkeys(access_needs or []))
    unknown = [n for n in needs if n not in ACCESS_NEEDS]
    if unknown:
        raise ValidationError({"access_needs": "请从列表中选择需要的无障碍支持"})
    note = needs_note.strip() if isinstance(needs_note, str) else None
    if note is None or len(note) > 200:
        raise ValidationError({"needs_note": "其他需要应为不超过200个字的文字"})
    if FairRegistration.objects.filter(fair=fair, person_id=by.person_id).exists():
        raise ValidationError({"fair": "您已报名该招聘会"})
    registration = FairRegistration(fair=fair, person_id=by.person_id, access_needs=needs, needs_note=note)
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # a double submit that raced past the check above
        raise ValidationError({"fair": "您已报名该招聘会"}) from None
    return registration
