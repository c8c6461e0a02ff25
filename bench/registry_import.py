"""Benchmark: importing a 社保缴费明细 CSV of 1,000,000 rows (registry.services.insurance_import).

Generates a CSV sorted by employer, person and month (as the social-insurance extract lists
them: 1,000 employers × 84 people × 12 months at full size), then times, in the same process:

1. ``insurance_import`` — check every row, then batched upserts in one transaction;
2. the same file imported again (every row unchanged: the idempotent path);
3. a baseline, the simple version a good engineer would write first: ``csv.DictReader``, the same
   identifier validation and blind index, ``bulk_create(ignore_conflicts=True)`` in batches of
   5,000, one pass, no whole-file check before writing and no update/unchanged logic (re-importing
   a changed file silently keeps the old values) — into an empty table.

Peak RSS (``resource.getrusage``) is read after the product import, before the baseline runs.

    python -m bench registry_import                    # 1,000,000 rows
    BENCH_SCALE=0.01 python -m bench registry_import   # 10,000 rows

On PostgreSQL (``DATABASE_URL``) it creates and drops ``bench_registry``; on SQLite it uses a
temporary database file (not memory, so the database pages do not count as the import's RSS).
Ends with one machine-readable line: ``BENCH name=insurance_import rows=… seconds=… …``.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench import _django

FULL_ROWS = 1_000_000
PEOPLE_PER_EMPLOYER = 84
TYPES = ("养老|医疗|失业|工伤|生育", "养老|医疗|失业|工伤", "养老|医疗")


def _scale(raw) -> float:
    raw = raw if raw is not None else os.environ.get("BENCH_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"BENCH_SCALE must be a number, got {raw!r}") from None
    if not 0 < value <= 10:
        raise SystemExit("BENCH_SCALE must be in (0, 10]")
    return value


def write_csv(path: Path, rows: int) -> int:
    """A valid insurance CSV of ``rows`` rows (rounded down to whole person-years, at least 12)."""
    from datetime import date

    from backend.accounts.demo import credit_code, resident_id

    people = max(1, rows // 12)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["credit_code", "resident_id", "month", "insurance_types", "base"])
        code = ""
        for person in range(people):
            if person % PEOPLE_PER_EMPLOYER == 0:
                code = credit_code("enterprise", "320585", 1_000_000 + person // PEOPLE_PER_EMPLOYER)
            birth = date(1960 + person % 40, 1 + person % 12, 1 + person % 28)
            rid = resident_id("320585", birth, person // 13_440 % 1000)
            base = f"{4000 + person % 50 * 100:,}"
            types = TYPES[person % len(TYPES)]
            for month in range(1, 13):
                out.writerow([code, rid, f"2025-{month:02d}", types, base])
    return people * 12


def baseline_import(path: Path) -> int:
    """The one-pass version: DictReader, validate, bulk_create(ignore_conflicts) per 5,000."""
    from decimal import Decimal

    from django.db import transaction

    from backend.accounts.services import resident_id_index
    from identifiers.core import validate_credit_code, validate_resident_id
    from registry.core import parse_types
    from registry.models import DataImport, InsuranceRecord

    with transaction.atomic():
        source = DataImport.objects.create(kind="insurance", source=path.name, sha256="")
        batch, written = [], 0
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for line in csv.DictReader(handle):
                year, month = line["month"].split("-")
                rid = validate_resident_id(line["resident_id"]).resident_id
                batch.append(
                    InsuranceRecord(
                        credit_code=validate_credit_code(line["credit_code"]),
                        resident_bidx=resident_id_index(rid),
                        year=int(year),
                        month=int(month),
                        types=parse_types(line["insurance_types"]),
                        base=Decimal(line["base"].replace(",", "")),
                        source=source,
                    )
                )
                if len(batch) == 5_000:
                    InsuranceRecord.objects.bulk_create(batch, ignore_conflicts=True)
                    written, batch = written + len(batch), []
        InsuranceRecord.objects.bulk_create(batch, ignore_conflicts=True)
        return written + len(batch)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(*, rows: int, baseline_rows: int | None, workdir: Path, out=None) -> dict:
    out = out or sys.stdout
    from django.db import connection

    from registry.models import InsuranceRecord
    from registry.services import insurance_import

    path = workdir / "insurance.csv"
    started = time.perf_counter()
    rows = write_csv(path, rows)
    print(
        f"registry_import: {rows:,} insurance rows ({path.stat().st_size / 2**20:.0f} MiB CSV) on "
        f"{connection.vendor}; generated in {time.perf_counter() - started:.1f} s; RSS before import "
        f"{_rss_mb():.0f} MiB",
        file=out,
    )
    started = time.perf_counter()
    first = insurance_import(path_or_file=path, source=path.name, by=None)
    seconds = time.perf_counter() - started
    peak = _rss_mb()
    print(
        f"insurance_import: {seconds:.1f} s ({seconds / rows * 1e6:.1f} µs per row), created {first.created:,}, "
        f"peak RSS {peak:.0f} MiB",
        file=out,
    )
    started = time.perf_counter()
    again = insurance_import(path_or_file=path, source=path.name, by=None)
    reimport = time.perf_counter() - started
    print(
        f"re-import of the same file: {reimport:.1f} s, created {again.created}, updated {again.updated}, "
        f"unchanged {again.unchanged:,}",
        file=out,
    )
    InsuranceRecord.objects.all().delete()
    base_path = path
    if baseline_rows is not None and baseline_rows < rows:
        base_path = workdir / "baseline.csv"
        baseline_rows = write_csv(base_path, baseline_rows)
    else:
        baseline_rows = rows
    started = time.perf_counter()
    baseline_import(base_path)
    baseline_seconds = time.perf_counter() - started
    per_row, base_per_row = seconds / rows, baseline_seconds / baseline_rows
    print(
        f"baseline (DictReader + bulk_create(ignore_conflicts), one pass) on {baseline_rows:,} rows: "
        f"{baseline_seconds:.1f} s ({base_per_row * 1e6:.1f} µs per row)",
        file=out,
    )
    print(f"ratio per row (insurance_import ÷ baseline): {per_row / base_per_row:.2f}×", file=out)
    print(
        f"BENCH name=insurance_import rows={rows} seconds={seconds:.2f} peak_rss_mb={peak:.0f} "
        f"reimport_seconds={reimport:.2f} baseline_rows={baseline_rows} baseline_seconds={baseline_seconds:.2f}",
        file=out,
    )
    return {"rows": rows, "seconds": seconds, "peak_rss_mb": peak, "baseline_seconds": baseline_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench registry_import", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scale", type=float, help="1 = 1,000,000 rows (default BENCH_SCALE or 1)")
    parser.add_argument("--rows", type=int, help="exact number of rows (overrides the scale)")
    parser.add_argument("--baseline-rows", type=int, help="time the baseline on fewer rows")
    parser.add_argument("--in-place", action="store_true", help="use the current database (tests)")
    options = parser.parse_args(argv or [])
    rows = options.rows or max(12, round(FULL_ROWS * _scale(options.scale)))
    _django.setup()
    with tempfile.TemporaryDirectory(prefix="bench-registry-") as workdir:
        workdir = Path(workdir)
        if options.in_place:
            run(rows=rows, baseline_rows=options.baseline_rows, workdir=workdir)
            return 0
        from django.db import connection

        if connection.vendor == "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(workdir / "bench.sqlite3")
        with _django.own_database("bench_registry"):
            run(rows=rows, baseline_rows=options.baseline_rows, workdir=workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
