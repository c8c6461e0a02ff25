"""Automatic re-checks: when new facts arrive (a registry or insurance import, a resubmitted
report) or every night, the platform re-runs the annual checks of the data year over the whole
city, as an audit run of its own (trigger 自动复核, no person behind it).

The run is the ordinary audit (``quota.audit.services.run``): the same figures and findings, written
atomically, retried and swept like any run, so auditors find new findings in their usual tables
and the latest run replaces the findings of lines that have since been removed.
"""

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Region
from quota.audit.choices import AuditStatus, RunTrigger
from quota.audit.services.recovery import audit_enqueue

from ..choices import FILED_STATUSES
from ..models import AuditRun, QuotaReport

UNFINISHED = (AuditStatus.QUEUED, AuditStatus.RUNNING)


def _city_regions() -> list[Region]:
    # Every region: auditors see a run when one of its regions lies in theirs (a town auditor
    # reads the city-wide re-check through their town).
    return list(Region.objects.all())


@transaction.atomic
def rosters_recheck(*, data_year: int, reason: str) -> AuditRun | None:
    """Queue a city-wide re-check of ``data_year`` (sent on commit); None when one is already
    waiting to start, which will see the same facts."""
    waiting = AuditRun.objects.filter(
        data_year=data_year, trigger=RunTrigger.RECHECK, status=AuditStatus.QUEUED
    ).exists()
    if waiting:
        return None
    run = AuditRun(
        data_year=data_year,
        trigger=RunTrigger.RECHECK,
        trigger_reason=reason[:200],
        heartbeat_at=timezone.now(),
    )
    run.full_clean()
    run.save()
    run.regions.set(_city_regions())
    transaction.on_commit(lambda: audit_enqueue(run_id=run.pk))
    return run


def rosters_recheck_years(*, years, reason: str) -> list[AuditRun]:
    """Re-check each data year that has filed reports."""
    filed = set(
        QuotaReport.objects.filter(data_year__in=set(years), status__in=FILED_STATUSES).values_list(
            "data_year", flat=True
        )
    )
    return [run for year in sorted(filed) if (run := rosters_recheck(data_year=year, reason=reason))]


def current_data_year() -> int:
    """The data year whose reports are filed this year (the levy for Y is declared in Y+1)."""
    return timezone.localdate().year - 1


def rosters_recheck_after_import(*, data_import) -> int:
    """Re-check the data years whose filed rosters the import touches; returns how many filed
    reports it touches.  Only records the import created or changed (their ``source`` is this
    import) can change a result: an unchanged re-import re-checks nothing."""
    from registry.choices import ImportKind
    from registry.models import CertificateRecord, InsuranceRecord

    filed = QuotaReport.objects.filter(status__in=FILED_STATUSES)
    if data_import.kind == ImportKind.CERTIFICATES:
        changed = CertificateRecord.objects.filter(source=data_import).values("certificate_bidx")
        reports = filed.filter(roster__certificate_bidx__in=changed).distinct()
    else:
        changed = InsuranceRecord.objects.filter(source=data_import)
        years = set(changed.values_list("year", flat=True).distinct())
        # Subqueries, not lists: a million-row import names thousands of employers.
        reports = filed.filter(
            employer__credit_code__in=changed.values("credit_code"), data_year__in=years
        ).distinct()
    touched = list(reports.values_list("data_year", flat=True))
    rosters_recheck_years(
        years=set(touched), reason=f"导入{data_import.get_kind_display()}（#{data_import.pk}）"
    )
    return len(touched)
