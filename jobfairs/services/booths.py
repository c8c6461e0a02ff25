"""Employers book a booth with some of their open postings, and withdraw it before the fair."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from backend.accounts.models import Employer, User
from backend.accounts.permissions import is_staff_of, may_organise_fair
from matching.models import JobPosting

from ..choices import FairStatus
from ..models import Booth, JobFair

MAX_POSTINGS = 5  # a booth is a table with a few people: more postings than that cannot be staffed


def _check_open_for_booking(fair: JobFair) -> None:
    if fair.status != FairStatus.PUBLISHED:
        raise ValidationError({"fair": "该招聘会尚未发布或已取消，不能报名展位"})
    if fair.starts_at <= timezone.now():
        raise ValidationError({"fair": "该招聘会已经开始或结束，不能再报名展位"})


@transaction.atomic
def booth_book(*, by: User, fair: JobFair, employer: Employer, posting_ids: list[int]) -> Booth:
    """Book the employer's booth with 1–5 of its open postings. The fair row is locked so that
    two employers cannot take the last booth (or the same number) at once; the unique
    constraints are the backstop."""
    if not is_staff_of(by, employer):
        raise PermissionDenied("只有本单位的工作人员可以为本单位报名展位")
    fair = JobFair.objects.select_for_update().get(pk=fair.pk)
    _check_open_for_booking(fair)
    ids = {int(i) for i in posting_ids or []}
    if not ids:
        raise ValidationError({"postings": "请至少选择一个招聘岗位"})
    if len(ids) > MAX_POSTINGS:
        raise ValidationError({"postings": f"每个展位最多带{MAX_POSTINGS}个岗位"})
    postings = list(JobPosting.objects.currently_open().filter(employer=employer, pk__in=ids))
    if len(postings) != len(ids):
        raise ValidationError({"postings": "只能选择本单位正在招聘的岗位"})
    booths = Booth.objects.filter(fair=fair)
    if booths.filter(employer=employer, withdrawn_at__isnull=True).exists():
        raise ValidationError({"fair": "本单位已在该招聘会报名展位；如需更换岗位，请先撤回原展位"})
    if booths.filter(withdrawn_at__isnull=True).count() >= fair.booth_capacity:
        raise ValidationError({"fair": f"该招聘会的{fair.booth_capacity}个展位已满"})
    number = (booths.aggregate(top=Max("number"))["top"] or 0) + 1
    booth = Booth(fair=fair, employer=employer, number=number, created_by=by)
    booth.full_clean(exclude=["postings"])
    booth.save()
    booth.postings.set(postings)
    return booth


@transaction.atomic
def booth_withdraw(*, by: User, booth: Booth) -> Booth:
    booth = Booth.objects.select_for_update(of=("self",)).select_related("fair").get(pk=booth.pk)
    if not (is_staff_of(by, booth.employer_id) or may_organise_fair(by, booth.fair.region)):
        raise PermissionDenied("只有本单位的工作人员或招聘会组织人可以撤回展位")
    if booth.withdrawn_at is not None:
        raise ValidationError({"booth": "该展位已撤回"})
    if booth.fair.starts_at <= timezone.now():
        raise ValidationError({"booth": "招聘会已经开始，不能再撤回展位"})
    booth.withdrawn_at = timezone.now()
    booth.save(update_fields=["withdrawn_at"])
    return booth
