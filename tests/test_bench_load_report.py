"""The load test's figures (bench/load/report.py): exact percentiles, errors, the BENCH line.
No server and no locust: the samples are made here."""

from bench import _harness
from bench.load import report


def samples(**overrides):
    """Twenty requests of each endpoint, 1 ms … 20 ms, all successful, unless overridden."""
    data = {name: [[float(ms), True] for ms in range(1, 21)] for name in report.ENDPOINTS}
    data.update(overrides)
    return data


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]
    assert report.percentile(values, 0.95) == 19.0
    assert report.percentile(values, 0.5) == 10.0
    # 21 values: 95 % of them is 19.95 requests, so p95 is the 20th (rounding down would say 19)
    assert report.percentile([float(v) for v in range(1, 22)], 0.95) == 20.0
    assert report.percentile([7.0], 0.95) == 7.0
    assert report.percentile([], 0.95) == 0.0


def test_summary_per_endpoint_and_overall():
    slow = [[float(ms), True] for ms in range(101, 121)]
    stats = report.summarise(samples(**{"matched-jobs": slow}), seconds=10)
    assert stats["matched-jobs"].p95_ms == 119.0
    assert stats["calculator"].p50_ms == 10.0
    assert stats["all"].requests == 80
    assert stats["all"].rps == 8.0
    # 80 requests: the 76th fastest is the 16th of the slow endpoint's
    assert stats["all"].p95_ms == 116.0


def test_failed_requests_count_as_errors_and_in_the_times():
    rows = [[5.0, True]] * 18 + [[900.0, False], [950.0, False]]
    stats = report.summarise(samples(calculator=rows), seconds=10)
    assert stats["calculator"].errors == 2
    assert stats["calculator"].p95_ms == 900.0
    assert stats["all"].errors == 2


def test_bench_line_takes_the_worst_endpoint_and_says_whether_the_target_is_met():
    met = report.bench_values(report.summarise(samples(), seconds=10), users=100, seconds=60)
    assert met["p95_ms"] == 19.0
    assert met["target_met"] is True
    slow = [[float(ms), True] for ms in range(90, 110)]
    values = report.bench_values(
        report.summarise(samples(**{"compliance-table": slow}), seconds=10), users=100, seconds=60
    )
    assert values["p95_ms"] == 108.0
    assert values["compliance_table_p95_ms"] == 108.0
    assert values["target_met"] is False
    line = _harness.bench_line("load", **values)
    assert line.startswith("BENCH name=load users=100 seconds=60 p95_ms=108 errors=0 ")
    assert "target_met=no" in line


def test_an_endpoint_without_requests_is_missing_and_fails_the_target():
    stats = report.summarise(samples(calculator=[]), seconds=10)
    assert report.missing_endpoints(stats) == ["calculator"]
    assert report.bench_values(stats, users=100, seconds=60)["target_met"] is False


def test_errors_fail_the_target_even_when_fast():
    rows = [[5.0, True]] * 19 + [[5.0, False]]
    values = report.bench_values(report.summarise(samples(calculator=rows), seconds=10), users=1, seconds=1)
    assert values["errors"] == 1
    assert values["target_met"] is False
