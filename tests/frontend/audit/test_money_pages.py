"""Levy notices (issue, pay with the surcharge shown, hardship adjustments, cancel) and the
subsidies-and-rewards ledger (propose, approve or reject, mark paid) through the pages."""

from decimal import Decimal

import time_machine

from quota.models import LedgerEntry, LevyNotice

from .conftest import signed_in
from .test_access import compact

LEVY = Decimal("80325.00")  # data year 2024: 1.5 × 59,500 × 90 % (p = 0 < 1 %)


def test_notice_list_and_detail_show_the_amounts(scene):
    client = signed_in(scene.auditor)
    body = client.get("/auditor/notices/").content.decode()
    assert "共找到 1 份缴款通知" in body and '<td class="num">80,325.00</td>' in body
    body = client.get(f"/auditor/notices/{scene.notice.pk}/").content.decode()
    assert "<strong>80,325.00 元</strong>" in body and "还没有缴款记录" in body


def test_a_late_payment_shows_its_surcharge(scene):
    with time_machine.travel("2026-12-10 10:00 +0800", tick=False):
        client = signed_in(scene.auditor)
        response = client.post(
            f"/auditor/notices/{scene.notice.pk}/payment/", {"amount": "1000", "paid_on": "2026-12-09"}
        )
        assert response.status_code == 302
        body = client.get(response["Location"]).content.decode()
    # Due 2026-11-29, paid 10 days late: 1,000.00 × 0.5 % × 10 = 50.00 (条例第二十七条).
    assert "已登记缴款 1000.00 元，逾期 10 天，滞纳金 50.00 元" in body
    notice = LevyNotice.objects.get(pk=scene.notice.pk)
    assert (notice.paid_amount, notice.surcharge_amount, notice.status) == (
        Decimal("1000.00"),
        Decimal("50.00"),
        "partly_paid",
    )
    assert '<td class="num">50.00</td>' in body


def test_paying_more_than_is_owed_is_an_error_that_keeps_the_input(scene):
    response = signed_in(scene.auditor).post(
        f"/auditor/notices/{scene.notice.pk}/payment/", {"amount": "90000", "paid_on": "2026-11-01"}
    )
    body = response.content.decode()
    assert "<title>错误：" in body and f"缴纳金额超过尚欠的保障金 {LEVY} 元" in body
    assert 'value="90000"' in body and 'value="2026-11-01"' in body
    assert LevyNotice.objects.get(pk=scene.notice.pk).paid_amount == 0


def test_a_payment_typed_with_thousands_separators_is_read_as_the_amount(scene):
    # Issue 14: auditors type "80,325.00" as it is printed on the notice.
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        response = signed_in(scene.auditor).post(
            f"/auditor/notices/{scene.notice.pk}/payment/", {"amount": "80,325.00", "paid_on": "2026-11-01"}
        )
    assert response.status_code == 302
    assert LevyNotice.objects.get(pk=scene.notice.pk).paid_amount == LEVY


def test_a_payment_form_with_nothing_filled_names_both_fields(scene):
    body = signed_in(scene.auditor).post(f"/auditor/notices/{scene.notice.pk}/payment/", {}).content.decode()
    assert "请填写缴纳金额" in body and "请填写缴纳日期" in body
    assert 'aria-invalid="true"' in body


def test_a_hardship_deferral_moves_the_due_date(scene):
    client = signed_in(scene.auditor)
    url = f"/auditor/notices/{scene.notice.pk}/adjust/"
    body = client.post(url, {"kind": "deferral", "reason": "疫情影响经营困难"}).content.decode()
    assert "请填写缓缴后的缴款期限" in body
    response = client.post(url, {"kind": "deferral", "new_due_date": "2027-03-31", "reason": "经营困难"})
    assert response.status_code == 302
    assert str(LevyNotice.objects.get(pk=scene.notice.pk).current_due_date) == "2027-03-31"


def test_cancelling_a_notice_needs_a_reason(scene):
    client = signed_in(scene.auditor)
    url = f"/auditor/notices/{scene.notice.pk}/cancel/"
    assert "请填写理由" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "开错单位"}).status_code == 302
    assert LevyNotice.objects.get(pk=scene.notice.pk).status == "cancelled"


