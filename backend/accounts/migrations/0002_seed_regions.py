"""Seed Jiangsu → Suzhou → Taicang and its towns, subdistricts and functional zones.

Regions are data: another city or the whole province is loaded the same way. Town codes follow
the 统计用区划代码 pattern (街道 0xx, 镇 1xx, 开发区 4xx) and should be checked against the
current official table by an administrator.
"""

from django.db import migrations

REGIONS = [
    ("32", "江苏省", "province", None),
    ("3205", "苏州市", "city", "32"),
    ("320585", "太仓市", "county", "3205"),
    ("320585001", "娄东街道", "town", "320585"),
    ("320585002", "陆渡街道", "town", "320585"),
    ("320585100", "城厢镇", "town", "320585"),
    ("320585101", "沙溪镇", "town", "320585"),
    ("320585102", "浏河镇", "town", "320585"),
    ("320585103", "浮桥镇", "town", "320585"),
    ("320585104", "璜泾镇", "town", "320585"),
    ("320585105", "双凤镇", "town", "320585"),
    # Functional zones overlap the towns; they are siblings here so employers can be filed under either.
    ("320585400", "太仓港经济技术开发区", "zone", "320585"),
    ("320585401", "太仓高新区", "zone", "320585"),
]


def seed(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    by_code = {}
    for code, name, level, parent in REGIONS:
        parent_obj = by_code.get(parent)
        path = (parent_obj.path if parent_obj else "") + code + "/"
        obj, _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": level, "parent": parent_obj, "path": path}
        )
        by_code[code] = obj


def unseed(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    for code, *_ in reversed(REGIONS):
        Region.objects.filter(code=code).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
