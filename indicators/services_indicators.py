"""The issue-15 indicators on the dashboard: job fairs and their hires, 残疾人之家 and their
members, 就业援助 cases, and the 养老/医疗保险 参保率 of registered disabled residents of
working age.

The 残疾人之家 (``daycentres``) and 就业援助 (``assistance``) apps are optional here: they are
read only when installed, through ``apps.get_model`` (never imported), and the dashboard says
暂无数据 otherwise. Their contract: a queryset with ``indicator_counts_for(user)`` (label → int,
aggregates over the reader's regions) is asked for those; otherwise the model's manager has
``visible_to(user)``; if its queryset has ``indicator_counts()`` (a dict of label → int), those
counts are shown, else the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from backend.accounts.models import Person, Region, User
from backend.accounts.permissions import is_admin
from backend.accounts.scoping import region_scope_q
from jobfairs.choices import FairStatus, ResultKind
from jobfairs.models import FairResult, JobFair
from quota.core.dates import age_on
from quota.core.retirement import DEFAULT_RETIREMENT_SCHEDULES, retirement_date
from registry.choices import CertificateStatus
from registry.models import CertificateRecord, InsuranceRecord

COVERAGE_TARGET = 99  # 参保率 ≥ 99 % (the plan's target for working-age registered disabled residents)


def _scoped(queryset, user: User, region_path: str):
    """Rows in the reader's regions; administrators read all (the dashboard's readers)."""
    if is_admin(user):
        return queryset
    return queryset.filter(region_scope_q(user, f"{region_path}__path"))


@dataclass(frozen=True)
class FairCounts:
    held: int
    upcoming: int
    hires: int
    offers: int
    interviews: int


def fair_indicator(*, user: User, now=None) -> FairCounts:
    """Published fairs that have ended (held) or not (upcoming) in the reader's regions, and
    the results recorded at the held ones."""
    now = now or timezone.now()
    fairs = _scoped(JobFair.objects.filter(status=FairStatus.PUBLISHED), user, "region")
    held = fairs.filter(ends_at__lte=now)
    results = FairResult.objects.filter(fair__in=held)
    return FairCounts(
        held=held.count(),
        upcoming=fairs.filter(ends_at__gt=now).count(),
        hires=results.filter(kind=ResultKind.HIRE).count(),
        offers=results.filter(kind=ResultKind.OFFER).count(),
        interviews=results.filter(kind=ResultKind.INTERVIEW).count(),
    )


@dataclass(frozen=True)
class OptionalCounts:
    """Counts read from an app built elsewhere; ``available`` False: 暂无数据 (``note`` says why)."""

    available: bool
    counts: dict = field(default_factory=dict)
    note: str = ""


def optional_counts(*, user: User, app_label: str, model_name: str, what: str) -> OptionalCounts:
    if not apps.is_installed(app_label):
        return OptionalCounts(False, note=f"暂无数据：{what}模块尚未启用")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return OptionalCounts(False, note=f"暂无数据：{what}模块没有提供统计数据")
    manager = model._default_manager
    if hasattr(manager.get_queryset(), "indicator_counts_for"):
        # Aggregates over the reader's regions, for apps whose rows the reader may not open.
        return OptionalCounts(True, dict(manager.get_queryset().indicator_counts_for(user)))
    rows = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.none()
    if hasattr(rows, "indicator_counts"):
        return OptionalCounts(True, dict(rows.indicator_counts()))
    return OptionalCounts(True, {"合计": rows.count()})


@dataclass(frozen=True)
class Coverage:
    """One insurance's 参保率 among the working-age registered disabled residents."""

    label: str
    insured: int
    denominator: int

    @property
    def percent(self) -> str:
        if not self.denominator:
            return "—"
        return f"{self.insured * 100 / self.denominator:.1f}"

    @property
    def met(self) -> bool:
        return bool(self.denominator) and self.insured * 100 >= COVERAGE_TARGET * self.denominator


