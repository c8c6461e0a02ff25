"""Seed the disability-fit table (docs/matching.md) as editable data.

The rows are a copy of matching.core.fit.DEFAULT_FIT_RULES at the time of this migration,
written through the same JSON format the matcher reads back (rules_to_data/rules_from_json).
Rows staff have already edited are left alone.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from matching.core.fit import DEFAULT_FIT_RULES, rules_to_data

    FitRule = apps.get_model("matching", "FitRule")
    for position, rule in enumerate(rules_to_data(DEFAULT_FIT_RULES)["rules"]):
        FitRule.objects.get_or_create(
            demand=rule["demand"],
            defaults={
                "label": rule["label"],
                "keywords": rule["keywords"],
                "effects": rule["effects"],
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("matching", "FitRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
