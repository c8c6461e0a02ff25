"""The annual report workflow: create, edit figures, preview, submit, return, approve.

States (quota issue 4): draft → submitted → approved, or submitted → returned (with reasons) →
resubmitted → approved.  Only draft and returned reports can be edited.  Every transition runs in
one transaction holding a row lock on the report (``select_for_update``), so two simultaneous
submissions of the same report serialise and exactly one wins; the unique (employer, data_year)
constraint is the backstop against duplicate reports.  Administrators read but never decide
(三员分立, security.md).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.models import Employer, User
from backend.accounts.permissions import Decision, require_decision, require_staff_of
from notifications import events as notify
from quota.core import LevyResult, PolicyError, compute_levy
from quota.core.facts import PENDING
from quota.core.verification import assume_pending_confirmed, line_verification, verification_counts

from ..choices import EDITABLE_STATUSES, PENDING_STATUSES, ReportStatus
from ..models import QuotaReport, ReportSnapshot
from ..selectors import report_input, report_inputs_dict
from .calculator import lines_as_list, policy_and_row, policy_as_dict, result_as_dict
from .receipts import receipt_assign, requested_kinds_check, require_requested_attachments
from .recheck import rosters_recheck

_UNSET = object()
MIN_DATA_YEAR = 2015
# The figures the preview repeats for "if every pending certificate were confirmed".
CONFIRMED_FIGURES = (
    "counted_disabled",
    "ratio",
    "levy_due",
    "exempt",
)  # 财税〔2015〕72号 applies from 2015-10-01


def require_staff(by: User, employer: Employer) -> None:
    """Only staff of the employer may file or edit its report."""
    require_staff_of(by, employer, message="只有本单位的工作人员可以填写或提交申报")


def require_auditor(by: User, report: QuotaReport) -> None:
    """Only an auditor of an agency that reviews reports, whose regions include the employer,
    may return or approve (administrators never: 三员分立)."""
    require_decision(by, Decision.REPORT_REVIEW, employer=report.employer)


def lock_report(report: QuotaReport) -> QuotaReport:
    """Re-read the report under a row lock (PostgreSQL; SQLite locks the whole database)."""
    return (
        QuotaReport.objects.select_for_update()
        .select_related("employer", "employer__region")
        .get(pk=report.pk)
    )


def require_editable(report: QuotaReport, expected_version: int | None = None) -> None:
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"该申报{report.get_status_display()}，不能再修改；如需修改，请联系审核人员退回后再改。",
            code="not_editable",
        )
    _check_version(report, expected_version)


def _check_version(report: QuotaReport, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != report.version:
        raise ValidationError(
            {"expected_version": "申报已被其他人修改，请刷新页面后核对再提交。"}, code="stale_version"
        )


def touch(report: QuotaReport, reason: str) -> None:
    """Bump the version and save (history records the change and its reason)."""
    report.version += 1
    report._change_reason = reason
    report.full_clean()
    report.save()


@transaction.atomic
def report_create(*, employer: Employer, data_year: int, by: User) -> QuotaReport:
    """Open a draft report of ``employer`` for ``data_year`` (one per employer and year)."""
    require_staff(by, employer)
    current = timezone.now().year
    if not isinstance(data_year, int) or not MIN_DATA_YEAR <= data_year <= current:
        raise ValidationError({"data_year": f"数据年度应在{MIN_DATA_YEAR}至{current}年之间"})
    if QuotaReport.objects.filter(employer=employer, data_year=data_year).exists():
        raise ValidationError({"data_year": f"本单位{data_year}年度的申报已经存在，请直接打开修改"})
    report = QuotaReport(employer=employer, data_year=data_year, created_by=by)
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # a concurrent create of the same employer-year
        raise ValidationError({"data_year": f"本单位{data_year}年度的申报已经存在"}) from error
    return report


def _headcounts(values) -> list[str]:
    if not isinstance(values, list | tuple) or len(values) != 12:
        raise ValidationError({"monthly_headcounts": "请填写12个月的月末在职职工人数"})
    out = []
    for month, value in enumerate(values, start=1):
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            number = None
        if number is None or not number.is_finite() or number < 0:
            raise ValidationError({f"monthly_headcounts.{month - 1}": f"{month}月人数应为不小于0的数字"})
        out.append(format(number, "f"))
    return out


@transaction.atomic
def report_update_figures(
    *,
    report: QuotaReport,
    by: User,
    employee_count=_UNSET,
    monthly_headcounts=_UNSET,
    total_wages=_UNSET,
    expected_version: int | None = None,
) -> QuotaReport:
    """Set N (annual average *or* 12 month-end counts — setting one clears the other) and wages."""
    report = lock_report(report)
    require_staff(by, report.employer)
    require_editable(report, expected_version)
    if employee_count is not _UNSET and monthly_headcounts is not _UNSET:
        if employee_count is not None and monthly_headcounts is not None:
            message = "年平均人数和12个月的月末人数只填其一"
            raise ValidationError({"employee_count": message, "monthly_headcounts": message})
    if employee_count is not _UNSET:
        report.employee_count = employee_count
        if employee_count is not None:
            report.monthly_headcounts = None
    if monthly_headcounts is not _UNSET:
        report.monthly_headcounts = None if monthly_headcounts is None else _headcounts(monthly_headcounts)
        if monthly_headcounts is not None:
            report.employee_count = None
    if total_wages is not _UNSET:
        report.total_wages = total_wages
    touch(report, "修改人数和工资")
    return report


def report_preview(report: QuotaReport) -> LevyResult:
    """Compute the levy for the report as it stands, under the policy of levy year data_year+1.

    Lines another employer already counts (same certificate, same months, in a report of the
    same data year that is submitted or approved) are marked ``counted_elsewhere``.
    """
    data = report_input(report)
    policy, _row = policy_and_row(report.employer.region, report.levy_year)
    try:
        return compute_levy(policy, data)
    except PolicyError as error:
        raise ValidationError({"data_year": error.message_zh}) from error


def report_preview_dict(report: QuotaReport) -> dict:
    """The preview as the calculator's display dict (figures, steps, lines, policy).

    The figures rest on verified facts; ``if_confirmed`` holds the figures the report would
    have if every 待核验 certificate were confirmed, so the employer sees what is at stake."""
    data = report_input(report)
    policy, row = policy_and_row(report.employer.region, report.levy_year)
    result = compute_levy(policy, data)
    pending = sum(1 for line in result.lines if line_verification(line) == PENDING)
    shown = result_as_dict(result)
    if_confirmed = result_as_dict(compute_levy(policy, assume_pending_confirmed(data))) if pending else shown
    return {
        **shown,
        "lines": lines_as_list(result, verified=True),
        "policy": policy_as_dict(policy, row),
        "verification": verification_counts(result),
        "if_confirmed": {key: if_confirmed[key] for key in CONFIRMED_FIGURES},
    }


@transaction.atomic
def report_submit(*, report: QuotaReport, by: User, expected_version: int | None = None) -> QuotaReport:
    """Submit (draft → submitted) or resubmit (returned → resubmitted) for review.

    The row lock makes a second concurrent submission wait, then see the new status and fail.
    """
    report = lock_report(report)
    require_staff(by, report.employer)
    if report.status not in EDITABLE_STATUSES:
        raise ValidationError(f"该申报{report.get_status_display()}，不能重复提交", code="already_submitted")
    _check_version(report, expected_version)
    report_preview(report)  # the figures must be complete and a policy must exist
    require_requested_attachments(report)
    returned = report.status == ReportStatus.RETURNED
    receipt_assign(report)
    report.status = ReportStatus.RESUBMITTED if returned else ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    touch(report, "重新提交" if returned else "提交")
    if returned:
        # The auditor's findings must describe the roster as resubmitted, not the returned one.
        rosters_recheck(data_year=report.data_year, reason=f"{report.employer.name}重新提交申报")
    return report


@transaction.atomic
def report_return(*, report: QuotaReport, by: User, reasons: str, requested_attachments=()) -> QuotaReport:
    """An auditor returns a submitted report to the employer, with reasons (required) and the
    supporting documents (ReportAttachmentKind) the employer must add before resubmitting."""
    report = lock_report(report)
    require_auditor(by, report)
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": "请写明退回原因，方便单位修改"})
    if report.status not in PENDING_STATUSES:
        raise ValidationError(
            f"该申报{report.get_status_display()}，只有已提交的申报可以退回", code="not_pending"
        )
    report.status = ReportStatus.RETURNED
    report.return_reasons = reasons
    report.requested_attachments = requested_kinds_check(requested_attachments)
    touch(report, f"退回：{reasons[:80]}")
    notify.report_returned(report)
    return report


@transaction.atomic
def report_approve(*, report: QuotaReport, by: User) -> QuotaReport:
    """An auditor approves a submitted report; the inputs, policy version, result and steps are
    frozen in an immutable ReportSnapshot."""
    report = lock_report(report)
    require_auditor(by, report)
    if report.status not in PENDING_STATUSES:
        raise ValidationError(
            f"该申报{report.get_status_display()}，只有已提交的申报可以审核通过", code="not_pending"
        )
    data = report_input(report)
    policy, row = policy_and_row(report.employer.region, report.levy_year)
    result = compute_levy(policy, data)
    latest = row.history.order_by("-history_date", "-history_id").first()
    policy_json = {
        **policy_as_dict(policy, row),
        "quota_policy_id": row.pk,
        "history_id": latest.history_id if latest else None,
        "policy_updated_at": row.updated_at.isoformat(),
    }
    inputs = report_inputs_dict(report, data)
    snapshot = ReportSnapshot(
        report=report,
        # The figures stay readable for indicators and notices; the named lines (who, and the
        # category and grade each was counted with) are sealed (PIPL Art. 28, security.md).
        inputs={key: value for key, value in inputs.items() if key != "roster"},
        policy=policy_json,
        result={
            **{key: value for key, value in result_as_dict(result).items() if key != "steps"},
            "verification": verification_counts(result),
        },
        steps=list(result.steps),
    )
    snapshot.seal_lines(roster=inputs["roster"], lines=lines_as_list(result, verified=True))
    snapshot.save()
    report.status = ReportStatus.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = by
    report.return_reasons = ""
    touch(report, "审核通过")
    notify.report_approved(report)
    return report
