"""Writes to job postings. Every change is logged for the matcher index in the same transaction."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import EmployerStatus, Role
from backend.accounts.models import Employer, EmployerMembership, Region, User

from ..choices import Education, EmploymentForm, Hours, PostingStatus
from ..core.fit import extract_demands
from ..models import JobPosting
from ..reference import accommodation_choices, demand_choices, fit_rules_current, occupation_codes_known
from ..validation import clean_codes, clean_money, clean_occupation_codes, clean_text_list
from .aliases import occupation_confirm
from .index import index_record_change

TEXT_FIELDS = ("title", "description", "skills")
CROSS_FIELDS = ("pay_min", "pay_max", "opens_on", "closes_on", "employment_form", "region")
EDITABLE = {
    "title",
    "description",
    "skills",
    "occupation_code",
    "region",
    "address",
    "employment_form",
    "hours",
    "pay_min",
    "pay_max",
    "education",
    "headcount",
    "accommodations",
    "demands",
    "opens_on",
    "closes_on",
    "guaranteed_interview",
}


def _check_staff(user: User, employer: Employer) -> None:
    if user.role == Role.ADMIN:
        return
    if (
        user.role != Role.EMPLOYER
        or not EmployerMembership.objects.filter(user=user, employer=employer).exists()
    ):
        raise PermissionDenied("只有本单位的工作人员可以管理本单位的岗位")


def _clean(values: dict) -> dict:
    """Validate and normalise the editable fields present in ``values``; every field's problem
    is reported at once (issue 14: forms answer once), not the first one found."""
    out = dict(values)
    errors: dict[str, list[str]] = {}

    def attempt(name: str, clean) -> None:
        if name not in out:
            return
        try:
            out[name] = clean(out[name])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)

    def title(value):
        value = " ".join((value or "").split())
        if not value:
            raise ValidationError({"title": "请填写岗位名称"})
        return value

    def occupation(value):
        codes = clean_occupation_codes(
            [value] if value else [], field="occupation_code", known=occupation_codes_known()
        )
        return codes[0] if codes else ""

    def region(value):
        if value is not None and not isinstance(value, Region):
            raise ValidationError({"region": "请选择工作所在区镇"})
        return value

    def choice(name, choices, label):
        def check(value):
            if value not in choices.values:
                raise ValidationError({name: f"请选择{label}"})
            return value

        return check

    def headcount(value):
        if not isinstance(value, int) or not 1 <= value <= 10000:
            raise ValidationError({"headcount": "招聘人数应为1至10000之间的整数"})
        return value

    def day(name):
        def check(value):
            if value is not None and not isinstance(value, date):
                raise ValidationError({name: "日期格式应为 2025-03-01"})
            return value

        return check

    attempt("title", title)
    attempt("skills", lambda v: clean_text_list(v, field="skills", label="技能要求"))
    attempt("occupation_code", occupation)
    attempt("region", region)
    attempt("employment_form", choice("employment_form", EmploymentForm, "就业形式"))
    attempt("hours", choice("hours", Hours, "工作时间"))
    attempt("education", choice("education", Education, "学历要求"))
    attempt("pay_min", lambda v: clean_money(v, field="pay_min", label="月薪下限"))
    attempt("pay_max", lambda v: clean_money(v, field="pay_max", label="月薪上限"))
    attempt("headcount", headcount)
    attempt(
        "accommodations",
        lambda v: clean_codes(v, field="accommodations", label="无障碍支持", allowed=accommodation_choices()),
    )
    if out.get("demands") is not None:
        attempt(
            "demands", lambda v: clean_codes(v, field="demands", label="岗位要求", allowed=demand_choices())
        )
    attempt("opens_on", day("opens_on"))
    attempt("closes_on", day("closes_on"))
    if errors:
        raise ValidationError(errors)
    return out


def _cross_check(values: dict, errors: dict[str, list[str]]) -> None:
    """The rules between fields, on the posting's values after a change (all of them)."""
    pay_min, pay_max = values.get("pay_min"), values.get("pay_max")
    if pay_min is not None and pay_max is not None and pay_min > pay_max:
        errors.setdefault("pay_max", []).append("月薪上限不能低于下限")
    opens_on, closes_on = values.get("opens_on"), values.get("closes_on")
    if closes_on and opens_on and closes_on < opens_on:
        errors.setdefault("closes_on", []).append("截止日期不能早于发布日期")
    if values.get("employment_form") != EmploymentForm.HOME and values.get("region") is None:
        errors.setdefault("region", []).append("请选择工作所在区镇（居家就业可不填）")


def _effective(values: dict, posting: JobPosting | None) -> dict:
    """``values`` completed with what the posting (or a new one) already has, for the rules
    between fields."""
    out = dict(values)
    for name in ("pay_min", "pay_max", "opens_on", "closes_on", "employment_form", "region"):
        if name not in out:
            out[name] = getattr(posting, name) if posting is not None else None
    if out.get("opens_on") is None:
        out["opens_on"] = posting.opens_on if posting is not None else timezone.localdate()
    if posting is None and "employment_form" not in values:
        out["employment_form"] = EmploymentForm.COMPETITIVE
    return out


