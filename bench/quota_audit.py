"""Benchmark: the annual audit of 10,000 employers and 100,000 roster lines (scale 1).

The synthetic data includes the verified facts (a registry extract and insurance records), so the
audit is also the re-check of every roster line against them (issue 10).

Two contenders on the same data, in alternating order, ``BENCH_REPEATS`` times (default 3):
1. **chunked** (the product): the audit cut into chunks of ``AUDIT_CHUNK_EMPLOYERS`` employers,
   run as a Celery chord on ``--workers`` workers (default 2) that this benchmark starts itself
   (``celery -A backend worker --concurrency 1`` on a queue of its own, the benchmark's database
   and a Redis broker) and stops at the end.  On SQLite (an in-memory database no worker can
   see) or with ``--workers 0`` the chunks run one after the other in this process.
2. **one pass** (the baseline): the audit as it ran before, in this process — the same bulk
   queries over the whole scope, everything in memory at once, one policy lookup per region.
   (The old per-employer loop with a query per employer is gone: it measured N+1 queries.)
Both must produce identical results and findings.  Printed: the median and spread of each, the
load average at start and end, each worker's peak RSS (VmHWM) and this process's, and the
``BENCH`` line.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench quota_audit
    BENCH_SCALE=10 python -m bench quota_audit --workers 2     # 100,000 employers, 1,000,000 lines
    BENCH_SCALE=0.01 python -m bench quota_audit               # 100 employers, 1,000 lines

On PostgreSQL it creates (and drops) its own database (``--database``, default ``bench_quota``);
on SQLite it uses memory.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from bench import _django
from bench._harness import alternate, peak_rss_mb, print_bench_line, print_load, repeats_from_env

FULL_EMPLOYERS, FULL_LINES = 10_000, 100_000
ROOT = Path(__file__).resolve().parent.parent


def _scale(argv_scale: float | None) -> float:
    raw = argv_scale if argv_scale is not None else os.environ.get("BENCH_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"BENCH_SCALE must be a number, got {raw!r}") from None
    if not 0 < value <= 10:
        raise SystemExit("BENCH_SCALE must be in (0, 10]")
    return value


def _proc_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Workers:
    """``count`` Celery workers on a queue of their own, started and stopped by the benchmark."""

    def __init__(self, count: int, *, database_url: str, broker: str):
        self.count, self.queue = count, f"bench-audit-{uuid.uuid4().hex[:8]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": broker,
            "CELERY_RESULT_BACKEND": broker,
        }
        self.processes: list[subprocess.Popen] = []
        self.log_files: list = []
        self.logs = tempfile.TemporaryDirectory(prefix="bench-audit-workers-")

    def start(self) -> None:
        from backend.celery import app

        for number in range(self.count):
            log = open(Path(self.logs.name) / f"worker-{number}.log", "wb")  # noqa: SIM115 — closed in stop()
            self.log_files.append(log)
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "backend", "worker", "--concurrency", "1",
                     "-Q", self.queue, "-n", f"{self.queue}-{number}@%h", "-l", "WARNING",
                     "--without-gossip", "--without-mingle"],
                    cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                )
            )  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            replies = app.control.ping(timeout=1.0, destination=self.names())
            if len(replies) == self.count:
                return
            if any(p.poll() is not None for p in self.processes):
                break
        raise RuntimeError(f"the workers did not start; see {self.logs.name}")

    def names(self) -> list[str]:
        import socket

        return [f"{self.queue}-{number}@{socket.gethostname()}" for number in range(self.count)]

    def peak_rss_mb(self) -> list[float]:
        """Each worker's largest process (the prefork child does the work) by VmHWM, in MiB."""
        return [
            max(_proc_kib(pid, "VmHWM") for pid in [p.pid, *_children(p.pid)]) / 1024 for p in self.processes
        ]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for log in self.log_files:
            log.close()
        self.logs.cleanup()


def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _wait_for(run_id: int, *, timeout: float) -> None:
    from quota.audit.models import AuditRun

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, error = AuditRun.objects.filter(pk=run_id).values_list("status", "error").get()
        if status == "done":
            return
        if status == "failed":
            raise RuntimeError(error)
        time.sleep(0.1)
    raise RuntimeError(f"audit run {run_id} did not finish within {timeout:.0f} s")


def _check(run) -> None:
    if run is None or run.status != "done":
        raise RuntimeError(getattr(run, "error", "run missing"))


def _results(run_id: int) -> list:
    from quota.audit.models import AuditFinding, AuditResult

    rows = AuditResult.objects.filter(run_id=run_id).order_by("employer_id")
    findings = sorted(
        AuditFinding.objects.filter(run_id=run_id).values_list(
            "employer_id", "roster_line_id", "kind", "severity", "message", "related_employers"
        ),
        key=lambda row: (row[0], row[1] or 0, row[2], row[4]),
    )
    fields = ("employer_id", "report_id", "status", "employee_count", "counted_disabled", "ratio", "levy_due")
    return [list(rows.values_list(*fields, "exempt", "findings_count", "max_severity", "error")), findings]


