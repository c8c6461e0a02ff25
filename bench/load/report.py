"""The load test's figures: per-endpoint p50/p95/errors from every measured request, and the
one BENCH line.

The locust users (bench/load/locustfile.py) record each request's exact time; locust's own
percentiles come from rounded buckets (104 ms counts as 100 ms), too coarse to judge a 100 ms
target.  Pure (no locust, no Django) so a test can check it on samples it makes itself.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

# The request names the locust users report under, in print order.
ENDPOINTS = ("calculator", "matched-jobs", "employer-postings", "compliance-table")
TARGET_P95_MS = 100


@dataclass(frozen=True)
class EndpointStats:
    name: str
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    rps: float


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of all at or
    below it (so p95 of 20 values is the 19th), 0 for no values."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(samples: dict, seconds: float) -> dict[str, EndpointStats]:
    """``samples`` is {endpoint: [[milliseconds, ok], …]} as the locustfile writes it; returns
    each endpoint's figures and "all" over every request.  A failed request counts in the
    times too: a slow error is still a slow answer."""
    out = {}
    every: list[float] = []
    failed = 0
    for name in (*ENDPOINTS, *sorted(set(samples) - set(ENDPOINTS))):
        rows = samples.get(name, [])
        times = sorted(ms for ms, _ in rows)
        errors = sum(1 for _, ok in rows if not ok)
        every += times
        failed += errors
        out[name] = EndpointStats(name, len(rows), errors, percentile(times, 0.5), percentile(times, 0.95),
                                  len(rows) / seconds if seconds else 0.0)  # fmt: skip
    every.sort()
    out["all"] = EndpointStats("all", len(every), failed, percentile(every, 0.5), percentile(every, 0.95),
                               len(every) / seconds if seconds else 0.0)  # fmt: skip
    return out


def read_samples(path: Path) -> tuple[dict, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["samples"], data["seconds"]


def missing_endpoints(stats: dict[str, EndpointStats]) -> list[str]:
    """Endpoints that got no request at all: a run that never reached one has not measured it."""
    return [name for name in ENDPOINTS if stats.get(name) is None or stats[name].requests == 0]


def table(stats: dict[str, EndpointStats]) -> str:
    lines = [f"{'endpoint':<20}{'requests':>10}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"]
    for s in stats.values():
        lines.append(
            f"{s.name:<20}{s.requests:>10}{s.errors:>8}{s.p50_ms:>9.1f}{s.p95_ms:>9.1f}{s.rps:>8.1f}"
        )
    return "\n".join(lines)


def bench_values(stats: dict[str, EndpointStats], *, users: int, seconds: int) -> dict[str, object]:
    """The BENCH line's keys: the overall figures first, then each endpoint's.  The target is
    per endpoint, so the headline p95_ms is the worst endpoint's, not the mix's."""
    worst = max(stats[name].p95_ms for name in ENDPOINTS)
    errors = stats["all"].errors
    values: dict[str, object] = {
        "users": users,
        "seconds": seconds,
        "p95_ms": round(worst, 1),
        "errors": errors,
        "requests": stats["all"].requests,
        "rps": round(stats["all"].rps, 1),
        "all_p50_ms": round(stats["all"].p50_ms, 1),
        "target_met": worst <= TARGET_P95_MS and errors == 0 and not missing_endpoints(stats),
    }
    for name in ENDPOINTS:
        key = name.replace("-", "_")
        values[f"{key}_p50_ms"] = round(stats[name].p50_ms, 1)
        values[f"{key}_p95_ms"] = round(stats[name].p95_ms, 1)
        values[f"{key}_errors"] = stats[name].errors
    return values
