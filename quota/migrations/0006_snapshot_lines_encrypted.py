"""Approval snapshots keep their per-line details (who, months, wage, and the disability category
and grade each line was counted with) only as AES-GCM ciphertext bound to the report, like the
registry's identifiers (个人信息保护法 第二十八条; security.md "Sensitive data").

Existing snapshots are sealed here: ``inputs["roster"]`` and ``result["lines"]`` move into
``lines_enc``. The model refuses updates, so the historical model's plain manager writes them.
"""

import json

from django.db import migrations, models

from backend.accounts.crypto import cipher


def _aad(report_id) -> str:
    # Same binding as ReportSnapshot.aad (a historical model has no custom methods).
    return f"report_snapshot:{report_id}:lines"


def seal(apps, schema_editor):
    ReportSnapshot = apps.get_model("quota", "ReportSnapshot")
    for snapshot in ReportSnapshot.objects.filter(lines_enc="").iterator():
        inputs, result = dict(snapshot.inputs or {}), dict(snapshot.result or {})
        roster, lines = inputs.pop("roster", []), result.pop("lines", [])
        payload = json.dumps({"roster": roster, "lines": lines}, ensure_ascii=False)
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(
            inputs=inputs, result=result, lines_enc=cipher().encrypt(payload, _aad(snapshot.report_id))
        )


def unseal(apps, schema_editor):
    ReportSnapshot = apps.get_model("quota", "ReportSnapshot")
    for snapshot in ReportSnapshot.objects.exclude(lines_enc="").iterator():
        sealed = json.loads(cipher().decrypt(snapshot.lines_enc, _aad(snapshot.report_id)))
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(
            inputs={**snapshot.inputs, "roster": sealed["roster"]},
            result={**snapshot.result, "lines": sealed["lines"]},
            lines_enc="",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("quota", "0005_seed_decision_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportsnapshot",
            name="lines_enc",
            field=models.TextField(blank=True, editable=False, verbose_name="名册明细（加密）"),
        ),
        migrations.RunPython(seal, unseal),
    ]
