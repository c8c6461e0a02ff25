"""The public calculator endpoint: worked examples E1–E6 and every edge case of quota-rules.md,
asserting exact decimal strings.  Data year 2024 → levy year 2025 (tiered reduction in force,
Taicang policy: minimum wage 2280, social average wage 120000)."""

from datetime import date

import pytest

from backend.accounts.demo import resident_id

from .factories import certificate_for

URL = "/api/v1/quota/calculate"
pytestmark = pytest.mark.django_db


def cert(grade=4, category=4, seq=1, birth=date(1985, 3, 1)):
    return certificate_for(resident_id("320585", birth, seq), grade=grade, category=category)


def employee(grade=4, seq=1, **extra):
    item = {"certificate_no": cert(grade=grade, seq=seq), "monthly_wage": "5000", "contract_months": 36}
    item.update(extra)
    return item


def calc(api, **overrides):
    body = {"data_year": 2024, "org_type": "enterprise", "employee_count": "100", "total_wages": "5950000"}
    body.update(overrides)
    return api.post(URL, body, format="json")


def ok(api, **overrides):
    response = calc(api, **overrides)
    assert response.status_code == 200, response.json()
    return response.json()


# --- worked examples ----------------------------------------------------------------


def test_e1_dispatched_grade_four_at_one_percent_pays_half_of_capped_base(api):
    data = ok(api, social_average_wage="20000", disabled_employees=[employee()])
    assert data["wage_base"] == "40000.00"
    assert data["shortfall"] == "0.5000"
    assert data["gross_levy"] == "20000.00"
    assert data["ratio"] == "0.010000"
    assert data["payable_share"] == "0.50"
    assert data["levy_due"] == "10000.00"
    assert data["levy_year"] == 2025
    assert data["exempt"] is False


def test_e2_no_disabled_staff_pays_ninety_percent(api):
    data = ok(api, employee_count="200", total_wages="4000000")
    assert data["required_count"] == "3.0000"
    assert data["gross_levy"] == "60000.00"
    assert data["payable_share"] == "0.90"
    assert data["levy_due"] == "54000.00"


def test_e3_enterprise_of_thirty_is_exempt(api):
    data = ok(api, employee_count="30", total_wages="1800000")
    assert data["exempt"] is True
    assert data["levy_due"] == "0.00"
    assert "暂免征收" in data["exempt_reason"]


def test_e4_exactly_one_percent_is_in_the_fifty_percent_band(api):
    people = [employee(seq=1), employee(seq=3)]
    data = ok(api, employee_count="200", total_wages="20000000", disabled_employees=people)
    assert data["counted_disabled"] == "2.0000"
    assert data["ratio_percent"] == "1.0000%"
    assert data["levy_due"] == "50000.00"


def test_e5_grade_one_counts_twice_and_meets_the_quota(api):
    people = [employee(grade=1, seq=1), employee(seq=3)]
    data = ok(api, employee_count="200", total_wages="20000000", disabled_employees=people)
    assert data["counted_disabled"] == "3.0000"
    assert data["shortfall"] == "0.0000"
    assert data["levy_due"] == "0.00"
    assert data["tier"] == "quota_met"


def test_e6_four_hundred_staff_four_disabled(api):
    people = [employee(seq=s) for s in (1, 3, 5, 7)]
    data = ok(api, employee_count="400", total_wages="44000000", disabled_employees=people)
    assert data["gross_levy"] == "220000.00"
    assert data["levy_due"] == "110000.00"


# --- edge cases ---------------------------------------------------------------------


def test_enterprise_of_thirty_one_is_not_exempt(api):
    data = ok(api, employee_count="31", total_wages="620000")
    assert data["exempt"] is False
    assert data["levy_due"] == "8370.00"  # 0.465 × 20000 × 90 %


def test_government_body_of_thirty_is_not_exempt(api):
    data = ok(api, org_type="government", employee_count="30", total_wages="600000")
    assert data["exempt"] is False
    assert data["levy_due"] == "8100.00"  # 0.45 × 20000 × 90 %


