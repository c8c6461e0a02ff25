"""Where each policy parameter comes from, and which ones still need confirmation.

Grades follow quota-rules.md: [P] regulation text, [S] secondary source,
[A] platform convention.  An administrator edits these per region and period.
"""

from __future__ import annotations

from .retirement import REFORM_SOURCE

# 财政部公告2019年第98号 (2020-01-01 … 2022-12-31) and 财政部 国家发展改革委公告2023年第8号
# (2023-01-01 … 2027-12-31): tiered reduction and the small-enterprise exemption.
TIERED_YEARS_98 = range(2020, 2023)
TIERED_YEARS_8 = range(2023, 2028)

EXEMPTION_SOURCE = "财税〔2017〕18号；财政部公告2019年第98号；财政部 国家发展改革委公告2023年第8号"

BASE_SOURCES = {
    "quota_ratio": "《残疾人就业条例》第八条（不低于1.5%，由省级人民政府规定）；江苏省1.5% [S]",
    "exemption_max_headcount": EXEMPTION_SOURCE,
    "exempt_org_types": EXEMPTION_SOURCE,
    "wage_cap_multiple": "发改价格规〔2019〕2015号；财政部公告2019年第98号 [S]",
    "social_average_wage": "当地统计部门公布的城镇非私营和私营单位就业人员加权平均工资",
    "minimum_wage_monthly": "当地最低月工资标准（省人民政府公布）[S]",
    "working_age_min": "[A] 平台约定16周岁（《劳动法》第十五条不得招用未满16周岁的未成年人）",
    "retirement_age_male": "原法定退休年龄（男职工60周岁）；2025年起按延迟退休过渡办法逐步延长 [S]",
    "retirement_age_female": (
        "[A] 原法定退休年龄：女职工50周岁、女干部55周岁，按岗位确定，本地无文件规定时平台按50周岁；"
        "2025年起按延迟退休过渡办法逐步延长"
    ),
    "retirement_schedules": REFORM_SOURCE,
    "min_contract_months": "财税〔2015〕72号 第四条、第七条（一年以上劳动合同或服务协议）",
    "surcharge_daily_rate": "《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条（每日5‰）",
    "reward_meet_multiple": "[S] 江苏各市奖励办法（待确认）",
    "reward_above_multiple": "[S] 江苏各市奖励办法（待确认）",
    "ratio_uses_weighted_count": "[A] 平台约定：实际比例按加倍后的人数计算",
    "severe_weight": "财税〔2015〕72号 第七条；残联厅函〔2022〕63号",
}

DEFAULT_UNCONFIRMED = frozenset(
    {
        "retirement_age_female",  # 50 or 55 depends on the post [A]
        "surcharge_daily_rate",  # some tax offices apply 0.5‰ [S]
        "reward_meet_multiple",
        "reward_above_multiple",
        "minimum_wage_monthly",
        "social_average_wage",
    }
)

# Plain-Chinese names for the administrator's screens.
PARAMETER_LABELS = {
    "quota_ratio": "安排残疾人就业比例",
    "tiered_reduction": "分档减缴",
    "tier_lower_ratio": "分档下限比例",
    "tier_share_between": "达到下限未达到规定比例时的征收比例",
    "tier_share_below": "低于下限比例时的征收比例",
    "exemption_max_headcount": "免征的职工人数上限",
    "exempt_org_types": "可享受免征的单位类型",
    "wage_cap_multiple": "工资上限倍数",
    "social_average_wage": "社会平均工资（年）",
    "minimum_wage_monthly": "最低月工资标准",
    "working_age_min": "最低就业年龄",
    "retirement_age_male": "男性退休年龄",
    "retirement_age_female": "女性退休年龄",
    "retirement_schedules": "延迟退休过渡办法",
    "min_contract_months": "最短合同期限（月）",
    "surcharge_daily_rate": "滞纳金日费率",
    "reward_meet_multiple": "达标奖励倍数",
    "reward_above_multiple": "超比例奖励倍数",
    "ratio_uses_weighted_count": "实际比例按加倍人数计算",
    "severe_weight": "重度残疾折算人数",
}


def tiered_reduction_in_force(levy_year: int) -> bool:
    """Whether 分档减缴 applies to levies collected in ``levy_year`` (98号; 8号)."""
    return levy_year in TIERED_YEARS_98 or levy_year in TIERED_YEARS_8


def tiered_reduction_source(levy_year: int) -> str:
    """The notice that grants (or the note that no notice grants) the tiered reduction."""
    if levy_year in TIERED_YEARS_98:
        return "财政部公告2019年第98号"
    if levy_year in TIERED_YEARS_8:
        return "财政部 国家发展改革委公告2023年第8号"
    return "本征收年度无分档减缴文件"


def default_sources(levy_year: int) -> dict[str, str]:
    """The source of every parameter, with the tiered-reduction notice of the year."""
    tier = tiered_reduction_source(levy_year)
    return {
        **BASE_SOURCES,
        "tiered_reduction": tier,
        "tier_lower_ratio": tier,
        "tier_share_between": tier,
        "tier_share_below": tier,
    }
