"""Matching benchmark: one seeker's top-20 over 10k and 100k synthetic postings, the index build,
one changed posting, and a batch of seekers — each against a baseline measured in the same run.

    python -m bench matching_topk                      # full size (~10 minutes on 2 cores)
    BENCH_SCALE=0.01 python -m bench matching_topk     # 100 / 1,000 postings
    BENCH_REPEATS=5 python -m bench matching_topk      # rounds per comparison (default 3)

The matcher is the product's (matching.core.recommend.JobMatcher with the built-in fit table and
skill vocabulary; no occupation classification unless ``--occupations PATH`` is given, because
coding 100k titles dominates the build time). Its top-20 includes everything a user gets: the
structured components, the fit check and the explanations.

Baselines (same run, order alternated every round, median and spread over the rounds):

* one seeker — the bare brute-force TF-IDF top-20 over the same index: the seeker's text
  vectorised with the same analyzer and idf, ``X_postings @ q``, then ``argpartition``;
* a batch of seekers — rapidfuzz ``process.cdist(seekers, postings, scorer=WRatio, workers=-1)``
  (all cores) and the top-20 of each row. Where that would take longer than a budget it is run on
  a sample of the seekers and extrapolated; the output says so on that line.

Timed but without a baseline: the build (JobMatcher over all postings, with the feature table,
the weighted matrix and the inverted index materialised) and the incremental path (one posting
edited, ``upsert_job``, then the next seeker's top-20, which re-materialises what changed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
from dataclasses import replace

import numpy as np

from bench._harness import alternate, load_average, print_bench_line, print_load, repeats_from_env

CDIST_BUDGET_SECONDS = 20.0


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


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))]


def _spread_ms(values: list[float]) -> str:
    return f"median {_ms(statistics.median(values))} (min {_ms(min(values))}, max {_ms(max(values))})"


def brute_force_top(matcher, text: str, k: int = 20) -> np.ndarray:
    """The bare baseline: cosine over all postings by one sparse product, then argpartition.

    ``X_postings @ q`` with q as a dense vector: every non-zero of X is visited once (scipy's
    csr_matvec). Written as ``X @ q.T`` with a sparse q, scipy would first transpose q into a
    2^20-row matrix, which costs more than the product at small sizes — unfair to the baseline.
    """
    q = matcher.index.query(text)  # same analyzer and idf as the postings
    dense = np.zeros(q.shape[1])
    dense[q.indices] = q.data
    sims = matcher.index.matrix @ dense
    k = min(k, len(sims))
    top = np.argpartition(-sims, k - 1)[:k]
    return top[np.argsort(-sims[top], kind="stable")]


def _build(jobs, kwargs):
    from matching.core.recommend import JobMatcher

    matcher = JobMatcher(jobs, **kwargs)
    matcher.table()
    matcher.index.prepare_queries()  # materialise the weighted matrix and the inverted index
    return matcher


def _cpu_seconds() -> float:
    """CPU time of this process and its finished worker processes: less sensitive to other load."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _index_mb(matcher) -> float:
    """In-memory size of the sparse matrices a query reads (weighted rows + inverted index) and of
    the map between their entries that lets an edit update both in place."""
    total = 0
    for m in (matcher.index.matrix, matcher.index._inverted):
        if m is not None:
            total += m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
    entry_map = matcher.index._entry_in_inverted
    return (total + (entry_map.nbytes if entry_map is not None else 0)) / 2**20


