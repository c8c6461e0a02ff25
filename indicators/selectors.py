"""Reads of the plan's indicators (十四五 主要指标) and the compliance figures behind the dashboard.

Every figure is computed from rows the user may see (``visible_to``): an auditor's dashboard
covers their regions, an administrator's the whole platform. Conventions [A]:

- 实名制新增就业: a disabled person (残疾人证 or 残疾军人证) counts once, in the year of their first
  real-name employment (matching ``Employment``) that starts within the plan period *and is new
  at that employer* (``newly_employed``: no earlier record there, not on its earlier rosters).
- 职业技能培训: person-times (人次) of completed courses of the kinds in
  ``COUNTED_AS_TRAINING``, by the year the course ended — the unit the plan's own review used
  ("492 person-times"); distinct persons are reported next to it.
- 达到比例: an approved report whose frozen snapshot has no shortfall (D ≥ N × r).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Min, Sum
from django.utils import timezone

from backend.accounts.choices import CertificateKind, OrgType
from backend.accounts.models import Person, User
from backend.accounts.services import certificate_index
from identifiers.core import fold_identifier
from quota.audit.choices import LedgerKind, LedgerStatus, NoticeStatus
from quota.choices import ReportStatus
from quota.models import LedgerEntry, LevyNotice, QuotaReport, RosterLine

from .choices import COUNTED_AS_TRAINING, TrainingKind
from .models import TrainingRecord
from .plan import EMPLOYMENT_TARGET, PLAN_FIRST_YEAR, PLAN_LAST_YEAR, PLAN_YEARS, TRAINING_TARGET

DISABLED = (CertificateKind.DISABILITY, CertificateKind.VETERAN)
ZERO = Decimal("0.00")


def yuan(value: Decimal) -> Decimal:
    """Money from a database sum, to the fen (sums of 2-place values are exact already)."""
    return (value or ZERO).quantize(Decimal("0.01"))


def person_by_certificate(*, user: User, number: str) -> Person | None:
    """The person in the user's scope holding this certificate (exact match via the blind index)."""
    number = fold_identifier(number)  # NFKC: a full-width copy finds the same person
    if not number:
        return None
    indexes = [certificate_index(kind, number) for kind in DISABLED]
    return Person.objects.visible_to(user).filter(certificate_bidx__in=indexes).first()


def indicator_year_closed(*, employer_id: int, year: int, today: date | None = None) -> bool:
    """Whether the 实名制 figures of ``year`` are closed for this employer, so that no real-name
    employment may start (or be moved) into it.

    [A] The indicators app has no act of closing a year, so closed means, per issue 10 §6:
    the year is before last year (``year < today.year - 1``: last year's figures are still being
    gathered until the annual reports of its data year are in), or the employer's quota report of
    that data year is approved — its roster, the fact the record would change, is frozen.
    """
    today = today or timezone.localdate()
    if year < today.year - 1:
        return True
    return QuotaReport.objects.filter(
        employer_id=employer_id, data_year=year, status=ReportStatus.APPROVED
    ).exists()


def training_records_for(user: User):
    """Training records the user may see, with what lists need."""
    return TrainingRecord.objects.visible_to(user).select_related("person", "region", "recorded_by")


@dataclass(frozen=True)
class YearCount:
    year: int
    value: int
    cumulative: int


@dataclass(frozen=True)
class TargetIndicator:
    """A five-year total against the plan's target, year by year."""

    code: str
    title: str
    unit: str
    target: int
    years: tuple[YearCount, ...]
    available: bool = True
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.years[-1].cumulative if self.years else 0

    @property
    def met(self) -> bool:
        return self.total > self.target  # the plan says "> 300", "> 600"

    @property
    def percent_of_target(self) -> int:
        return self.total * 100 // self.target if self.target else 0


def _cumulative(per_year: dict[int, int]) -> tuple[YearCount, ...]:
    running, out = 0, []
    for year in PLAN_YEARS:
        running += per_year.get(year, 0)
        out.append(YearCount(year, per_year.get(year, 0), running))
    return tuple(out)


