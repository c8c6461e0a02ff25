"""The public calculator page: same service and numbers as POST /api/v1/quota/calculate, every
step shown, rows added without JavaScript, errors summarised with the input kept."""

from datetime import date

import pytest

from backend.accounts.demo import resident_id
from frontend.views.quota_public import CalculatorPageThrottle
from tests.quota.factories import certificate_for

pytestmark = pytest.mark.django_db
URL = "/quota/calculator/"


def form_data(rows=3, **overrides):
    data = {
        "data_year": "2024",
        "org_type": "enterprise",
        "employee_count": "200",
        "total_wages": "4000000",
        "social_average_wage": "",
        "employees-TOTAL_FORMS": str(rows),
        "employees-INITIAL_FORMS": "0",
        "employees-MIN_NUM_FORMS": "0",
        "employees-MAX_NUM_FORMS": "200",
    }
    data.update(overrides)
    return data


def cert(grade=4, seq=1):
    return certificate_for(resident_id("320585", date(1985, 3, 1), seq), grade=grade)


def test_calculator_page_offers_three_employee_rows_and_explains_the_levy_year(client):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count('class="employee-row"') == 3
    assert "保障金在<strong>下一年度</strong>（征收年度）申报缴纳" in text
    assert "2024年（2025年缴纳）" in text
    assert response["Cache-Control"] == "no-store"


def test_e2_no_disabled_staff_pays_ninety_percent_like_the_api(client, api):
    response = client.post(URL, form_data())
    assert response.status_code == 200
    text = response.content.decode()
    assert "<strong>54,000.00 元</strong>" in text
    assert "比例低于1%，按90%征收" in text
    assert "错误：" not in text.split("</title>")[0]
    body = {"data_year": 2024, "org_type": "enterprise", "employee_count": "200", "total_wages": "4000000"}
    assert api.post("/api/v1/quota/calculate", body, format="json").json()["levy_due"] == "54000.00"


def test_each_employee_is_shown_counted_or_not_with_the_reason(client):
    data = form_data(
        **{
            "employees-0-certificate_no": cert(seq=1),
            "employees-0-monthly_wage": "5000",
            "employees-0-contract_months": "36",
            "employees-1-certificate_no": cert(seq=3),
            "employees-1-monthly_wage": "5000",
            "employees-1-contract_months": "6",
        }
    )
    text = client.post(URL, data).content.decode()
    assert "实际安排（按月折算、一二级加倍）D = 1 人" in text
    assert '<span class="tag ok">计入</span>' in text
    assert '<span class="tag no">不计入</span>' in text
    assert "合同期限6个月，不足12个月，不计入" in text
    # E4-like: D = 1 of required 3 → p = 0.5 % → 90 % of 2 × 20,000
    assert "<strong>36,000.00 元</strong>" in text
    # the certificate number is masked in the result, kept in full in the form
    assert cert(seq=1)[:4] + "**********" + cert(seq=1)[14:18] + "**" in text  # no category or grade digits


def test_monthly_headcounts_give_the_annual_average(client):
    months = {f"month_{m}": "100" if m <= 6 else "300" for m in range(1, 13)}
    data = form_data(employee_count="", **months)
    text = client.post(URL, data).content.decode()
    assert "各月人数合计 2400 ÷ 12 = 200（年平均）" in text


def test_missing_wages_is_an_error_with_the_input_kept(client):
    response = client.post(URL, form_data(total_wages="", employee_count="123"))
    text = response.content.decode()
    assert "<title>错误：保障金计算器" in text
    assert 'href="#id_total_wages">在职职工工资总额（元）：请填写在职职工工资总额（元）</a>' in text
    assert 'value="123"' in text
    assert 'aria-invalid="true"' in text


def test_both_headcount_forms_are_refused(client):
    text = client.post(URL, form_data(month_1="5")).content.decode()
    assert "年平均人数和各月末人数只填其一" in text


def test_a_row_without_a_wage_is_an_error_linked_to_its_field(client):
    text = client.post(URL, form_data(**{"employees-1-certificate_no": cert()})).content.decode()
    assert 'href="#id_employees-1-monthly_wage">第2名残疾职工的月工资（元）：请填写月工资（元）</a>' in text


