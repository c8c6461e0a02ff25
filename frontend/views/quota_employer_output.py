"""What the employer gets out of a report: the what-if ("再招 N 名…"), the print view and the PDF."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from backend.accounts.masks import mask_certificate
from matching.models import JobPosting
from quota.choices import ReportStatus
from quota.core.display import format_months

from ..forms_quota import GRADE_CHOICES, WhatIfForm
from ..pdf import report_pdf
from .quota_display import count_text, money_text, preview_context, report_preview_context
from .quota_employer import employer_report, line_names
from .quota_hires import hires_context
from .quota_whatif import report_what_if
from .roles import no_store, role_required

COMPARED = [
    ("employee_count", "在职职工年平均人数", "count"),
    ("required_count", "应安排残疾人数", "count"),
    ("counted_disabled", "实际安排残疾人数（折算）", "count"),
    ("ratio_percent", "实际比例", "text"),
    ("levy_due", "应缴保障金（元）", "money"),
    ("reward_meet", "达标奖励（元，标准待确认）", "money"),
    ("reward_above", "超比例奖励（元，标准待确认）", "money"),
]
SHOWN = {"count": count_text, "money": money_text, "text": str}


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def candidate_links(request, report) -> tuple[list[dict], str | None]:
    """The employer's open postings, each with its matched-candidates page (job-market pages)."""
    postings = JobPosting.objects.managed_by(request.user).filter(employer=report.employer).currently_open()
    links = []
    for posting in postings.order_by("title")[:20]:
        url = _url("frontend:posting_candidates", posting.pk)
        if url:
            links.append({"title": posting.title, "url": url})
    return links, _url("frontend:employer_postings")


def _year_note(report) -> str:
    """A past data year can only be imagined; this year's hires still count."""
    this_year = timezone.localdate().year
    if report.data_year < this_year:
        return (
            f"{report.data_year}年已经结束，这里的估算只是假设。要为今年（{this_year}年）估算，"
            f"请在“按比例就业年报”中新建{this_year}年度申报。"
        )
    return ""


def _whatif_initial(report) -> dict:
    """For the current data year, the months still ahead (from next month); else a full year."""
    today = timezone.localdate()
    if report.data_year == today.year:
        return {"months": max(1, 12 - today.month)}
    return {}


@role_required("employer")
def report_whatif(request, pk):
    report = employer_report(request, pk)
    asked = "hires" in request.GET
    form = WhatIfForm(request.GET if asked else None, initial=_whatif_initial(report))
    comparison, problems, outcome = None, [], None
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = report_what_if(
                report,
                hires=data["hires"],
                grade=int(data["grade"]),
                months=data["months"],
                monthly_wage=data["monthly_wage"],
            )
        except ValidationError as error:
            problems = error.messages
    if outcome is not None:
        now, after = outcome["current"], outcome["after"]
        comparison = {
            "rows": [
                (label, SHOWN[kind](now[key]), SHOWN[kind](after[key])) for key, label, kind in COMPARED
            ],
            "saving": money_text(Decimal(now["levy_due"]) - Decimal(after["levy_due"])),
            "rewards_gain": money_text(
                Decimal(after["reward_meet"])
                + Decimal(after["reward_above"])
                - Decimal(now["reward_meet"])
                - Decimal(now["reward_above"])
            ),
            "steps": preview_context(after, [])["steps"],
            "wage": money_text(outcome["wage"]),
            "grade_label": dict(GRADE_CHOICES)[data["grade"]],
            "first_month": outcome["first_month"],
        }
    links, postings_url = candidate_links(request, report)
    context = {
        **hires_context(report),
        "year_note": _year_note(report),
        "report": report,
        "form": form,
        "asked": asked,
        "comparison": comparison,
        "problems": problems,
        "candidate_links": links,
        "postings_url": postings_url,
    }
    return render(request, "frontend/quota/whatif.html", context)


def document_context(request, report) -> dict:
    """Everything the print view and the PDF show: the employer, the figures, the roster with
    masked certificate numbers, the result (the approval snapshot once approved) and the date."""
    calc = report_preview_context(
        report, line_names(report), user=request.user, request_id=getattr(request, "request_id", "")
    )
    roster = []
    for line in report.roster.select_related("person").order_by("line_no", "id"):
        number = line.person.decrypt("certificate") or ""
        roster.append(
            {
                "line_no": line.line_no,
                "name": line.person.name,
                "certificate": mask_certificate(number, line.certificate_kind),
                "kind": line.get_certificate_kind_display(),
                "months": format_months(set(line.months or [])) or "无",
                "wage": money_text(line.monthly_wage),
            }
        )
    when = report.submitted_at or timezone.now()
    return {
        "report": report,
        "employer": report.employer,
        "months": list(enumerate(report.monthly_headcounts or [], start=1)),
        "employee_count": count_text(report.employee_count) if report.employee_count is not None else "",
        "total_wages": money_text(report.total_wages) if report.total_wages is not None else "未填写",
        "roster": roster,
        "document_date": timezone.localtime(when).date(),
        "draft": report.status == ReportStatus.DRAFT,
        **calc,
    }


@role_required("employer")
def report_print(request, pk):
    report = employer_report(request, pk)
    return no_store(render(request, "frontend/quota/print.html", document_context(request, report)))


@role_required("employer")
def report_pdf_download(request, pk):
    report = employer_report(request, pk)
    if report.status == ReportStatus.DRAFT:
        messages.info(request, "申报提交后才能下载 PDF；提交前可以先用打印页核对。")
        return redirect("frontend:quota_report", pk=report.pk)
    content = report_pdf(document_context(request, report))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="quota-report-{report.data_year}.pdf"'
    return no_store(response)
