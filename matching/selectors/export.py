"""The seeker's personal-data export as tables people can open (个人信息保护法 第四十五条):
one table per section, Chinese headers, values in words. The identifiers are shown in full — it
is the owner's own data; the caller logs the download (``person_export_for``)."""

from dataclasses import dataclass

from ..choices import EmploymentForm, Hours
from ..core.accommodations import ACCOMMODATIONS
from ..models import Application, MatchFeedback, SavedSearch, SeekerProfile
from .saved_searches import saved_search_describe

PERSON_LABELS = {
    "name": "姓名",
    "birth_date": "出生日期",
    "sex": "性别",
    "phone": "手机号",
    "region": "所在区镇",
    "certificate_kind": "证件类型",
    "certificate_valid_until": "证件有效期至",
    "resident_id": "身份证号",
    "certificate_no": "残疾人证号",
    "disability_category": "残疾类别",
    "disability_grade": "残疾等级",
}


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple]


def _words(codes, labels: dict) -> str:
    return "、".join(labels.get(c, c) for c in codes)


def _at(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def seeker_export_tables(*, person, data: dict) -> list[Table]:
    """``data``: the person's export as ``person_export`` gives it (already logged)."""
    profile_rows = [(PERSON_LABELS[k], data[k]) for k in PERSON_LABELS if k in data]
    profile = SeekerProfile.objects.filter(person=person).first()
    if profile is not None:
        profile_rows += [
            ("想做的工作", profile.desired),
            ("技能", "、".join(profile.skills)),
            ("工作经历", profile.experience),
            ("学历", profile.get_education_display() if profile.education else ""),
            ("希望的就业形式", _words(profile.employment_forms, dict(EmploymentForm.choices))),
            ("希望的工作时间", _words(profile.hours, dict(Hours.choices))),
            ("期望月薪（元）", "" if profile.expected_pay is None else str(profile.expected_pay)),
            ("需要的支持", _words(profile.needs, ACCOMMODATIONS)),
            ("允许单位在推荐人选中看到我", "是" if profile.visible_to_employers else "否"),
        ]
    applications = Application.objects.filter(seeker__person=person).select_related("posting__employer")
    feedback = MatchFeedback.objects.filter(seeker__person=person).select_related("posting__employer")
    searches = SavedSearch.objects.filter(seeker__person=person)
    return [
        Table("个人信息和求职资料", ("项目", "内容"), profile_rows),
        Table(
            "求职申请",
            ("岗位", "单位", "状态", "向单位展示残疾信息", "留言", "申请时间"),
            [
                (
                    a.posting.title,
                    a.posting.employer.name,
                    a.get_status_display(),
                    "是" if a.share_disability else "否",
                    a.note,
                    _at(a.created_at),
                )
                for a in applications
            ],
        ),
        Table(
            "不合适反馈",
            ("岗位", "单位", "原因", "补充说明", "时间"),
            [
                (f.posting.title, f.posting.employer.name, f.get_reason_display(), f.text, _at(f.created_at))
                for f in feedback
            ],
        ),
        Table(
            "保存的搜索",
            ("名称", "条件", "提醒", "保存时间"),
            [
                (
                    s.name,
                    saved_search_describe(s.query),
                    s.get_frequency_display() if s.active else "已暂停",
                    _at(s.created_at),
                )
                for s in searches
            ],
        ),
        Table(
            "同意记录",
            ("同意事项", "用途", "同意时间", "撤回时间"),
            [
                (
                    c["scope"],
                    c["purpose"],
                    c["granted_at"][:16].replace("T", " "),
                    (c["withdrawn_at"] or "")[:16].replace("T", " "),
                )
                for c in data.get("consents", [])
            ],
        ),
        Table(
            "查阅记录",
            ("时间（UTC）", "查阅人角色", "查阅内容", "目的"),
            [
                (log["at"][:16].replace("T", " "), log["role"], log["field"], log["purpose"])
                for log in data.get("access_log", [])
            ],
        ),
    ]
