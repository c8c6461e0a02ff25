"""Reads for the annual audit: the bulk fetch (a handful of queries for a whole region), and the
scoped, filterable lists of a run's results and findings.

The bulk fetch returns plain ``values()`` rows, never model instances, so a province's year of
reports and roster lines fits in memory and is checked in Python dicts (quota.core.checks).
"""

import bisect
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

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


def _in_paths(path: str, paths: list[str]) -> bool:
    return any(path.startswith(prefix) for prefix in paths)


@dataclass(frozen=True)
class EmployerRange:
    """A chunk of a run: the employers with ``after < id <= upto`` (``upto`` None: no end).

    The ranges of one run cover every id once, so a chunk that deletes "its" results by range
    also removes what an earlier attempt with other bounds left there."""

    after: int
    upto: int | None

    def q(self, prefix: str) -> Q:
        q = Q(**{f"{prefix}__gt": self.after})
        return q if self.upto is None else q & Q(**{f"{prefix}__lte": self.upto})

    def __contains__(self, employer_id: int) -> bool:
        return employer_id > self.after and (self.upto is None or employer_id <= self.upto)


def audit_chunks(*, data_year: int, region_paths: list[str], employers_per_chunk: int) -> list[EmployerRange]:
    """Split the employers a run covers (a report this year or last year) into id ranges of at
    most ``employers_per_chunk`` employers; one query, streamed."""
    ids = (
        QuotaReport.objects.filter(
            _scope(region_paths, "employer__region__path"), data_year__in=[data_year - 1, data_year]
        )
        .order_by("employer_id")
        .values_list("employer_id", flat=True)
        .distinct()
        .iterator(chunk_size=10_000)
    )
    bounds, count, last = [], 0, 0
    for employer_id in ids:
        count += 1
        last = employer_id
        if count == employers_per_chunk:
            bounds.append(last)
            count = 0
    if count or not bounds:
        bounds.append(last)
    ranges = [EmployerRange(after, upto) for after, upto in zip([0, *bounds[:-1]], bounds, strict=True)]
    return [*ranges[:-1], EmployerRange(ranges[-1].after, None)]  # the last one has no end


@dataclass
class SharedCertificates:
    """The claims on certificates that appear at more than one employer in the year (any region).

    Only these can make a line "counted elsewhere" or 挂靠 across employers, so the database
    finds them once per run (GROUP BY … HAVING count(DISTINCT employer) > 1) and each chunk gets
    the few it needs instead of every line of the year."""

    # claims (filed reports, lines that count at their employer) as CLAIM_FIELDS dicts,
    # plus "in_scope" (the line's employer is in the run's regions)
    claims: list[dict] = field(default_factory=list)
    # certificate -> employers in the run's scope with a (non-draft) line of it
    holders: dict[str, set[int]] = field(default_factory=dict)

    def outside_claims_by_chunk(self, chunks: list[EmployerRange]) -> list[list[dict]]:
        """For each chunk, the claims it does not load itself on certificates its employers hold."""
        starts = [chunk.after for chunk in chunks]

        def chunk_of(employer_id: int) -> int:
            return bisect.bisect_left(starts, employer_id) - 1

        certs_of: list[set[str]] = [set() for _ in chunks]
        for cert, holders in self.holders.items():
            for employer_id in holders:
                certs_of[chunk_of(employer_id)].add(cert)
        by_cert: dict[str, list[dict]] = {}
        for claim in self.claims:
            by_cert.setdefault(claim["certificate_bidx"], []).append(claim)
        return [
            [
                {key: claim[key] for key in CLAIM_FIELDS}
                for cert in sorted(certs)
                for claim in by_cert.get(cert, ())
                if not (claim["in_scope"] and chunk_of(claim["report__employer_id"]) == number)
            ]
            for number, certs in enumerate(certs_of)
        ]


def shared_certificates(*, data_year: int, region_paths: list[str]) -> SharedCertificates:
    """The claims on certificates held by two or more employers this year: two queries."""
    non_draft = RosterLine.objects.filter(report__data_year=data_year).exclude(
        report__status=ReportStatus.DRAFT
    )
    shared = (
        non_draft.order_by()
        .values("certificate_bidx")
        .annotate(employers=Count("report__employer_id", distinct=True))
        .filter(employers__gt=1)
        .values("certificate_bidx")
    )
    rows = non_draft.filter(certificate_bidx__in=shared).values(
        *CLAIM_FIELDS, "counts_here", "report__status", "report__employer__region__path"
    )
    result = SharedCertificates()
    for row in rows.iterator(chunk_size=10_000):
        in_scope = _in_paths(row["report__employer__region__path"], region_paths)
        if in_scope:
            result.holders.setdefault(row["certificate_bidx"], set()).add(row["report__employer_id"])
        if row["counts_here"] and row["report__status"] in FILED_STATUSES:
            result.claims.append({**{key: row[key] for key in CLAIM_FIELDS}, "in_scope": in_scope})
    return result


def audit_dataset(
    *,
    data_year: int,
    region_paths: list[str],
    employers: EmployerRange | None = None,
    outside_claims: list[dict] | None = None,
) -> AuditData:
    """Fetch one audit's inputs in a few bulk queries, independent of the number of employers.

    With ``employers`` only that chunk's employers are read (their lines streamed), and the
    claims of other employers are ``outside_claims`` (from ``shared_certificates``, read once
    per run) instead of a query per chunk.  Without them: the whole scope at once."""
    in_scope = _scope(region_paths, "employer__region__path")
    if employers is not None:
        in_scope &= employers.q("employer_id")
    not_draft = ~Q(status=ReportStatus.DRAFT)
    reports = list(QuotaReport.objects.filter(in_scope, data_year=data_year).values(*REPORT_FIELDS))
    previous = list(
        QuotaReport.objects.filter(in_scope, not_draft, data_year=data_year - 1).values(*PREVIOUS_FIELDS)
    )
    line_scope = _scope(region_paths, "report__employer__region__path")
    if employers is not None:
        line_scope &= employers.q("report__employer_id")
    scoped_lines = RosterLine.objects.filter(line_scope, report__data_year=data_year).exclude(
        report__status=ReportStatus.DRAFT
    )
    lines = list(
        scoped_lines.order_by("report_id", "line_no", "id").values(*LINE_FIELDS).iterator(chunk_size=5_000)
    )
    if outside_claims is None:
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
    code_of_report = {row["id"]: row["employer__credit_code"] for row in reports}
    people_by_employer: dict[str, set[str]] = {code: set() for code in code_of_report.values()}
    for line in lines:
        people_by_employer[code_of_report[line["report_id"]]].add(line["person__resident_id_bidx"])
    facts = verified_facts(
        year=data_year,
        certificate_bidxs=[line["certificate_bidx"] for line in lines],
        people_by_employer=people_by_employer,
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
