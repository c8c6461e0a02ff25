"""Run the benchmarks: ``python -m bench`` (all) or ``python -m bench quota_audit [args…]``.

Every module ``bench/<name>.py`` with a ``main(argv)`` function is a benchmark; helper modules
(``synthetic``, anything starting with "_") have no ``main`` or are skipped.  A new benchmark is
just a new file.  Sizes follow ``BENCH_SCALE`` (1 = full size).
"""

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def discover() -> dict:
    """{name: module} of every benchmark module in this package, sorted by name."""
    found = {}
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if callable(getattr(module, "main", None)):
            found[info.name] = module
    return found


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    benchmarks = discover()
    if argv and not argv[0].startswith("-"):
        name, rest = argv[0], argv[1:]
        if name not in benchmarks:
            print(f"unknown benchmark {name!r}; available: {', '.join(benchmarks)}", file=sys.stderr)
            return 2
        return benchmarks[name].main(rest) or 0
    from bench._harness import print_load

    status = 0
    started = time.perf_counter()
    print_load("the start of all benchmarks")
    for name, module in benchmarks.items():
        print(f"== {name} ==", flush=True)
        status = max(status, module.main(argv) or 0)
    print_load("the end of all benchmarks")
    print(f"all benchmarks took {time.perf_counter() - started:.0f} s", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
