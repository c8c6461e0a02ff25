"""The audit benchmark runs end to end at a tiny scale (no timing assertions)."""

import re

from bench.__main__ import discover
from bench.quota_audit import main


def test_benchmark_runs_at_a_tiny_scale_and_reports_the_ratio(db, capsys, monkeypatch):
    monkeypatch.setenv("BENCH_SCALE", "0.001")
    assert main(["--in-place", "--no-trace"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^ratio \(one pass ÷ chunked\): [0-9.]+×$", out, re.MULTILINE), out
    assert "results identical: yes" in out
    assert re.search(
        r"^BENCH name=quota_audit employers=10 lines=100 workers=1 seconds=\S+ baseline_seconds=", out, re.M
    )
    assert out.count("load average at") == 2
    assert "10 employers" in out and "100 roster lines" in out


def test_bench_discovers_modules_with_a_main():
    benchmarks = discover()
    assert "quota_audit" in benchmarks and "synthetic" not in benchmarks
