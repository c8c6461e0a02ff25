"""Reading locust's CSV statistics: per-endpoint p50/p95/errors and the one BENCH line.

Pure (no locust, no Django) so that a test can check it on a CSV it writes itself.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# The request names the locust users report under (bench/load/locustfile.py), in print order.
ENDPOINTS = ("calculator", "matched-jobs", "employer-postings", "compliance-table")
AGGREGATED = "Aggregated"
TARGET_P95_MS = 100


@dataclass(frozen=True)
class EndpointStats:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    rps: float


def _number(row: dict, column: str) -> float:
    raw = (row.get(column) or "").strip()
    # locust writes "N/A" for a percentile of an endpoint that got no request
    return float(raw) if raw and raw != "N/A" else 0.0


def read_stats(path: Path) -> dict[str, EndpointStats]:
    """{name: stats} from locust's ``<prefix>_stats.csv`` (the "Aggregated" row included)."""
    out = {}
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            name = row["Name"]
            out[name] = EndpointStats(
                name=name,
                requests=int(_number(row, "Request Count")),
                failures=int(_number(row, "Failure Count")),
                p50_ms=_number(row, "50%"),
                p95_ms=_number(row, "95%"),
                rps=_number(row, "Requests/s"),
            )
    return out


def missing_endpoints(stats: dict[str, EndpointStats]) -> list[str]:
    """Endpoints that got no request at all: a run that never reached one has not measured it."""
    return [name for name in ENDPOINTS if name not in stats or stats[name].requests == 0]


def table(stats: dict[str, EndpointStats]) -> str:
    lines = [f"{'endpoint':<20}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"]
    for name in (*ENDPOINTS, AGGREGATED):
        if name in stats:
            s = stats[name]
            lines.append(
                f"{name:<20}{s.requests:>10}{s.failures:>8}{s.p50_ms:>9g}{s.p95_ms:>9g}{s.rps:>8.1f}"
            )
    return "\n".join(lines)


def bench_values(stats: dict[str, EndpointStats], *, users: int, seconds: int) -> dict[str, object]:
    """The BENCH line's keys: the overall figures first, then each endpoint's."""
    total = stats[AGGREGATED]
    errors = sum(stats[name].failures for name in ENDPOINTS if name in stats)
    worst = max((stats[name].p95_ms for name in ENDPOINTS if name in stats), default=0.0)
    values: dict[str, object] = {
        "users": users,
        "seconds": seconds,
        # The target is per endpoint, so the headline p95 is the worst endpoint's, not the mix's.
        "p95_ms": worst,
        "errors": errors,
        "requests": total.requests,
        "rps": round(total.rps, 1),
        "all_p95_ms": total.p95_ms,
        "target_met": worst <= TARGET_P95_MS and errors == 0 and not missing_endpoints(stats),
    }
    for name in ENDPOINTS:
        key = name.replace("-", "_")
        s = stats.get(name)
        values[f"{key}_p50_ms"] = s.p50_ms if s else 0.0
        values[f"{key}_p95_ms"] = s.p95_ms if s else 0.0
        values[f"{key}_errors"] = s.failures if s else 0
    return values
