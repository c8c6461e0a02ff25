"""Who may open the auditors' pages: other roles get 404 (like the API), an auditor of another
region gets 404 on this region's objects, administrators read but never decide (三员分立)."""

import pytest

from quota.models import CreditFlag, LevyNotice, QuotaReport

from .conftest import signed_in


def reader_pages(s) -> list[str]:
    line = s.report_a.roster.order_by("line_no").first()
    return [
        "/auditor/compliance/?year=2025",
        "/auditor/compliance/export/?year=2025&format=csv",
        "/auditor/reports/",
        f"/auditor/reports/{s.report_a.pk}/",
        "/auditor/audits/",
        f"/auditor/audits/{s.run.pk}/",
        "/auditor/notices/",
        f"/auditor/notices/{s.notice.pk}/",
        "/auditor/ledger/",
        "/auditor/credit/",
        "/auditor/credit/export/?format=csv",
        f"/auditor/credit/{s.flag.pk}/",
        "/auditor/indicators/",
        "/auditor/training/",
        "/auditor/training/new/",
        f"/auditor/reports/{s.report_a.pk}/lines/{line.pk}/reveal/",
    ]


def decision_pages(s) -> list[str]:
    return [
        f"/auditor/reports/{s.report_a.pk}/return/",
        f"/auditor/reports/{s.approved.pk}/notice/",
        f"/auditor/notices/{s.notice.pk}/payment/",
        f"/auditor/notices/{s.notice.pk}/adjust/",
        f"/auditor/notices/{s.notice.pk}/cancel/",
        "/auditor/ledger/new/",
        "/auditor/ledger/from-policy/",
        f"/auditor/ledger/{s.entry.pk}/decide/",
        "/auditor/credit/new/",
        f"/auditor/credit/{s.flag.pk}/close/",
    ]


def test_the_auditor_opens_every_page(audited):
    client = signed_in(audited.auditor)
    for path in reader_pages(audited) + decision_pages(audited):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("role", ["seeker", "staff_a"])
def test_seekers_and_employer_staff_get_404_on_every_auditor_page(audited, role):
    client = signed_in(getattr(audited, role))
    for path in reader_pages(audited) + decision_pages(audited):
        assert client.get(path).status_code == 404, path


def test_signed_out_visitors_are_sent_to_the_login_page(audited):
    response = signed_in_anonymous().get("/auditor/compliance/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def signed_in_anonymous():
    from django.test import Client

    return Client()


def test_administrators_read_but_get_404_on_every_decision(audited):
    client = signed_in(audited.admin)
    for path in reader_pages(audited):
        if "/reveal/" in path or "/training/new/" in path:
            continue
        assert client.get(path).status_code == 200, path
    for path in decision_pages(audited):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/auditor/reports/{audited.report_a.pk}/approve/").status_code == 404
    assert QuotaReport.objects.get(pk=audited.report_a.pk).status == "submitted"


def test_an_auditor_of_another_town_cannot_see_or_change_this_towns_objects(audited):
    client = signed_in(audited.other_auditor)  # 沙溪镇 only; employers A and B are in 城厢镇
    s = audited
    for path in [
        f"/auditor/reports/{s.report_a.pk}/",
        f"/auditor/reports/{s.report_a.pk}/return/",
        f"/auditor/notices/{s.notice.pk}/",
        f"/auditor/notices/{s.notice.pk}/payment/",
        f"/auditor/credit/{s.flag.pk}/",
        f"/auditor/credit/{s.flag.pk}/close/",
        f"/auditor/ledger/{s.entry.pk}/decide/",
    ]:
        assert client.get(path).status_code == 404, path
    response = client.post(f"/auditor/reports/{s.report_a.pk}/return/", {"reasons": "越权退回"})
    assert response.status_code == 404
    response = client.post(
        f"/auditor/notices/{s.notice.pk}/payment/", {"amount": "100", "paid_on": "2026-11-01"}
    )
    assert response.status_code == 404
    response = client.post(f"/auditor/credit/{s.flag.pk}/close/", {"action": "lift", "reason": "越权撤销"})
    assert response.status_code == 404
    assert QuotaReport.objects.get(pk=s.report_a.pk).status == "submitted"
    assert LevyNotice.objects.get(pk=s.notice.pk).paid_amount == 0
    assert CreditFlag.objects.get(pk=s.flag.pk).status == "active"


def test_another_towns_auditor_sees_only_their_own_employers_in_the_lists(
    audited, django_capture_on_commit_callbacks
):
    from .factories import run_audit

    run_audit(django_capture_on_commit_callbacks, by=audited.other_auditor)
    body = signed_in(audited.other_auditor).get("/auditor/compliance/?year=2025").content.decode()
    assert "太仓丙服装有限公司" in body
    assert "太仓甲精密机械有限公司" not in body and "太仓乙物流有限公司" not in body
    assert "共找到 1 家单位" in body


def test_the_auditor_menu_has_the_audit_entries_and_keeps_employers(audited):
    body = signed_in(audited.auditor).get("/auditor/indicators/").content.decode()
    nav = body[body.index('aria-label="主菜单"') : body.index("</nav>")]
    for label in ["用人单位", "合规审核", "年度核查", "补贴奖励", "失信名单", "就业指标"]:
        assert label in nav
    assert 'href="/auditor/indicators/" aria-current="page"' in nav