@dataclass(frozen=True)
class CoverageIndicator:
    available: bool
    year: int | None = None
    on: date | None = None
    registered: int = 0  # registered disabled residents (valid certificate) in the reader's regions
    working_age: int = 0  # the denominator
    without_record: int = 0  # working age, no insurance month in the year: uninsured or not in the data
    rows: tuple[Coverage, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class AgeRules:
    """The working-age rules of a policy (quota.core.policy.Policy has the same fields)."""

    working_age_min: int = 16
    retirement_age_male: int = 60
    retirement_age_female: int = 50
    retirement_schedules: tuple = DEFAULT_RETIREMENT_SCHEDULES


def of_working_age(rules, person: Person, on: date) -> bool:
    if age_on(person.birth_date, on) < rules.working_age_min:
        return False
    original = rules.retirement_age_female if person.sex == "F" else rules.retirement_age_male
    return on < retirement_date(person.birth_date, person.sex, original, rules.retirement_schedules)


def coverage_indicator(*, user: User, today: date | None = None) -> CoverageIndicator:
    """参保率 for the latest year with insurance data: of the registered disabled residents of
    working age on the year's last day (or today, in the current year), how many have at least
    one month of 养老 (医疗) insurance in that year's records.

    Convention [A]: the imported records are the 职工社保 that employers pay (社保缴费明细);
    城乡居民养老/医疗保险 are not in the data, so a resident without a record is counted as not
    insured and the page says so: the rate is a lower bound until resident insurance is imported.
    Working age is ``Policy.working_age_min`` up to the statutory retirement date of
    ``quota/core/retirement.py`` with the original ages of the policy in force (men 60, women 50).
    """
    today = today or timezone.localdate()
    year = InsuranceRecord.objects.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return CoverageIndicator(False, note="暂无数据：还没有导入社保缴费明细，无法计算参保率")
    on = min(date(year, 12, 31), today)
    valid = CertificateRecord.objects.filter(status=CertificateStatus.VALID).values("certificate_bidx")
    persons = _scoped(Person.objects.filter(certificate_bidx__in=valid), user, "region")
    persons = list(persons.select_related("region"))
    from quota.selectors.policy import policy_for  # quota's selectors read matching: import late

    defaults = AgeRules()
    policies: dict[int, object] = {}

    def rules_of(region: Region | None):
        if region is None:
            return defaults
        if region.pk not in policies:
            try:
                policies[region.pk] = policy_for(region, on.year)
            except ValidationError:  # no policy row for that year: the national rules
                policies[region.pk] = defaults
        return policies[region.pk]

    working = [p for p in persons if of_working_age(rules_of(p.region), p, on)]
    bidx = {p.resident_id_bidx for p in working}
    records = InsuranceRecord.objects.filter(year=year, resident_bidx__in=bidx)
    rows = []
    any_record = set()
    for label, word in (("养老保险", "养老"), ("医疗保险", "医疗")):
        insured = set(records.filter(Q(types__contains=word)).values_list("resident_bidx", flat=True))
        any_record |= insured
        rows.append(Coverage(label=label, insured=len(insured), denominator=len(working)))
    return CoverageIndicator(
        True,
        year=year,
        on=on,
        registered=len(persons),
        working_age=len(working),
        without_record=len(bidx - any_record),
        rows=tuple(rows),
        note=(
            "只统计单位缴纳的职工社会保险（社保缴费明细）；城乡居民养老、医疗保险尚未导入，"
            "没有记录的人可能已在城乡居民保险中参保，实际参保率可能更高。"
        ),
    )


def service_indicators(*, user: User) -> dict:
    return {
        "fairs": fair_indicator(user=user),
        "centres": optional_counts(
            user=user, app_label="daycentres", model_name="DayCentre", what="残疾人之家"
        ),
        "centre_members": optional_counts(
            user=user, app_label="daycentres", model_name="CentreMembership", what="残疾人之家"
        ),
        "cases": optional_counts(user=user, app_label="assistance", model_name="Case", what="就业援助"),
        "coverage": coverage_indicator(user=user),
    }
