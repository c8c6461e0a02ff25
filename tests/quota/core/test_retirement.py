"""The 2025 gradual retirement reform (全国人大常委会2024-09-13决定；国务院《关于渐进式延迟法定退休年龄的办法》)
and its use in the working-age check of each month."""

from datetime import date

import pytest

from quota.core import PolicyError, assess_line, retirement_age_months, retirement_date
from quota.core.retirement import (
    DEFAULT_RETIREMENT_SCHEDULES,
    REFORM_SOURCE,
    RetirementSchedule,
    add_months,
    format_age_months,
    parse_schedules,
    schedules_as_data,
)

from .factories import make_certificate, make_line, make_policy


def years_months(months: int) -> tuple[int, int]:
    return divmod(months, 12)


@pytest.mark.parametrize(
    ("birth", "sex", "original", "expected"),
    [
        (date(1965, 1, 10), "M", 60, (60, 1)),  # the first month the reform reaches
        (date(1965, 4, 30), "M", 60, (60, 1)),  # k = 3: still the first step of four months
        (date(1965, 5, 1), "M", 60, (60, 2)),  # k = 4
        (date(1976, 8, 1), "M", 60, (62, 11)),  # k = 139 → 34 + 1 = 35 months
        (date(1976, 9, 1), "M", 60, (63, 0)),  # k = 140 → 36 months: the cap reached
        (date(1976, 12, 1), "M", 60, (63, 0)),  # k = 143 → capped at 36 months
        (date(1990, 6, 1), "M", 60, (63, 0)),  # long after: still capped
        (date(1975, 1, 1), "F", 50, (50, 1)),
        (date(1975, 2, 1), "F", 50, (50, 1)),  # k = 1: step of two months
        (date(1975, 3, 1), "F", 50, (50, 2)),
        (date(1984, 11, 1), "F", 50, (55, 0)),  # k = 118 → 60: the cap
        (date(1970, 1, 1), "F", 55, (55, 1)),
        (date(1970, 5, 1), "F", 55, (55, 2)),
        (date(1981, 12, 1), "F", 55, (58, 0)),
        (date(1964, 12, 31), "M", 60, (60, 0)),  # born before the start: unchanged
        (date(1974, 12, 31), "F", 50, (50, 0)),
        (date(1969, 12, 31), "F", 55, (55, 0)),
    ],
)
def test_retirement_age_follows_the_reform_schedules(birth, sex, original, expected):
    assert years_months(retirement_age_months(birth, sex, original)) == expected


def test_an_original_age_no_schedule_names_is_not_raised():
    # An administrator who sets, say, 62 by hand gets exactly 62: no schedule covers it.
    assert retirement_age_months(date(1980, 1, 1), "M", 62) == 62 * 12


def test_retirement_date_is_the_birth_date_plus_the_age_in_months():
    assert retirement_date(date(1965, 1, 15), "M", 60) == date(2025, 2, 15)
    assert retirement_date(date(1965, 5, 31), "M", 60) == date(2025, 7, 31)
    assert retirement_date(date(1976, 12, 1), "M", 60) == date(2039, 12, 1)
    assert retirement_date(date(1975, 3, 31), "F", 50) == date(2025, 5, 31)
    assert retirement_date(date(1964, 7, 15), "M", 60) == date(2024, 7, 15)


def test_a_retirement_date_past_the_end_of_a_short_month_is_clipped():
    assert add_months(date(1975, 12, 31), 50 * 12 + 2) == date(2026, 2, 28)
    assert add_months(date(1976, 2, 29), 12) == date(1977, 2, 28)


def test_age_in_months_reads_as_years_and_months():
    assert format_age_months(734) == "61周岁2个月"
    assert format_age_months(720) == "60周岁"


def test_the_schedules_are_policy_data_with_their_source():
    policy = make_policy()
    assert policy.retirement_schedules == DEFAULT_RETIREMENT_SCHEDULES
    assert policy.source_for("retirement_schedules") == REFORM_SOURCE
    assert "渐进式延迟法定退休年龄" in REFORM_SOURCE
    rows = schedules_as_data(DEFAULT_RETIREMENT_SCHEDULES)
    assert rows[0] == {
        "sex": "M",
        "original_age": 60,
        "start": "1965-01",
        "step_months": 4,
        "cap_months": 36,
        "source": REFORM_SOURCE,
    }
    assert parse_schedules(rows) == DEFAULT_RETIREMENT_SCHEDULES
    assert make_policy(retirement_schedules=rows) == policy