def test_a_data_year_without_policy_is_an_error_on_the_year(client):
    text = client.post(URL, form_data(data_year="1990")).content.decode()
    assert "请从列表中选择数据年度" in text


def test_add_rows_keeps_input_and_shows_no_errors(client):
    data = form_data(add_rows="1", total_wages="", **{"employees-0-certificate_no": "abc"})
    text = client.post(URL, data).content.decode()
    assert text.count('class="employee-row"') == 8
    assert 'value="abc"' in text
    assert 'value="200"' in text
    assert "存在以下问题" not in text
    assert "已增加5行，现在共8行。" in text


def test_the_page_shares_the_calculator_throttle(client, monkeypatch):
    monkeypatch.setattr(CalculatorPageThrottle, "THROTTLE_RATES", {"calculator": "2/min"})
    for _ in range(2):
        assert "54,000.00" in client.post(URL, form_data()).content.decode()
    text = client.post(URL, form_data()).content.decode()
    assert "计算次数过多，请一分钟后再试" in text
    assert "54,000.00" not in text


# --- contract length and thousands separators (issue 10 §7) -----------------------------------

CONTRACT_REQUIRED = "请填写劳动合同期限（月）；无固定期限合同填 999 或勾选“无固定期限”"


def two_rows(**second):
    # A grade-1 (counts 2) and a grade-4 (counts 1) of N = 200: D = 3 meets 1.5 %, nothing due.
    rows = {
        "employees-0-certificate_no": cert(grade=1, seq=1),
        "employees-0-monthly_wage": "6,000",
        "employees-0-contract_months": "36",
        "employees-1-certificate_no": cert(seq=3),
        "employees-1-monthly_wage": "6000",
    }
    rows.update({f"employees-1-{name}": value for name, value in second.items()})
    return form_data(total_wages="9,000,000", **rows)


def test_the_contract_length_field_says_it_is_needed_and_how_to_fill_it(client):
    text = client.get(URL).content.decode()
    assert "必填：劳动合同或服务协议满一年（12个月）才计入。无固定期限合同填 999" in text
    assert '<label for="id_employees-0-open_ended_contract">无固定期限合同</label>' in text


def test_a_blank_contract_length_is_an_error_on_its_row_not_a_dropped_employee(client):
    text = client.post(URL, two_rows()).content.decode()
    assert "<title>错误：保障金计算器" in text
    assert (
        f'href="#id_employees-1-contract_months">第2名残疾职工的劳动合同期限（月）：{CONTRACT_REQUIRED}</a>'
        in text
    )
    assert "121,500.00" not in text


@pytest.mark.parametrize(
    "second",
    [
        {"contract_months": "24"},
        {"contract_months": "999"},
        {"open_ended_contract": "on"},
        {"on_establishment": "on"},
    ],
)
def test_with_a_contract_length_or_open_ended_or_establishment_the_quota_is_met(client, second):
    text = client.post(URL, two_rows(**second)).content.decode()
    assert "<strong>0.00 元</strong>" in text, text[:3000]


def test_the_page_reads_thousands_separators_and_full_width_digits(client):
    data = form_data(employee_count="２００", total_wages="９，０００，０００", social_average_wage="120,000")
    text = client.post(URL, data).content.decode()
    # N = 200, no disabled staff: 90 % of 3 × 45,000
    assert "<strong>121,500.00 元</strong>" in text


def test_a_badly_grouped_amount_is_an_error_naming_the_field(client):
    text = client.post(URL, form_data(total_wages="9,00,000")).content.decode()
    assert (
        'href="#id_total_wages">在职职工工资总额（元）：在职职工工资总额（元）填写有误：'
        "千分位逗号位置不对：每三位数字一个逗号，如 9,000,000</a>"
    ) in text


def test_monthly_headcounts_on_the_page_take_separators(client):
    months = {f"month_{m}": "1,200" if m <= 6 else "1,000" for m in range(1, 13)}
    text = client.post(URL, form_data(employee_count="", **months)).content.decode()
    assert "各月人数合计 13200 ÷ 12 = 1100（年平均）" in text
