"""Seed the quota policy parameters for Jiangsu / Suzhou / Taicang, levy years 2020 onwards.

Periods are keyed by the LEVY year (the levy on data year Y is declared and paid in Y+1).
Resolution picks the most specific region's row as a whole, so the Suzhou and Taicang rows carry
every parameter (copied from the province) plus their local figures.

Figures that still need official confirmation are listed in each row's ``unconfirmed``:
- the class-1 minimum wage (江苏一类地区) per period: 2020 (from 2018-08), 2280 (from 2022-04),
  2490 (from 2025-04). Where the standard changed during a data year, the figure in force for
  most of that year is used [A] (2280 for data year 2022, 2490 for data year 2025);
- the Suzhou social average wage per levy year: the figures below are PLACEHOLDERS of the right
  order of magnitude, to be replaced by an administrator with the official 苏州市统计局 figures;
  levy year 2027 onwards is left empty (not yet published: the 2× cap is then not applied and the
  calculation says so);
- Taicang's 达比例/超比例 reward multiples (2 and 4 × the monthly minimum wage) [S];
- from levy year 2028 the tiered reduction is off: 8号 ends on 2027-12-31 unless extended.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

D = Decimal

TIER_98 = "财政部公告2019年第98号"
TIER_8 = "财政部 国家发展改革委公告2023年第8号"
EXEMPTION = "财税〔2017〕18号；财政部公告2019年第98号；财政部 国家发展改革委公告2023年第8号"
MIN_WAGE_SOURCE = {
    2020: "江苏省人民政府关于调整全省最低工资标准的通知（一类地区月最低工资2020元，2018年8月1日起）[S]",
    2280: "江苏省人民政府关于调整全省最低工资标准的通知（一类地区月最低工资2280元，2022年4月1日起）[S]",
    2490: "江苏省人民政府关于调整全省最低工资标准的通知（一类地区月最低工资2490元，2025年4月1日起）[S]",
}
SOCIAL_WAGE_SOURCE = (
    "苏州市统计局公布的数据年度城镇非私营和私营单位就业人员加权平均工资（占位数值，待管理员按官方公布数修改）"
)

BASE_SOURCES = {
    "quota_ratio": "《残疾人就业条例》第八条（不低于1.5%，由省级人民政府规定）；江苏省1.5% [S]",
    "exemption_max_headcount": EXEMPTION,
    "exempt_org_types": EXEMPTION,
    "wage_cap_multiple": "发改价格规〔2019〕2015号；财政部公告2019年第98号 [S]",
    "working_age_min": "[A] 平台约定16周岁（《劳动法》第十五条）",
    "retirement_age_male": "[A] 法定退休年龄；2025年起渐进式延迟退休，按期间设置",
    "retirement_age_female": "[A] 法定退休年龄（女职工50周岁）；2025年起渐进式延迟退休，按期间设置",
    "min_contract_months": "财税〔2015〕72号 第四条、第七条（一年以上劳动合同或服务协议）",
    "surcharge_daily_rate": "《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条（每日5‰）",
    "ratio_uses_weighted_count": "[A] 平台约定：实际比例按加倍后的人数计算",
    "severe_weight": "财税〔2015〕72号 第七条；残联厅函〔2022〕63号",
}
BASE_UNCONFIRMED = ["minimum_wage_monthly", "retirement_age_female", "retirement_age_male", "surcharge_daily_rate"]

# Suzhou social average wage by LEVY year (= data year + 1). PLACEHOLDERS, see the module docstring.
SUZHOU_SOCIAL_WAGE = {
    2020: D("95000"),
    2021: D("100000"),
    2022: D("108000"),
    2023: D("112000"),
    2024: D("116000"),
    2025: D("120000"),
    2026: D("124000"),
    2027: None,
}


def minimum_wage(levy_year: int) -> Decimal:
    """The class-1 minimum wage for the data year (levy_year − 1), see the module docstring."""
    data_year = levy_year - 1
    if data_year >= 2025:
        return D("2490")
    if data_year >= 2022:
        return D("2280")
    return D("2020")


def tier_source(levy_year: int) -> str:
    if levy_year <= 2022:
        return TIER_98
    if levy_year <= 2027:
        return TIER_8
    return "本征收年度尚无分档减缴文件（8号执行至2027年12月31日，如延期请修改）"


def row(levy_from: int, levy_to: int | None, **local) -> dict:
    tiered = levy_from <= 2027
    tier = tier_source(levy_from)
    wage = minimum_wage(levy_from)
    sources = {
        **BASE_SOURCES,
        "tiered_reduction": tier,
        "tier_lower_ratio": tier,
        "tier_share_between": tier,
        "tier_share_below": tier,
        "minimum_wage_monthly": MIN_WAGE_SOURCE[int(wage)],
    }
    unconfirmed = list(BASE_UNCONFIRMED)
    notes = []
    if not tiered:
        unconfirmed.append("tiered_reduction")
        notes.append("8号 ends 2027-12-31 unless extended：2028征收年度起暂按全额征收，如有新文件请修改。")
    values = {
        "levy_year_from": levy_from,
        "levy_year_to": levy_to,
        "quota_ratio": D("0.015"),
        "tiered_reduction": tiered,
        "tier_lower_ratio": D("0.01"),
        "tier_share_between": D("0.5"),
        "tier_share_below": D("0.9"),
        "exemption_max_headcount": D("30"),
        "exempt_org_types": ["enterprise"],
        "wage_cap_multiple": D("2"),
        "social_average_wage": None,
        "minimum_wage_monthly": wage,
        "working_age_min": 16,
        "retirement_age_male": 60,
        "retirement_age_female": 50,
        "min_contract_months": 12,
        "surcharge_daily_rate": D("0.005"),
        "reward_meet_multiple": None,
        "reward_above_multiple": None,
        "ratio_uses_weighted_count": True,
        "severe_weight": 2,
    }
    extra_sources = local.pop("sources", {})
    extra_unconfirmed = local.pop("unconfirmed", [])
    extra_notes = local.pop("notes", "")
    values.update(local)
    values["sources"] = {**sources, **extra_sources}
    values["unconfirmed"] = sorted(set(unconfirmed) | set(extra_unconfirmed))
    values["notes"] = " ".join(filter(None, [extra_notes, *notes]))
    return values


def province_rows() -> list[dict]:
    note = "江苏省：比例1.5%；最低工资按一类地区填写（二、三类地区请在市、县设置）。"
    return [
        row(2020, 2022, notes=note),
        row(2023, 2025, notes=note),
        row(2026, 2027, notes=note),
        row(2028, None, notes=note),
    ]


def local_rows(extra: dict) -> list[dict]:
    rows = []
    for levy_year, wage in SUZHOU_SOCIAL_WAGE.items():
        local = {
            "social_average_wage": wage,
            "sources": {"social_average_wage": SOCIAL_WAGE_SOURCE},
            "unconfirmed": ["social_average_wage"],
            "notes": f"{levy_year}征收年度（{levy_year - 1}年数据）。",
        }
        rows.append(row(levy_year, levy_year, **_merge(local, extra)))
    rows.append(
        row(
            2028,
            None,
            **_merge(
                {
                    "sources": {"social_average_wage": SOCIAL_WAGE_SOURCE},
                    "unconfirmed": ["social_average_wage"],
                    "notes": "社会平均工资尚未公布，请公布后补充。",
                },
                extra,
            ),
        )
    )
    return rows


def _merge(local: dict, extra: dict) -> dict:
    merged = {**local, **{k: v for k, v in extra.items() if k not in ("sources", "unconfirmed")}}
    merged["sources"] = {**local.get("sources", {}), **extra.get("sources", {})}
    merged["unconfirmed"] = [*local.get("unconfirmed", []), *extra.get("unconfirmed", [])]
    return merged


TAICANG_EXTRA = {
    "reward_meet_multiple": D("2"),
    "reward_above_multiple": D("4"),
    "sources": {
        "reward_meet_multiple": "[S] 江苏各市奖励办法：达到比例的，每名残疾职工每年约2倍月最低工资（待确认）",
        "reward_above_multiple": "[S] 江苏各市奖励办法：超过比例的，每超1人每年约4倍月最低工资（待确认）",
    },
    "unconfirmed": ["reward_meet_multiple", "reward_above_multiple"],
}

SEED = [("32", province_rows()), ("3205", local_rows({})), ("320585", local_rows(TAICANG_EXTRA))]


def seed(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    QuotaPolicy = apps.get_model("quota", "QuotaPolicy")
    History = apps.get_model("quota", "HistoricalQuotaPolicy")
    now = timezone.now()
    for code, rows in SEED:
        region = Region.objects.filter(code=code).first()
        if region is None:
            continue
        for values in rows:
            policy, _ = QuotaPolicy.objects.update_or_create(
                region=region, levy_year_from=values["levy_year_from"], defaults=values
            )
            # A first history entry, so an approval snapshot can name the policy version it used.
            History.objects.create(
                id=policy.pk,
                region_id=region.pk,
                updated_at=policy.updated_at,
                history_date=now,
                history_type="+",
                history_change_reason="数据迁移：初始政策参数",
                **values,
            )


def unseed(apps, schema_editor):
    QuotaPolicy = apps.get_model("quota", "QuotaPolicy")
    QuotaPolicy.objects.filter(region__code__in=[code for code, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("quota", "0001_initial"), ("accounts", "0002_seed_regions")]
    operations = [migrations.RunPython(seed, unseed)]
