"""The employer's report wizard: role scoping, each step's save and error state, preview,
review and submit, and what the employer sees after a return or an approval."""

from decimal import Decimal

import pytest
import time_machine

from backend.accounts.choices import Role
from quota.choices import ReportStatus
from quota.models import QuotaReport
from quota.services import report_approve, report_return, report_submit
from tests.quota.factories import make_line, make_user

from .conftest import signed_in

pytestmark = pytest.mark.django_db

STEP_PAGES = [
    "",
    "headcount/",
    "wages/",
    "roster/",
    "roster/add/",
    "preview/",
    "review/",
    "what-if/",
    "print/",
]


def page(report, suffix=""):
    return f"/employer/quota/{report.pk}/{suffix}"


def months(**overrides):
    data = {f"month_{m}": "100" for m in range(1, 13)}
    data.update(overrides)
    return data


def test_other_roles_get_404_and_anonymous_users_are_sent_to_login(client, report_a, person):
    for role in (Role.SEEKER, Role.AUDITOR, Role.ADMIN):
        other = signed_in(make_user(role, regions=["320585"] if role == Role.AUDITOR else ()))
        assert other.get("/employer/quota/").status_code == 404
        for suffix in STEP_PAGES:
            assert other.get(page(report_a, suffix)).status_code == 404, (role, suffix)
    response = client.get("/employer/quota/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_another_employers_report_is_404_and_unchanged(client_b, report_a):
    for suffix in STEP_PAGES + ["report.pdf", "roster/template.xlsx", "roster/errors.xlsx", "preview/live/"]:
        assert client_b.get(page(report_a, suffix)).status_code == 404, suffix
    response = client_b.post(
        page(report_a, "headcount/"), {"mode": "annual", "employee_count": "1", "version": 1}
    )
    assert response.status_code == 404
    response = client_b.post(page(report_a, "review/"), {"confirm": "on", "version": report_a.version})
    assert response.status_code == 404
    report_a.refresh_from_db()
    assert report_a.employee_count == Decimal("200")
    assert report_a.status == ReportStatus.DRAFT


def test_list_shows_only_own_reports_and_creates_a_draft(client_a, employer_a, report_a, report_b):
    text = client_a.get("/employer/quota/").content.decode()
    assert f'href="/employer/quota/{report_a.pk}/"' in text
    assert f'href="/employer/quota/{report_b.pk}/"' not in text
    response = client_a.post("/employer/quota/", {"data_year": "2025"})
    created = QuotaReport.objects.get(employer=employer_a, data_year=2025)
    assert response.status_code == 302
    assert response["Location"] == page(created, "headcount/")
    assert created.status == ReportStatus.DRAFT


@pytest.fixture
def in_december_2026():
    """The year list offers recent years only: on a day of 2026, 2024 is among them (not on any
    day). Requested before the client so that its sign-in happens on that day too."""
    with time_machine.travel("2026-12-07 10:00 +0800", tick=True):
        yield


def test_creating_the_same_year_twice_shows_the_service_error(in_december_2026, client_a, report_a):
    response = client_a.post("/employer/quota/", {"data_year": "2024"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：按比例就业年报" in text
    assert "本单位2024年度的申报已经存在，请直接打开修改" in text
    assert QuotaReport.objects.filter(data_year=2024, employer=report_a.employer).count() == 1


def test_monthly_headcounts_are_saved_as_twelve_values(client_a, report_a):
    data = {"mode": "monthly", "version": report_a.version, **months(month_12="160")}
    response = client_a.post(page(report_a, "headcount/"), data)
    assert response.status_code == 302
    assert response["Location"] == page(report_a, "wages/")
    report_a.refresh_from_db()
    assert report_a.monthly_headcounts == ["100"] * 11 + ["160"]
    assert report_a.employee_count is None


def test_annual_average_replaces_monthly_counts(client_a, report_a):
    report_a.monthly_headcounts, report_a.employee_count = ["1"] * 12, None
    report_a.save()
    response = client_a.post(
        page(report_a, "headcount/"),
        {"mode": "annual", "employee_count": "150.5", "version": report_a.version},
    )
    assert response.status_code == 302
    report_a.refresh_from_db()
    assert report_a.employee_count == Decimal("150.5")
    assert report_a.monthly_headcounts is None


def test_a_missing_month_is_an_error_and_keeps_the_other_months(client_a, report_a):
    data = {"mode": "monthly", "version": report_a.version, **months(month_3="", month_5="88")}
    text = client_a.post(page(report_a, "headcount/"), data).content.decode()
    assert "<title>错误：在职职工人数" in text
    assert 'href="#id_month_3">3月末人数：请填写3月末人数（没有职工填0）</a>' in text
    assert 'value="88"' in text
    report_a.refresh_from_db()
    assert report_a.employee_count == Decimal("200")


def test_a_stale_version_is_refused_with_a_clear_message(client_a, report_a):
    text = client_a.post(
        page(report_a, "wages/"), {"total_wages": "1", "version": report_a.version - 1}
    ).content.decode()
    assert "申报已被其他人修改，请刷新页面后核对再提交。" in text
    report_a.refresh_from_db()
    assert report_a.total_wages == Decimal("4000000")


def test_wages_with_thousands_separators_are_read_exactly(client_a, report_a):
    # Issue 14: the wizard refused "3,000,000" that the calculator accepts.
    response = client_a.post(
        page(report_a, "wages/"), {"total_wages": "３,000,000", "version": report_a.version}
    )
    assert response["Location"] == page(report_a, "roster/")
    report_a.refresh_from_db()
    assert report_a.total_wages == Decimal("3000000")


def test_wages_with_misplaced_separators_are_refused_by_name(client_a, report_a):
    response = client_a.post(
        page(report_a, "wages/"), {"total_wages": "3,00,000", "version": report_a.version}
    )
    assert "在职职工工资总额（元）填写有误：千分位逗号位置不对" in response.content.decode()
    report_a.refresh_from_db()
    assert report_a.total_wages == Decimal("4000000")


def test_wages_are_saved_and_the_next_step_is_the_roster(client_a, report_a):
    response = client_a.post(
        page(report_a, "wages/"), {"total_wages": "3000000.50", "version": report_a.version}
    )
    assert response["Location"] == page(report_a, "roster/")
    report_a.refresh_from_db()
    assert report_a.total_wages == Decimal("3000000.50")


def test_every_step_shows_the_levy_preview(client_a, report_a):
    for suffix in ("headcount/", "wages/", "roster/"):
        assert (
            "2025年应缴保障金：<strong>54,000.00 元</strong>"
            in client_a.get(page(report_a, suffix)).content.decode()
        )
    text = client_a.get(page(report_a, "preview/")).content.decode()
    assert "比例低于1%，按90%征收" in text


def test_live_preview_uses_unsaved_figures_and_saves_nothing(client_a, report_a):
    response = client_a.get(
        page(report_a, "preview/live/"), {"mode": "annual", "employee_count": "100", "total_wages": "2000000"}
    )
    text = response.content.decode()
    assert 'data-levy-due="27,000.00"' in text
    assert response["Cache-Control"] == "no-store"
    report_a.refresh_from_db()
    assert report_a.employee_count == Decimal("200")


def test_preview_explains_what_is_missing(client_a, employer_a, staff_a):
    from tests.quota.factories import make_report

    empty = make_report(employer_a, by=staff_a, data_year=2023, employee_count=None, total_wages=None)
    text = client_a.get(page(empty, "preview/")).content.decode()
    assert "请填写在职职工年平均人数，或12个月的月末人数" in text
    assert "请填写在职职工工资总额" in text


def test_submit_needs_the_confirmation_then_submits(client_a, report_a):
    text = client_a.post(page(report_a, "review/"), {"version": report_a.version}).content.decode()
    assert "<title>错误：核对并提交" in text
    assert "提交前请勾选确认以上信息真实、准确" in text
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.DRAFT
    response = client_a.post(page(report_a, "review/"), {"confirm": "on", "version": report_a.version})
    assert response["Location"] == page(report_a)
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.SUBMITTED
    # a submitted report cannot be edited: the steps send the user to the status page
    response = client_a.post(page(report_a, "wages/"), {"total_wages": "1", "version": report_a.version})
    assert response["Location"] == page(report_a)
    report_a.refresh_from_db()
    assert report_a.total_wages == Decimal("4000000")
    assert "正在等待审核人员审核" in client_a.get(page(report_a)).content.decode()


def test_returned_report_shows_the_auditors_reasons(client_a, staff_a, report_a):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    report_submit(report=report_a, by=staff_a)
    report_return(report=report_a, by=auditor, reasons="第3行社保月份与税务记录不符，请核对")
    text = client_a.get(page(report_a)).content.decode()
    assert "审核人员退回了申报" in text
    assert "第3行社保月份与税务记录不符，请核对" in text
    response = client_a.get(page(report_a, "wages/"))  # editable again: the form, not a redirect
    assert response.status_code == 200
    wages = response.content.decode()
    assert "<h1>2024年在职职工工资总额</h1>" in wages
    assert '<input type="text" name="total_wages" value="4000000.00"' in wages
    assert '<button type="submit" class="button">保存并继续</button>' in wages
    assert "不能再修改" not in wages


def test_approved_report_shows_the_snapshot_result(client_a, staff_a, report_a, person):
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    make_line(report_a, person)
    report_submit(report=report_a, by=staff_a)
    report_approve(report=report_a, by=auditor)
    # a later policy edit must not change what the employer sees: the snapshot is shown
    text = client_a.get(page(report_a)).content.decode()
    assert "审核通过的计算结果" in text
    assert "<strong>36,000.00 元</strong>" in text
    assert "王小明" in text