def newly_employed(candidates: list[tuple], employment_model) -> list[tuple]:
    """The (person_id, employer_id, start_date, id) rows that are new employment at that
    employer (实名制 *新增*): no earlier real-name employment of the same person at the same
    employer, and the person was on none of that employer's rosters of an earlier data year.

    Both checks read all rows, not only the user's scope: whether a hire is new is a fact about
    the person and the employer. [A] Any earlier roster, not only last year's: a person on the
    employer's roster since 2018 whose record was entered later is not new, even if one year's
    report is missing. Rosters of any status count (the employer declared the person then).
    """
    if not candidates:
        return []
    persons = {row[0] for row in candidates}
    employers = {row[1] for row in candidates}
    first_record: dict[tuple[int, int], tuple] = {}
    earlier = (
        employment_model.objects.filter(person_id__in=persons, employer_id__in=employers)
        .order_by("start_date", "id")
        .values_list("person_id", "employer_id", "start_date", "id")
    )
    for person_id, employer_id, start, pk in earlier:
        first_record.setdefault((person_id, employer_id), (start, pk))
    first_roster: dict[tuple[int, int], int] = {}
    for person_id, employer_id, year in (
        RosterLine.objects.filter(person_id__in=persons, report__employer_id__in=employers)
        .values_list("person_id", "report__employer_id")
        .annotate(first=Min("report__data_year"))
    ):
        first_roster[(person_id, employer_id)] = year
    out = []
    for row in candidates:
        person_id, employer_id, start, pk = row
        key = (person_id, employer_id)
        if first_record.get(key) != (start, pk):
            continue  # an earlier record of the same person at the same employer
        if first_roster.get(key, start.year) < start.year:
            continue  # on the employer's roster before the year the record starts
        out.append(row)
    return out


def employment_indicator(*, user: User) -> TargetIndicator:
    """实名制新增残疾人就业人数, 2021–2025, against > 300 (from matching's Employment)."""
    title, unit = "实名制新增残疾人就业", "人"
    try:
        employment = apps.get_model("matching", "Employment")
    except LookupError:  # the matching app is not installed: say so instead of showing zeros
        return TargetIndicator(
            "employment",
            title,
            unit,
            EMPLOYMENT_TARGET,
            _cumulative({}),
            available=False,
            note="就业匹配模块未启用，暂无实名制就业数据",
        )
    candidates = list(
        employment.objects.visible_to(user)
        .filter(
            person__certificate_kind__in=DISABLED,
            start_date__gte=date(PLAN_FIRST_YEAR, 1, 1),
            start_date__lte=date(PLAN_LAST_YEAR, 12, 31),
        )
        .values_list("person_id", "employer_id", "start_date", "id")
    )
    newly = newly_employed(candidates, employment)
    per_year: dict[int, int] = defaultdict(int)
    first_year: dict[int, int] = {}
    for person_id, _employer_id, start, _pk in sorted(newly, key=lambda row: (row[2], row[3])):
        first_year.setdefault(person_id, start.year)  # a person counts once, in their first year
    for year in first_year.values():
        per_year[year] += 1
    return TargetIndicator("employment", title, unit, EMPLOYMENT_TARGET, _cumulative(per_year))


def training_indicator(*, user: User) -> TargetIndicator:
    """残疾人职业技能培训 person-times, 2021–2025, against > 600 (from TrainingRecord)."""
    in_plan = TrainingRecord.objects.visible_to(user).filter(
        end_date__gte=date(PLAN_FIRST_YEAR, 1, 1), end_date__lte=date(PLAN_LAST_YEAR, 12, 31)
    )
    trained = in_plan.filter(kind__in=COUNTED_AS_TRAINING)
    rows = trained.values("end_date__year").annotate(n=Count("id"))
    per_year = {row["end_date__year"]: row["n"] for row in rows}
    extra = {
        "persons": trained.values("person_id").distinct().count(),
        "certificates": trained.filter(certificate_obtained=True).count(),
        "assessments": in_plan.filter(kind=TrainingKind.SKILLS_ASSESSMENT).count(),
    }
    return TargetIndicator(
        "training", "残疾人职业技能培训", "人次", TRAINING_TARGET, _cumulative(per_year), extra=extra
    )


