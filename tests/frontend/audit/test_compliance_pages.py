"""The compliance table, its export, the report page, returning and approving, the logged reveal
of a roster line's identifiers, and starting the annual audit from the page."""

import csv
import io

import openpyxl
import pytest

from backend.accounts.models import AccessLog
from quota.models import AuditRun, QuotaReport

from .conftest import signed_in


def rows_in(body: str) -> list[str]:
    """Employer names in table order (row headers of the compliance table)."""
    names = ["太仓甲精密机械有限公司", "太仓乙物流有限公司", "太仓丙服装有限公司"]
    tbody = body[body.index("<tbody>") :]
    return sorted((n for n in names if n in tbody), key=tbody.index)


def test_compliance_table_lists_the_latest_runs_results(audited):
    body = signed_in(audited.auditor).get("/auditor/compliance/?year=2025").content.decode()
    assert "<h1>2025年度合规审核表</h1>" in body
    assert '<p role="status">共找到 3 家单位</p>' in body
    assert rows_in(body) == ["太仓丙服装有限公司", "太仓乙物流有限公司", "太仓甲精密机械有限公司"]
    assert '<td class="num">80,325.00</td>' in body  # employer B owes 1.5 × 59,500 × 90 %
    assert '<td class="num">2.00%</td>' in body  # employer A: D = 2 of N = 100
    assert "免征" in body  # employer C: an enterprise of 20 staff


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("finding_kind=double_counting", ["太仓乙物流有限公司", "太仓甲精密机械有限公司"]),
        ("has_findings=false", ["太仓丙服装有限公司"]),
        ("region=320585101", ["太仓丙服装有限公司"]),
        ("q=乙物流", ["太仓乙物流有限公司"]),
        ("ordering=-levy_due", ["太仓乙物流有限公司", "太仓丙服装有限公司", "太仓甲精密机械有限公司"]),
        ("ordering=-ratio", ["太仓丙服装有限公司", "太仓甲精密机械有限公司", "太仓乙物流有限公司"]),
    ],
)
def test_compliance_table_filters_and_sorts(audited, query, expected):
    body = signed_in(audited.auditor).get(f"/auditor/compliance/?year=2025&{query}").content.decode()
    assert rows_in(body) == expected
    assert f"共找到 {len(expected)} 家单位" in body


def test_the_sorted_column_says_so_to_screen_readers(audited):
    body = (
        signed_in(audited.auditor).get("/auditor/compliance/?year=2025&ordering=-levy_due").content.decode()
    )
    assert 'aria-sort="descending"><a class="cell-link" href="?year=2025&amp;ordering=levy_due">' in body


def test_an_invalid_filter_is_reported_and_the_rest_still_apply(audited):
    response = signed_in(audited.auditor).get("/auditor/compliance/?year=2025&region=abc&q=甲")
    body = response.content.decode()
    assert "<title>错误：" in body and "存在以下问题" in body
    assert rows_in(body) == ["太仓甲精密机械有限公司"]


def test_a_year_without_a_finished_audit_points_to_the_annual_audit(audited):
    body = signed_in(audited.auditor).get("/auditor/compliance/?year=2023").content.decode()
    assert "2023年度还没有完成的年度核查" in body and 'href="/auditor/audits/"' in body


