from decimal import Decimal

from quota.core import compute_levy

from .factories import make_line, make_policy, make_report


def e1(levy_year=2021, **policy):
    policy = make_policy(levy_year=levy_year, social_average_wage=Decimal("20000"), **policy)
    report = make_report(
        data_year=levy_year - 1,
        employee_count=Decimal(100),
        total_wages=Decimal("5950000"),
        roster=(make_line(),),
    )
    return compute_levy(policy, report)


def test_e1_steps_read_as_the_published_explanation():
    assert e1().steps == (
        "1. 在职职工人数 N = 100（年平均）",
        "2. 应安排残疾人数 = N × 1.5% = 1.5 人",
        "3. 实际安排（按月折算、一二级加倍）D = 1 人",
        "4. 实际比例 p = 1.0000%",
        "5. 差额 = 1.5 − 1 = 0.5 人",
        "6. 年平均工资 = 5,950,000 ÷ 100 = 59,500.00 元；上限 = 2 × 社会平均工资 20,000.00 = 40,000.00 元，按 40,000.00 元计",
        "7. 应缴金额 = 0.5 × 40,000.00 = 20,000.00 元",
        "8. 比例在1%（含）至1.5%之间，按50%征收（财政部公告2019年第98号）",
        "9. 应缴保障金 = 10,000.00 元",
    )


def test_tier_step_cites_the_notice_of_the_levy_year():
    assert e1(levy_year=2025).steps[7].endswith("（财政部 国家发展改革委公告2023年第8号）")


def test_exempt_steps_stop_at_the_exemption():
    result = compute_levy(make_policy(), make_report(employee_count=Decimal(20)))
    assert result.steps[-2].startswith("5. 在职职工人数20人，不超过30人，暂免征收保障金")
    assert result.steps[-1] == "6. 应缴保障金 = 0.00 元"


def test_quota_met_steps_and_rewards():
    policy = make_policy(reward_meet_multiple=Decimal(2), reward_above_multiple=Decimal(4))
    report = make_report(employee_count=Decimal(100), roster=tuple(make_line() for _ in range(2)))
    steps = compute_levy(policy, report).steps
    assert steps[4] == "5. 差额 = 0 人（实际安排已达到应安排人数）"
    assert steps[5] == "6. 已达到规定比例1.5%，无需缴纳保障金"
    assert steps[6] == "7. 应缴保障金 = 0.00 元"
    assert steps[7].startswith(
        "8. 达到规定比例，按当地办法可申请奖励：达标奖励 7,470.00 元，超比例奖励 4,980.00 元"
    )


def test_monthly_headcounts_are_shown_as_an_average():
    counts = (Decimal(100),) * 11 + (Decimal(101),)
    result = compute_levy(make_policy(), make_report(employee_count=None, monthly_headcounts=counts))
    assert result.steps[0] == "1. 在职职工人数 N = 各月人数合计 1201 ÷ 12 = 约100.0833（年平均）"
