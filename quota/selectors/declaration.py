"""Reads for the employer's declaration: the deadline, how to pay (电子税务局 steps with the exact
amount and a reference), and the hires still needed this year to meet the quota."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from quota.audit.choices import NoticeStatus
from quota.core import PolicyError, compute_levy
from quota.core.declaration import declaration_deadline
from quota.core.hires import HiresNeeded, hires_needed

from ..choices import ReportStatus
from ..models import QuotaReport
from ..models.decisions import LevyNotice
from .policy import policy_for
from .reports import report_input

# The steps an HR clerk follows in 江苏 电子税务局 to pay the 残疾人就业保障金 (the tax bureau
# collects it: 财税〔2015〕72号 第十三条).  Menu names as the 电子税务局 shows them [S].
PAYMENT_STEPS = (
    "登录江苏省电子税务局（https://etax.jiangsu.chinatax.gov.cn），选择“我要办税”。",
    "进入“税费申报及缴纳” → “非税收入申报” → “残疾人就业保障金申报”。",
    "按本页的数据填写在职职工人数、工资总额和安排残疾人数，核对应缴金额与本页一致。",
    "申报后选择“税费缴纳”，用三方协议账户或银行端查询缴税缴纳本页的应缴金额。",
    "在缴款备注中填写本页的缴款参考号，便于残联和税务部门核对；缴款后保存电子缴款凭证。",
)


def live_notice(report: QuotaReport) -> LevyNotice | None:
    """The report's levy notice that still stands (not cancelled), if one was issued."""
    return report.levy_notices.exclude(status=NoticeStatus.CANCELLED).first()


def report_deadline(report: QuotaReport, notice: LevyNotice | None = None) -> dict:
    """The date to declare and pay by: the notice's (possibly deferred) due date once a notice
    is issued, else 31 October of the levy year (quota.core.declaration)."""
    if notice is not None:
        return {"date": notice.current_due_date, "source": "缴款通知书的缴款期限"}
    return {
        "date": declaration_deadline(report.levy_year),
        "source": "联网认证和申报截止日（以当年通知为准）",
    }


def payment_reference(report: QuotaReport) -> str:
    """What the employer writes in the payment's 备注: the 受理回执 number and the levy year."""
    return f"{report.receipt_no}-BZJ{report.levy_year}" if report.receipt_no else ""


def payment_instructions(report: QuotaReport) -> dict | None:
    """How to pay an approved report's levy: the exact amount (what is still owed on the live
    notice, else the approved snapshot's levy), the reference, the deadline and the steps.
    None before approval; ``amount`` 0 means nothing to pay."""
    if report.status != ReportStatus.APPROVED or not hasattr(report, "snapshot"):
        return None
    notice = live_notice(report)
    amount = notice.outstanding if notice is not None else Decimal(report.snapshot.result["levy_due"])
    return {
        "amount": amount,
        "reference": payment_reference(report),
        "deadline": report_deadline(report, notice),
        "notice": notice,
        "steps": PAYMENT_STEPS,
        "nothing_due": amount <= 0,
    }


def hires_needed_for_report(*, report: QuotaReport, today: date | None = None) -> HiresNeeded:
    """The hires that close ``report``'s quota gap in its data year, from its figures as they
    stand and the policy of its levy year.  Raises ValidationError (a Chinese message) when the
    report's figures are not complete or no policy exists."""
    today = today or timezone.localdate()
    policy = policy_for(report.employer.region, report.levy_year)
    try:
        result = compute_levy(policy, report_input(report))
    except PolicyError as error:
        raise ValidationError(error.message_zh) from error
    return hires_needed(
        headcount=result.employee_count,
        counted=result.counted_disabled,
        ratio=policy.quota_ratio,
        data_year=report.data_year,
        today=today,
        severe_weight=policy.severe_weight,
        exempt=result.exempt,
    )
