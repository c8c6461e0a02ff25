"""Properties that must hold for every report, checked with Hypothesis."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from quota.core import RosterLine, compute_levy

from .factories import make_certificate, make_policy, make_report

FAST = settings(max_examples=200, deadline=None, database=None)  # no .hypothesis/ writes
# One draw per value keeps generation cheap: a 12-bit mask is a set of months,
# an integer number of cents is an amount.
MONTHS = st.integers(0, 4095).map(lambda mask: frozenset(m for m in range(1, 13) if mask >> (m - 1) & 1))


def cents(high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(0, high * 100).map(lambda value: Decimal(value).scaleb(-2))


def _line(index: int, fields: tuple) -> RosterLine:
    person, year, month, grade, category, months, wage, contract, insured, elsewhere, valid_until = fields
    certificate = make_certificate(
        grade=grade, category=category, birth=date(year, month, 1), seq=f"{person:03d}"
    )
    return RosterLine(
        f"L{index}",
        certificate_no=certificate,
        months=months,
        monthly_wage=wage,
        contract_months=contract,
        insured_months=insured,
        counted_elsewhere_months=elsewhere,
        certificate_valid_until=valid_until,
    )


# Any line, eligible or not; persons 1–6 only, so duplicates are likely.
# Strategies are built once, at import: building them per draw is slow.
LINE_FIELDS = st.tuples(
    st.integers(1, 6),
    st.integers(1955, 2010),
    st.integers(1, 12),
    st.integers(1, 4),
    st.integers(1, 7),
    MONTHS,
    st.sampled_from([Decimal("2000"), Decimal("2490"), Decimal("8000")]),
    st.sampled_from([None, 6, 12, 36]),
    st.none() | MONTHS,
    st.sampled_from([frozenset(), frozenset({1, 2})]),
    st.none() | st.integers(0, 730).map(lambda days: date(2023, 6, 1) + timedelta(days)),
)
ROSTERS = st.lists(LINE_FIELDS, max_size=8).map(
    lambda rows: tuple(_line(index, row) for index, row in enumerate(rows))
)
SOCIAL_WAGES = st.none() | cents(300000).filter(bool)
HEADCOUNTS, WAGES, BOOLEANS = cents(800), cents(10**9), st.booleans()
ORG_TYPES = st.sampled_from(["enterprise", "government", "institution"])


@st.composite
def scenarios(draw):
    policy = make_policy(
        tiered_reduction=draw(BOOLEANS),
        ratio_uses_weighted_count=draw(BOOLEANS),
        social_average_wage=draw(SOCIAL_WAGES),
    )
    report = make_report(
        org_type=draw(ORG_TYPES),
        employee_count=draw(HEADCOUNTS),
        total_wages=draw(WAGES),
        roster=draw(ROSTERS),
    )
    return policy, report


def eligible_newcomer() -> RosterLine:
    # Person 999 never occurs in generated rosters, so this line is never a duplicate.
    certificate = make_certificate(grade=4, birth=date(1990, 1, 1), seq="999")
    return RosterLine("new", certificate_no=certificate, monthly_wage=Decimal("8000"), contract_months=36)


@FAST
@given(scenarios())
def test_levy_is_never_negative(scenario):
    result = compute_levy(*scenario)
    assert result.levy_due >= 0
    assert result.shortfall >= 0
    assert 0 <= result.payable_share <= 1


@FAST
@given(scenarios())
def test_adding_an_eligible_disabled_employee_never_raises_the_levy(scenario):
    policy, report = scenario
    before = compute_levy(policy, report)
    after = compute_levy(
        policy, make_report(**{**vars(report), "roster": (*report.roster, eligible_newcomer())})
    )
    assert after.lines[-1].counted
    assert after.counted_disabled == before.counted_disabled + 1
    assert after.levy_due <= before.levy_due


@FAST
@given(scenarios())
def test_levy_is_zero_whenever_the_quota_is_met(scenario):
    policy, report = scenario
    result = compute_levy(policy, report)
    if result.ratio >= policy.quota_ratio:
        assert result.levy_due == 0
        assert result.payable_share == 0


@FAST
@given(scenarios(), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_roster_order(scenario, random):
    policy, report = scenario
    shuffled = list(report.roster)
    random.shuffle(shuffled)
    first = compute_levy(policy, report)
    second = compute_levy(policy, make_report(**{**vars(report), "roster": tuple(shuffled)}))
    assert (second.levy_due, second.counted_disabled, second.ratio) == (
        first.levy_due,
        first.counted_disabled,
        first.ratio,
    )
    assert {line.line_id: line for line in second.lines} == {line.line_id: line for line in first.lines}
