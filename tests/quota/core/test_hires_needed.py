"""The hires needed to close the quota gap this year: exact counts and start-by dates."""

from datetime import date
from fractions import Fraction

import pytest

from quota.core.declaration import declaration_deadline, receipt_number
from quota.core.hires import hires_needed

R = Fraction(15, 1000)


def test_gap_of_two_needs_three_severe_or_five_other_hires_starting_in_august():
    # N = 200, r = 1.5 % → 3 required, D = 1 → gap 2.  From 15 July the first full month is
    # August (5 months).  A grade-1/2 hire closes (2 − 0.015) × 5/12 = 0.827…, so 3 are
    # needed; an ordinary one 0.985 × 5/12 = 0.410…, so 5.
    result = hires_needed(
        headcount=Fraction(200), counted=Fraction(1), ratio=R, data_year=2026, today=date(2026, 7, 15)
    )
    assert result.gap == Fraction(2)
    assert not result.met
    assert result.earliest_start == date(2026, 8, 1)
    severe, other = result.options
    assert (severe.weight, severe.hires, severe.start_by, severe.months) == (2, 3, date(2026, 8, 1), 5)
    assert (other.weight, other.hires, other.start_by, other.months) == (1, 5, date(2026, 8, 1), 5)


def test_start_by_is_the_latest_month_that_still_closes_the_gap():
    # Gap 1 from 1 March (10 months: today is the 1st, so March counts).  Severe: 1.985 × 10/12
    # = 1.65 → 1 hire, who needs ceil(12 / 1.985) = 7 months → may start as late as 1 June.
    result = hires_needed(
        headcount=Fraction(200), counted=Fraction(2), ratio=R, data_year=2026, today=date(2026, 3, 1)
    )
    severe, other = result.options
    assert (severe.hires, severe.start_by, severe.months) == (1, date(2026, 6, 1), 7)
    # Ordinary: 0.985 × 10/12 = 0.82 → 2 hires, who need ceil(12 / 1.97) = 7 months → 1 June.
    assert (other.hires, other.start_by, other.months) == (2, date(2026, 6, 1), 7)


def test_quota_met_or_exempt_needs_no_hire():
    met = hires_needed(
        headcount=Fraction(100), counted=Fraction(3, 2), ratio=R, data_year=2026, today=date(2026, 5, 2)
    )
    assert met.met and met.gap == 0 and met.options == ()
    exempt = hires_needed(
        headcount=Fraction(30),
        counted=Fraction(0),
        ratio=R,
        data_year=2026,
        today=date(2026, 5, 2),
        exempt=True,
    )
    assert exempt.met and exempt.exempt and exempt.options == ()


def test_no_month_left_after_the_first_of_december():
    result = hires_needed(
        headcount=Fraction(200), counted=Fraction(0), ratio=R, data_year=2026, today=date(2026, 12, 7)
    )
    assert result.year_over and result.options == () and result.earliest_start is None
    assert result.gap == Fraction(3)


def test_a_past_year_cannot_be_closed_and_a_future_one_starts_in_january():
    past = hires_needed(
        headcount=Fraction(200), counted=Fraction(0), ratio=R, data_year=2025, today=date(2026, 3, 1)
    )
    assert past.year_over and past.options == ()
    future = hires_needed(
        headcount=Fraction(200), counted=Fraction(0), ratio=R, data_year=2027, today=date(2026, 12, 7)
    )
    severe, _other = future.options
    # Gap 3 over 12 months: 3 / 1.985 → 2 severe hires, who need ceil(36 / 3.97) = 10 months → March.
    assert (severe.hires, severe.start_by, severe.months) == (2, date(2027, 3, 1), 10)


def test_fractional_headcount_kept_exact():
    # N = 66.5 → required 0.9975, D = 0.
    result = hires_needed(
        headcount=Fraction(133, 2), counted=Fraction(0), ratio=R, data_year=2027, today=date(2026, 1, 1)
    )
    assert result.gap == Fraction(399, 400)
    severe, other = result.options
    assert severe.hires == 1 and severe.months == 7  # ceil(0.9975 × 12 / 1.985) = ceil(6.03) = 7
    # One ordinary hire for the whole year closes only 0.985 < 0.9975: two are needed, who need
    # ceil(0.9975 × 12 / 1.97) = ceil(6.08) = 7 months → start by 1 June.
    assert (other.hires, other.start_by, other.months) == (2, date(2027, 6, 1), 7)


def test_receipt_numbers_are_readable_and_bounded():
    assert receipt_number(2026, 123) == "TC-2026-000123"
    with pytest.raises(ValueError):
        receipt_number(2026, 0)


def test_declaration_deadline_is_31_october_of_the_levy_year():
    assert declaration_deadline(2026) == date(2026, 10, 31)
