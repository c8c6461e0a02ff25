"""A report's computed figures as a given user may see them, with every read of a named line's
disability category or grade written to the access log.

Per roster line the engine reports the category and grade it counted (一二级 count twice,
72号文). They are sensitive personal information (个人信息保护法 第二十八条) read from the
registry, so each role gets the least it needs and every read is logged (security.md):

* auditors of the region (审核): category and grade — checking the weighting is their job;
* the employer's own staff: the grade, not the category. They declared each line from the
  certificate they hold and need the grade to check the "按2人计" weighting; the category plays
  no part in the levy, and what the registry holds about it is not theirs to read;
* administrators: neither (they keep the system running and decide nothing, 三员分立); their
  reads are logged all the same, as a line's weight tells whether the grade is 一二级;
* ``disability=False`` (pages that show no per-line kind, the compact previews): neither, and
  nothing is logged.

Weights, months and contributions stay: they are the report's result.
"""

from backend.accounts.choices import AccessPurpose
from backend.accounts.models import User
from backend.accounts.permissions import is_admin, is_auditor, is_staff_of
from backend.accounts.services import access_log_record_many

from ..choices import ReportStatus
from ..models import QuotaReport
from ..selectors.reports import line_ids
from .reports import report_preview_dict

HIDDEN = {"category": None, "category_name": "", "grade": None}


def _approved_snapshot(report: QuotaReport):
    return getattr(report, "snapshot", None) if report.status == ReportStatus.APPROVED else None


def _line_persons(report: QuotaReport) -> dict[str, int]:
    """Engine line id → person id for the report's current roster."""
    lines = list(report.roster.order_by("line_no", "id"))
    return {line_id: line.person_id for line_id, line in zip(line_ids(lines), lines, strict=True)}


def _shown(line: dict, user: User, report: QuotaReport, disability: bool) -> dict:
    if disability and is_auditor(user):
        return line
    if disability and is_staff_of(user, report.employer_id):
        return {**line, "category": None, "category_name": ""}
    return {**line, **HIDDEN}


def _reason(report: QuotaReport, line_id: str) -> str:
    where = f"第{line_id}行" if line_id.isdigit() else line_id
    return f"{report.employer.name} {report.data_year}年度按比例就业申报，名册{where}的残疾等级"


def report_figures(*, report: QuotaReport, user: User, request_id: str = "", disability: bool = True) -> dict:
    """The figures of ``report`` (already scoped to ``user`` by the caller): the approval snapshot
    once approved, else a live preview (raises what ``report_preview_dict`` raises). ``lines``
    are shaped for ``user``'s role as the module note says; each line that shows a category or
    grade writes one access-log row (purpose 审核; 系统管理 for administrators, whose every
    line is logged: its weight alone tells the grade band)."""
    snapshot = _approved_snapshot(report)
    if snapshot is not None:
        sealed = snapshot.open_lines()
        result = {
            **snapshot.result,
            "steps": list(snapshot.steps),
            "policy": snapshot.policy,
            "from_snapshot": True,
        }
        lines = sealed.get("lines", [])
        persons = {row["line_id"]: row["person_id"] for row in sealed.get("roster", [])}
    else:
        result = {**report_preview_dict(report), "from_snapshot": False}
        lines = result.get("lines", [])
        persons = _line_persons(report)
    shown = [_shown(line, user, report, disability) for line in lines]
    # An administrator's lines show neither, but their weight (按2人计) still tells the grade
    # band of a named person: logged too.
    everyone = disability and is_admin(user)
    reads = [
        (persons[line["line_id"]], _reason(report, line["line_id"]))
        for line in shown
        if (everyone or line.get("category") is not None or line.get("grade") is not None)
        and line["line_id"] in persons
    ]
    if reads:
        purpose = AccessPurpose.ADMINISTRATION if is_admin(user) else AccessPurpose.AUDIT
        access_log_record_many(
            actor=user, reads=reads, field="disability", purpose=purpose, request_id=request_id
        )
    return {**result, "lines": shown}