def run(
    *, scale: float, workers: int, broker: str, trace: bool = True, in_place: bool = False, out=None
) -> dict:
    """Generate the data, run both audits, print the figures; returns them too."""
    out = out or sys.stdout
    from django.conf import settings
    from django.db import connection

    from backend.accounts.models import User
    from bench.synthetic import quota_region
    from quota.audit.models import AuditRun
    from quota.audit.services.run import audit_execute, audit_execute_whole

    print_load("start", out)
    employers = max(10, round(FULL_EMPLOYERS * scale))
    lines = max(employers, round(FULL_LINES * scale))
    started = time.perf_counter()
    region = quota_region(employers=employers, lines=lines)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a live database has (autovacuum may be off)
    generated = time.perf_counter() - started
    auditor = User.objects.get(pk=region.auditor_id)
    runs = {}
    for name in ("chunked", "one pass"):
        audit = AuditRun.objects.create(data_year=2025, created_by=auditor)
        audit.regions.set(auditor.regions.all())
        runs[name] = audit.pk
    # Workers see committed rows only: not SQLite's memory, nor a test's open transaction (--in-place).
    distributed = workers > 0 and connection.vendor == "postgresql" and not in_place
    print(
        f"quota_audit: {region.employers} employers, {region.reports} reports, {region.roster_lines} roster lines, "
        f"{region.persons} persons on {connection.vendor} (scale {scale:g}; generated in {generated:.1f} s); "
        f"chunks of {settings.AUDIT_CHUNK_EMPLOYERS} employers "
        + (f"on {workers} Celery workers" if distributed else "in this process"),
        file=out,
    )
    pool = None
    if distributed:
        from backend.celery import app
        from quota.audit.tasks import audit_run_task

        app.conf.update(broker_url=broker, result_backend=broker, task_always_eager=False)
        pool = Workers(workers, database_url=_database_url(), broker=broker)
    try:
        if pool is not None:
            pool.start()

            def chunked() -> None:
                AuditRun.objects.filter(pk=runs["chunked"]).update(status="queued", attempts=0)
                audit_run_task.apply_async((runs["chunked"],), queue=pool.queue)
                _wait_for(runs["chunked"], timeout=3600)
        else:

            def chunked() -> None:
                AuditRun.objects.filter(pk=runs["chunked"]).update(attempts=0)
                _check(audit_execute(run_id=runs["chunked"]))

        def one_pass() -> None:
            AuditRun.objects.filter(pk=runs["one pass"]).update(attempts=0)
            _check(audit_execute_whole(run_id=runs["one pass"]))

        timings = alternate({"chunked": chunked, "one pass": one_pass}, repeats=repeats_from_env())
        worker_rss = pool.peak_rss_mb() if pool is not None else []
    finally:
        if pool is not None:
            pool.stop()
    traced = None
    if trace:  # a second, traced pass of the baseline: its peak Python memory
        tracemalloc.start()
        one_pass()
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    for name in ("chunked", "one pass"):
        print(timings[name].describe(), file=out)
    identical = _results(runs["chunked"]) == _results(runs["one pass"])
    counts = AuditRun.objects.get(pk=runs["chunked"]).counts
    print(
        f"results identical: {'yes' if identical else 'NO'}; {counts['findings']} findings "
        f"({', '.join(f'{k} {v}' for k, v in sorted(counts['by_kind'].items()))})",
        file=out,
    )
    own = peak_rss_mb()
    if worker_rss:
        print(f"workers' peak RSS: {', '.join(f'{mb:.0f} MiB' for mb in worker_rss)}", file=out)
    print(f"this process's peak RSS (generation and the one-pass audit): {own:.0f} MiB", file=out)
    if traced is not None:
        print(f"one-pass audit peak Python memory (tracemalloc): {traced:.0f} MiB", file=out)
    chunked_s, one_pass_s = timings["chunked"].median, timings["one pass"].median
    ratio = one_pass_s / chunked_s if chunked_s else float("inf")
    print(f"ratio (one pass ÷ chunked): {ratio:.2f}×", file=out)
    print_load("end", out)
    print_bench_line(
        "quota_audit",
        out,
        employers=region.employers,
        lines=region.roster_lines,
        workers=workers if distributed else 1,
        seconds=round(chunked_s, 2),
        baseline_seconds=round(one_pass_s, 2),
        peak_rss_mb=round(max(worker_rss) if worker_rss else own),
        identical=identical,
        vendor=connection.vendor,
        spread=f"{timings['chunked'].spread[0]:.2f}-{timings['chunked'].spread[1]:.2f}",
        baseline_spread=f"{timings['one pass'].spread[0]:.2f}-{timings['one pass'].spread[1]:.2f}",
        baseline_peak_rss_mb=round(own),
        chunk_employers=settings.AUDIT_CHUNK_EMPLOYERS,
    )
    if not identical:
        raise RuntimeError("the two audits disagree")
    return {"timings": timings, "ratio": ratio, "identical": identical, "worker_rss": worker_rss}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench quota_audit", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scale", type=float, help="1 = 10,000 employers and 100,000 lines (default BENCH_SCALE or 1)"
    )
    parser.add_argument(
        "--in-place", action="store_true", help="use the current database (tests) instead of a new one"
    )
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc pass")
    parser.add_argument("--workers", type=int, default=2, help="Celery workers to start (0: in this process)")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/0", help="Redis URL for the workers")
    parser.add_argument("--database", default="bench_quota", help="name of the PostgreSQL database to create")
    options = parser.parse_args(argv or [])
    scale = _scale(options.scale)
    if options.workers < 0:
        raise SystemExit("--workers must be 0 or more")
    _django.setup()
    kwargs = {
        "scale": scale,
        "workers": options.workers,
        "broker": options.broker,
        "trace": not options.no_trace,
    }
    if options.in_place:
        run(**kwargs, in_place=True)
        return 0
    with _django.own_database(options.database):
        run(**kwargs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
