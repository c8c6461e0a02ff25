"""Administrators edit policy parameters in the admin (with history); reports are read-only there."""

import json
import re

import pytest
from django.test import Client

from backend.accounts.choices import Role
from quota.models import QuotaPolicy

from .factories import make_line, make_person, make_report, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    client = Client()
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))
    return client


def compact(html: str) -> str:
    """The page without the whitespace between tags."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html))


def test_policy_admin_pages_and_history_show_the_taicang_2026_parameters(browser):
    # The data migration's Taicang row for levy year 2026: 1.5 %, minimum wage 2,490 a month,
    # social average wage 124,000 a year, wage cap 2 ×.
    row = QuotaPolicy.objects.get(region__code="320585", levy_year_from=2026)
    pages = {
        "/admin/quota/quotapolicy/": [
            "<h1>选择 按比例就业政策参数 来修改</h1>",
            f'<a href="/admin/quota/quotapolicy/{row.pk}/change/">太仓市</a></th>'
            '<td class="field-levy_year_from">2026</td><td class="field-levy_year_to">2026</td>'
            '<td class="field-quota_ratio">0.01500</td>',
            '<td class="field-minimum_wage_monthly">2490.00</td>'
            '<td class="field-social_average_wage">124000.00</td>',
        ],
        "/admin/quota/quotapolicy/add/": [
            "<h1>增加 按比例就业政策参数</h1>",
            '<select name="region"',
            *(
                f'name="{field}"'
                for field in (
                    "levy_year_from",
                    "levy_year_to",
                    "quota_ratio",
                    "tiered_reduction",
                    "exemption_max_headcount",
                    "wage_cap_multiple",
                    "social_average_wage",
                    "minimum_wage_monthly",
                    "surcharge_daily_rate",
                    "sources",
                    "unconfirmed",
                )
            ),
        ],
        f"/admin/quota/quotapolicy/{row.pk}/change/": [
            "<h1>修改 按比例就业政策参数</h1><h2>太仓市 2026—2026 征收年度</h2>",
            f'<option value="{row.region_id}" selected>太仓市</option>',
            'name="levy_year_from" value="2026"',
            'name="levy_year_to" value="2026"',
            'name="quota_ratio" value="0.01500"',
            'name="wage_cap_multiple" value="2.00"',
            'name="social_average_wage" value="124000.00"',
            'name="minimum_wage_monthly" value="2490.00"',
        ],
        f"/admin/quota/quotapolicy/{row.pk}/history/": [
            "<h1>变更历史： 太仓市 2026—2026 征收年度</h1>",
            "<td>已创建</td>",
            "<td> 数据迁移：初始政策参数 </td>",
        ],
    }
    for url, expected in pages.items():
        response = browser.get(url)
        assert response.status_code == 200, url
        body = compact(response.content.decode())
        assert [fragment for fragment in expected if fragment not in body] == [], url


def test_policy_admin_refuses_an_overlapping_period(browser):
    row = QuotaPolicy.objects.get(region__code="32", levy_year_from=2023)
    data = {
        name: value
        for name, value in QuotaPolicy.objects.filter(pk=row.pk).values()[0].items()
        if value is not None
    }
    data.update(
        region=row.region_id, levy_year_from=2024, levy_year_to=2024, exempt_org_types='["enterprise"]'
    )
    data.update(sources="{}", unconfirmed="[]", retirement_schedules=json.dumps(data["retirement_schedules"]))
    data = {k: v for k, v in data.items() if k not in ("id", "region_id", "updated_at")}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    response = browser.post("/admin/quota/quotapolicy/add/", data)
    assert response.status_code == 200
    assert "重叠" in response.content.decode()
    assert not QuotaPolicy.objects.filter(region=row.region, levy_year_from=2024).exists()


def test_reports_are_read_only_in_the_admin(browser, employer_a, staff_a):
    report = make_report(employer_a, by=staff_a)
    person = make_person()
    make_line(report, person)
    response = browser.get(f"/admin/quota/quotareport/{report.pk}/change/")
    assert response.status_code == 200
    body = compact(response.content.decode())
    assert "<h1>查看 按比例就业年度申报</h1><h2>甲公司 2024年度申报（草稿）</h2>" in body
    assert '<label>在职职工年平均人数:</label><div class="readonly">100.0000</div>' in body
    assert '<label>在职职工工资总额（元）:</label><div class="readonly">5950000.00</div>' in body
    assert f'<a href="/admin/accounts/person/{person.pk}/change/">{person.name}</a>' in body
    assert '<td class="field-monthly_wage"><p>5000.00</p></td>' in body
    for editable in ('name="_save"', 'name="employee_count"', 'name="total_wages"', 'name="roster-0-months"'):
        assert editable not in body  # read-only: no save button and no input for any figure
    assert browser.get("/admin/quota/quotareport/add/").status_code == 403
    assert browser.post(f"/admin/quota/quotareport/{report.pk}/delete/", {"post": "yes"}).status_code == 403
    assert report.__class__.objects.filter(pk=report.pk).exists()
