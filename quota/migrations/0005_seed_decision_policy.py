"""Seed the decision parameters for Jiangsu (every region below it resolves to this row until an
administrator adds a more specific one).

Every figure here is a platform assumption [A] awaiting the local documents, so each is listed
in ``unconfirmed``:
- the per-entry maxima of the subsidies-and-rewards ledger are sanity limits (they catch a
  mistyped 999,999,999,999.99), set well above what one employer's yearly subsidy or reward can
  reach under Taicang's rates (a few thousand yuan per disabled employee) — not legal caps;
- the 15-day period for 陈述申辩: 国办发〔2020〕49号 requires notice and the right to state one's
  case before a listing but fixes no number of days; the local rule is to be confirmed.
"""

from decimal import Decimal

from django.db import migrations
from django.utils import timezone

D = Decimal
ASSUMED_MAX = "[A] 平台约定的每笔金额合理性上限（防止误录），非政策规定的补贴上限，待当地文件确认"
VALUES = {
    "year_from": 2015,
    "year_to": None,
    "post_subsidy_max": D("500000.00"),
    "insurance_subsidy_max": D("500000.00"),
    "meet_reward_max": D("300000.00"),
    "above_reward_max": D("500000.00"),
    "agency_reward_max": D("50000.00"),
    "credit_statement_days": 15,
    "sources": {
        "post_subsidy_max": ASSUMED_MAX,
        "insurance_subsidy_max": ASSUMED_MAX,
        "meet_reward_max": ASSUMED_MAX,
        "above_reward_max": ASSUMED_MAX,
        "agency_reward_max": ASSUMED_MAX,
        "credit_statement_days": "国办发〔2020〕49号（认定前告知并听取陈述申辩）；天数为 [A] 平台约定15天，待当地文件确认",
    },
    "unconfirmed": [
        "above_reward_max",
        "agency_reward_max",
        "credit_statement_days",
        "insurance_subsidy_max",
        "meet_reward_max",
        "post_subsidy_max",
    ],
    "notes": "江苏省默认值；市、县可按本地文件另设一行（更具体的地区整行优先）。",
}


def seed(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    DecisionPolicy = apps.get_model("quota", "DecisionPolicy")
    History = apps.get_model("quota", "HistoricalDecisionPolicy")
    region = Region.objects.filter(code="32").first()
    if region is None:
        return
    policy, _ = DecisionPolicy.objects.update_or_create(
        region=region, year_from=VALUES["year_from"], defaults=VALUES
    )
    History.objects.create(
        id=policy.pk,
        region_id=region.pk,
        updated_at=policy.updated_at,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="数据迁移：初始决定参数",
        **VALUES,
    )


def unseed(apps, schema_editor):
    apps.get_model("quota", "DecisionPolicy").objects.filter(region__code="32").delete()


class Migration(migrations.Migration):
    dependencies = [("quota", "0004_credit_process_and_four_eyes"), ("accounts", "0002_seed_regions")]
    operations = [migrations.RunPython(seed, unseed)]