def test_which_original_age_applies_to_women_stays_an_unconfirmed_parameter():
    assert "retirement_age_female" in make_policy().unconfirmed
    assert "[A]" in make_policy().source_for("retirement_age_female")


@pytest.mark.parametrize(
    "rows",
    [
        [{"sex": "X", "original_age": 60, "start": "1965-01", "step_months": 4, "cap_months": 36}],
        [{"sex": "M", "original_age": 60, "start": "1965", "step_months": 4, "cap_months": 36}],
        [{"sex": "M", "original_age": 60, "start": "1965-13", "step_months": 4, "cap_months": 36}],
        [{"sex": "M", "original_age": 60, "start": "1965-01", "step_months": 0, "cap_months": 36}],
        [{"sex": "M", "original_age": 60, "start": "1965-01", "step_months": 4}],
        [{"sex": "M", "original_age": 60, "start": "1965-01", "step_months": 4, "cap_months": 36}] * 2,
        {"sex": "M"},
    ],
)
def test_a_broken_schedule_is_refused_in_chinese(rows):
    with pytest.raises(PolicyError) as caught:
        make_policy(retirement_schedules=rows)
    assert "延迟退休过渡办法" in caught.value.message_zh


def test_an_administrator_may_change_a_schedule():
    faster = (RetirementSchedule("M", 60, 1965, 1, 1, 36),)
    assert retirement_age_months(date(1965, 5, 1), "M", 60, faster) == 60 * 12 + 5


# --- the working-age check of each month ---------------------------------------------------------


def assess(birth: date, sex_seq: str, year: int, **policy):
    line = make_line(certificate_no=make_certificate(birth=birth, seq=sex_seq))
    return assess_line(line, make_policy(levy_year=year + 1, **policy), year)


def test_man_born_january_1965_works_one_month_longer():
    # 60y1m: retires 2025-02-15; on 1 February he has not reached it, on 1 March he has.
    result = assess(date(1965, 1, 15), "011", 2025)
    assert result.months == frozenset({1, 2})
    (reason,) = result.reasons
    assert reason.code == "outside_working_age"
    assert reason.months == frozenset(range(3, 13))
    assert reason.message == (
        "3至12月不在就业年龄段，不计入：2025年3月起已达法定退休年龄（2025-02-15达到，延迟退休后60周岁1个月）"
    )


def test_retirement_on_the_first_of_a_month_excludes_that_month():
    # Born 1965-05-01: 60y2m → 2025-07-01; July no longer counts.
    assert assess(date(1965, 5, 1), "011", 2025).months == frozenset(range(1, 7))


def test_man_born_december_1976_is_capped_at_sixty_three():
    result = assess(date(1976, 12, 1), "011", 2039)
    assert result.months == frozenset(range(1, 12))
    assert "2039-12-01达到，延迟退休后63周岁" in result.reasons[0].message


def test_woman_with_original_age_fifty_born_march_1975():
    # 50y2m → 2025-05-10: May still counts (not reached on 1 May), June does not.
    result = assess(date(1975, 3, 10), "022", 2025)
    assert result.months == frozenset(range(1, 6))
    assert "延迟退休后50周岁2个月" in result.reasons[0].message


def test_woman_with_original_age_fifty_five_born_january_1970():
    result = assess(date(1970, 1, 1), "022", 2025, retirement_age_female=55)
    # 55y1m → 2025-02-01: January counts, February does not.
    assert result.months == frozenset({1})
    assert "延迟退休后55周岁1个月" in result.reasons[0].message


def test_born_before_the_start_retires_at_the_original_age_and_says_so():
    result = assess(date(1964, 7, 15), "011", 2024)
    assert result.months == frozenset(range(1, 8))
    assert result.reasons[0].message == (
        "8至12月不在就业年龄段，不计入：2024年8月起已达法定退休年龄（2024-07-15达到，60周岁）"
    )


def test_under_sixteen_and_retired_months_are_both_named():
    result = assess(date(2009, 3, 2), "011", 2025)
    assert result.months == frozenset(range(4, 13))
    assert result.reasons[0].message == "1至3月不在就业年龄段，不计入：1至3月未满16周岁"


def test_retired_before_the_data_year_names_the_day_only():
    result = assess(date(1960, 1, 1), "011", 2024)
    assert not result.counted
    assert result.reasons[0].message == "1至12月不在就业年龄段，不计入：2020-01-01已达法定退休年龄（60周岁）"
