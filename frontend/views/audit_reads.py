"""Read adapters for the auditors' pages: pure reads over the quota selectors, shaped for
templates (no writes, no rules — the figures come from the quota services and snapshots)."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from backend.accounts.crypto import DecryptionError
from backend.accounts.models import Employer, Region, User
from backend.accounts.selectors import person_masked_identifiers
from quota.audit.choices import AuditStatus, NoticeStatus
from quota.audit.selectors import audit_findings
from quota.models import AuditFinding, AuditResult, AuditRun, LevyNotice, QuotaReport
from quota.selectors.report_history import report_history
from quota.selectors.reports import line_ids
from quota.services.report_figures import report_figures


def latest_done_run(*, user: User, data_year: int) -> AuditRun | None:
    """The newest finished audit run of ``data_year`` the user may see."""
    return (
        AuditRun.objects.visible_to(user)
        .filter(data_year=data_year, status=AuditStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def queue_results(*, user: User, reports) -> list[tuple[QuotaReport, AuditResult | None]]:
    """Each report with its employer's result in the newest finished audit of its year (levy
    due, number of findings, highest severity for the review queue), or None before an audit.
    One query per data year on the page."""
    reports = list(reports)
    found: dict[tuple[int, int], AuditResult] = {}
    for year in {report.data_year for report in reports}:
        run = latest_done_run(user=user, data_year=year)
        if run is None:
            continue
        employers = [report.employer_id for report in reports if report.data_year == year]
        for result in AuditResult.objects.visible_to(user).filter(run=run, employer_id__in=employers):
            found[(year, result.employer_id)] = result
    return [(report, found.get((report.data_year, report.employer_id))) for report in reports]


def run_years(*, user: User) -> list[int]:
    """Data years with a finished run the user may see, newest first."""
    years = (
        AuditRun.objects.visible_to(user).filter(status=AuditStatus.DONE).values_list("data_year", flat=True)
    )
    return sorted(set(years), reverse=True)


def towns_for(user: User) -> list[Region]:
    """Towns and zones inside the user's regions (for the region filter)."""
    towns = Region.objects.filter(level__in=["town", "zone"]).order_by("code")
    if user.role == "admin":
        return list(towns)
    paths = list(user.regions.values_list("path", flat=True))
    return [town for town in towns if any(town.path.startswith(path) for path in paths)]


def employers_for(user: User) -> list[Employer]:
    return list(Employer.objects.visible_to(user).order_by("name"))


@dataclass
class LineView:
    """One roster line as the auditor sees it: masked identifiers, what the engine said, findings."""

    line: object
    masked_certificate: str
    result: dict | None
    findings: list = field(default_factory=list)


@dataclass
class ReportReview:
    report: QuotaReport
    run: AuditRun | None
    figures: dict | None
    figures_error: str
    steps: list
    findings: list[AuditFinding]
    report_findings: list[AuditFinding]
    lines: list[LineView]
    live_notice: LevyNotice | None
    history: list[dict] = field(default_factory=list)


STEP_NUMBER = re.compile(r"^\d+\.\s*")


def _masked(person) -> str:
    try:
        return person_masked_identifiers(person)["certificate_no"]
    except DecryptionError:
        return "（无法读取）"


def _name_related_employers(findings: list[AuditFinding], *, user: User, data_year: int) -> None:
    """挂靠 findings name the other employers: ``related_visible`` holds (employer, report of
    the same year or None) for those the reader may see, ``related_hidden`` counts the others
    (another region's auditor sees that side of the finding)."""
    ids = {pk for finding in findings for pk in finding.related_employers}
    if not ids:
        for finding in findings:
            finding.related_visible, finding.related_hidden = [], 0
        return
    visible = {e.pk: e for e in Employer.objects.visible_to(user).filter(pk__in=ids)}
    reports = {
        r.employer_id: r
        for r in QuotaReport.objects.visible_to(user).filter(employer_id__in=visible, data_year=data_year)
    }
    for finding in findings:
        shown = [pk for pk in finding.related_employers if pk in visible]
        finding.related_visible = [(visible[pk], reports.get(pk)) for pk in shown]
        finding.related_hidden = len(finding.related_employers) - len(shown)


def report_review(*, report: QuotaReport, user: User) -> ReportReview:
    """Everything the report page shows: figures (frozen snapshot once approved, else a live
    preview), the latest audit's findings for this employer and the masked roster."""
    figures, error, steps = None, "", []
    try:
        # The page shows per line whether and how much it counts, not the category or grade:
        # they are not read out (report_figures logs any read that shows them).
        figures = report_figures(report=report, user=user, disability=False)
        steps = figures.get("steps", [])
    except ValidationError as exc:
        error = "；".join(exc.messages)
    run = latest_done_run(user=user, data_year=report.data_year)
    findings = (
        list(audit_findings(run=run, user=user, filters={"employer": str(report.employer_id)})) if run else []
    )
    _name_related_employers(findings, user=user, data_year=report.data_year)
    lines = list(report.roster.select_related("person").order_by("line_no", "id"))
    by_line_id = {item["line_id"]: item for item in (figures or {}).get("lines", [])}
    by_roster_line: dict[int, list] = {}
    for finding in findings:
        if finding.roster_line_id:
            by_roster_line.setdefault(finding.roster_line_id, []).append(finding)
    views = [
        LineView(line, _masked(line.person), by_line_id.get(line_id), by_roster_line.get(line.pk, []))
        for line, line_id in zip(lines, line_ids(lines), strict=True)
    ]
    live_notice = (
        LevyNotice.objects.visible_to(user)
        .filter(report=report)
        .exclude(status=NoticeStatus.CANCELLED)
        .first()
    )
    return ReportReview(
        report=report,
        run=run,
        figures=figures,
        figures_error=error,
        steps=[STEP_NUMBER.sub("", step) for step in steps],  # the page numbers them itself
        findings=findings,
        report_findings=[f for f in findings if not f.roster_line_id],
        lines=views,
        live_notice=live_notice,
        history=report_history(report),
    )