def test_csv_export_follows_the_filters(audited):
    response = signed_in(audited.auditor).get(
        "/auditor/compliance/export/?year=2025&format=csv&has_findings=true"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "单位名称"
    assert sorted(row[0] for row in rows[1:]) == ["太仓乙物流有限公司", "太仓甲精密机械有限公司"]


def test_xlsx_export_masks_the_certificate_numbers(audited):
    response = signed_in(audited.auditor).get("/auditor/compliance/export/?year=2025&format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    findings = list(book["问题清单"].iter_rows(values_only=True))
    full = audited.shared_person.decrypt("certificate")
    assert len(findings) == 3  # header + one 挂靠 finding per employer
    for row in findings[1:]:
        assert row[3] != full and row[3].startswith("3205") and "*" in row[3]


def test_an_unknown_export_format_returns_to_the_table_with_a_message(audited):
    client = signed_in(audited.auditor)
    response = client.get("/auditor/compliance/export/?year=2025&format=pdf")
    assert response.status_code == 302 and response["Location"] == "/auditor/compliance/?year=2025"
    assert "无法导出" in client.get(response["Location"]).content.decode()


def test_report_page_shows_findings_and_a_masked_roster(audited):
    response = signed_in(audited.auditor).get(f"/auditor/reports/{audited.report_a.pk}/")
    body = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert "发现本单位 1 个问题" in body and "同一证件同月被多家单位计入（挂靠）" in body
    full = audited.shared_person.decrypt("certificate")
    # Masked without the category and grade digits (backend/accounts/masks.py).
    assert full not in body and f"{full[:4]}**********{full[14:18]}**" in body
    assert "王芳" in body and "李强" in body
    assert "审核通过</button>" in body and "退回并说明原因" in body


def test_returning_needs_a_reason_and_keeps_what_was_typed(audited):
    client = signed_in(audited.auditor)
    url = f"/auditor/reports/{audited.report_a.pk}/return/"
    response = client.post(url, {"reasons": "   "})
    body = response.content.decode()
    assert response.status_code == 200 and "<title>错误：" in body and "请填写退回原因" in body
    assert QuotaReport.objects.get(pk=audited.report_a.pk).status == "submitted"
    response = client.post(url, {"reasons": "第1行王芳同时在乙物流计入，请核实后删除"})
    assert response.status_code == 302 and response["Location"] == f"/auditor/reports/{audited.report_a.pk}/"
    report = QuotaReport.objects.get(pk=audited.report_a.pk)
    assert (report.status, report.return_reasons) == ("returned", "第1行王芳同时在乙物流计入，请核实后删除")


def test_approving_freezes_a_snapshot_and_a_second_approval_is_an_error_on_the_page(audited):
    client = signed_in(audited.auditor)
    url = f"/auditor/reports/{audited.report_c.pk}/approve/"
    assert client.post(url).status_code == 302
    report = QuotaReport.objects.get(pk=audited.report_c.pk)
    assert report.status == "approved" and report.snapshot.result["levy_due"] == "0.00"
    response = client.post(url)
    body = response.content.decode()
    assert response.status_code == 400 and "<title>错误：" in body and "只有已提交的申报可以审核通过" in body


def test_revealing_identifiers_needs_a_purpose_and_a_reason_and_is_logged(audited):
    client = signed_in(audited.auditor)
    line = audited.report_a.roster.get(person=audited.shared_person)
    url = f"/auditor/reports/{audited.report_a.pk}/lines/{line.pk}/reveal/"
    full = audited.shared_person.decrypt("resident_id")
    body = client.get(url).content.decode()
    assert full not in body
    response = client.post(url, {"purpose": "audit", "reason": ""})
    body = response.content.decode()
    assert "<title>错误：" in body and "请写明查看原因" in body and full not in body
    assert AccessLog.objects.count() == 0
    response = client.post(url, {"purpose": "audit", "reason": "核对挂靠线索"})
    assert full in response.content.decode() and response["Cache-Control"] == "no-store"
    log = AccessLog.objects.get()
    assert (log.actor, log.person, log.purpose, log.reason) == (
        audited.auditor,
        audited.shared_person,
        "audit",
        "核对挂靠线索",
    )


def test_starting_the_annual_audit_runs_it_and_shows_its_progress(scene, django_capture_on_commit_callbacks):
    client = signed_in(scene.auditor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/auditor/audits/", {"data_year": "2025"})
    run = AuditRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/auditor/audits/{run.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert run.status == "done" and "状态：已完成，已完成 100%" in body
    assert "发现问题</dt><dd>2 个，涉及 2 家单位" in body
    assert "刷新进度" not in body


def test_a_running_audit_offers_a_refresh_link_and_no_meta_refresh(scene):
    run = AuditRun.objects.create(data_year=2025, created_by=scene.auditor, status="running", progress=40)
    run.regions.set(scene.auditor.regions.all())
    body = signed_in(scene.auditor).get(f"/auditor/audits/{run.pk}/").content.decode()
    assert "刷新进度" in body and 'value="40"' in body and "http-equiv" not in body


def test_an_audit_year_in_the_future_is_refused_on_the_form(scene):
    response = signed_in(scene.auditor).post("/auditor/audits/", {"data_year": "2099"})
    body = response.content.decode()
    assert "<title>错误：" in body and "请从列表中选择数据年度" in body
    assert not AuditRun.objects.exists()
