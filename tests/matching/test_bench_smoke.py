"""The matching benchmark runs end to end at a tiny size (no timing assertions)."""

import io

from bench import __main__ as bench_main
from bench import matching_topk


def test_matching_benchmark_runs_tiny_and_reports_every_figure():
    out = io.StringIO()

    status = matching_topk.main(["--scale", "0.002"], out=out)

    text = out.getvalue()
    assert status == 0
    assert "20 postings" in text and "200 postings" in text
    assert text.count("top-20 for one seeker: median") == 2
    assert text.count("brute-force TF-IDF top-20 (X @ q, argpartition): median") == 2
    assert text.count("one posting edited, upsert + next top-20: median") == 2
    assert "peak extra memory per query" in text
    assert "batch of 10 seekers × 20 postings" in text and "rapidfuzz cdist WRatio workers=-1" in text
    assert text.count("load average at") == 2
    last = text.strip().splitlines()[-1]
    assert last.startswith("BENCH name=matching_topk postings=200 p50_ms=")
    for key in ("p95_ms=", "brute_p50_ms=", "build_s=", "index_mb=", "incremental_ms=", "load_end="):
        assert key in last


def test_the_benchmark_is_discovered_but_its_data_helper_is_not():
    found = bench_main.discover()

    assert "matching_topk" in found
    assert "matching_synthetic" not in found
