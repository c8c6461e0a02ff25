"""Reads for the annual audit: the bulk fetch (a handful of queries for a whole region), and the
scoped, filterable lists of a run's results and findings.

The bulk fetch returns plain ``values()`` rows, never model instances, so a province's year of
reports and roster lines fits in memory and is checked in Python dicts (quota.core.checks).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from backend.accounts.models import Region, User
from quota.audit.filtersets import AuditFindingFilterSet, AuditResultFilterSet
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.choices import FILED_STATUSES, ReportStatus
from quota.models.reports import QuotaReport, RosterLine
from quota.selectors.verified_facts import VerifiedFacts, verified_facts

REPORT_FIELDS = (
    "id",
    "employer_id",
    "status",
    "employee_count",
    "monthly_headcounts",
    "total_wages",
    "employer__org_type",
    "employer__region_id",
    "employer__credit_code",
)
PREVIOUS_FIELDS = ("employer_id", "employee_count", "monthly_headcounts", "total_wages")
# Roster lines joined to what the checks need from the person; the identifiers stay encrypted
# until the audit decrypts them in memory (they are never stored or shown in clear).
LINE_FIELDS = (
    "id",
    "report_id",
    "line_no",
    "certificate_bidx",
    "certificate_kind",
    "months",
    "monthly_wage",
    "on_establishment",
    "contract_start",
    "contract_end",
    "insured_months",
    "dispatched",
    "counts_here",
    "person_id",
    "person__uid",
    "person__birth_date",
    "person__sex",
    "person__certificate_kind",
    "person__certificate_valid_until",
    "person__certificate_enc",
    "person__disability_enc",
    "person__resident_id_bidx",
)
CLAIM_FIELDS = ("id", "certificate_bidx", "months", "report__employer_id")


@dataclass
class AuditData:
    """Everything one audit run reads, fetched in bulk."""

    data_year: int
    reports: list[dict] = field(default_factory=list)  # this year's reports in scope, any status
    previous: list[dict] = field(default_factory=list)  # last year's filed reports in scope
    lines: list[dict] = field(default_factory=list)  # roster lines of this year's filed reports
    outside_claims: list[dict] = field(default_factory=list)  # same certificates, outside scope
    regions: dict[int, Region] = field(default_factory=dict)
    # Registry, confirmations and insurance records of the lines' certificates and employers.
    facts: VerifiedFacts | None = None


def _scope(paths: list[str], prefix: str) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{prefix}__startswith": path})
    return q


def audit_dataset(*, data_year: int, region_paths: list[str]) -> AuditData:
    """Fetch one audit's inputs in a few bulk queries, independent of the number of employers."""
    in_scope = _scope(region_paths, "employer__region__path")
    not_draft = ~Q(status=ReportStatus.DRAFT)
    reports = list(QuotaReport.objects.filter(in_scope, data_year=data_year).values(*REPORT_FIELDS))
    previous = list(
        QuotaReport.objects.filter(in_scope, not_draft, data_year=data_year - 1).values(*PREVIOUS_FIELDS)
    )
    scoped_lines = RosterLine.objects.filter(
        _scope(region_paths, "report__employer__region__path"),
        report__data_year=data_year,
    ).exclude(report__status=ReportStatus.DRAFT)
    lines = list(scoped_lines.order_by("report_id", "line_no", "id").values(*LINE_FIELDS))
    # 挂靠 across a region boundary: the same certificates claimed by employers outside the scope.
    outside_claims = list(
        RosterLine.objects.filter(
            report__data_year=data_year,
            certificate_bidx__in=scoped_lines.values("certificate_bidx"),
        )
        .filter(report__status__in=FILED_STATUSES, counts_here=True)
        .exclude(_scope(region_paths, "report__employer__region__path"))
        .values(*CLAIM_FIELDS)
    )
    facts = verified_facts(
        year=data_year,
        certificate_bidxs=[line["certificate_bidx"] for line in lines],
        credit_codes=[row["employer__credit_code"] for row in reports],
    )
    region_ids = {row["employer__region_id"] for row in reports}
    regions = Region.objects.in_bulk(region_ids) if region_ids else {}
    return AuditData(
        data_year=data_year,
        reports=reports,
        previous=previous,
        lines=lines,
        outside_claims=outside_claims,
        regions=regions,
        facts=facts,
    )


def _filtered(filterset_class, filters, queryset):
    if filters is None:
        return queryset
    filterset = filterset_class(filters, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError({name: list(errors) for name, errors in filterset.errors.items()})
    return filterset.qs


def audit_results(*, run: AuditRun, user: User, filters=None) -> QuerySet[AuditResult]:
    """A run's per-employer results the user may see; ``filters`` (query parameters of
    AuditResultFilterSet: region, org_type, status, has_findings, finding_kind, ordering …)
    filter and sort them, or are left to the caller's filter backend when None."""
    queryset = (
        AuditResult.objects.visible_to(user)
        .filter(run=run)
        .select_related("employer", "employer__region", "report")
        .order_by("employer__name", "id")
    )
    return _filtered(AuditResultFilterSet, filters, queryset)


def audit_findings(*, run: AuditRun, user: User, filters=None) -> QuerySet[AuditFinding]:
    """A run's findings the user may see, optionally filtered by kind, severity or employer."""
    queryset = (
        AuditFinding.objects.visible_to(user)
        .filter(run=run)
        .select_related("employer", "roster_line")
        .order_by("employer__name", "employer_id", "id")
    )
    return _filtered(AuditFindingFilterSet, filters, queryset)
