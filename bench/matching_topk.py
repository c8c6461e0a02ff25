"""Matching benchmark: one seeker's top-20 against 10k and 100k synthetic postings, and a batch
of 10k seekers — each against scoring every pair with rapidfuzz in the same run.

    python -m bench matching_topk                      # full size (several minutes)
    BENCH_SCALE=0.01 python -m bench matching_topk     # 100 / 1,000 postings, 100 seekers

The matcher is the product's (matching.core.recommend.JobMatcher with the built-in fit table
and skill vocabulary; no occupation classification unless ``--occupations PATH`` is given,
because coding 100k titles dominates the build time). The pairwise baseline is
``rapidfuzz.process.extract`` (WRatio, C implementation) of the seeker's text against every
posting's text — the obvious way to "score every pair". Where the pairwise run would take too
long it is timed on a sample and extrapolated; the output says so on that line.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc

PAIRWISE_BUDGET_SECONDS = 60.0


def _scale(raw: str | None) -> float:
    raw = raw if raw is not None else os.environ.get("BENCH_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"BENCH_SCALE must be a number, got {raw!r}") from None
    if not 0 < value <= 10:
        raise SystemExit("BENCH_SCALE must be in (0, 10]")
    return value


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def _pairwise_top(query: str, texts: list[str], k: int = 20):
    from rapidfuzz import fuzz, process

    return process.extract(query, texts, scorer=fuzz.WRatio, limit=k)


def _ratio(pairwise: float, product: float) -> str:
    if pairwise >= product:
        return f"product is {pairwise / product:,.1f}× faster"
    return f"product is {product / pairwise:,.1f}× SLOWER"


def _time(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def single_seeker(n_postings: int, n_seekers: int, kwargs: dict, out) -> dict:
    from bench.matching_synthetic import postings, seekers
    from matching.core.recommend import JobMatcher

    jobs = postings(n_postings)
    queries = seekers(n_seekers, seed=n_postings)
    start = time.perf_counter()
    matcher = JobMatcher(jobs, **kwargs)
    matcher.table()
    matcher.index.matrix  # noqa: B018  (materialise before timing queries)
    build = time.perf_counter() - start
    matcher.top_jobs_for_seeker(queries[0], 20)  # warm caches (tokenizer, table)

    latencies = [_time(matcher.top_jobs_for_seeker, s, 20) for s in queries]
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    for s in queries[:10]:
        matcher.top_jobs_for_seeker(s, 20)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    state_bytes = len(matcher.to_bytes())

    texts = [j.text() for j in jobs]
    pair_times = []
    for s in queries:
        pair_times.append(_time(_pairwise_top, s.text(), texts))
        if sum(pair_times) > PAIRWISE_BUDGET_SECONDS / 4:
            break
    median = statistics.median(latencies)
    pair = statistics.median(pair_times)
    print(
        f"{n_postings:>8,} postings  build {build:,.1f} s  stored state {state_bytes / 1e6:,.1f} MB\n"
        f"          top-20 for one seeker: median {_ms(median)}, p95 "
        f"{_ms(sorted(latencies)[int(0.95 * (len(latencies) - 1))])} over {len(latencies)} seekers; "
        f"peak extra memory per query {peak / 1e6:,.1f} MB (tracemalloc)\n"
        f"          rapidfuzz every pair: median {_ms(pair)} over {len(pair_times)} seekers "
        f"→ {_ratio(pair, median)}",
        file=out,
        flush=True,
    )
    return {"matcher": matcher, "texts": texts, "median": median, "pair": pair}


def batch(matcher, texts: list[str], n_seekers: int, out) -> None:
    from bench.matching_synthetic import seekers

    queries = seekers(n_seekers, seed=7)
    start = time.perf_counter()
    matcher.top_jobs_for_seekers(queries, k=20)
    product = time.perf_counter() - start
    sample, spent = 0, 0.0
    for s in queries:
        spent += _time(_pairwise_top, s.text(), texts)
        sample += 1
        if spent > PAIRWISE_BUDGET_SECONDS:
            break
    pairwise = spent / sample * n_seekers
    how = "measured" if sample == n_seekers else f"EXTRAPOLATED from {sample:,} of {n_seekers:,} seekers"
    print(
        f"batch of {n_seekers:,} seekers × {len(texts):,} postings: product {product:,.1f} s "
        f"({_ms(product / n_seekers)} per seeker); rapidfuzz every pair {pairwise:,.1f} s ({how}) "
        f"→ {_ratio(pairwise, product)}",
        file=out,
        flush=True,
    )


def main(argv: list[str] | None = None, out=None) -> int:
    import sys

    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bench matching_topk")
    parser.add_argument("--scale", help="overrides BENCH_SCALE")
    parser.add_argument("--occupations", help="occupation CSV (csco22 format) for the coder")
    args = parser.parse_args(argv or [])
    scale = _scale(args.scale)
    kwargs = {}
    if args.occupations:
        from matching.core.occupations import OccupationCoder, load_occupations_csv

        kwargs["occupations"] = OccupationCoder(load_occupations_csv(args.occupations))
    print(f"matching top-k benchmark, BENCH_SCALE={scale:g} (CPU count {os.cpu_count()})", file=out)
    n_queries = max(5, int(50 * min(1.0, scale * 10)))
    runs = {}
    for size in (10_000, 100_000):
        n = max(20, int(size * scale))
        runs[size] = single_seeker(n, n_queries, kwargs, out)
    small = runs[10_000]
    batch(small["matcher"], small["texts"], max(10, int(10_000 * scale)), out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