def single_seeker(n_postings: int, n_seekers: int, kwargs: dict, repeats: int, out) -> dict:
    from bench.matching_synthetic import postings, seekers
    from matching.core.bulk import PARALLEL_MIN_DOCS, default_workers

    jobs = postings(n_postings)
    queries = seekers(n_seekers, seed=n_postings)
    builds, build_cpu, workers, matcher = [], [], [], None
    for _ in range(repeats):
        matcher = None  # free the previous one before building again
        workers.append(default_workers() if n_postings >= PARALLEL_MIN_DOCS else 1)  # as the build decides
        cpu = _cpu_seconds()
        start = time.perf_counter()
        matcher = _build(jobs, kwargs)
        builds.append(time.perf_counter() - start)
        build_cpu.append(_cpu_seconds() - cpu)
    matcher.top_jobs_for_seeker(queries[0], 20)  # warm caches (tokenizer, table)
    brute_force_top(matcher, queries[0].text())

    latencies: dict[str, list[float]] = {"product": [], "brute": []}

    def run(name, fn):
        def one_round():
            for s in queries:
                started = time.perf_counter()
                fn(s)
                latencies[name].append(time.perf_counter() - started)

        return one_round

    rounds = alternate(
        {
            "product": run("product", lambda s: matcher.top_jobs_for_seeker(s, 20)),
            "brute": run("brute", lambda s: brute_force_top(matcher, s.text(), 20)),
        },
        repeats=repeats,
    )
    product, brute = latencies["product"], latencies["brute"]
    per_round = {name: [t / len(queries) for t in rounds[name].seconds] for name in rounds}

    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    for s in queries[:10]:
        matcher.top_jobs_for_seeker(s, 20)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()

    index_mb = _index_mb(matcher)  # before the edits: the first query after one skips the transpose
    incremental = _incremental(matcher, jobs, queries, repeats)
    state_mb = len(matcher.to_bytes()) / 1e6
    p50, brute_p50 = statistics.median(product), statistics.median(brute)
    print(
        f"{n_postings:>8,} postings  build {statistics.median(builds):,.1f} s "
        f"(min {min(builds):,.1f}, max {max(builds):,.1f}, {len(builds)} builds; CPU "
        f"{statistics.median(build_cpu):,.1f} s; worker processes {'/'.join(map(str, workers))}); "
        f"index in memory {index_mb:,.1f} MiB, stored state {state_mb:,.1f} MB\n"
        f"          top-20 for one seeker: median {_ms(p50)}, p95 {_ms(_p95(product))} over "
        f"{len(product)} queries ({len(queries)} seekers × {repeats} rounds; per-round means "
        f"{_spread_ms(per_round['product'])}); peak extra memory per query {peak / 1e6:,.1f} MB "
        f"(tracemalloc)\n"
        f"          brute-force TF-IDF top-20 (X @ q, argpartition): median {_ms(brute_p50)}, "
        f"p95 {_ms(_p95(brute))} (per-round means {_spread_ms(per_round['brute'])}) "
        f"→ product/brute {p50 / brute_p50:,.2f}×\n"
        f"          one posting edited, upsert + next top-20: {_spread_ms(incremental)} "
        f"over {len(incremental)} edits",
        file=out,
        flush=True,
    )
    return {
        "matcher": matcher,
        "texts": [j.text() for j in jobs],
        "p50": p50,
        "p95": _p95(product),
        "brute_p50": brute_p50,
        "build": statistics.median(builds),
        "build_cpu": statistics.median(build_cpu),
        "index_mb": index_mb,
        "incremental": statistics.median(incremental),
    }


def _incremental(matcher, jobs, queries, repeats: int) -> list[float]:
    """Edit one posting (its description changes), upsert it, answer the next seeker."""
    times = []
    for n in range(max(3, repeats)):
        job = jobs[(n * 7919) % len(jobs)]
        edited = replace(job, description=job.description + f"（第{n + 1}次修改：可提供工作餐。）")
        started = time.perf_counter()
        matcher.upsert_job(edited)
        matcher.top_jobs_for_seeker(queries[n % len(queries)], 20)
        times.append(time.perf_counter() - started)
    return times


