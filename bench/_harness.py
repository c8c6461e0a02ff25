"""What every benchmark shares: fair repetition, the machine's load, and the one BENCH line.

A benchmark compares the product with a baseline measured in the same run.  To keep that fair
on a shared 2-core machine both are run several times in alternating order (product first in
odd rounds, baseline first in even ones), so neither always meets a cold cache, and the median
is reported with the spread.  The load average is printed at the start and at the end so a
reader can tell a quiet run from a noisy one.  The last line of each benchmark is
machine-readable: ``BENCH name=… key=value …`` (values without spaces).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

DEFAULT_REPEATS = 3


def load_average() -> str:
    """The 1/5/15-minute load averages as "1.23 0.98 0.80" (or "unknown" where not supported)."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def print_load(moment: str, out=None) -> None:
    print(f"load average at {moment}: {load_average()} ({os.cpu_count()} cores)", file=out or sys.stdout)


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory of this process (or the largest of its waited-for children) in MiB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Timings:
    """Seconds of each repetition of one contender."""

    name: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.seconds), max(self.seconds)

    def describe(self, unit: str = "s") -> str:
        scale = 1000.0 if unit == "ms" else 1.0
        low, high = self.spread
        return (
            f"{self.name}: median {self.median * scale:,.2f} {unit} "
            f"(min {low * scale:,.2f}, max {high * scale:,.2f}, {len(self.seconds)} runs)"
        )


def alternate(
    contenders: dict[str, Callable[[], object]], *, repeats: int = DEFAULT_REPEATS
) -> dict[str, Timings]:
    """Time each contender ``repeats`` times, reversing the order every other round.

    ``contenders`` maps a name to a callable doing one complete run (including any per-run set-up
    it must redo, e.g. clearing the previous run's results, which it should do before timing
    matters — the caller decides what a run is).  Returns {name: Timings}.
    """
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    names = list(contenders)
    timings = {name: Timings(name) for name in names}
    for round_no in range(repeats):
        order = names if round_no % 2 == 0 else list(reversed(names))
        for name in order:
            started = time.perf_counter()
            contenders[name]()
            timings[name].seconds.append(time.perf_counter() - started)
    return timings


def repeats_from_env(default: int = DEFAULT_REPEATS) -> int:
    raw = os.environ.get("BENCH_REPEATS", str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"BENCH_REPEATS must be a whole number, got {raw!r}") from None
    if value < 1:
        raise SystemExit("BENCH_REPEATS must be at least 1")
    return value


def _format_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value else "0"
    text = str(value)
    if any(ch.isspace() for ch in text) or "=" in text:
        raise ValueError(f"BENCH values may not contain spaces or '=': {text!r}")
    return text


def bench_line(name: str, **values: object) -> str:
    """``BENCH name=<name> key=value …`` in the given order; booleans print as yes/no."""
    parts = [f"name={_format_value(name)}"]
    parts += [f"{key}={_format_value(value)}" for key, value in values.items()]
    return "BENCH " + " ".join(parts)


def print_bench_line(name: str, out=None, **values: object) -> str:
    line = bench_line(name, **values)
    print(line, file=out or sys.stdout, flush=True)
    return line