@dataclass(frozen=True)
class ComplianceRow:
    """Approved reports of one group (a town or an org type) by standing against the quota."""

    key: str
    label: str
    at_quota: int = 0
    below: int = 0
    below_exempt: int = 0

    @property
    def total(self) -> int:
        return self.at_quota + self.below + self.below_exempt


def _standing(result: dict) -> str:
    if Decimal(str(result.get("shortfall", "0"))) <= 0:
        return "at_quota"
    return "below_exempt" if result.get("exempt") in (True, "是") else "below"


def compliance_by_group(*, user: User, data_year: int) -> dict[str, list[ComplianceRow]]:
    """Approved reports of ``data_year`` by town and by org type: at quota, below (paying),
    below but exempt (enterprises of ≤ 30 staff). Read from the frozen approval snapshots."""
    reports = (
        QuotaReport.objects.visible_to(user)
        .filter(data_year=data_year, status=ReportStatus.APPROVED, snapshot__isnull=False)
        .select_related("employer__region", "snapshot")
        .order_by("employer__region__path", "pk")
    )
    by_region: dict[str, dict] = {}
    by_type: dict[str, dict] = {code: {"label": label} for code, label in OrgType.choices}
    for report in reports:
        standing = _standing(report.snapshot.result)
        region = report.employer.region
        bucket = by_region.setdefault(region.code, {"label": region.name})
        bucket[standing] = bucket.get(standing, 0) + 1
        kind = by_type[report.employer.org_type]
        kind[standing] = kind.get(standing, 0) + 1

    def rows(groups: dict[str, dict]) -> list[ComplianceRow]:
        return [ComplianceRow(key, values.pop("label"), **values) for key, values in groups.items()]

    return {"region": rows(by_region), "org_type": [r for r in rows(by_type) if r.total]}


