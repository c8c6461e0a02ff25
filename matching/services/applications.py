"""Writes to applications, and the real-name employment (实名制就业) a hire records."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.choices import ConsentScope, Role
from backend.accounts.models import User
from backend.accounts.permissions import is_admin, require_staff_of
from backend.accounts.services import consent_grant
from notifications import events as notify

from ..choices import (
    EMPLOYER_TRANSITIONS,
    SEEKER_WITHDRAWABLE,
    ApplicationStatus,
    EmploymentSource,
)
from ..models import Application, Employment, JobPosting, SeekerProfile
from .employment import check_start_date
from .profiles import profile_get_or_create


def _seeker_profile(user: User) -> SeekerProfile:
    if user.role != Role.SEEKER or not user.person_id:
        raise PermissionDenied("只有求职者可以申请岗位")
    profile = profile_get_or_create(person=user.person)
    return profile


@transaction.atomic
def application_create(
    *, user: User, posting: JobPosting, share_disability: bool = False, note: str = ""
) -> Application:
    """Apply to an open posting. Choosing to show disability information to this employer
    records the person's separate consent to sharing (个人信息保护法 第二十九条) if not given yet.

    A withdrawn application may be submitted again; it then starts over.
    """
    profile = _seeker_profile(user)
    note = (note or "").strip()
    if len(note) > 500:
        raise ValidationError({"note": "留言不超过500个字"})
    if not JobPosting.objects.currently_open().filter(pk=posting.pk).exists():
        raise ValidationError({"posting": "该岗位已停止招聘"})
    existing = Application.objects.select_for_update().filter(posting=posting, seeker=profile).first()
    if existing is not None and existing.status != ApplicationStatus.WITHDRAWN:
        raise ValidationError({"posting": "您已经申请过这个岗位"})
    if share_disability:
        consent_grant(
            person=profile.person, scope=ConsentScope.DISABILITY_SHARING, purpose="向我申请的单位展示残疾信息"
        )
    application = existing or Application(posting=posting, seeker=profile)
    application.status = ApplicationStatus.APPLIED
    _set_sharing(application, bool(share_disability))
    application.note = note
    application.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a double click racing itself; the constraint decides
        raise ValidationError({"posting": "您已经申请过这个岗位"}) from exc
    return application


def _set_sharing(application: Application, share: bool) -> None:
    application.share_disability = share
    # The moment of the choice: sharing works only under a consent given no later than this.
    application.share_disability_at = timezone.now() if share else None


@transaction.atomic
def application_set_sharing(*, user: User, application: Application, share: bool) -> Application:
    """The seeker switches showing their disability information to this employer on or off.

    Off works in every state and takes effect at once. On is for an application still in
    progress (not withdrawn) and, like ticking the box when applying, records the separate
    sharing consent (个人信息保护法 第二十九条) if it is not live.
    """
    application = Application.objects.select_for_update().select_related("seeker").get(pk=application.pk)
    if user.role != Role.SEEKER or application.seeker.person_id != user.person_id:
        raise PermissionDenied("只能修改自己的申请")
    if not isinstance(share, bool):
        raise ValidationError({"share_disability": "请选择是否向该单位展示残疾信息"})
    if share and application.status == ApplicationStatus.WITHDRAWN:
        raise ValidationError({"share_disability": "这份申请已撤回，不能再向该单位展示残疾信息"})
    if share:
        consent_grant(
            person=application.seeker.person,
            scope=ConsentScope.DISABILITY_SHARING,
            purpose="向我申请的单位展示残疾信息",
        )
    _set_sharing(application, share)
    application._change_reason = "求职者开启展示残疾信息" if share else "求职者关闭展示残疾信息"
    application.save(update_fields=["share_disability", "share_disability_at", "updated_at"])
    return application


def _check_employer_staff(user: User, application: Application) -> None:
    # Only the employer's own staff decide on its applicants (a hire registers a real-name
    # employment that counts for its quota); administrators read but never take that decision
    # (三员分立, security.md).
    if is_admin(user):
        raise PermissionDenied("系统管理员不能处理求职申请（三员分立），请由招聘单位的工作人员办理")
    require_staff_of(user, application.posting.employer_id, message="只有招聘单位可以处理这份申请")


@transaction.atomic
def application_transition(
    *, user: User, application: Application, status: str, start_date: date | None = None
) -> Application:
    """The employer moves an application on (查看 → 面试 → 录用 → 入职, or 未录用).

    Hiring records a real-name employment for the person at this employer, starting on
    ``start_date`` (today if not given); the quota roster picks it up.
    """
    application = (
        Application.objects.select_for_update().select_related("posting", "seeker").get(pk=application.pk)
    )
    _check_employer_staff(user, application)
    allowed = EMPLOYER_TRANSITIONS.get(application.status, frozenset())
    if status not in allowed:
        current = application.get_status_display()
        if status not in ApplicationStatus.values:
            raise ValidationError({"status": "未知的状态"})
        raise ValidationError(
            {"status": f"申请处于「{current}」，不能改为「{ApplicationStatus(status).label}」"}
        )
    if start_date is not None and status != ApplicationStatus.HIRED:
        raise ValidationError({"start_date": "只有办理入职时需要填写入职日期"})
    if status == ApplicationStatus.HIRED:
        start_date = start_date or timezone.localdate()
        check_start_date(
            employer_id=application.posting.employer_id, start_date=start_date, application=application
        )
    application.status = status
    application._change_reason = f"{user.username}: {status}"
    application.save(update_fields=["status", "updated_at"])
    if status == ApplicationStatus.HIRED:
        employment = Employment(
            person=application.seeker.person,
            employer=application.posting.employer,
            posting=application.posting,
            application=application,
            start_date=start_date,
            source=EmploymentSource.PLATFORM,
        )
        employment.full_clean()
        employment.save()
    notify.application_status_changed(application)
    return application


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    """The seeker takes back their own application (until it is decided)."""
    application = Application.objects.select_for_update().select_related("seeker").get(pk=application.pk)
    if user.role != Role.SEEKER or application.seeker.person_id != user.person_id:
        raise PermissionDenied("只能撤回自己的申请")
    if application.status not in SEEKER_WITHDRAWABLE:
        raise ValidationError({"status": f"申请已「{application.get_status_display()}」，不能撤回"})
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    notify.application_withdrawn(application)
    return application