def batch(matcher, texts: list[str], n_seekers: int, repeats: int, out) -> dict:
    from rapidfuzz import fuzz, process

    from bench.matching_synthetic import seekers

    queries = seekers(n_seekers, seed=7)
    seeker_texts = [s.text() for s in queries]
    # How many seekers cdist can take within the budget: time a small sample once first.
    probe = seeker_texts[: max(1, min(10, n_seekers))]
    started = time.perf_counter()
    process.cdist(probe, texts, scorer=fuzz.WRatio, workers=-1)
    per_seeker = (time.perf_counter() - started) / len(probe)
    sample = max(1, min(n_seekers, int(CDIST_BUDGET_SECONDS / repeats / max(per_seeker, 1e-9))))

    def cdist_top():
        scores = process.cdist(seeker_texts[:sample], texts, scorer=fuzz.WRatio, workers=-1)
        k = min(20, scores.shape[1])
        np.argpartition(-scores, k - 1, axis=1)[:, :k]

    rounds = alternate(
        {"product": lambda: matcher.top_jobs_for_seekers(queries, k=20), "cdist": cdist_top},
        repeats=repeats,
    )
    product = rounds["product"].median
    cdist = rounds["cdist"].median * n_seekers / sample
    how = "measured" if sample == n_seekers else f"EXTRAPOLATED from {sample:,} of {n_seekers:,} seekers"
    low, high = rounds["product"].spread
    print(
        f"batch of {n_seekers:,} seekers × {len(texts):,} postings: product median {product:,.1f} s "
        f"(min {low:,.1f}, max {high:,.1f}; {_ms(product / n_seekers)} per seeker); "
        f"rapidfuzz cdist WRatio workers=-1 {cdist:,.1f} s ({how}) → "
        + (
            f"product is {cdist / product:,.1f}× faster"
            if cdist >= product
            else f"product is {product / cdist:,.1f}× SLOWER"
        ),
        file=out,
        flush=True,
    )
    return {"batch_s": product, "cdist_s": cdist}


def main(argv: list[str] | None = None, out=None) -> int:
    import sys

    out = out or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bench matching_topk")
    parser.add_argument("--scale", help="overrides BENCH_SCALE")
    parser.add_argument("--occupations", help="occupation CSV (csco22 format) for the coder")
    args = parser.parse_args(argv or [])
    scale = _scale(args.scale)
    repeats = repeats_from_env()
    kwargs = {}
    if args.occupations:
        from matching.core.occupations import OccupationCoder, load_occupations_csv

        kwargs["occupations"] = OccupationCoder(load_occupations_csv(args.occupations))
    print(f"matching top-k benchmark, BENCH_SCALE={scale:g}, {repeats} rounds", file=out)
    print_load("start", out)
    load_start = load_average().split()[0]
    n_queries = max(5, int(50 * min(1.0, scale * 10)))
    runs = {}
    for size in (10_000, 100_000):
        n = max(20, int(size * scale))
        runs[size] = single_seeker(n, n_queries, kwargs, repeats, out)
    small = runs[10_000]
    batch_result = batch(small["matcher"], small["texts"], max(10, int(1_000 * scale)), repeats, out)
    print_load("end", out)
    big = runs[100_000]
    print_bench_line(
        "matching_topk",
        out,
        postings=len(big["matcher"]),
        p50_ms=round(big["p50"] * 1000, 2),
        p95_ms=round(big["p95"] * 1000, 2),
        brute_p50_ms=round(big["brute_p50"] * 1000, 2),
        build_s=round(big["build"], 2),
        build_cpu_s=round(big["build_cpu"], 2),
        index_mb=round(big["index_mb"], 1),
        incremental_ms=round(big["incremental"] * 1000, 1),
        p50_10k_ms=round(small["p50"] * 1000, 2),
        brute_p50_10k_ms=round(small["brute_p50"] * 1000, 2),
        build_10k_s=round(small["build"], 2),
        batch_s=round(batch_result["batch_s"], 2),
        cdist_s=round(batch_result["cdist_s"], 2),
        repeats=repeats,
        load_start=load_start,
        load_end=load_average().split()[0],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
