"""Real-name employment records (实名制就业) entered and corrected by auditors (issue 10 §6).

A platform hire records itself (``application_transition``). Records of hires made off the
platform are entered by the 残联 employment service; the agencies that review rosters correct
start date, end date and end reason, each correction with a reason kept in the model history
(who: ``history_user``, when: ``history_date``, why: ``history_change_reason``).

Rules, shared with the hire: a start date in a closed indicator year is refused
(``indicators.selectors.indicator_year_closed``); a platform hire cannot start before the
application was made.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from backend.accounts.models import Employer, Person, User
from backend.accounts.permissions import Decision, require_decision

from ..choices import ENTERED_SOURCES, EmploymentSource
from ..models import Application, Employment

_UNSET = object()
EARLIEST = date(2000, 1, 1)


def _closed(employer_id: int, day: date) -> bool:
    from indicators.selectors import indicator_year_closed  # indicators reads matching: no cycle at import

    return indicator_year_closed(employer_id=employer_id, year=day.year)


def check_start_date(*, employer_id: int, start_date: date, application: Application | None = None) -> None:
    """The rules every start date meets, for a hire, an entered record and a correction."""
    if not isinstance(start_date, date):
        raise ValidationError({"start_date": "请填写入职日期（年-月-日）"})
    if start_date < EARLIEST:
        raise ValidationError({"start_date": f"入职日期不能早于{EARLIEST:%Y年%m月%d日}"})
    if start_date > timezone.localdate() + timedelta(days=366):
        raise ValidationError({"start_date": "入职日期不能晚于一年以后"})
    if application is not None:
        applied = timezone.localtime(application.created_at).date()
        if start_date < applied:
            raise ValidationError({"start_date": f"入职日期不能早于求职申请日期（{applied:%Y年%m月%d日}）"})
    if _closed(employer_id, start_date):
        raise ValidationError(
            {"start_date": f"{start_date.year}年度的实名制就业数据已关闭，入职日期不能在该年度内"}
        )


def _check_end(employment: Employment, end_date: date | None, changed: bool) -> None:
    if end_date is None:
        return
    if not isinstance(end_date, date):
        raise ValidationError({"end_date": "请填写离职日期（年-月-日）"})
    if end_date < employment.start_date:
        raise ValidationError({"end_date": "离职日期不能早于入职日期"})
    if end_date > timezone.localdate():
        raise ValidationError({"end_date": "离职日期不能晚于今天"})
    if changed and _closed(employment.employer_id, end_date):
        raise ValidationError(
            {"end_date": f"{end_date.year}年度的实名制就业数据已关闭，离职日期不能改到该年度"}
        )


def _overlapping(employment: Employment):
    """Other records of the same person at the same employer overlapping this one."""
    others = Employment.objects.filter(person_id=employment.person_id, employer_id=employment.employer_id)
    if employment.pk:
        others = others.exclude(pk=employment.pk)
    if employment.end_date is not None:
        others = others.filter(start_date__lte=employment.end_date)
    return others.filter(Q(end_date__isnull=True) | Q(end_date__gte=employment.start_date))


def _text(value, field: str, label: str, max_length: int) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError({field: f"{label}应为文字"})
    value = (value or "").strip()
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


@transaction.atomic
def employment_create(
    *,
    by: User,
    person: Person,
    employer: Employer,
    start_date: date,
    end_date: date | None = None,
    end_reason: str = "",
    source: str = EmploymentSource.DPF,
) -> Employment:
    """残联 staff enter a real-name employment made off the platform."""
    require_decision(by, Decision.EMPLOYMENT_RECORD, employer=employer)
    return employment_enter(
        by=by,
        person=person,
        employer=employer,
        start_date=start_date,
        end_date=end_date,
        end_reason=end_reason,
        source=source,
    )


@transaction.atomic
def employment_enter(
    *,
    by: User,
    person: Person,
    employer: Employer,
    start_date: date,
    end_date: date | None = None,
    end_reason: str = "",
    source: str = EmploymentSource.DPF,
    posting=None,
    change_reason: str = "",
) -> Employment:
    """Write an entered record with every rule of ``employment_create`` except who may: the
    caller has authorised ``by`` (``employment_create``: a 残联 auditor; a job fair's hire: the
    fair's organiser, ``jobfairs.services.results``)."""
    if source not in ENTERED_SOURCES:
        raise ValidationError({"source": "来源应为“残联录入”或“人工登记”；平台招聘的记录由录用自动登记"})
    if not person.certificate_bidx:
        raise ValidationError({"certificate_no": "该人员没有登记残疾人证或残疾军人证"})
    # Serialise entries for one employer (the overlap check below reads, then writes).
    Employer.objects.select_for_update().filter(pk=employer.pk).first()
    check_start_date(employer_id=employer.pk, start_date=start_date)
    employment = Employment(
        person=person,
        employer=employer,
        start_date=start_date,
        end_date=end_date,
        end_reason=_text(end_reason, "end_reason", "离职原因", 200),
        source=source,
        posting=posting,
        created_by=by,
    )
    _check_end(employment, end_date, changed=True)
    if end_date is None and employment.end_reason:
        raise ValidationError({"end_reason": "没有离职日期时不填写离职原因"})
    if _overlapping(employment).exists():
        raise ValidationError({"start_date": "该人员在该单位已有时间重叠的实名制就业记录，请更正原记录"})
    employment.full_clean()
    employment._change_reason = change_reason or f"残联录入（{employment.get_source_display()}）"
    employment._history_user = by
    employment.save()
    return employment


@transaction.atomic
def employment_correct(
    *,
    by: User,
    employment: Employment,
    reason: str,
    start_date=_UNSET,
    end_date=_UNSET,
    end_reason=_UNSET,
) -> Employment:
    """An auditor corrects the start date, end date or end reason; ``reason`` is required and is
    kept, with who and when, in the record's history."""
    employment = (
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the application.
        Employment.objects.select_for_update(of=("self",))
        .select_related("application", "employer")
        .get(pk=employment.pk)
    )
    require_decision(by, Decision.EMPLOYMENT_CORRECT, employer=employment.employer)
    reason = _text(reason, "reason", "更正原因", 200)
    if not reason:
        raise ValidationError({"reason": "请写明更正原因（将记入修改历史）"})
    changed = []
    if start_date is not _UNSET and start_date != employment.start_date:
        check_start_date(
            employer_id=employment.employer_id,
            start_date=start_date,
            application=employment.application if employment.source == EmploymentSource.PLATFORM else None,
        )
        employment.start_date = start_date
        changed.append("入职日期")
    end_changed = end_date is not _UNSET and end_date != employment.end_date
    if end_changed:
        employment.end_date = end_date
        changed.append("离职日期")
    if end_reason is not _UNSET:
        text = _text(end_reason, "end_reason", "离职原因", 200)
        if text != employment.end_reason:
            employment.end_reason = text
            changed.append("离职原因")
    if not changed:
        raise ValidationError({"reason": "没有需要更正的内容：请修改入职日期、离职日期或离职原因"})
    _check_end(employment, employment.end_date, end_changed)
    if employment.end_date is None and employment.end_reason:
        raise ValidationError({"end_reason": "没有离职日期时不填写离职原因"})
    if _overlapping(employment).exists():
        raise ValidationError({"start_date": "更正后与该人员在该单位的另一条记录时间重叠"})
    employment.full_clean()
    employment._change_reason = f"更正{'、'.join(changed)}：{reason}"
    employment._history_user = by
    employment.save()
    return employment
