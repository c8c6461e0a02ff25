"""Benchmark: the annual audit of 10,000 employers and 100,000 roster lines.

The synthetic data includes the verified facts (a registry extract and insurance records), so the
audit is also the re-check of every roster line against them (issue 10).

Runs, on the same data and in the same process:
1. the set-based audit (``quota.audit.services.run``: a handful of queries, then dicts), and
2. a straightforward per-employer loop: for each employer, queries for its report, roster,
   last year's report, the certificates other employers claim and its policy, then the same
   core checks and the same writes;
and prints for each the time, the number of queries and the peak Python memory (tracemalloc,
in a second, traced pass so tracing does not distort the timings), the process's peak RSS, and
the ratio of the two times.  Both must produce identical results.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench quota_audit
    BENCH_SCALE=0.01 python -m bench quota_audit        # 100 employers, 1,000 lines

On PostgreSQL it creates (and drops) its own database ``bench_quota``; on SQLite it uses memory.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from contextlib import contextmanager

from bench import _django

FULL_EMPLOYERS, FULL_LINES = 10_000, 100_000


def _scale(argv_scale: float | None) -> float:
    raw = argv_scale if argv_scale is not None else os.environ.get("BENCH_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"BENCH_SCALE must be a number, got {raw!r}") from None
    if not 0 < value <= 10:
        raise SystemExit("BENCH_SCALE must be in (0, 10]")
    return value


@contextmanager
def _count_queries(counter: list[int]):
    from django.db import connection

    def wrapper(execute, sql, params, many, context):
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield


def _set_based(run_id: int) -> None:
    from quota.audit.services.run import audit_execute

    run = audit_execute(run_id=run_id)
    if run.status != "done":
        raise RuntimeError(run.error)


def _per_employer(run_id: int) -> None:
    """The straightforward loop: per employer its own queries, then the same checks and writes."""
    from django.db.models import Q

    from backend.accounts.models import Employer
    from quota.audit.models import AuditRun
    from quota.audit.selectors import CLAIM_FIELDS, LINE_FIELDS, PREVIOUS_FIELDS, REPORT_FIELDS, AuditData
    from quota.audit.services.run import _replace_results, audit_evaluate
    from quota.choices import FILED_STATUSES
    from quota.models import QuotaReport, RosterLine
    from quota.selectors import policy_for
    from quota.selectors.verified_facts import VerifiedFacts, verified_facts

    run = AuditRun.objects.get(pk=run_id)
    year = run.data_year
    scope = Q(pk__in=[])
    for path in run.regions.values_list("path", flat=True):
        scope |= Q(region__path__startswith=path)
    data = AuditData(data_year=year)
    data.facts = facts = VerifiedFacts(year)
    claims: dict[int, dict] = {}
    policies = {}
    for employer in Employer.objects.filter(scope).select_related("region").order_by("pk"):
        data.regions[employer.region_id] = employer.region
        report = QuotaReport.objects.filter(employer=employer, data_year=year).values(*REPORT_FIELDS).first()
        previous = (
            QuotaReport.objects.filter(employer=employer, data_year=year - 1)
            .exclude(status="draft")
            .values(*PREVIOUS_FIELDS)
            .first()
        )
        if previous:
            data.previous.append(previous)
        if report is None:
            continue
        data.reports.append(report)
        if report["status"] == "draft":
            continue
        lines = list(
            RosterLine.objects.filter(report_id=report["id"]).order_by("line_no", "id").values(*LINE_FIELDS)
        )
        data.lines.extend(lines)
        others = RosterLine.objects.filter(
            certificate_bidx__in=[line["certificate_bidx"] for line in lines],
            report__data_year=year,
            report__status__in=FILED_STATUSES,
            counts_here=True,
        ).exclude(report__employer=employer)
        for claim in others.values(*CLAIM_FIELDS):
            claims[claim["id"]] = claim
        # The verified facts of this employer's lines, read per employer as the loop reads the rest.
        employer_facts = verified_facts(
            year=year,
            certificate_bidxs=[line["certificate_bidx"] for line in lines],
            credit_codes=[report["employer__credit_code"]],
        )
        facts.certificates.update(employer_facts.certificates)
        facts.confirmations.update(employer_facts.confirmations)
        facts.insured.update(employer_facts.insured)
        policies[employer.region_id] = policy_for(employer.region, year + 1)  # one lookup per employer
    in_scope = {line["id"] for line in data.lines}
    data.outside_claims = [claim for line_id, claim in claims.items() if line_id not in in_scope]
    evaluation = audit_evaluate(data, policy_for=lambda region: policies[region.pk])
    _replace_results(run, evaluation)


def _measure(label: str, function, run_id: int, *, trace: bool) -> dict:
    gc.collect()
    queries = [0]
    started = time.perf_counter()
    with _count_queries(queries):
        function(run_id)
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        gc.collect()
        tracemalloc.start()
        function(run_id)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"label": label, "seconds": seconds, "queries": queries[0], "peak": peak}


def _results(run_id: int) -> list[tuple]:
    from quota.audit.models import AuditFinding, AuditResult

    rows = AuditResult.objects.filter(run_id=run_id).order_by("employer_id")
    findings = sorted(
        AuditFinding.objects.filter(run_id=run_id).values_list(
            "employer_id", "roster_line_id", "kind", "message"
        ),
        key=lambda row: (row[0], row[1] or 0, row[2], row[3]),
    )
    return [
        list(rows.values_list("employer_id", "status", "employee_count", "counted_disabled", "levy_due")),
        findings,
    ]


def _mib(value: int | None) -> str:
    return "—" if value is None else f"{value / 2**20:.1f} MiB"


def run(*, scale: float, trace: bool = True, out=None) -> dict:
    """Generate the data, run both audits, print the figures; returns them too."""
    out = out or sys.stdout
    from django.db import connection

    from backend.accounts.models import User
    from bench.synthetic import quota_region
    from quota.audit.models import AuditRun

    employers = max(10, round(FULL_EMPLOYERS * scale))
    lines = max(employers, round(FULL_LINES * scale))
    started = time.perf_counter()
    region = quota_region(employers=employers, lines=lines)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a live database has (autovacuum may be off)
    generated = time.perf_counter() - started
    auditor = User.objects.get(pk=region.auditor_id)
    runs = []
    for _ in range(2):
        run = AuditRun.objects.create(data_year=2025, created_by=auditor)
        run.regions.set(auditor.regions.all())
        runs.append(run.pk)
    print(
        f"quota_audit: {region.employers} employers, {region.reports} reports, {region.roster_lines} roster lines, "
        f"{region.persons} persons on {connection.vendor} (scale {scale:g}; generated in {generated:.1f} s)",
        file=out,
    )
    loop = _measure("per-employer loop", _per_employer, runs[1], trace=trace)
    set_based = _measure("set-based audit", _set_based, runs[0], trace=trace)
    for row in (set_based, loop):
        print(
            f"{row['label']}: {row['seconds']:.2f} s, {row['queries']} queries, peak Python memory {_mib(row['peak'])}",
            file=out,
        )
    identical = _results(runs[0]) == _results(runs[1])
    counts = AuditRun.objects.get(pk=runs[0]).counts
    print(
        f"results identical: {'yes' if identical else 'NO'}; {counts['findings']} findings "
        f"({', '.join(f'{k} {v}' for k, v in sorted(counts['by_kind'].items()))})",
        file=out,
    )
    print(f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB", file=out)
    ratio = loop["seconds"] / set_based["seconds"] if set_based["seconds"] else float("inf")
    print(f"ratio (per-employer loop ÷ set-based): {ratio:.1f}×", file=out)
    # The audit is also the re-check of the rosters against the verified facts (registry extract,
    # insurance records), so this line is the "re-check 100k roster lines" figure.
    print(
        f"BENCH name=quota_audit employers={region.employers} lines={region.roster_lines} workers=1 "
        f"seconds={set_based['seconds']:.2f} baseline_seconds={loop['seconds']:.2f} "
        f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} "
        f"identical={'yes' if identical else 'no'} vendor={connection.vendor}",
        file=out,
    )
    if not identical:
        raise RuntimeError("the two audits disagree")
    return {"set_based": set_based, "loop": loop, "ratio": ratio, "identical": identical}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench quota_audit", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale", type=float, help="1 = 10,000 employers and 100,000 lines (default BENCH_SCALE or 1)"
    )
    parser.add_argument(
        "--in-place", action="store_true", help="use the current database (tests) instead of a new one"
    )
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    options = parser.parse_args(argv or [])
    scale = _scale(options.scale)
    _django.setup()
    if options.in_place:
        run(scale=scale, trace=not options.no_trace)
        return 0
    with _django.own_database("bench_quota"):
        run(scale=scale, trace=not options.no_trace)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
