"""The auditor's agency decides which decisions the pages offer (DECISIONS_BY_KIND): 税务 issues
notices and records payments but reviews no report; 人社局 reviews reports but records no levy
payment; a refused POST changes nothing."""

from quota.models import LevyNotice, QuotaReport

from .conftest import signed_in
from .factories import make_user


def tax_auditor():
    return make_user("auditor", regions=["320585"], auditor_kind="tax", first_name="税务审核员")


def test_the_tax_office_records_payments_but_reviews_no_report(scene):
    client = signed_in(tax_auditor())
    report = client.get(f"/auditor/reports/{scene.report_a.pk}/").content.decode()
    assert f'action="/auditor/reports/{scene.report_a.pk}/approve/"' not in report
    assert "发起失信认定" in report  # any agency may start a credit case
    refused = client.post(f"/auditor/reports/{scene.report_a.pk}/return/", {"reasons": "税务退回"})
    assert refused.status_code == 200 and "税务的审核人员不能审核按比例就业申报" in refused.content.decode()
    assert client.post(f"/auditor/reports/{scene.report_a.pk}/approve/").status_code == 403
    assert QuotaReport.objects.get(pk=scene.report_a.pk).status == "submitted"
    notice = client.get(f"/auditor/notices/{scene.notice.pk}/").content.decode()
    assert f'href="/auditor/notices/{scene.notice.pk}/payment/"' in notice
    ledger = client.get("/auditor/ledger/").content.decode()
    assert 'href="/auditor/ledger/new/"' not in ledger and "待另一名审核人员审批" in ledger


def test_the_hrss_auditor_sees_no_payment_form(scene):
    client = signed_in(scene.auditor2)
    notice = client.get(f"/auditor/notices/{scene.notice.pk}/").content.decode()
    assert f'href="/auditor/notices/{scene.notice.pk}/payment/"' not in notice
    page = client.get(f"/auditor/notices/{scene.notice.pk}/payment/").content.decode()
    assert "人社局的审核人员不能开具和调整保障金缴款通知" in page and 'name="amount"' not in page
    client.post(f"/auditor/notices/{scene.notice.pk}/payment/", {"amount": "100", "paid_on": "2026-11-01"})
    assert LevyNotice.objects.get(pk=scene.notice.pk).paid_amount == 0