def test_ratio_exactly_at_quota_pays_nothing(api):
    people = [employee(seq=s) for s in (1, 3, 5)]
    data = ok(api, employee_count="200", total_wages="20000000", disabled_employees=people)
    assert data["ratio_percent"] == "1.5000%"
    assert data["levy_due"] == "0.00"


def test_average_wage_exactly_twice_the_social_average_uses_own_average(api):
    # quota-rules.md, levy rule 3 (方案; 98号): the wage base is the employer's average wage,
    # capped at 2 × the local social average wage; at exactly 2× the own average is used.
    #   N = 250, total wages 75,000,025.00 → own average = 300,000.10
    #   social average 150,000.05 (this request)  → cap = 2 × 150,000.05 = 300,000.10 (exactly 2×)
    #   one grade-4 employee all year → D = 1; N × r = 250 × 1.5 % = 3.75; shortfall = 2.75
    #   p = 1 / 250 = 0.4 % < 1 % → 90 % payable (rule 5, 8号)
    #   levy = 2.75 × 300,000.10 × 0.9 = 742,500.2475 → 742,500.25 (rule 6: round once, half up)
    # At exactly 2× the own average and the cap are the same number, so no choice of figures makes
    # "own average" and "2 × social average" differ in the levy; what the figures here do rule out
    # are the readings that change it: the social average itself as the base (2.75 × 150,000.05 ×
    # 0.9 = 371,250.12), the policy's social average instead of the one entered (Taicang 2025:
    # 120,000 → cap 240,000 → 2.75 × 240,000 × 0.9 = 594,000.00).  An engine with no cap at all
    # also gives 742,500.25 here; the next test catches that.  Which figure was used shows in the
    # explanation: "未超过上限", the own average.
    data = ok(
        api,
        employee_count="250",
        total_wages="75000025",
        social_average_wage="150000.05",
        disabled_employees=[employee()],
    )
    assert (data["average_wage"], data["wage_cap"], data["wage_base"]) == (
        "300000.10",
        "300000.10",
        "300000.10",
    )
    assert (data["required_count"], data["counted_disabled"], data["shortfall"]) == (
        "3.7500",
        "1.0000",
        "2.7500",
    )
    assert (data["ratio"], data["payable_share"]) == ("0.004000", "0.90")
    assert data["gross_levy"] == "825000.28"  # 825,000.275 shown to the cent; only the levy is rounded
    assert data["levy_due"] == "742500.25"  # the exact decimal, to the cent
    assert data["steps"][5] == (
        "6. 年平均工资 = 75,000,025.00 ÷ 250 = 300,000.10 元；上限 = 2 × 社会平均工资 150,000.05 = 300,000.10 元，"
        "未超过上限，按 300,000.10 元计"
    )


def test_average_wage_above_twice_the_social_average_is_capped(api):
    people = [employee(seq=1), employee(seq=3)]
    data = ok(
        api,
        employee_count="200",
        total_wages="20000200",
        social_average_wage="50000",
        disabled_employees=people,
    )
    assert data["average_wage"] == "100001.00"
    assert data["wage_base"] == "100000.00"
    assert data["levy_due"] == "50000.00"


def test_expired_certificate_is_not_counted_for_months_after_expiry(api):
    person = employee(certificate_valid_until="2024-06-30")
    data = ok(api, disabled_employees=[person])
    line = data["employees"][0]
    assert line["months_counted"] == 6
    assert line["contribution"] == "0.5000"
    assert [r["code"] for r in line["reasons"]] == ["expired"]
    assert data["counted_disabled"] == "0.5000"


def test_certificate_expired_before_the_year_counts_nothing(api):
    data = ok(api, disabled_employees=[employee(certificate_valid_until="2023-12-31")])
    assert data["employees"][0]["counted"] is False
    assert data["counted_disabled"] == "0.0000"


def test_pay_below_minimum_wage_is_not_counted(api):
    data = ok(api, disabled_employees=[employee(monthly_wage="2279.99")])
    line = data["employees"][0]
    assert line["counted"] is False
    assert line["reasons"][0]["code"] == "below_minimum_wage"
    assert "2280" in line["reasons"][0]["message"]
    assert data["levy_due"] == "80325.00"  # p = 0: 90 % of 1.5 × 59500


