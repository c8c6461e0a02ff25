"""Policy as data: the seeded rows, county → city → province resolution, admin validation, API."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from backend.accounts.choices import Role
from quota.models import QuotaPolicy
from quota.selectors import PolicyMissing, policy_for, policy_row_for
from quota.services.policy import policy_validate

from .conftest import client_for
from .factories import make_user, region

pytestmark = pytest.mark.django_db


def copy_row(source: QuotaPolicy, **changes) -> QuotaPolicy:
    row = QuotaPolicy.objects.get(pk=source.pk)
    row.pk = None
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()
    return row


def test_seeded_jiangsu_rows_cover_2020_onwards_with_an_open_end():
    rows = QuotaPolicy.objects.filter(region__code="32").order_by("levy_year_from")
    assert [(r.levy_year_from, r.levy_year_to) for r in rows] == [
        (2020, 2022),
        (2023, 2025),
        (2026, 2027),
        (2028, None),
    ]
    assert all(r.quota_ratio == Decimal("0.01500") for r in rows)
    assert [r.tiered_reduction for r in rows] == [True, True, True, False]
    assert "tiered_reduction" in rows.last().unconfirmed
    assert "8号 ends 2027-12-31 unless extended" in rows.last().notes


@pytest.mark.parametrize(
    ("levy_year", "wage"),
    [(2020, "2020"), (2022, "2020"), (2023, "2280"), (2025, "2280"), (2026, "2490"), (2030, "2490")],
)
def test_minimum_wage_per_period_is_seeded_and_unconfirmed(levy_year, wage):
    policy = policy_for(region("320585"), levy_year)
    assert policy.minimum_wage_monthly == Decimal(wage)
    assert "minimum_wage_monthly" in policy.unconfirmed
    assert "江苏省人民政府关于调整全省最低工资标准的通知" in policy.source_for("minimum_wage_monthly")


def test_taicang_overrides_with_reward_multiples_marked_unconfirmed():
    policy = policy_for(region("320585"), 2026)
    assert policy.reward_meet_multiple == Decimal("2")
    assert policy.reward_above_multiple == Decimal("4")
    assert {"reward_meet_multiple", "reward_above_multiple", "social_average_wage"} <= policy.unconfirmed


def test_county_row_wins_over_city_and_province():
    assert policy_row_for(region("320585"), 2025).region.code == "320585"
    assert policy_row_for(region("3205"), 2025).region.code == "3205"
    assert policy_row_for(region("32"), 2025).region.code == "32"


def test_town_inherits_from_its_county():
    assert policy_row_for(region("320585101"), 2025).region.code == "320585"


def test_city_row_applies_when_the_county_has_none():
    QuotaPolicy.objects.filter(region__code="320585").delete()
    row = policy_row_for(region("320585100"), 2025)
    assert row.region.code == "3205"
    assert policy_for(region("320585100"), 2025).reward_meet_multiple is None


def test_province_row_applies_when_city_and_county_have_none():
    QuotaPolicy.objects.filter(region__code__in=["320585", "3205"]).delete()
    policy = policy_for(region("320585"), 2025)
    assert policy.region_code == "32"
    assert policy.social_average_wage is None


def test_year_without_policy_raises_a_clear_chinese_error():
    with pytest.raises(PolicyMissing) as error:
        policy_for(region("320585"), 2019)
    assert error.value.messages == ["没有找到 太仓市 2019 年度（征收年度）的政策参数，请管理员在后台补充"]


def test_check_constraint_refuses_ratio_of_one():
    row = QuotaPolicy.objects.filter(region__code="32").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_row(row, levy_year_from=2040, quota_ratio=Decimal("1"))


def test_check_constraint_refuses_period_ending_before_it_starts():
    row = QuotaPolicy.objects.filter(region__code="32").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_row(row, levy_year_from=2040, levy_year_to=2039)


def test_admin_validation_refuses_overlapping_periods():
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    row.pk = None
    row.levy_year_from, row.levy_year_to = 2024, 2024
    with pytest.raises(ValidationError) as error:
        policy_validate(row)
    assert "重叠" in error.value.messages[0]


def test_admin_validation_refuses_parameters_the_engine_refuses():
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    row.tier_share_between = Decimal("0.95")  # above the lower tier's 90 %
    with pytest.raises(ValidationError) as error:
        policy_validate(row)
    assert "分档征收比例设置有误" in error.value.messages[0]


def test_admin_validation_refuses_a_broken_retirement_schedule_in_chinese():
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    row.retirement_schedules = [
        {"sex": "M", "original_age": 60, "start": "1965年1月", "step_months": 4, "cap_months": 36}
    ]
    with pytest.raises(ValidationError) as error:
        policy_validate(row)
    assert error.value.messages == ["延迟退休过渡办法的起始出生年月应写成 1965-01，不能是“1965年1月”"]


def test_history_is_kept_for_policy_edits():
    row = QuotaPolicy.objects.get(region__code="320585", levy_year_from=2025)
    before = row.history.count()
    row.social_average_wage = Decimal("121000.00")
    row.save()
    assert row.history.count() == before + 1
    assert row.history.first().social_average_wage == Decimal("121000.00")


def test_policies_api_lists_for_any_logged_in_user_but_not_anonymous(api):
    assert api.get("/api/v1/quota/policies").status_code in (401, 403)
    seeker = client_for(make_user(Role.SEEKER))
    response = seeker.get("/api/v1/quota/policies?region=320585&levy_year=2026")
    assert response.status_code == 200
    assert [(r["levy_year_from"], r["region"]) for r in response.json()["results"]] == [(2026, "320585")]


def test_current_policy_by_data_year_resolves_levy_year_plus_one():
    client = client_for(make_user(Role.EMPLOYER))
    data = client.get("/api/v1/quota/policies/current?region=320585101&data_year=2024").json()
    assert data["levy_year"] == 2025
    assert data["data_year"] == 2024
    assert data["region"] == "320585"
    assert data["parameters"]["minimum_wage_monthly"] == "2280.00"


def test_current_policy_without_year_or_with_missing_policy_is_a_400():
    client = client_for(make_user(Role.EMPLOYER))
    response = client.get("/api/v1/quota/policies/current?region=320585")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"levy_year", "data_year"}
    response = client.get("/api/v1/quota/policies/current?region=320585&levy_year=2019")
    assert response.status_code == 400
    assert "没有找到 太仓市 2019 年度" in response.json()["errors"]["levy_year"][0]
    response = client.get("/api/v1/quota/policies/current?region=nowhere&levy_year=2025")
    assert response.status_code == 400
    response = client.get("/api/v1/quota/policies/current?levy_year=abc")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("sources", ["not", "a", "mapping"]),
        ("unconfirmed", "quota_ratio"),
        ("exempt_org_types", [1]),
        ("unconfirmed", ["nonsense"]),
    ],
)
def test_admin_validation_refuses_malformed_json_fields(field, value):
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    setattr(row, field, value)
    with pytest.raises(ValidationError):
        policy_validate(row)


def test_seeded_policies_carry_the_retirement_reform_and_name_its_source():
    client = client_for(make_user(Role.EMPLOYER))
    data = client.get("/api/v1/quota/policies/current?region=320585&data_year=2025").json()
    schedules = data["parameters"]["retirement_schedules"]
    assert [
        (s["sex"], s["original_age"], s["start"], s["step_months"], s["cap_months"]) for s in schedules
    ] == [
        ("M", 60, "1965-01", 4, 36),
        ("F", 55, "1970-01", 4, 36),
        ("F", 50, "1975-01", 2, 60),
    ]
    assert "渐进式延迟法定退休年龄" in data["sources"]["retirement_schedules"]
    # Only which original age applies to a woman (50 or 55) still awaits confirmation.
    assert "retirement_age_female" in data["unconfirmed"]
    assert "retirement_age_male" not in data["unconfirmed"]
