"""The alias table grows from employers' confirmations of suggested occupation codes.

When an employer publishes or edits a posting with an occupation code, that is one employer's
answer to "which occupation is this title?" (:func:`occupation_confirm`, called by the posting
service). When enough different employers agree (matching.core.aliases.tally_confirmations:
at least two, and more than all who chose otherwise) the title → code pair becomes an active
:class:`LearnedAlias`: occupation suggestions put it first at once, and the coder treats it as a
common name of the occupation from the next index rebuild on. 残联 staff and administrators
revoke a wrong one (:func:`learned_alias_revoke`); a revoked pair is never re-activated by more
confirmations.
"""

from collections import Counter
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Employer, User
from backend.accounts.permissions import require_alias_curator

from ..choices import LearnedAliasStatus
from ..core.aliases import classification_codes, tally_confirmations
from ..core.occupations import title_key
from ..models import JobPosting, LearnedAlias, OccupationConfirmation
from ..reference import SHIPPED_CLASSIFICATION, occupation_codes_known


def _codes_known() -> set[str] | frozenset[str]:
    return occupation_codes_known() or classification_codes(SHIPPED_CLASSIFICATION)


@transaction.atomic
def occupation_confirm(
    *,
    by: User,
    employer: Employer,
    title: str,
    code: str,
    posting: JobPosting | None = None,
    suggested: Sequence[str] = (),
) -> OccupationConfirmation | None:
    """Record that ``employer`` kept ``code`` for ``title`` (its latest answer replaces an earlier
    one for the same title) and re-count the title. None when there is nothing to learn from: no
    code, a title naming no occupation, or a code outside the classification. The caller has
    checked that ``by`` acts for ``employer`` (the posting service does)."""
    key = title_key(title)
    if not key or not code or code not in _codes_known():
        return None
    confirmation, _ = OccupationConfirmation.objects.update_or_create(
        employer=employer,
        title_key=key,
        defaults={
            "title": title[:80],
            "code": code,
            "suggested": list(suggested)[:10],
            "posting": posting,
            "confirmed_by": by,
            "confirmed_at": timezone.now(),
        },
    )
    _recount(key)
    return confirmation


def _recount(key: str) -> None:
    """Bring the learned aliases of ``key`` in line with its confirmations (inside the caller's
    transaction; the pairs are locked so two confirmations of one title re-count in turn). Two
    first confirmations committing at the same moment may each miss the other: the promotion
    then waits for the next confirmation of the title, and the constraints keep the table sound."""
    pairs = {a.code: a for a in LearnedAlias.objects.select_for_update().filter(title_key=key)}
    codes = list(OccupationConfirmation.objects.filter(title_key=key).values_list("code", flat=True))
    tally = tally_confirmations(codes)
    counts = Counter(codes)
    now = timezone.now()
    # Lapse the old active pair before activating another: one active pair per title (constraint).
    for code, alias in pairs.items():
        alias.supporters, alias.dissenters = counts[code], len(codes) - counts[code]
        if alias.status == LearnedAliasStatus.ACTIVE and code != tally.code:
            alias.status = LearnedAliasStatus.LAPSED
            alias._change_reason = "单位确认不再一致"
        alias.save()
    if tally.code is None:
        return
    alias = pairs.get(tally.code)
    if alias is None:
        LearnedAlias.objects.create(
            title_key=key,
            code=tally.code,
            supporters=tally.supporters,
            dissenters=tally.dissenters,
            promoted_at=now,
        )
    elif alias.status == LearnedAliasStatus.LAPSED:
        alias.status, alias.promoted_at = LearnedAliasStatus.ACTIVE, now
        alias._change_reason = "单位确认重新一致"
        alias.save()


@transaction.atomic
def learned_alias_revoke(*, by: User, alias: LearnedAlias, reason: str) -> LearnedAlias:
    """Withdraw a learned alias for good (the coder stops using it at the next rebuild and the
    suggestions at once). Only 就业服务专员 and administrators; a reason is required."""
    require_alias_curator(by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "请填写撤销原因"})
    if len(reason) > 200:
        raise ValidationError({"reason": "撤销原因不超过200个字"})
    alias = LearnedAlias.objects.select_for_update().get(pk=alias.pk)
    if alias.status == LearnedAliasStatus.REVOKED:
        return alias
    alias.status = LearnedAliasStatus.REVOKED
    alias.revoked_at, alias.revoked_by, alias.revoke_reason = timezone.now(), by, reason
    alias._change_reason = f"撤销：{reason}"
    alias.full_clean()
    alias.save()
    return alias
