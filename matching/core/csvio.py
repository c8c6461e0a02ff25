"""Read the evaluation CSV files (tests/data/matching/) into core documents.

jobs: id,title,description,skills,region,employment_form,hours,pay_min,pay_max,
      education,accommodations  [optional: occupation_code, demands, guaranteed_interview]
seekers: id,desired,skills,experience,education,region,disability_category,
      disability_grade,needs  [optional: employment_forms (or employment_form), hours,
      expected_pay, occupation_codes, can_do, self_description (or text)]
labels: seeker_id,job_id,grade

Every column but the ids may be empty. Lists are separated by ; ； , ， | or 、.
Chinese values are accepted next to the codes (竞争性/集中/辅助性/居家,
全职/兼职/灵活, 小学/初中/高中/中专/大专/本科/硕士, 视力/…/多重, 一级/1级).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .accommodations import parse_accommodations
from .models import DISABILITY_CATEGORIES, EDUCATION_RANK, EMPLOYMENT_FORMS, HOURS, JobDoc, SeekerDoc
from .text import split_list

EMPLOYMENT_FORM_ALIASES = {
    "竞争性": "competitive",
    "竞争性就业": "competitive",
    "按比例就业": "competitive",
    "集中": "sheltered",
    "集中就业": "sheltered",
    "集中安置": "sheltered",
    "福利企业": "sheltered",
    "辅助性": "assisted",
    "辅助性就业": "assisted",
    "辅助就业": "assisted",
    "居家": "home",
    "居家就业": "home",
    "居家办公": "home",
}
HOURS_ALIASES = {
    "全职": "full_time",
    "全日制": "full_time",
    "兼职": "part_time",
    "非全日制": "part_time",
    "灵活": "flexible",
    "灵活工时": "flexible",
    "弹性": "flexible",
    "不定时": "flexible",
}
EDUCATION_ALIASES = {
    "不限": "none",
    "无": "none",
    "无要求": "none",
    "文盲": "none",
    "小学": "primary",
    "初中": "junior",
    "高中": "senior",
    "中专": "vocational",
    "职高": "vocational",
    "中专/职高": "vocational",
    "技校": "vocational",
    "中职": "vocational",
    "大专": "college",
    "专科": "college",
    "高职": "college",
    "本科": "bachelor",
    "学士": "bachelor",
    "硕士": "master",
    "研究生": "master",
    "博士": "master",
}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}


class CsvError(ValueError):
    pass


def _code(value: str, codes: Iterable[str], aliases: dict[str, str], what: str, where: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if value in codes:
        return value
    if value.lower() in codes:
        return value.lower()
    if value in aliases:
        return aliases[value]
    raise CsvError(f"{where}: unknown {what} {value!r}")


def _codes(value: str, codes, aliases, what, where) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_code(v, codes, aliases, what, where) for v in split_list(value or "")))


def _money(value: str, where: str) -> Decimal | None:
    value = (value or "").strip().replace(",", "")
    if not value or value in ("面议", "-"):
        return None
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise CsvError(f"{where}: bad amount {value!r}") from exc


def _small_int(value: str, where: str, what: str, names: dict[int, str] | None = None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if names:
        for number, name in names.items():
            if value in (name, f"{name}残疾"):
                return number
    m = re.fullmatch(r"([1-7一二三四五六七])\s*级?", value)
    if not m:
        raise CsvError(f"{where}: bad {what} {value!r}")
    return int(m.group(1)) if m.group(1).isdigit() else _CN_DIGITS[m.group(1)]


def _bool(value: str) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "y", "是", "有")


def _rows(source) -> Iterable[tuple[int, dict[str, str]]]:
    """``source``: a Path, a path string (no newline), CSV text, or an open text file."""
    if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        with open(source, encoding="utf-8-sig", newline="") as fh:
            source = io.StringIO(fh.read())
    elif isinstance(source, str):
        source = io.StringIO(source.lstrip("\ufeff"))
    for n, row in enumerate(csv.DictReader(source), start=2):
        yield n, {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}


def read_jobs(source) -> list[JobDoc]:
    """``source``: a path, CSV text, or an open text file."""
    jobs = []
    for n, row in _rows(source):
        where = f"jobs line {n}"
        if not row.get("id"):
            raise CsvError(f"{where}: id is required")
        demands = row.get("demands", "")
        jobs.append(
            JobDoc(
                id=row["id"],
                title=row.get("title", ""),
                description=row.get("description", ""),
                skills=tuple(split_list(row.get("skills", ""))),
                occupation_code=row.get("occupation_code", ""),
                region=row.get("region", ""),
                employment_form=_code(
                    row.get("employment_form"),
                    EMPLOYMENT_FORMS,
                    EMPLOYMENT_FORM_ALIASES,
                    "employment_form",
                    where,
                ),
                hours=_code(row.get("hours"), HOURS, HOURS_ALIASES, "hours", where),
                pay_min=_money(row.get("pay_min", ""), where),
                pay_max=_money(row.get("pay_max", ""), where),
                education=_code(row.get("education"), EDUCATION_RANK, EDUCATION_ALIASES, "education", where),
                accommodations=parse_accommodations(row.get("accommodations", "")),
                demands=frozenset(split_list(demands)) if demands else None,
                guaranteed_interview=_bool(row.get("guaranteed_interview", "")),
            )
        )
    return jobs


def read_seekers(source) -> list[SeekerDoc]:
    seekers = []
    for n, row in _rows(source):
        where = f"seekers line {n}"
        if not row.get("id"):
            raise CsvError(f"{where}: id is required")
        forms = row.get("employment_forms", "") or row.get("employment_form", "")
        # A profile written as one text in the seeker's own words ("做过三年电话客服，想找客服")
        # is what they want: the matcher reads wishes, experience and limits out of it.
        own_words = row.get("self_description", "") or row.get("text", "")
        desired, experience = row.get("desired", ""), row.get("experience", "")
        if own_words and not desired:
            desired = own_words
        elif own_words:
            experience = f"{experience} {own_words}".strip()
        seekers.append(
            SeekerDoc(
                id=row["id"],
                desired=desired,
                skills=tuple(split_list(row.get("skills", ""))),
                experience=experience,
                education=_code(row.get("education"), EDUCATION_RANK, EDUCATION_ALIASES, "education", where),
                regions=tuple(split_list(row.get("region", "") or row.get("regions", ""))),
                employment_forms=_codes(
                    forms, EMPLOYMENT_FORMS, EMPLOYMENT_FORM_ALIASES, "employment_form", where
                ),
                hours=_codes(row.get("hours", ""), HOURS, HOURS_ALIASES, "hours", where),
                expected_pay=_money(row.get("expected_pay", ""), where),
                occupation_codes=tuple(split_list(row.get("occupation_codes", ""))),
                disability_category=_small_int(
                    row.get("disability_category", ""), where, "disability_category", DISABILITY_CATEGORIES
                ),
                disability_grade=_small_int(row.get("disability_grade", ""), where, "disability_grade"),
                needs=parse_accommodations(row.get("needs", "")),
                can_do=frozenset(split_list(row.get("can_do", ""))),
            )
        )
    return seekers


def read_labels(source) -> dict[str, dict[str, int]]:
    """seeker_id → job_id → grade (0–2)."""
    labels: dict[str, dict[str, int]] = {}
    for n, row in _rows(source):
        where = f"labels line {n}"
        try:
            grade = int(row.get("grade", "") or 0)
        except ValueError as exc:
            raise CsvError(f"{where}: bad grade {row.get('grade')!r}") from exc
        if grade not in (0, 1, 2):
            raise CsvError(f"{where}: grade must be 0, 1 or 2")
        if not row.get("seeker_id") or not row.get("job_id"):
            raise CsvError(f"{where}: seeker_id and job_id are required")
        labels.setdefault(row["seeker_id"], {})[row["job_id"]] = grade
    return labels


def read_titles(source) -> list[tuple[str, str]]:
    """Occupation-coding test set: ``job_name,code`` rows → (title, code)."""
    out = []
    for n, row in _rows(source):
        if not row.get("job_name") or not row.get("code"):
            raise CsvError(f"titles line {n}: job_name and code are required")
        out.append((row["job_name"], row["code"]))
    return out
