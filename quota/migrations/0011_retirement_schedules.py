"""The 2025 gradual retirement reform as policy data (全国人大常委会2024-09-13决定；国务院《关于渐进式
延迟法定退休年龄的办法》): every row gets the three schedules; the seeded rows' sources, which said
the reform was "set per period", now name it, and the men's original age (60) is no longer
listed as unconfirmed (only which original age applies to a woman, 50 or 55, stays [A])."""

from django.db import migrations, models

import quota.models.policy

OLD_MALE = "[A] 法定退休年龄；2025年起渐进式延迟退休，按期间设置"
OLD_FEMALE = "[A] 法定退休年龄（女职工50周岁）；2025年起渐进式延迟退休，按期间设置"
NEW_MALE = "原法定退休年龄（男职工60周岁）；2025年起按延迟退休过渡办法逐步延长 [S]"
NEW_FEMALE = (
    "[A] 原法定退休年龄：女职工50周岁、女干部55周岁，按岗位确定，本地无文件规定时平台按50周岁；"
    "2025年起按延迟退休过渡办法逐步延长"
)
REFORM = (
    "全国人民代表大会常务委员会《关于实施渐进式延迟法定退休年龄的决定》（2024年9月13日）；"
    "《国务院关于渐进式延迟法定退休年龄的办法》（2025年1月1日起施行）[S]"
)


def name_the_reform(apps, schema_editor):
    QuotaPolicy = apps.get_model("quota", "QuotaPolicy")
    for row in QuotaPolicy.objects.all():
        sources = dict(row.sources or {})
        if sources.get("retirement_age_male") == OLD_MALE:
            sources["retirement_age_male"] = NEW_MALE
            row.unconfirmed = [name for name in row.unconfirmed or [] if name != "retirement_age_male"]
        if sources.get("retirement_age_female") == OLD_FEMALE:
            sources["retirement_age_female"] = NEW_FEMALE
        sources.setdefault("retirement_schedules", REFORM)
        row.sources = sources
        row.save(update_fields=["sources", "unconfirmed"])


class Migration(migrations.Migration):
    dependencies = [
        ("quota", "0010_audit_run_trigger"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalquotapolicy",
            name="retirement_schedules",
            field=models.JSONField(
                default=quota.models.policy.default_retirement_schedules,
                help_text="按出生年月逐步延长原法定退休年龄：每条记录含 sex（M/F）、original_age（原退休年龄）、start（起始出生年月，如 1965-01）、step_months（每几个月延长1个月）、cap_months（最多延长月数）、source（依据）。全国人大常委会2024年9月13日决定；国务院《关于渐进式延迟法定退休年龄的办法》",
                verbose_name="延迟退休过渡办法",
            ),
        ),
        migrations.AddField(
            model_name="quotapolicy",
            name="retirement_schedules",
            field=models.JSONField(
                default=quota.models.policy.default_retirement_schedules,
                help_text="按出生年月逐步延长原法定退休年龄：每条记录含 sex（M/F）、original_age（原退休年龄）、start（起始出生年月，如 1965-01）、step_months（每几个月延长1个月）、cap_months（最多延长月数）、source（依据）。全国人大常委会2024年9月13日决定；国务院《关于渐进式延迟法定退休年龄的办法》",
                verbose_name="延迟退休过渡办法",
            ),
        ),
        migrations.RunPython(name_the_reform, migrations.RunPython.noop),
    ]
