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
    assert text.count("rapidfuzz every pair: median") == 2
    assert "peak extra memory per query" in text
    assert "batch of 20 seekers × 20 postings" in text


def test_the_benchmark_is_discovered_but_its_data_helper_is_not():
    found = bench_main.discover()

    assert "matching_topk" in found
    assert "matching_synthetic" not in found
