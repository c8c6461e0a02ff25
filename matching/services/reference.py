"""Writes to the reference tables: loading the occupation classification, editing fit rules.

Both change the matcher's configuration, so both queue a full index rebuild after commit.
"""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ..core.fit import rules_from_json
from ..core.occupations import strip_marker
from ..models import FitRule, Occupation
from ..reference import SHIPPED_CLASSIFICATION

REQUIRED_COLUMNS = {"level", "code", "name"}


def _queue_rebuild() -> None:
    from ..tasks import rebuild_index

    transaction.on_commit(rebuild_index.delay)


def _read_classification(path: Path) -> list[dict]:
    """All rows of a 职业分类大典 CSV (format of ../shared/data/csco22.csv), validated first."""
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ValidationError({"path": f"无法读取文件：{path}"}) from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
        if missing:
            raise ValidationError({"path": f"缺少列：{'、'.join(sorted(missing))}"})
        has_definitions = "definition" in (reader.fieldnames or ())
        rows = []
        for n, row in enumerate(reader, start=2):
            try:
                level = int(row["level"])
            except (TypeError, ValueError) as exc:
                raise ValidationError({"path": f"第{n}行 level 应为 1–4"}) from exc
            code, name = (row.get("code") or "").strip(), strip_marker(row.get("name") or "")
            if not code or not name or level not in (1, 2, 3, 4):
                raise ValidationError({"path": f"第{n}行缺少代码、名称或层级"})
            aliases = []
            for alias in (row.get("alias") or "").split(","):
                alias = strip_marker(alias)
                if alias and alias != name and alias not in aliases:
                    aliases.append(alias)
            values = {"code": code, "name": name, "level": level, "aliases": aliases}
            # A facts-only file (the shipped one) leaves definitions already loaded in place.
            if has_definitions:
                values["definition"] = (row.get("definition") or "").strip()
            rows.append(values)
    # The 2022 table repeats a few codes (a 小类 that is also its only 职业, duplicated rows):
    # keep one row per code, the most detailed level.
    by_code: dict[str, dict] = {}
    for row in rows:
        if row["code"] not in by_code or row["level"] > by_code[row["code"]]["level"]:
            by_code[row["code"]] = row
    return list(by_code.values())


@transaction.atomic
def occupations_load(*, path: str | Path | None = None) -> dict:
    """Load (or refresh) the classification from a CSV by path — the shipped facts when no path
    is given; the file is read in full and validated before anything is written. Codes no longer
    in the file are removed."""
    rows = _read_classification(Path(path) if path else SHIPPED_CLASSIFICATION)
    existing = {o.code: o for o in Occupation.objects.all()}
    created = updated = 0
    for row in rows:
        obj = existing.pop(row["code"], None)
        if obj is None:
            Occupation.objects.create(**row)
            created += 1
        elif any(getattr(obj, k) != v for k, v in row.items()):
            for k, v in row.items():
                setattr(obj, k, v)
            obj.save()
            updated += 1
    removed = Occupation.objects.filter(code__in=list(existing)).delete()[0]
    _queue_rebuild()
    return {"created": created, "updated": updated, "removed": removed, "total": len(rows)}


@transaction.atomic
def fit_rule_save(*, rule: FitRule) -> FitRule:
    """Save an edited fit rule after checking the whole table still parses."""
    others = [
        {"demand": r.demand, "label": r.label, "keywords": r.keywords, "effects": r.effects}
        for r in FitRule.objects.filter(active=True).exclude(pk=rule.pk)
    ]
    mine = [{"demand": rule.demand, "label": rule.label, "keywords": rule.keywords, "effects": rule.effects}]
    try:
        rules_from_json(others + (mine if rule.active else []))
    except ValueError as exc:
        raise ValidationError({"effects": f"规则格式有误：{exc}"}) from exc
    rule.full_clean()
    rule.save()
    _queue_rebuild()
    return rule