@time_machine.travel("2026-12-10 10:00 +0800", tick=False)  # the due date below lies ahead of this day
def test_a_notice_is_issued_from_an_approved_report_page(audited):
    client = signed_in(audited.auditor)
    approved = client.post(f"/auditor/reports/{audited.report_b.pk}/approve/")
    assert approved.status_code == 302
    body = client.get(f"/auditor/reports/{audited.report_b.pk}/").content.decode()
    assert "开具缴款通知" in body
    response = client.post(f"/auditor/reports/{audited.report_b.pk}/notice/", {"due_date": "2027-01-31"})
    notice = LevyNotice.objects.get(report=audited.report_b)
    assert response["Location"] == f"/auditor/notices/{notice.pk}/"
    assert (notice.amount, str(notice.due_date)) == (LEVY, "2027-01-31")


def test_the_ledger_lists_entries_and_an_entry_is_proposed_approved_and_paid(scene):
    client = signed_in(scene.auditor)
    body = client.get("/auditor/ledger/").content.decode()
    assert "共找到 1 条记录" in body and "1名残疾职工 × 岗位补贴每人每年3000元" in body
    assert "提出：人社局审核员" in body and f'href="/auditor/ledger/{scene.entry.pk}/decide/"' in body
    # The entry auditor2 (人社局) proposed: the 残联 auditor approves and records the payment.
    assert (
        client.post(f"/auditor/ledger/{scene.entry.pk}/decide/", {"decision": "approve"}).status_code == 302
    )
    assert client.post(f"/auditor/ledger/{scene.entry.pk}/paid/").status_code == 302
    scene.entry.refresh_from_db()
    assert (scene.entry.status, scene.entry.approved_by, scene.entry.paid_by) == (
        "paid",
        scene.auditor,
        scene.auditor,
    )
    response = client.post(
        "/auditor/ledger/new/",
        {
            "employer": scene.employer_b.pk,
            "data_year": "2024",
            "kind": "insurance_subsidy",
            "amount": "1200.50",
            "basis": "1人社会保险补贴",
        },
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(kind="insurance_subsidy")
    assert (entry.employer, entry.amount, entry.status) == (scene.employer_b, Decimal("1200.50"), "proposed")
    assert "待另一名审核人员审批" in client.get("/auditor/ledger/").content.decode()
    own = client.get(f"/auditor/ledger/{entry.pk}/decide/").content.decode()
    assert (
        "补贴、奖励的审批须由另一名审核人员复核，提出人不能自己批准" in own and 'name="decision"' not in own
    )
    assert client.post(f"/auditor/ledger/{entry.pk}/decide/", {"decision": "approve"}).status_code == 200
    assert LedgerEntry.objects.get(pk=entry.pk).status == "proposed"
    second = signed_in(scene.auditor2)
    assert second.post(f"/auditor/ledger/{entry.pk}/decide/", {"decision": "approve"}).status_code == 302
    # 人社局 approves but does not record payments; the proposer may not record this one.
    assert "待发放登记" in second.get("/auditor/ledger/").content.decode()
    response = client.post(f"/auditor/ledger/{entry.pk}/paid/", follow=True)
    assert "补贴、奖励的发放登记须由另一名审核人员复核" in response.content.decode()
    entry.refresh_from_db()
    assert (entry.status, entry.approved_by, entry.paid_by) == ("approved", scene.auditor2, None)


def test_an_absurd_amount_is_refused_on_the_amount_field(scene):
    response = signed_in(scene.auditor).post(
        "/auditor/ledger/new/",
        {
            "employer": scene.employer_b.pk,
            "data_year": "2024",
            "kind": "post_subsidy",
            "amount": "999999999999.99",
            "basis": "误录",
        },
    )
    body = response.content.decode()
    assert '<a href="#id_amount">金额：金额 999999999999.99 元超过岗位补贴每笔上限 500000.00 元' in body
    assert LedgerEntry.objects.count() == 1


def test_rejecting_needs_a_note(scene):
    client = signed_in(scene.auditor)  # auditor2 proposed the scene's entry
    body = client.post(f"/auditor/ledger/{scene.entry.pk}/decide/", {"decision": "reject"}).content.decode()
    assert "<title>错误：" in body and "请写明驳回理由" in body
    assert LedgerEntry.objects.get(pk=scene.entry.pk).status == "proposed"


def test_a_ledger_entry_for_an_employer_outside_my_regions_cannot_be_chosen(scene):
    body = (
        signed_in(scene.other_auditor)
        .post(
            "/auditor/ledger/new/",
            {
                "employer": scene.employer_a.pk,
                "data_year": "2024",
                "kind": "post_subsidy",
                "amount": "1",
                "basis": "x",
            },
        )
        .content.decode()
    )
    assert "请从列表中选择用人单位" in body
    assert LedgerEntry.objects.count() == 1


def test_proposing_rewards_from_the_policy_reports_how_many(scene):
    client = signed_in(scene.auditor)
    response = client.post("/auditor/ledger/from-policy/", {"data_year": "2024"})
    assert response.status_code == 302 and response["Location"] == "/auditor/ledger/?data_year=2024"
    assert "按政策提出了 0 条达比例/超比例奖励" in client.get(response["Location"]).content.decode()


# --- the surcharge an unpaid, overdue notice has accrued to today (条例第二十七条; 72号第二十六条) ----


@time_machine.travel("2026-12-09 10:00 +0800", tick=False)
def test_an_overdue_unpaid_notice_shows_the_surcharge_accrued_to_today(scene):
    client = signed_in(scene.auditor)
    body = compact(client.get("/auditor/notices/").content.decode())
    # Due 2026-11-29, unpaid on 2026-12-09: 80,325.00 × 0.5 % × 10 days = 4,016.25.
    assert (
        '<td class="num">80,325.00</td><td class="num">4,016.25<br><span class="hint">逾期 10 天</span></td>'
        "<td>2026-11-29</td>"
    ) in body
    body = compact(client.get(f"/auditor/notices/{scene.notice.pk}/").content.decode())
    assert (
        "<dt>截至今日未缴滞纳金</dt><dd><strong>4,016.25 元</strong>：截至 2026-12-09，尚欠保障金 80,325.00 元"
        "自缴款期限 2026-11-29 起逾期 10 天，80,325.00 × 日费率 0.500% × 10 天 = 4,016.25 元；缴清前每天增加。"
        '<span class="source">出处：《残疾人就业条例》第二十七条；财税〔2015〕72号 第二十六条'
    ) in body


@time_machine.travel("2026-11-29 18:00 +0800", tick=False)
def test_on_the_due_date_nothing_has_accrued(scene):
    body = compact(signed_in(scene.auditor).get(f"/auditor/notices/{scene.notice.pk}/").content.decode())
    assert "<dt>截至今日未缴滞纳金</dt><dd>无（未逾期）</dd>" in body


def test_after_a_partial_late_payment_the_rest_accrues_from_the_due_date(scene):
    with time_machine.travel("2026-12-10 10:00 +0800", tick=False):
        client = signed_in(scene.auditor)
        client.post(
            f"/auditor/notices/{scene.notice.pk}/payment/", {"amount": "325", "paid_on": "2026-12-09"}
        )
    with time_machine.travel("2026-12-19 10:00 +0800", tick=False):
        client = signed_in(scene.auditor)
        body = compact(client.get(f"/auditor/notices/{scene.notice.pk}/").content.decode())
    # 325.00 paid 10 days late carried 16.25; the 80,000.00 still owed: × 0.5 % × 20 days = 8,000.00.
    assert "<dt>已计滞纳金</dt><dd>16.25 元（已登记的逾期缴款所附）</dd>" in body
    assert (
        "<strong>8,000.00 元</strong>：截至 2026-12-19，尚欠保障金 80,000.00 元自缴款期限 2026-11-29 起逾期 20 天"
        in body
    )
