"""Who may open the auditors' pages: other roles get 404 (like the API), an auditor of another
region gets 404 on this region's objects, administrators read but never decide (三员分立).

Each page comes with what a reader must see there, taken from ``make_scene``: employers A (甲精密)
and B (乙物流) both file 2025 reports with N = 100 and an average wage of 59,500; both list 王芳,
so she counts at neither (the shared months are counted nowhere) and A counts only 李强 (grade 2,
all year: D = 2).  B's levy: (1.5 − 0) × 59,500 = 89,250, p = 0 < 1 % → 90 % = 80,325.00; A's
approved 2024 report has no roster, so its notice is the same 80,325.00.  Employer C (丙服装) has
20 staff and is exempt."""

import re

import pytest

from quota.models import CreditFlag, LevyNotice, QuotaReport

from .conftest import signed_in

A, B, C = "太仓甲精密机械有限公司", "太仓乙物流有限公司", "太仓丙服装有限公司"


def compact(html: str) -> str:
    """The page without the whitespace between tags, so a table row is one string."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


def cells(*values: str) -> str:
    return "".join(f'<td class="num">{value}</td>' for value in values)


def reader_pages(s) -> dict[str, list[str]]:
    """The pages an auditor (and an administrator) reads, each with what they must show."""
    line = s.report_a.roster.order_by("line_no").first()
    a, b, c = s.employer_a, s.employer_b, s.employer_c
    return {
        "/auditor/compliance/?year=2025": [
            "<h1>2025年度合规审核表</h1>",
            '<p role="status">共找到 3 家单位</p>',
            f'href="/auditor/reports/{s.report_c.pk}/">{C}</a></th><td>沙溪镇</td><td>企业</td><td>已提交</td>'
            f"<td>已提交</td>{cells('20', '1', '5.00%', '免征', '0')}",
            f'href="/auditor/reports/{s.report_b.pk}/">{B}</a></th><td>城厢镇</td><td>企业</td><td>已提交</td>'
            f"<td>已提交</td>{cells('100', '0', '0.00%', '80,325.00', '1')}",
            f'href="/auditor/reports/{s.report_a.pk}/">{A}</a></th><td>城厢镇</td><td>企业</td><td>已提交</td>'
            f"<td>已提交</td>{cells('100', '2', '2.00%', '0.00', '1')}",
        ],
        "/auditor/compliance/export/?year=2025&format=csv": [
            "单位名称,统一社会信用代码,所在区镇,单位性质,申报状态,在职职工人数N,实际安排人数D,"
            "实际比例,应缴保障金（元）,免征,问题数,最高严重程度,说明",
            f"{C},{c.credit_code},沙溪镇,企业,已提交,20.0000,1.0000,5.00%,0.00,是,0,,",
            f"{B},{b.credit_code},城厢镇,企业,已提交,100.0000,0.0000,0.00%,80325.00,否,1,高,",
            f"{A},{a.credit_code},城厢镇,企业,已提交,100.0000,2.0000,2.00%,0.00,否,1,高,",
        ],
        "/auditor/reports/": [
            "<h1>待审核申报</h1>",
            '<p role="status">共找到 3 份申报</p>',
            f'href="/auditor/reports/{s.report_a.pk}/">{A}</a></th><td>2025年</td><td>城厢镇</td><td>已提交</td>',
            f'href="/auditor/reports/{s.report_b.pk}/">{B}</a></th><td>2025年</td><td>城厢镇</td><td>已提交</td>',
            f'href="/auditor/reports/{s.report_c.pk}/">{C}</a></th><td>2025年</td><td>沙溪镇</td><td>已提交</td>',
        ],
        f"/auditor/reports/{s.report_a.pk}/": [
            f"<h1>{A} 2025年度申报</h1>",
            f"<dt>状态</dt><dd>已提交</dd><dt>统一社会信用代码</dt><dd>{a.credit_code}</dd>",
            "<dt>征收年度</dt><dd>2026年（数据年度＋1）</dd>",
            "<dt>在职职工人数 N</dt><dd>100 人</dd><dt>应安排残疾人数</dt><dd>1.5 人</dd>"
            "<dt>实际安排人数 D</dt><dd>2 人</dd><dt>实际比例</dt><dd>2.00%</dd><dt>差额</dt><dd>0 人</dd>"
            "<dt>职工年平均工资</dt><dd>59,500.00 元</dd><dt>应缴保障金</dt><dd><strong>0.00 元</strong></dd>",
            '<th scope="row">王芳</th>',
            '<td class="long">不计入（已核验）<br>1至12月已由其他单位计入，本单位不重复计入</td>',
            '<th scope="row">李强</th>',
            '<td class="long">计入 2 人（已核验）</td>',
        ],
        "/auditor/audits/": [
            "<h1>年度核查</h1>",
            '<p role="status">共 1 次核查</p>',
            # The page numbers a run by its id ("第 N 次"); PostgreSQL's ids do not restart per test.
            f'href="/auditor/audits/{s.run.pk}/">第 {s.run.pk} 次</a></th><td>2025年</td><td>太仓市</td><td>已完成</td>'
            "<td>残联审核员</td>",
        ],
        f"/auditor/audits/{s.run.pk}/": [
            f"<h1>2025年度核查（第 {s.run.pk} 次）</h1>",
            '<p role="status" data-run-status>状态：已完成，已完成 100%</p>',
            "<dt>核查单位</dt><dd>3 家</dd><dt>已提交的申报</dt><dd>3 份</dd><dt>名册人数</dt><dd>4 人</dd>"
            "<dt>发现问题</dt><dd>2 个，涉及 2 家单位</dd>",
            '>同一证件同月被多家单位计入（挂靠）</a></th><td class="num">2</td>',
        ],
        "/auditor/notices/": [
            "<h1>保障金缴款通知</h1>",
            '<p role="status">共找到 1 份缴款通知</p>',
            f'href="/auditor/notices/{s.notice.pk}/">{A}</a></th><td>2024年</td>'
            f"{cells('80,325.00', '0.00', '0.00', '0.00', '80,325.00')}",
            # then the surcharge accrued to today (test_money_pages freezes the date for it)
            "<td>2026-11-29</td><td>已开具</td>",
        ],
        f"/auditor/notices/{s.notice.pk}/": [
            f"<h1>缴款通知：{A} 2024年度</h1>",
            "<dt>状态</dt><dd>已开具</dd><dt>应缴保障金</dt><dd>80,325.00 元</dd>"
            "<dt>已减免</dt><dd>0.00 元</dd><dt>已缴保障金</dt><dd>0.00 元</dd>"
            "<dt>尚欠保障金</dt><dd><strong>80,325.00 元</strong></dd>"
            "<dt>已计滞纳金</dt><dd>0.00 元（已登记的逾期缴款所附）</dd><dt>截至今日未缴滞纳金</dt>",
            "<dt>缴款期限</dt><dd>2026-11-29</dd>",
            '<tr><td colspan="7">还没有缴款记录</td></tr>',
        ],
        "/auditor/ledger/": [
            "<h1>补贴奖励台账</h1>",
            '<p role="status">共找到 1 条记录</p>',
            f'<th scope="row">{A}</th><td>2024年</td><td>岗位补贴</td><td class="num">3,000.00</td>'
            '<td class="long">1名残疾职工 × 岗位补贴每人每年3000元</td><td class="long">待审批</td>',
        ],
        "/auditor/credit/": [
            "<h1>失信名单</h1>",
            '<p role="status">共找到 1 条失信记录</p>',
            f'href="/auditor/credit/{s.flag.pk}/">{B}</a></th><td>城厢镇</td><td>一般失信</td>'
            '<td class="long">2024年度保障金逾期一年未缴</td><td>2026-01-05</td><td>—</td><td>生效中</td>',
        ],
        "/auditor/credit/cases/": [
            "<h1>失信认定案件</h1>",
            '<p role="status">共找到 3 件案件</p>',
            f'href="/auditor/credit/cases/{s.ready_case.pk}/">{B}</a></th><td>一般失信</td>'
            '<td class="long">2025年度申报人数与社保记录不符</td>',
            f'href="/auditor/credit/cases/{s.case.pk}/">{A}</a></th><td>严重失信</td>',
            "<td>陈述申辩期内</td><td>人社局审核员</td>",
            "<td>待决定</td><td>人社局审核员</td>",
            "<td>已认定失信</td><td>残联审核员</td>",
        ],
        f"/auditor/credit/cases/{s.case.pk}/": [
            f"<h1>失信认定案件：{A}</h1>",
            "<dt>状态</dt><dd>陈述申辩期内</dd><dt>拟认定的失信等级</dt><dd>严重失信</dd>",
            "<dt>证据说明</dt><dd>2025年度核查第1次</dd>",
            f'<a href="/credit/files/{s.case.attachments.get().pk}/" download>核查记录.pdf',
            "<p>单位尚未陈述申辩，期限至",
        ],
        "/auditor/credit/export/?format=csv": [
            "单位名称,统一社会信用代码,所在区镇,失信等级,认定理由,起始日期,结束日期,状态",
            f"{B},{b.credit_code},城厢镇,一般失信,2024年度保障金逾期一年未缴,2026-01-05,,生效中",
        ],
        f"/auditor/credit/{s.flag.pk}/": [
            f"<h1>失信记录：{B}</h1>",
            "<dt>失信等级</dt><dd>一般失信</dd><dt>状态</dt><dd>生效中</dd>"
            "<dt>认定理由</dt><dd>2024年度保障金逾期一年未缴</dd><dt>证据</dt><dd>缴款通知第12号</dd>"
            "<dt>起始日期</dt><dd>2026-01-05</dd><dt>结束日期</dt><dd>—</dd>",
            "<p>单位没有提出异议。</p>",
        ],
        "/auditor/indicators/": [
            "<h1>“十四五”残疾人就业指标</h1>",
            # 王芳's employment at A from 2023-03-01 and her 2022 training, one each.
            '<p class="headline">2021—2025年累计 <strong>1</strong> 人，为目标的 0%：',
            '<th scope="row">2023年</th><td class="num">1</td><td class="num">1</td>',
            '<p class="headline">2021—2025年累计 <strong>1</strong> 人次，为目标的 0%：',
            '<th scope="row">2022年</th><td class="num">1</td><td class="num">1</td>',
            # The approved 2024 report of A: below the quota, owes 80,325.00, paid nothing.
            f'<th scope="row">城厢镇</th>{cells("0", "1", "0", "1")}',
            f'<th scope="row">2024年</th><td>2025年</td>{cells("80,325.00", "80,325.00", "0.00", "80,325.00", "0.00")}',
        ],
        "/auditor/training/": [
            "<h1>职业培训记录</h1>",
            "共找到 1 条记录",
            '<th scope="row">王芳</th><td>职业技能培训</td><td class="long">中式面点师培训</td>'
            "<td>太仓市残疾人职业培训基地</td><td>2022-03-01 至 2022-04-15</td>"
            '<td class="num">120</td><td>未取得</td><td>城厢镇</td>',
        ],
        "/auditor/training/new/": [
            "<h1>登记职业培训</h1>",
            *(f'name="{field}"' for field in ("certificate_no", "kind", "course_name", "provider")),
            *(f'name="{field}"' for field in ("start_date", "end_date", "hours")),
            '<button type="submit" class="button">登记</button>',
        ],
        f"/auditor/reports/{s.report_a.pk}/lines/{line.pk}/reveal/": [
            "<h1>查看完整证号：第 1 行 王芳</h1>",
            '<select name="purpose" required id="id_purpose">',
            'name="reason"',
            '<button type="submit" class="button">查看</button>',
        ],
    }


def decision_pages(s) -> dict[str, list[str]]:
    """The pages where an auditor decides, each with its heading, the facts and its fields."""
    return {
        f"/auditor/reports/{s.report_a.pk}/return/": [
            f"<h1>退回申报：{A} 2025年度</h1>",
            '<textarea name="reasons"',
            '<button type="submit" class="button">退回给单位</button>',
        ],
        f"/auditor/reports/{s.approved.pk}/notice/": [
            f"<h1>开具缴款通知：{A} 2024年度</h1>",
            'name="due_date"',
            '<button type="submit" class="button">开具缴款通知</button>',
        ],
        f"/auditor/notices/{s.notice.pk}/payment/": [
            f"<h1>登记缴款：{A} 2024年度</h1>",
            "<p>尚欠保障金 80325.00 元，当前缴款期限 2026-11-29。</p>",
            'name="amount"',
            'name="paid_on"',
            '<button type="submit" class="button">登记缴款</button>',
        ],
        f"/auditor/notices/{s.notice.pk}/adjust/": [
            f"<h1>困难减免或缓缴：{A}</h1>",
            '<input type="radio" name="kind" value="reduction"',
            '<input type="radio" name="kind" value="deferral"',
            'name="amount"',
            'name="new_due_date"',
            '<textarea name="reason"',
            '<button type="submit" class="button">批准</button>',
        ],
        f"/auditor/notices/{s.notice.pk}/cancel/": [
            f"<h1>作废缴款通知：{A}</h1>",
            '<textarea name="reason"',
            '<button type="submit" class="button">作废</button>',
        ],
        "/auditor/ledger/new/": [
            "<h1>登记补贴或奖励</h1>",
            f'<option value="{s.employer_a.pk}">{A}</option>',
            'name="data_year"',
            *(f'name="kind" value="{kind}"' for kind in ("post_subsidy", "insurance_subsidy", "meet_reward")),
            *(f'name="kind" value="{kind}"' for kind in ("above_reward", "agency_reward")),
            'name="amount"',
            '<textarea name="basis"',
            '<button type="submit" class="button">提出</button>',
        ],
        "/auditor/ledger/from-policy/": [
            "<h1>按政策提出达比例/超比例奖励</h1>",
            '<select name="data_year"',
            '<button type="submit" class="button">提出奖励</button>',
        ],
        f"/auditor/ledger/{s.entry.pk}/decide/": [
            f"<h1>审批：{A} 岗位补贴 3000.00 元</h1>",
            "<p>依据：1名残疾职工 × 岗位补贴每人每年3000元</p>",
            '<input type="radio" name="decision" value="approve"',
            '<input type="radio" name="decision" value="reject"',
            '<textarea name="note"',
        ],
        "/auditor/credit/new/": [
            "<h1>发起失信认定：告知单位</h1>",
            '<form method="post" novalidate enctype="multipart/form-data">',
            f'<option value="{s.employer_b.pk}">{B}</option>',
            '<input type="radio" name="level" value="general"',
            '<input type="radio" name="level" value="serious"',
            '<textarea name="reason"',
            '<textarea name="basis"',
            '<textarea name="evidence"',
            '<input type="file" name="files" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"',
            '<button type="submit" class="button">告知单位</button>',
        ],
        f"/auditor/credit/cases/{s.ready_case.pk}/decide/": [
            f"<h1>作出失信认定决定：{B}</h1>",
            "<dt>拟认定的失信等级</dt><dd>一般失信</dd><dt>事由</dt><dd>2025年度申报人数与社保记录不符</dd>"
            "<dt>陈述申辩</dt><dd>单位没有陈述申辩</dd>",
            '<input type="radio" name="decision" value="flag"',
            '<input type="radio" name="decision" value="drop"',
            '<textarea name="reason"',
            'name="start_date"',
            '<button type="submit" class="button">作出决定</button>',
        ],
        f"/auditor/credit/{s.flag.pk}/close/": [
            f"<h1>撤销或信用修复：{B}</h1>",
            '<input type="radio" name="action" value="lift"',
            '<input type="radio" name="action" value="repair"',
            '<textarea name="reason"',
        ],
    }


def assert_shows(response, expected: list[str], path: str) -> None:
    """The page opened and shows every fragment; a CSV export has exactly the expected lines."""
    assert response.status_code == 200, path
    if response["Content-Type"].startswith("text/csv"):
        assert response.content.decode("utf-8-sig").splitlines() == expected, path
        return
    body = compact(response.content.decode())
    missing = [fragment for fragment in expected if fragment not in body]
    assert not missing, (path, missing)


def test_the_auditor_opens_every_page_and_sees_its_heading_figures_and_fields(audited):
    client = signed_in(audited.auditor)
    for path, expected in {**reader_pages(audited), **decision_pages(audited)}.items():
        assert_shows(client.get(path), expected, path)


@pytest.mark.parametrize("role", ["seeker", "staff_a"])
def test_seekers_and_employer_staff_get_404_on_every_auditor_page(audited, role):
    client = signed_in(getattr(audited, role))
    for path in [*reader_pages(audited), *decision_pages(audited)]:
        assert client.get(path).status_code == 404, path


def test_signed_out_visitors_are_sent_to_the_login_page(audited):
    response = signed_in_anonymous().get("/auditor/compliance/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def signed_in_anonymous():
    from django.test import Client

    return Client()


def test_administrators_read_but_get_404_on_every_decision(audited):
    client = signed_in(audited.admin)
    for path, expected in reader_pages(audited).items():
        if "/reveal/" in path or "/training/new/" in path:
            continue
        assert_shows(client.get(path), expected, path)
    report = client.get(f"/auditor/reports/{audited.report_a.pk}/").content.decode()
    assert f'action="/auditor/reports/{audited.report_a.pk}/approve/"' not in report
    assert f'href="/auditor/reports/{audited.report_a.pk}/return/"' not in report
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
        f"/auditor/credit/cases/{s.case.pk}/",
        f"/auditor/credit/cases/{s.ready_case.pk}/decide/",
        f"/credit/files/{s.case.attachments.get().pk}/",
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
