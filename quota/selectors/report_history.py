"""A report's history as its employer and its auditors read it: who changed it, when, why, and
which figures changed (django-simple-history keeps every version; the admin is not the place)."""

from ..choices import ReportStatus
from ..models import QuotaReport

# Fields whose changes are shown; identifiers and roster lines are not part of the report row.
HISTORY_FIELDS = ("status", "employee_count", "monthly_headcounts", "total_wages", "return_reasons")


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return "（空）"
    if field == "status":
        return ReportStatus(value).label if value in ReportStatus.values else str(value)
    if field == "monthly_headcounts":
        return "、".join(str(v) for v in value)
    return str(value)


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "系统"
    return user.first_name or user.username


def report_history(report: QuotaReport) -> list[dict]:
    """Versions of ``report``, newest first, each with its changed fields (label, old, new)."""
    records = list(report.history.select_related("history_user").order_by("history_date", "history_id"))
    labels = {name: str(QuotaReport._meta.get_field(name).verbose_name) for name in HISTORY_FIELDS}
    entries, previous = [], None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, included_fields=HISTORY_FIELDS)
            changes = [
                {
                    "field": change.field,
                    "label": labels[change.field],
                    "old": _shown(change.field, change.old),
                    "new": _shown(change.field, change.new),
                }
                for change in delta.changes
            ]
        reason = record.history_change_reason or ("创建申报" if record.history_type == "+" else "修改")
        entries.append(
            {
                "at": record.history_date,
                "by": _who(record),
                "reason": reason,
                "version": record.version,
                "changes": changes,
            }
        )
        previous = record
    return entries[::-1]
