"""A run's results and findings without their ids: equal for two runs that computed the same."""

from decimal import Decimal

from quota.audit.models import AuditFinding, AuditResult, AuditRun

from .factories import filed_report, make_employer, make_line, make_person


def small_dataset() -> None:
    """Three employers of 2025, one certificate counted twice (挂靠), one low wage."""
    shared = make_person()
    first, second = make_employer(name="甲公司"), make_employer(name="乙公司")
    make_line(filed_report(first, persons=[make_person()]), shared)
    make_line(filed_report(second), shared)
    make_line(filed_report(make_employer(name="丙公司")), make_person(), monthly_wage=Decimal("100.00"))


def outcome_of(run: AuditRun) -> dict:
    results = AuditResult.objects.filter(run=run).order_by("employer_id").values_list(
        "employer_id", "report_id", "status", "employee_count", "counted_disabled", "ratio",
        "levy_due", "exempt", "findings_count", "max_severity", "error",
    )  # fmt: skip
    findings = AuditFinding.objects.filter(run=run).values_list(
        "employer_id", "report_id", "roster_line_id", "kind", "severity", "message", "related_employers"
    )
    run.refresh_from_db()
    # Sorted with "no report / no line" first (None does not compare with ids).
    ordered = sorted(findings, key=lambda row: (row[0], row[1] or 0, row[2] or 0, *row[3:6]))
    return {"results": list(results), "findings": ordered, "counts": run.counts}