def compliance_years(*, user: User) -> list[int]:
    """Data years with at least one approved report the user may see, newest first."""
    years = (
        QuotaReport.objects.visible_to(user)
        .filter(status=ReportStatus.APPROVED)
        .values_list("data_year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


@dataclass(frozen=True)
class LevyYear:
    """The levy of one data year (declared and paid in ``levy_year``), in yuan."""

    data_year: int
    assessed: Decimal  # levy due in approved reports (snapshots)
    noticed: Decimal  # in live levy notices, after hardship reductions
    paid: Decimal
    surcharge: Decimal

    @property
    def levy_year(self) -> int:
        return self.data_year + 1

    @property
    def outstanding(self) -> Decimal:
        return max(self.noticed - self.paid, ZERO)


def levy_by_year(*, user: User) -> list[LevyYear]:
    """Levy assessed, noticed, paid and surcharged, per data year, oldest first."""
    assessed: dict[int, Decimal] = defaultdict(lambda: ZERO)
    approved = (
        QuotaReport.objects.visible_to(user)
        .filter(status=ReportStatus.APPROVED, snapshot__isnull=False)
        .values_list("data_year", "snapshot__result")
    )
    for year, result in approved:
        assessed[year] += Decimal(str(result.get("levy_due", "0")))
    notices = (
        LevyNotice.objects.visible_to(user)
        .exclude(status=NoticeStatus.CANCELLED)
        .values("data_year")
        .annotate(
            amount=Sum("amount"),
            reduced=Sum("reduced_amount"),
            paid=Sum("paid_amount"),
            surcharge=Sum("surcharge_amount"),
        )
    )
    noticed = {row["data_year"]: row for row in notices}
    out = []
    for year in sorted(set(assessed) | set(noticed)):
        row = noticed.get(year, {})
        out.append(
            LevyYear(
                data_year=year,
                assessed=yuan(assessed.get(year, ZERO)),
                noticed=yuan(row.get("amount")) - yuan(row.get("reduced")),
                paid=yuan(row.get("paid")),
                surcharge=yuan(row.get("surcharge")),
            )
        )
    return out


@dataclass(frozen=True)
class LedgerYear:
    """Subsidies and rewards of one data year: paid out by kind, and approved but not yet paid."""

    data_year: int
    paid_by_kind: dict
    approved_unpaid: Decimal

    @property
    def paid_total(self) -> Decimal:
        return sum(self.paid_by_kind.values(), ZERO)


def subsidies_by_year(*, user: User) -> list[LedgerYear]:
    """The subsidies-and-rewards ledger per data year (paid by kind; approved, awaiting payment)."""
    rows = (
        LedgerEntry.objects.visible_to(user)
        .filter(status__in=[LedgerStatus.PAID, LedgerStatus.APPROVED])
        .values("data_year", "kind", "status")
        .annotate(total=Sum("amount"))
    )
    paid: dict[int, dict] = defaultdict(lambda: {kind: ZERO for kind in LedgerKind.values})
    unpaid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        if row["status"] == LedgerStatus.PAID:
            paid[row["data_year"]][row["kind"]] += yuan(row["total"])
        else:
            unpaid[row["data_year"]] += yuan(row["total"])
    years = sorted(set(paid) | set(unpaid))
    return [LedgerYear(year, dict(paid[year]), unpaid.get(year, ZERO)) for year in years]


def plan_indicators(*, user: User, data_year: int | None = None) -> dict:
    """Everything the dashboard shows: the two plan targets, employers at quota for one data
    year (default: the latest with approved reports), levy and subsidies by year."""
    years = compliance_years(user=user)
    if data_year is None:
        data_year = years[0] if years else timezone.localdate().year - 1
    return {
        "employment": employment_indicator(user=user),
        "training": training_indicator(user=user),
        "data_year": data_year,
        "compliance_years": years,
        "compliance": compliance_by_group(user=user, data_year=data_year),
        "levy": levy_by_year(user=user),
        "subsidies": subsidies_by_year(user=user),
    }


def indicators_as_dict(indicators: dict) -> dict:
    """JSON-safe form of ``plan_indicators`` (money as strings with two decimals)."""

    def target(ind: TargetIndicator) -> dict:
        return {
            "title": ind.title,
            "unit": ind.unit,
            "target": ind.target,
            "total": ind.total,
            "met": ind.met,
            "available": ind.available,
            "note": ind.note,
            "years": [{"year": y.year, "value": y.value, "cumulative": y.cumulative} for y in ind.years],
            **ind.extra,
        }

    def compliance(rows: list[ComplianceRow]) -> list[dict]:
        return [
            {
                "code": r.key,
                "name": r.label,
                "at_quota": r.at_quota,
                "below": r.below,
                "below_exempt": r.below_exempt,
                "total": r.total,
            }
            for r in rows
        ]

    return {
        "plan_years": [PLAN_FIRST_YEAR, PLAN_LAST_YEAR],
        "employment": target(indicators["employment"]),
        "training": target(indicators["training"]),
        "compliance": {
            "data_year": indicators["data_year"],
            "by_region": compliance(indicators["compliance"]["region"]),
            "by_org_type": compliance(indicators["compliance"]["org_type"]),
        },
        "levy": [
            {
                "data_year": y.data_year,
                "levy_year": y.levy_year,
                "assessed": str(y.assessed),
                "noticed": str(y.noticed),
                "paid": str(y.paid),
                "surcharge": str(y.surcharge),
                "outstanding": str(y.outstanding),
            }
            for y in indicators["levy"]
        ],
        "subsidies": [
            {
                "data_year": y.data_year,
                "paid_total": str(y.paid_total),
                "approved_unpaid": str(y.approved_unpaid),
                "paid_by_kind": {kind: str(amount) for kind, amount in y.paid_by_kind.items()},
            }
            for y in indicators["subsidies"]
        ],
    }
