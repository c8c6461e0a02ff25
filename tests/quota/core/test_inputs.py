from decimal import Decimal
from fractions import Fraction

import pytest

from quota.core import InputError, RosterLine

from .factories import make_line, make_report


def test_headcount_from_twelve_months_is_exact():
    report = make_report(employee_count=None, monthly_headcounts=(Decimal(100),) * 11 + (Decimal(101),))
    assert report.headcount == Fraction(1201, 12)


def test_seasonal_workers_average_over_the_year():
    # 72号: 60 people for 4 months count as 20.
    counts = (Decimal(60),) * 4 + (Decimal(0),) * 8
    assert make_report(employee_count=None, monthly_headcounts=counts).headcount == 20


def test_fractional_employee_count_is_kept():
    assert make_report(employee_count=Decimal("30.5")).headcount == Fraction(61, 2)


@pytest.mark.parametrize(
    "overrides",
    [
        {"employee_count": None},
        {"monthly_headcounts": (Decimal(1),) * 12},  # both given
        {"employee_count": None, "monthly_headcounts": (Decimal(1),) * 11},
        {"employee_count": 100.0},
        {"employee_count": Decimal("-1")},
        {"total_wages": 1e6},
        {"org_type": "company"},
        {"roster": (make_line("a"), make_line("a"))},
    ],
)
def test_malformed_reports_are_refused(overrides):
    with pytest.raises(InputError):
        make_report(**overrides)


@pytest.mark.parametrize(
    "overrides",
    [
        {"monthly_wage": 5000.0},
        {"months": frozenset({0, 1})},
        {"months": frozenset({13})},
        {"insured_months": frozenset({True})},
        {"sex": "male"},
        {"contract_months": -1},
        {"grade": "2"},
        {"birth_date": "1985-01-01"},
    ],
)
def test_malformed_roster_lines_are_refused(overrides):
    with pytest.raises(InputError):
        make_line(**overrides)


def test_months_accept_any_iterable_and_are_frozen():
    line = RosterLine("x", grade=4, months=range(7, 13), monthly_wage=Decimal(3000))
    assert line.months == frozenset(range(7, 13))
    assert hash(line)
