"""Writes of the course catalogue (style.md §3): each service takes the acting user and decides
through ``may_manage_courses`` (the 就业服务专员 of the course's region, administrators)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from backend.accounts.models import Region, User
from backend.accounts.permissions import may_manage_courses
from matching.core.skills import DEFAULT_VOCABULARY

from .choices import ACCESS_ARRANGEMENTS, CostKind
from .models import TrainingCourse

MAX_HOURS = 2000
MAX_SKILLS = 10
EDITABLE = (
    "name",
    "provider",
    "description",
    "skills",
    "region",
    "venue",
    "starts_on",
    "ends_on",
    "enrol_by",
    "hours",
    "cost_kind",
    "fee",
    "cost_note",
    "access",
    "access_notes",
    "how_to_enrol",
)


def require_manager(user, region) -> None:
    if not may_manage_courses(user, region):
        raise PermissionDenied("只有负责该区镇的就业服务专员或系统管理员可以管理培训课程")


def normalise_skills(skills) -> list[str]:
    """Course skills in the matcher's canonical names ("电脑打字" → "打字"), so that a job's gap
    and the course teaching it are the same word; unknown skills are kept as written."""
    if isinstance(skills, str):
        skills = [skills]
    if not isinstance(skills, list | tuple) or not all(isinstance(s, str) for s in skills):
        raise ValidationError({"skills": "教授的技能应为文字列表"})
    out = list(DEFAULT_VOCABULARY.normalize(skills))
    if not out:
        raise ValidationError({"skills": "请至少填写一项课程教授的技能，例如：在线客服、打字"})
    if len(out) > MAX_SKILLS or any(len(s) > 30 for s in out):
        raise ValidationError({"skills": f"教授的技能最多{MAX_SKILLS}项，每项不超过30个字"})
    return out


def _clean(values: dict) -> dict:
    """Check the fields a person enters; the rest (lengths, choices) by ``full_clean``."""
    if "skills" in values:
        values["skills"] = normalise_skills(values["skills"])
    if "access" in values:
        access = values["access"] or []
        unknown = [a for a in access if a not in ACCESS_ARRANGEMENTS]
        if not isinstance(access, list | tuple) or unknown:
            raise ValidationError({"access": "无障碍安排只能从列出的选项中选择"})
        values["access"] = [code for code in ACCESS_ARRANGEMENTS if code in access]
    if "fee" in values:
        try:
            values["fee"] = Decimal(str(values["fee"])).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError({"fee": "个人支付金额应为数字，例如 0 或 300.00"}) from None
    for field in ("name", "provider", "description", "venue", "cost_note", "access_notes", "how_to_enrol"):
        if field in values:
            values[field] = (values[field] or "").strip()
    return values


def _check(course: TrainingCourse) -> None:
    errors = {}
    if course.cost_kind == CostKind.FREE and course.fee:
        errors["fee"] = "免费课程的个人支付应为0；如果个人要付一部分，请把费用选为“有补贴”"
    if course.fee < 0:
        errors["fee"] = "个人支付金额不能为负数"
    if isinstance(course.hours, int) and not 0 < course.hours <= MAX_HOURS:
        errors["hours"] = f"学时应为1至{MAX_HOURS}"
    if isinstance(course.starts_on, date) and isinstance(course.ends_on, date):
        if course.ends_on < course.starts_on:
            errors["ends_on"] = "结课日期不能早于开课日期"
        if course.enrol_by and course.enrol_by > course.ends_on:
            errors["enrol_by"] = "报名截止日期不能晚于结课日期"
    if not course.how_to_enrol:
        errors["how_to_enrol"] = "请写明报名方式，例如：拨打电话、到哪里报名"
    if errors:
        raise ValidationError(errors)
    course.full_clean()


@transaction.atomic
def course_create(*, by: User, region: Region, published: bool = False, **values) -> TrainingCourse:
    """A new course; a draft unless ``published`` (only its region's staff see a draft)."""
    require_manager(by, region)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown course fields: {sorted(unknown)}")
    values.setdefault("skills", [])
    course = TrainingCourse(region=region, published=bool(published), created_by=by, **_clean(values))
    _check(course)
    course.save()
    return course


def _locked(course: TrainingCourse) -> TrainingCourse:
    return TrainingCourse.objects.select_for_update().get(pk=course.pk)


@transaction.atomic
def course_update(*, by: User, course: TrainingCourse, **values) -> TrainingCourse:
    """Change some fields. Moving a course to another region needs the right to both."""
    course = _locked(course)
    require_manager(by, course.region)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown course fields: {sorted(unknown)}")
    if "region" in values:
        require_manager(by, values["region"])
    for field, value in _clean(values).items():
        setattr(course, field, value)
    _check(course)
    course.save()
    return course


@transaction.atomic
def course_set_published(*, by: User, course: TrainingCourse, published: bool) -> TrainingCourse:
    """Publish (everyone signed in sees it and it is suggested for gaps) or take back to draft."""
    course = _locked(course)
    require_manager(by, course.region)
    course.published = bool(published)
    course.save(update_fields=["published", "updated_at"])
    return course


@transaction.atomic
def course_delete(*, by: User, course: TrainingCourse) -> None:
    """Remove a course from the catalogue (attendance is kept apart, in TrainingRecord)."""
    course = _locked(course)
    require_manager(by, course.region)
    course.delete()
