from decimal import Decimal

import pytest

from quota.core import Policy, PolicyError, tiered_reduction_in_force

from .factories import make_policy


def test_defaults_follow_the_documents():
    policy = Policy("320585", 2025, minimum_wage_monthly=Decimal("2490"))
    assert policy.quota_ratio == Decimal("0.015")
    assert policy.tier_lower_ratio == Decimal("0.01")
    assert (policy.tier_share_between, policy.tier_share_below) == (Decimal("0.5"), Decimal("0.9"))
    assert policy.exemption_max_headcount == Decimal("30")
    assert policy.exempt_org_types == frozenset({"enterprise"})
    assert policy.wage_cap_multiple == Decimal("2")
    assert (policy.retirement_age_male, policy.retirement_age_female, policy.working_age_min) == (60, 50, 16)
    assert policy.surcharge_daily_rate == Decimal("0.005")
    assert policy.severe_weight == 2
    assert policy.ratio_uses_weighted_count is True
    assert policy.data_year == 2024


@pytest.mark.parametrize(
    ("year", "tiered"), [(2019, False), (2020, True), (2022, True), (2027, True), (2028, False)]
)
def test_tiered_reduction_follows_the_levy_year_unless_set(year, tiered):
    assert tiered_reduction_in_force(year) is tiered
    assert Policy("32", year, minimum_wage_monthly=Decimal("2490")).tiered_reduction is tiered
    assert Policy("32", year, minimum_wage_monthly=Decimal("2490"), tiered_reduction=True).tiered_reduction


def test_every_parameter_has_a_source_and_notice_matches_the_year():
    policy = make_policy(levy_year=2021)
    assert policy.sources["tiered_reduction"] == "财政部公告2019年第98号"
    assert (
        make_policy(levy_year=2024).source_for("tiered_reduction") == "财政部 国家发展改革委公告2023年第8号"
    )
    assert "第二十七条" in policy.sources["surcharge_daily_rate"]
    assert "第七条" in policy.sources["severe_weight"]


def test_caller_sources_are_merged_over_defaults():
    policy = make_policy(sources={"quota_ratio": "苏政发〔示例〕号"})
    assert policy.sources["quota_ratio"] == "苏政发〔示例〕号"
    assert policy.sources["severe_weight"]


def test_policy_is_hashable_and_immutable():
    policy = make_policy()
    assert hash(policy) == hash(make_policy())
    assert policy == make_policy()
    with pytest.raises(AttributeError):
        policy.quota_ratio = Decimal("0.02")
    with pytest.raises(TypeError):
        policy.sources["x"] = "y"


def test_unconfirmed_parameters_are_listed():
    assert "reward_meet_multiple" in make_policy().unconfirmed
    with pytest.raises(PolicyError):
        make_policy(unconfirmed=frozenset({"no_such_parameter"}))


@pytest.mark.parametrize(
    "overrides",
    [
        {"quota_ratio": 0.015},
        {"quota_ratio": Decimal("0")},
        {"quota_ratio": Decimal("1.5")},
        {"tier_lower_ratio": Decimal("0.02")},
        {"tier_share_between": Decimal("1.2")},
        {"tier_share_between": Decimal("0.95")},
        {"minimum_wage_monthly": Decimal("0")},
        {"social_average_wage": Decimal("-1")},
        {"retirement_age_female": 10},
        {"exempt_org_types": frozenset({"company"})},
        {"severe_weight": 0},
        {"region_code": ""},
        {"sources": {"no_such_parameter": "x"}},
        {"tiered_reduction": "yes"},
    ],
)
def test_invalid_parameters_raise_policy_error_in_chinese(overrides):
    with pytest.raises(PolicyError) as error:
        make_policy(**overrides)
    assert error.value.message_zh


def test_integers_are_accepted_as_exact_decimals():
    policy = make_policy(minimum_wage_monthly=2490, social_average_wage=60000)
    assert policy.minimum_wage_monthly == Decimal("2490")
    assert isinstance(policy.social_average_wage, Decimal)
