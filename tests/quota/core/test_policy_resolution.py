"""Which policy row applies (quota.core.policy_resolution): the one rule the report workflow and
the annual audit share."""

from quota.core.policy_resolution import (
    PolicyPeriod,
    latest_per_region,
    region_codes_of,
    resolve_in,
    resolve_policy,
)

PATH = region_codes_of("32/3205/320585/320585101/")  # province, city, county, town


def test_a_region_path_reads_province_first():
    assert PATH == ["32", "3205", "320585", "320585101"]


def test_the_most_specific_region_with_a_row_wins():
    rows = [PolicyPeriod(1, "32", 2020), PolicyPeriod(2, "3205", 2020), PolicyPeriod(3, "320585", 2020)]
    assert resolve_policy(rows, PATH, 2025).key == 3
    assert resolve_policy(rows, PATH[:2], 2025).key == 2  # a city-level employer


def test_a_town_without_a_row_takes_its_countys():
    rows = [PolicyPeriod(1, "32", 2020), PolicyPeriod(3, "320585", 2020)]
    assert resolve_policy(rows, PATH, 2025).key == 3


def test_a_row_that_does_not_cover_the_levy_year_is_passed_over_for_the_next_region_up():
    rows = [PolicyPeriod(1, "32", 2020), PolicyPeriod(3, "320585", 2020, 2024)]
    assert resolve_policy(rows, PATH, 2025).key == 1
    assert resolve_policy(rows, PATH, 2024).key == 3


def test_period_bounds_are_inclusive_and_an_open_end_runs_on():
    row = PolicyPeriod(1, "32", 2020, 2022)
    assert [resolve_policy([row], PATH, year) for year in (2019, 2020, 2022, 2023)] == [None, row, row, None]
    assert resolve_policy([PolicyPeriod(2, "32", 2020)], PATH, 2099).key == 2


def test_within_one_region_the_later_start_wins():
    rows = [PolicyPeriod(5, "320585", 2023), PolicyPeriod(4, "320585", 2020)]
    assert resolve_policy(rows, PATH, 2025).key == 5
    assert resolve_policy(list(reversed(rows)), PATH, 2025).key == 5


def test_a_tie_on_the_start_goes_to_the_later_created_row_whatever_the_order():
    first, second = PolicyPeriod(7, "320585", 2020), PolicyPeriod(9, "320585", 2020)
    assert resolve_policy([first, second], PATH, 2025) == second
    assert resolve_policy([second, first], PATH, 2025) == second


def test_a_more_specific_region_wins_even_with_an_earlier_start():
    rows = [PolicyPeriod(1, "32", 2024), PolicyPeriod(2, "320585", 2018)]
    assert resolve_policy(rows, PATH, 2025).key == 2


def test_missing_when_no_region_on_the_path_has_a_row():
    assert resolve_policy([], PATH, 2025) is None
    assert resolve_policy([PolicyPeriod(1, "3206", 2020)], PATH, 2025) is None  # another city
    assert resolve_policy([PolicyPeriod(1, "32", 2026)], PATH, 2025) is None  # not yet in force


def test_one_pass_over_the_rows_serves_every_region():
    rows = [PolicyPeriod(1, "32", 2020), PolicyPeriod(3, "320585", 2020), PolicyPeriod(4, "320585", 2023)]
    best = latest_per_region(rows, 2025)
    assert resolve_in(best, PATH).key == 4
    assert resolve_in(best, ["32", "3206"]).key == 1
    assert resolve_in(best, ["33"]) is None
