"""Reads of reports and rosters: scoped lists, and the engine's input built from a stored report."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError

from backend.accounts.selectors import person_disability
from quota.core import InputError, ReportInput
from quota.core import RosterLine as CoreLine

from ..choices import FILED_STATUSES, RosterCertificateKind
from ..models import QuotaReport, RosterLine
from .verified_facts import VerifiedFacts, verified_facts

# A labour contract without an end date (无固定期限劳动合同) satisfies any minimum term.
OPEN_ENDED_CONTRACT_MONTHS = 999


def report_list_for(user):
    """Reports the user may see (employer staff: own; auditors: their regions; admins: all)."""
    return QuotaReport.objects.visible_to(user).select_related("employer", "employer__region")


def roster_lines_for(user):
    """Roster lines of the reports the user may see."""
    return RosterLine.objects.filter(report__in=QuotaReport.objects.visible_to(user)).select_related(
        "person", "report"
    )


def roster_line_contract_months(start: date | None, end: date | None) -> int | None:
    """Whole months a contract runs: 2024-01-01 → 2024-12-31 is 12; no start → None (unknown);
    no end → open-ended (counts as long enough)."""
    if start is None:
        return None
    if end is None:
        return OPEN_ENDED_CONTRACT_MONTHS
    after = end + timedelta(days=1)  # the contract covers its last day in full
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return max(0, months)


def counted_elsewhere_months(report: QuotaReport) -> dict[str, set[int]]:
    """Months other employers already count each certificate of this roster (挂靠; 63号).

    Only reports of the same data year that are submitted, resubmitted or approved count, and
    only lines that count at that employer; one query keyed by the blind index.
    """
    bidxs = list(report.roster.values_list("certificate_bidx", flat=True))
    claimed: dict[str, set[int]] = {}
    rows = (
        RosterLine.objects.filter(
            certificate_bidx__in=bidxs,
            counts_here=True,
            report__data_year=report.data_year,
            report__status__in=FILED_STATUSES,
        )
        .exclude(report__employer_id=report.employer_id)
        .values_list("certificate_bidx", "months")
    )
    for bidx, months in rows:
        claimed.setdefault(bidx, set()).update(months or [])
    return claimed


def _core_line(
    line: RosterLine, elsewhere: set[int], line_id: str, facts: VerifiedFacts, credit_code: str
) -> CoreLine:
    person = line.person
    veteran = line.certificate_kind == RosterCertificateKind.VETERAN
    veteran_grade = person_disability(person).get("grade") if veteran else None
    return CoreLine(
        line_id,
        certificate_no=person.decrypt("certificate") or None,
        veteran=veteran,
        veteran_grade=veteran_grade,
        months=frozenset(line.months or []),
        monthly_wage=line.monthly_wage,
        on_establishment=line.on_establishment,
        contract_months=roster_line_contract_months(line.contract_start, line.contract_end),
        **facts.line_facts(
            certificate_bidx=line.certificate_bidx,
            kind=line.certificate_kind,
            credit_code=credit_code,
            resident_bidx=person.resident_id_bidx,
            declared=line.insured_months,
        ),
        certificate_valid_until=person.certificate_valid_until,
        birth_date=person.birth_date,
        sex=person.sex,
        counted_elsewhere_months=frozenset(elsewhere),
        dispatched=line.dispatched,
        counts_here=line.counts_here,
    )


def line_ids(lines: list[RosterLine]) -> list[str]:
    """The row numbers used in explanations ("第 3 行"); the id when numbers repeat."""
    numbers = [str(line.line_no) for line in lines]
    if len(set(numbers)) == len(numbers) and all(line.line_no for line in lines):
        return numbers
    return [f"#{line.pk}" for line in lines]


def report_input(report: QuotaReport) -> ReportInput:
    """The core ReportInput for a stored report, with cross-employer claims marked."""
    errors = {}
    if report.employee_count is None and report.monthly_headcounts is None:
        errors["employee_count"] = "请填写在职职工年平均人数，或12个月的月末人数"
    if report.total_wages is None:
        errors["total_wages"] = "请填写在职职工工资总额"
    if errors:
        raise ValidationError(errors)
    lines = list(report.roster.select_related("person").order_by("line_no", "id"))
    elsewhere = counted_elsewhere_months(report)
    credit_code = report.employer.credit_code
    facts = verified_facts(
        year=report.data_year,
        certificate_bidxs=[line.certificate_bidx for line in lines],
        people_by_employer={credit_code: [line.person.resident_id_bidx for line in lines]},
    )
    roster = tuple(
        _core_line(line, elsewhere.get(line.certificate_bidx, set()), line_id, facts, credit_code)
        for line, line_id in zip(lines, line_ids(lines), strict=True)
    )
    headcounts = None
    if report.monthly_headcounts is not None:
        headcounts = tuple(Decimal(str(value)) for value in report.monthly_headcounts)
    try:
        return ReportInput(
            report.data_year,
            report.employer.org_type,
            employee_count=report.employee_count,
            monthly_headcounts=headcounts,
            total_wages=report.total_wages,
            roster=roster,
        )
    except InputError as error:
        raise ValidationError(error.message_zh) from error


def report_inputs_dict(report: QuotaReport, data: ReportInput) -> dict:
    """JSON-safe inputs for the approval snapshot — no plaintext identifiers (blind index only)."""
    lines = list(report.roster.order_by("line_no", "id"))
    by_id = dict(zip(line_ids(lines), lines, strict=True))
    roster = []
    for core in data.roster:
        line = by_id[core.line_id]
        roster.append(
            {
                "line_id": core.line_id,
                "line_no": line.line_no,
                "person_id": line.person_id,
                "certificate_bidx": line.certificate_bidx,
                "certificate_kind": line.certificate_kind,
                "months": sorted(core.months),
                "monthly_wage": str(line.monthly_wage),
                "on_establishment": line.on_establishment,
                "contract_start": line.contract_start.isoformat() if line.contract_start else None,
                "contract_end": line.contract_end.isoformat() if line.contract_end else None,
                "contract_months": core.contract_months,
                "insured_months": sorted(core.insured_months or []),
                "declared_insured_months": sorted(line.insured_months or []),
                "dispatched": line.dispatched,
                "dispatch_agency": line.dispatch_agency,
                "counts_here": line.counts_here,
                "counted_elsewhere_months": sorted(core.counted_elsewhere_months),
                "certificate_valid_until": (
                    core.certificate_valid_until.isoformat() if core.certificate_valid_until else None
                ),
            }
        )
    return {
        "employer_id": report.employer_id,
        "org_type": data.org_type,
        "data_year": data.data_year,
        "employee_count": None if data.employee_count is None else str(data.employee_count),
        "monthly_headcounts": None
        if data.monthly_headcounts is None
        else [str(value) for value in data.monthly_headcounts],
        "total_wages": str(data.total_wages),
        "roster": roster,
    }
