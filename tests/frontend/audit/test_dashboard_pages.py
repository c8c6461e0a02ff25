"""The indicators dashboard (each chart an SVG with title and description, followed by the same
numbers in a table) and the training-record pages."""

import re
from datetime import date

from indicators.models import TrainingRecord

from .conftest import signed_in
from .factories import make_resident, train


def tables(body: str) -> list[str]:
    return re.findall(r"<table.*?</table>", body, flags=re.S)


def test_every_chart_has_a_title_and_description_and_is_followed_by_its_table(audited):
    client = signed_in(audited.auditor)
    assert client.post(f"/auditor/reports/{audited.report_c.pk}/approve/").status_code == 302
    body = client.get("/auditor/indicators/?year=2025").content.decode()
    charts = re.findall(r'<svg class="chart[^"]*" role="img" aria-labelledby="([\w-]+)-t ([\w-]+)-d"', body)
    assert [chart[0] for chart in charts] == [
        "chart-employment",
        "chart-training",
        "chart-region",
        "chart-org-type",
        "chart-levy",
    ]
    for chart_id, _ in charts:
        assert f'<title id="{chart_id}-t">' in body and f'<desc id="{chart_id}-d">' in body
        after = body[body.index(f'aria-labelledby="{chart_id}-t') :]
        assert after.index("</svg>") < after.index("<table")  # the table comes right after
    assert "style=" not in body


def test_the_plan_targets_are_shown_with_exact_numbers(audited):
    more = make_resident(name="陈静")
    train(more, by=audited.auditor, year=2024)
    train(more, by=audited.auditor, year=2024, course="家政服务员")
    train(
        more,
        by=audited.auditor,
        year=2025,
        course="中式面点师职业技能鉴定",
        kind="skills_assessment",
        hours=8,
    )
    body = signed_in(audited.auditor).get("/auditor/indicators/").content.decode()
    employment, training = tables(body)[:2]
    # One real-name employment (王芳, 2023-03-01): new in 2023, cumulative 1 thereafter.
    assert re.findall(
        r'<th scope="row">(\d{4})年</th><td class="num">(\d+)</td><td class="num">(\d+)</td>', employment
    ) == [
        ("2021", "0", "0"),
        ("2022", "0", "0"),
        ("2023", "1", "1"),
        ("2024", "0", "1"),
        ("2025", "0", "1"),
    ]
    # Training person-times: 王芳 2022, 陈静 twice in 2024; the 2025 assessment is counted apart.
    assert re.findall(
        r'<th scope="row">(\d{4})年</th><td class="num">(\d+)</td><td class="num">(\d+)</td>', training
    ) == [
        ("2021", "0", "0"),
        ("2022", "1", "1"),
        ("2023", "0", "1"),
        ("2024", "2", "3"),
        ("2025", "0", "3"),
    ]
    assert "2021—2025年累计 <strong>3</strong> 人次，为目标的 0%" in body
    assert "共涉及 2 人" in body and "职业技能鉴定 1 人次" in body


def test_employers_at_quota_by_town_and_type_come_from_approved_reports(audited):
    client = signed_in(audited.auditor)
    for report in (audited.report_a, audited.report_b, audited.report_c):
        assert client.post(f"/auditor/reports/{report.pk}/approve/").status_code == 302
    body = client.get("/auditor/indicators/?year=2025").content.decode()
    by_town = body[body.index("<caption>2025年度按区镇（单位：家）") :]
    cells = re.findall(
        r'<th scope="row">(\S+?)</th><td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">(\d+)</td>',
        by_town[: by_town.index("</table>")],
    )
    # 城厢镇: A meets the quota (D = 2 ≥ 1.5), B does not; 沙溪镇: C is exempt (20 staff) and meets it.
    assert cells == [("城厢镇", "1", "1", "0"), ("沙溪镇", "1", "0", "0")]


def test_the_levy_table_shows_assessed_noticed_and_paid(scene):
    body = signed_in(scene.auditor).get("/auditor/indicators/").content.decode()
    levy = body[body.index("<caption>按数据年度（保障金在下一年度征收") :]
    assert (
        '<th scope="row">2024年</th><td>2025年</td><td class="num">80,325.00</td><td class="num">80,325.00</td>'
        in levy
    )


def test_training_records_page_lists_and_adds_by_certificate_number(scene):
    client = signed_in(scene.auditor)
    assert "共找到 1 条记录" in client.get("/auditor/training/").content.decode()
    person = make_resident(name="周杰")
    number = person.decrypt("certificate")
    data = {
        "certificate_no": number,
        "kind": "skills_training",
        "course_name": "电子商务运营与网店客服",
        "provider": "太仓开放大学",
        "start_date": "2025-03-01",
        "end_date": "2025-04-20",
        "hours": "96",
        "certificate_obtained": "on",
        "certificate_name": "电子商务师（五级）",
    }
    response = client.post("/auditor/training/new/", data)
    assert response.status_code == 302 and response["Location"] == "/auditor/training/"
    record = TrainingRecord.objects.get(person=person)
    assert (record.course_name, record.hours, record.end_date, record.certificate_obtained) == (
        "电子商务运营与网店客服",
        96,
        date(2025, 4, 20),
        True,
    )
    assert record.region == person.region and record.recorded_by == scene.auditor


def test_an_unknown_certificate_or_a_bad_date_is_an_error_that_keeps_the_input(scene):
    response = signed_in(scene.auditor).post(
        "/auditor/training/new/",
        {
            "certificate_no": "32058519850615999X43",
            "kind": "skills_training",
            "course_name": "园林绿化工",
            "provider": "太仓市就业训练中心",
            "start_date": "2025-05-01",
            "end_date": "2025-04-01",
            "hours": "72",
        },
    )
    body = response.content.decode()
    assert "<title>错误：" in body and "没有找到持这个证号的人员" in body
    assert 'value="园林绿化工"' in body
    person = make_resident(name="吴勇")
    body = (
        signed_in(scene.auditor)
        .post(
            "/auditor/training/new/",
            {
                "certificate_no": person.decrypt("certificate"),
                "kind": "skills_training",
                "course_name": "园林绿化工",
                "provider": "太仓市就业训练中心",
                "start_date": "2025-05-01",
                "end_date": "2025-04-01",
                "hours": "72",
            },
        )
        .content.decode()
    )
    assert "结束日期不能早于开始日期" in body
    assert not TrainingRecord.objects.filter(person=person).exists()
