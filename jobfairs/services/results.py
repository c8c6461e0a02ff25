"""Organisers record what happened at a booth; a hire enters the 实名制 employment record."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from backend.accounts.models import Person, User
from matching.choices import EmploymentSource
from matching.services.employment import employment_enter
from notifications.choices import NotificationKind
from notifications.services.inbox import notification_send

from ..choices import ResultKind
from ..models import Booth, FairRegistration, FairResult
from .fairs import require_organiser


@transaction.atomic
def result_record(
    *, by: User, booth: Booth, person: Person, kind: str, start_date: date | None = None, note: str = ""
) -> FairResult:
    """One interview, offer or hire of a registered seeker at a booth. A hire needs the start
    date and writes the employment record through ``employment_enter`` with every rule of an
    entered record (no overlap, no closed indicator year), in the same transaction."""
    booth = Booth.objects.select_related("fair", "employer").get(pk=booth.pk)
    fair = booth.fair
    require_organiser(by, fair.region)
    if kind not in ResultKind.values:
        raise ValidationError({"kind": "请选择结果：面试、录用意向或入职"})
    if not FairRegistration.objects.filter(fair=fair, person=person).exists():
        raise ValidationError({"person": "该求职者没有报名这场招聘会"})
    if FairResult.objects.filter(booth=booth, person=person, kind=kind).exists():
        raise ValidationError({"kind": f"已登记过该求职者在{booth.number}号展位的“{ResultKind(kind).label}”"})
    note = note.strip() if isinstance(note, str) else ""
    if len(note) > 200:
        raise ValidationError({"note": "备注不能超过200个字"})
    employment = None
    if kind == ResultKind.HIRE:
        if start_date is None:
            raise ValidationError({"start_date": "登记入职时请填写入职日期"})
        employment = employment_enter(
            by=by,
            person=person,
            employer=booth.employer,
            start_date=start_date,
            source=EmploymentSource.DPF,
            change_reason=f"专场招聘会录用：{fair.title}（{booth.number}号展位）",
        )
    result = FairResult(
        fair=fair, booth=booth, person=person, kind=kind, employment=employment, note=note, recorded_by=by
    )
    result.full_clean()
    result.save()
    if kind != ResultKind.INTERVIEW:
        recipient = User.objects.filter(person=person).first()
        if recipient is not None:
            notification_send(
                recipient=recipient,
                kind=NotificationKind.APPLICATION_STATUS,
                title=f"{fair.title}：{booth.employer.name}{'已登记您入职' if kind == ResultKind.HIRE else '向您发出录用意向'}",
                url=reverse("frontend:fair_detail", args=[fair.pk]),
            )
    return result
