"""The shared benchmark harness: alternating order, medians and the BENCH line format."""

import pytest

from bench import _harness


def test_alternate_reverses_the_order_every_other_round():
    calls = []
    timings = _harness.alternate(
        {"product": lambda: calls.append("p"), "baseline": lambda: calls.append("b")}, repeats=3
    )
    assert calls == ["p", "b", "b", "p", "p", "b"]
    assert [len(t.seconds) for t in timings.values()] == [3, 3]
    assert all(s >= 0 for t in timings.values() for s in t.seconds)


def test_median_and_spread():
    timings = _harness.Timings("x", [0.3, 0.1, 0.2])
    assert timings.median == 0.2
    assert timings.spread == (0.1, 0.3)
    assert "median 200.00 ms" in timings.describe("ms")


def test_bench_line_keeps_order_and_formats_values():
    line = _harness.bench_line("quota_audit", employers=100, seconds=1.5, identical=True, vendor="postgresql")
    assert line == "BENCH name=quota_audit employers=100 seconds=1.5 identical=yes vendor=postgresql"


def test_bench_line_refuses_values_that_would_break_parsing():
    with pytest.raises(ValueError):
        _harness.bench_line("x", note="two words")


def test_repeats_from_env(monkeypatch):
    monkeypatch.setenv("BENCH_REPEATS", "5")
    assert _harness.repeats_from_env() == 5
    monkeypatch.setenv("BENCH_REPEATS", "0")
    with pytest.raises(SystemExit):
        _harness.repeats_from_env()


def test_load_average_is_reported():
    text = _harness.load_average()
    assert text == "unknown" or len(text.split()) == 3
