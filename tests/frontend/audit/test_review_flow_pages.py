"""Issue 14, auditors: the review queue shows levy, findings and severity; the review page puts
the decision after the findings and names the other employer of a 挂靠 finding (only one the
auditor may see); an audit of an unfinished year is refused and a re-run is confirmed on a page
of its own; the compliance CSV shows ratios as the page does."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from backend.accounts.choices import Role
from quota.audit.services.run import audit_start
from quota.choices import ReportStatus
from quota.models import AuditFinding, AuditRun

from ...conftest import client_for
from .conftest import signed_in
from .factories import make_employer, make_line, make_report, make_user, run_audit

LATE_2026 = "2026-11-29 12:00 +0800"


def test_the_review_queue_shows_levy_findings_and_severity_of_the_latest_audit(audited):
    html = signed_in(audited.auditor).get(reverse("frontend:audit_reports")).content.decode()
    assert "应缴保障金（最近核查）" in html and "问题数" in html and "最高严重程度" in html
    row_b = html[html.index("太仓乙物流有限公司") :].split("</tr>")[0]
    assert "80,325.00" in row_b
    assert '<span class="tag tag-high">高</span>' in row_b


def test_the_review_queue_says_not_audited_before_any_audit(scene):
    html = signed_in(scene.auditor).get(reverse("frontend:audit_reports")).content.decode()
    assert "尚未核查" in html


def test_the_decision_buttons_come_after_the_findings_and_the_roster(audited):
    html = (
        signed_in(audited.auditor)
        .get(reverse("frontend:audit_report", args=[audited.report_a.pk]))
        .content.decode()
    )
    findings, roster = html.index("<h2>年度核查发现的问题</h2>"), html.index("<h2>残疾职工名册</h2>")
    decision = html.index('<h2 id="decision"')
    assert findings < roster < decision < html.index(">审核通过</button>"), (findings, roster, decision)
    assert 'href="#decision"' in html[:findings]


def test_a_shared_certificate_finding_names_and_links_the_other_employer(audited):
    html = (
        signed_in(audited.auditor)
        .get(reverse("frontend:audit_report", args=[audited.report_a.pk]))
        .content.decode()
    )
    link = reverse("frontend:audit_report", args=[audited.report_b.pk])
    assert f'同时计入的单位：<a href="{link}">太仓乙物流有限公司' in html
    finding = AuditFinding.objects.get(run=audited.run, employer=audited.employer_a, kind="double_counting")
    assert finding.related_employers == [audited.employer_b.pk]


def test_another_regions_employer_is_counted_but_not_named(db, django_capture_on_commit_callbacks):
    town_auditor = make_user(Role.AUDITOR, regions=["320585101"])
    inside = make_employer(region_code="320585101", name="沙溪甲公司")
    outside = make_employer(region_code="320585100", name="外镇公司")
    from tests.factories import make_person as make_resident

    person = make_resident(name="赵敏")
    report = make_report(inside, data_year=2025, status=ReportStatus.SUBMITTED)
    make_line(report, person)
    make_line(make_report(outside, data_year=2025, status=ReportStatus.SUBMITTED), person)
    run_audit(django_capture_on_commit_callbacks, by=town_auditor)

    html = signed_in(town_auditor).get(reverse("frontend:audit_report", args=[report.pk])).content.decode()
    assert "另有 1 家不在您负责的区域" in html
    assert "外镇公司" not in html


def test_an_audit_of_the_unfinished_year_is_refused_by_the_service(scene):
    with time_machine.travel(LATE_2026), pytest.raises(ValidationError) as refused:
        audit_start(data_year=2026, by=scene.auditor)
    assert refused.value.message_dict["data_year"][0].startswith("2026年度还没有结束")
    assert not AuditRun.objects.filter(data_year=2026).exists()


def test_an_audit_of_the_unfinished_year_is_refused_by_the_api_with_its_message(scene):
    with time_machine.travel(LATE_2026):
        response = client_for(scene.auditor).post("/api/v1/quota/audits/", {"data_year": 2026}, format="json")
    assert response.status_code == 400
    assert "2026年度还没有结束" in response.content.decode()


def test_the_audit_page_offers_finished_years_only_and_refuses_the_current_one(scene):
    client = signed_in(scene.auditor)
    with time_machine.travel(LATE_2026):
        page = client.get(reverse("frontend:audit_runs")).content.decode()
        refused = client.post(reverse("frontend:audit_runs"), {"data_year": "2026"}).content.decode()
    assert '<option value="2026"' not in page and '<option value="2025" selected' in page
    assert "<title>错误：" in refused and "请从列表中选择数据年度" in refused
    assert not AuditRun.objects.exists()


def test_a_rerun_of_an_audited_year_asks_for_confirmation_first(audited):
    client = signed_in(audited.auditor)
    url = reverse("frontend:audit_runs")
    asked = client.post(url, {"data_year": "2025"})
    html = asked.content.decode()
    assert asked.status_code == 200 and "确认再次核查2025年度" in html
    assert f"第 {audited.run.pk} 次" in html and 'name="confirm" value="1"' in html
    assert AuditRun.objects.filter(data_year=2025).count() == 1

    started = client.post(url, {"data_year": "2025", "confirm": "1"})
    assert started.status_code == 302
    assert AuditRun.objects.filter(data_year=2025).count() == 2