def test_contract_under_a_year_is_not_counted(api):
    data = ok(api, disabled_employees=[employee(contract_months=11)])
    assert data["employees"][0]["reasons"][0]["code"] == "short_contract"
    assert data["counted_disabled"] == "0.0000"


def test_staff_on_the_establishment_need_no_contract(api):
    data = ok(api, disabled_employees=[employee(contract_months=None, on_establishment=True)])
    assert data["employees"][0]["counted"] is True


def test_insurance_missing_for_some_months_drops_those_months(api):
    data = ok(api, disabled_employees=[employee(insured_months=[1, 2, 3, 4, 5, 6])])
    line = data["employees"][0]
    assert line["months_counted"] == 6
    assert line["reasons"][0]["code"] == "insurance_missing"
    assert data["counted_disabled"] == "0.5000"


def test_same_certificate_listed_twice_counts_once_per_month(api):
    same = cert(seq=1)
    people = [
        {"certificate_no": same, "monthly_wage": "5000", "contract_months": 36, "months": [1, 2, 3, 4, 5, 6]},
        {"certificate_no": same, "monthly_wage": "5000", "contract_months": 36, "months": [4, 5, 6, 7, 8, 9]},
    ]
    data = ok(api, disabled_employees=people)
    assert data["counted_disabled"] == "0.7500"  # months 1–9 once
    codes = [r["code"] for line in data["employees"] for r in line["reasons"]]
    assert "duplicate_in_roster" in codes


def test_grade_is_read_from_the_certificate_number(api):
    data = ok(api, disabled_employees=[employee(grade=2)])
    line = data["employees"][0]
    assert line["grade"] == 2
    assert line["weight"] == 2
    assert data["counted_disabled"] == "2.0000"


def test_veteran_grade_three_counts_twice(api):
    veteran = {
        "certificate_no": "JUN0001234",
        "veteran": True,
        "grade": 3,
        "monthly_wage": "5000",
        "contract_months": 24,
    }
    data = ok(api, disabled_employees=[veteran])
    assert data["employees"][0]["weight"] == 2
    assert data["counted_disabled"] == "2.0000"


def test_veteran_grade_four_counts_once(api):
    veteran = {
        "certificate_no": "JUN0001235",
        "veteran": True,
        "grade": 4,
        "monthly_wage": "5000",
        "contract_months": 24,
    }
    data = ok(api, disabled_employees=[veteran])
    assert data["counted_disabled"] == "1.0000"


def test_part_year_grade_two_from_july_counts_one(api):
    data = ok(api, disabled_employees=[employee(grade=2, months=[7, 8, 9, 10, 11, 12])])
    assert data["employees"][0]["contribution"] == "1.0000"
    assert data["counted_disabled"] == "1.0000"


def test_monthly_headcounts_average_exactly(api):
    counts = ["60"] * 4 + ["0"] * 8  # 60 seasonal staff for 4 months = 20
    data = ok(api, employee_count=None, monthly_headcounts=counts, total_wages="400000")
    assert data["employee_count"] == "20.0000"
    assert data["exempt"] is True


def test_levy_year_2028_has_no_tiered_reduction(api):
    data = ok(api, data_year=2027, social_average_wage="20000", disabled_employees=[employee()])
    assert data["levy_year"] == 2028
    assert data["payable_share"] == "1.00"
    assert data["levy_due"] == "20000.00"
    assert "tiered_reduction" in data["policy"]["unconfirmed"]


def test_levy_year_2020_uses_notice_98(api):
    data = ok(
        api, data_year=2019, social_average_wage="20000", disabled_employees=[employee(monthly_wage="3000")]
    )
    assert data["levy_due"] == "10000.00"
    assert data["policy"]["sources"]["tiered_reduction"] == "财政部公告2019年第98号"