def posting_validate(*, posting: JobPosting | None = None, **values) -> None:
    """Every problem :func:`posting_create` (``posting`` None) or :func:`posting_update` would
    report about ``values``, all at once and without writing: the posting pages check their
    first step with it, so the second step is never sent back to the first one."""
    unknown = set(values) - EDITABLE
    if unknown:
        raise ValidationError({name: "该字段不能修改" for name in sorted(unknown)})
    errors: dict[str, list[str]] = {}
    try:
        cleaned = _clean({k: v for k, v in values.items() if k != "guaranteed_interview"})
    except ValidationError as exc:
        errors.update(exc.message_dict)
        cleaned = None
    if cleaned is not None:
        _cross_check(_effective(cleaned, posting), errors)
    if errors:
        raise ValidationError(errors)


def _finish(
    posting: JobPosting,
    *,
    demands_given: bool,
    text_changed: bool,
    confirmed_by: User | None = None,
    suggested=(),
) -> JobPosting:
    errors: dict[str, list[str]] = {}
    _cross_check({name: getattr(posting, name) for name in CROSS_FIELDS}, errors)
    if errors:
        raise ValidationError(errors)
    if demands_given:
        posting.demands_confirmed = True
    elif text_changed:
        # The text changed and the employer did not say which demands apply: derive them again
        # and ask for a new confirmation (an old confirmation was about the old text).
        text = " ".join((posting.title, " ".join(posting.skills), posting.description))
        codes = extract_demands(text, fit_rules_current())
        posting.demands = [code for code in demand_choices() if code in codes]
        posting.demands_confirmed = False
    posting.full_clean()
    posting.save()
    if confirmed_by is not None and posting.occupation_code:
        # The employer kept this code for this title: it helps code similar postings (issue 13).
        occupation_confirm(
            by=confirmed_by,
            employer=posting.employer,
            title=posting.title,
            code=posting.occupation_code,
            posting=posting,
            suggested=suggested,
        )
    index_record_change(job_ids=[posting.pk])
    return posting


@transaction.atomic
def posting_create(
    *,
    user: User,
    employer: Employer,
    title: str,
    description: str = "",
    skills=(),
    occupation_code: str = "",
    region: Region | None = None,
    address: str = "",
    employment_form: str = EmploymentForm.COMPETITIVE,
    hours: str = Hours.FULL_TIME,
    pay_min=None,
    pay_max=None,
    education: str = "none",
    headcount: int = 1,
    accommodations=(),
    demands=None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    guaranteed_interview: bool = False,
    suggested=(),
) -> JobPosting:
    """Publish a posting for ``employer``. ``demands`` None: derived from the text (to be
    confirmed); a list: the employer's confirmed choice. ``suggested``: the occupation codes the
    page offered, kept with the employer's confirmation of ``occupation_code``."""
    _check_staff(user, employer)
    if employer.status != EmployerStatus.ACTIVE:
        raise ValidationError({"employer": "单位尚未通过审核，暂不能发布岗位"})
    values = _clean(
        {
            "title": title,
            "description": description,
            "skills": list(skills),
            "occupation_code": occupation_code,
            "region": region,
            "address": address,
            "employment_form": employment_form,
            "hours": hours,
            "pay_min": pay_min,
            "pay_max": pay_max,
            "education": education,
            "headcount": headcount,
            "accommodations": list(accommodations),
            "demands": demands,
            "opens_on": opens_on,
            "closes_on": closes_on,
        }
    )
    values["opens_on"] = values["opens_on"] or timezone.localdate()
    values["demands"] = values["demands"] or []
    posting = JobPosting(employer=employer, guaranteed_interview=bool(guaranteed_interview), **values)
    return _finish(
        posting, demands_given=demands is not None, text_changed=True, confirmed_by=user, suggested=suggested
    )


@transaction.atomic
def posting_update(*, user: User, posting: JobPosting, suggested=(), **changes) -> JobPosting:
    """Change some fields of a posting (the employer's own). Unknown fields are refused. An
    ``occupation_code`` given is the employer's confirmation of it (``suggested``: as offered)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError({name: "该字段不能修改" for name in sorted(unknown)})
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    _check_staff(user, posting.employer)
    values = _clean(changes)
    demands_given = values.get("demands") is not None
    if "demands" in values and values["demands"] is None:
        values.pop("demands")
    text_changed = any(name in values and values[name] != getattr(posting, name) for name in TEXT_FIELDS)
    for name, value in values.items():
        setattr(posting, name, value)
    if "guaranteed_interview" in changes:
        posting.guaranteed_interview = bool(changes["guaranteed_interview"])
    return _finish(
        posting,
        demands_given=demands_given,
        text_changed=text_changed,
        confirmed_by=user if "occupation_code" in values else None,
        suggested=suggested,
    )


@transaction.atomic
def posting_close(*, user: User, posting: JobPosting) -> JobPosting:
    """Stop recruiting: the posting leaves search and suggestions; applications stay."""
    posting = JobPosting.objects.select_for_update().get(pk=posting.pk)
    _check_staff(user, posting.employer)
    if posting.status == PostingStatus.CLOSED:
        return posting
    posting.status = PostingStatus.CLOSED
    posting.save(update_fields=["status", "updated_at"])
    index_record_change(job_ids=[posting.pk])
    return posting


@transaction.atomic
def posting_close_expired() -> int:
    """Close every open posting whose closing date has passed; returns how many."""
    today = timezone.localdate()
    expired = list(
        JobPosting.objects.select_for_update().filter(status=PostingStatus.OPEN, closes_on__lt=today)
    )
    for posting in expired:  # one by one, so each change is in the posting's history
        posting.status = PostingStatus.CLOSED
        posting._change_reason = "已过截止日期，自动关闭"
        posting.save(update_fields=["status", "updated_at"])
    index_record_change(job_ids=[p.pk for p in expired])
    return len(expired)
