"""The seeker's "不合适" on a suggestion."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from backend.accounts.choices import Role
from backend.accounts.models import User

from ..choices import FeedbackReason
from ..models import JobPosting, MatchFeedback
from .profiles import profile_get_or_create


@transaction.atomic
def feedback_record(*, user: User, posting: JobPosting, reason: str, text: str = "") -> MatchFeedback:
    """Hide ``posting`` from the seeker's suggestions; the reason lowers similar postings.

    One feedback per posting: saying it again replaces the reason.
    """
    if user.role != Role.SEEKER or not user.person_id:
        raise PermissionDenied("只有求职者可以反馈推荐结果")
    if reason not in FeedbackReason.values:
        raise ValidationError({"reason": "请选择不合适的原因"})
    text = (text or "").strip()
    if len(text) > 200:
        raise ValidationError({"text": "补充说明不超过200个字"})
    profile = profile_get_or_create(person=user.person)
    feedback, _ = MatchFeedback.objects.update_or_create(
        seeker=profile, posting=posting, defaults={"reason": reason, "text": text}
    )
    return feedback


@transaction.atomic
def feedback_withdraw(*, user: User, feedback: MatchFeedback) -> JobPosting:
    """Undo a "不合适": the posting may be suggested again and its reason no longer lowers
    similar ones (the matcher reads the feedback at each query, so nothing else to redo)."""
    row = MatchFeedback.objects.visible_to(user).select_for_update().filter(pk=feedback.pk).first()
    if row is None or user.role != Role.SEEKER:
        raise PermissionDenied("只能撤销自己的反馈")
    posting = row.posting
    row.delete()
    return posting