def test_year_without_policy_is_refused_on_data_year(api):
    response = calc(api, data_year=2018)
    assert response.status_code == 400
    assert response.json()["errors"]["data_year"] == [
        "没有找到 太仓市 2019 年度（征收年度）的政策参数，请管理员在后台补充"
    ]


def test_response_names_policy_sources_and_unconfirmed_rewards(api):
    people = [employee(seq=s) for s in (1, 3, 5, 7)]
    data = ok(api, employee_count="200", total_wages="20000000", disabled_employees=people)
    assert data["policy"]["region"] == "320585"
    assert data["policy"]["parameters"]["quota_ratio"] == "0.01500"
    assert "reward_meet_multiple" in data["policy"]["unconfirmed"]
    # meet: 2 × 2280 × 3 = 13680; above: 4 × 2280 × 1 = 9120
    assert data["rewards"] == {"meet": "13680.00", "above": "9120.00"}
    assert data["steps"][0].startswith("1. 在职职工人数")


def test_rounding_half_up_once(api):
    # N = 3 (an institution: no exemption), no disabled staff: 0.045 × average 33333.33 …
    data = ok(api, org_type="institution", employee_count="3", total_wages="100000")
    # 0.045 × 100000/3 = 1500 exactly; × 0.9 = 1350.00
    assert data["levy_due"] == "1350.00"
    data = ok(api, org_type="institution", employee_count="7", total_wages="100001")
    # 0.105 × 100001/7 × 0.9 = 1350.0135 → 1350.01
    assert data["levy_due"] == "1350.01"


# --- bad input ----------------------------------------------------------------------


def test_both_headcount_forms_are_refused_naming_both(api):
    response = calc(api, monthly_headcounts=["10"] * 12)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"employee_count", "monthly_headcounts"}


def test_neither_headcount_form_is_refused_naming_both(api):
    response = calc(api, employee_count=None)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"employee_count", "monthly_headcounts"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        (
            {"disabled_employees": [{"certificate_no": "x", "monthly_wage": "abc"}]},
            "disabled_employees.0.monthly_wage",
        ),
        (
            {"disabled_employees": [{"certificate_no": "x", "monthly_wage": "1", "months": [0]}]},
            "disabled_employees.0.months.0",
        ),
        (
            {"disabled_employees": [{"certificate_no": "x", "monthly_wage": "1", "veteran": True}]},
            "disabled_employees.0.grade",
        ),
        ({"disabled_employees": [{"monthly_wage": "1"}]}, "disabled_employees.0.certificate_no"),
        ({"disabled_employees": "nope"}, "disabled_employees"),
        ({"monthly_headcounts": ["1"] * 11, "employee_count": None}, "monthly_headcounts"),
        ({"org_type": "bank"}, "org_type"),
        ({"data_year": "twenty"}, "data_year"),
        ({"total_wages": "-1"}, "total_wages"),
        ({"total_wages": "1e400"}, "total_wages"),
        ({"employee_count": "NaN"}, "employee_count"),
        ({"region": "999999"}, "region"),
        ({"social_average_wage": "0"}, "social_average_wage"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, overrides, field):
    response = calc(api, **overrides)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    keys = [key for key in errors if key == field or key.startswith(field + ".")]
    assert keys, errors
    assert all(isinstance(m, str) and m for key in keys for m in errors[key])


def test_non_json_garbage_is_a_400(api):
    response = api.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "请求内容无法解析，请检查格式（例如 JSON 是否完整、编码是否为 UTF-8）。",
        "errors": {},
    }


def test_invalid_certificate_is_a_reason_not_an_error(api):
    data = ok(
        api, disabled_employees=[{"certificate_no": "123", "monthly_wage": "5000", "contract_months": 36}]
    )
    line = data["employees"][0]
    assert line["counted"] is False
    assert line["reasons"][0]["code"] == "invalid_certificate"


def test_calculator_needs_no_login_and_is_throttled(api, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"calculator": "2/min"})
    assert calc(api).status_code == 200
    assert calc(api).status_code == 200
    response = calc(api)
    assert response.status_code == 429
    assert response.json()["detail"] == "请求过于频繁，请稍后再试。"
