"""The wizard's roster-draft step: proposals listed with masked numbers, confirmed into the
roster or left off with a reason, errors in the summary and inline."""

from datetime import date

import pytest

from matching.models import Employment
from quota.models import RosterDraftDecision, RosterLine
from tests.quota.factories import make_person

from .conftest import signed_in
from .test_report_wizard import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(report_a, employer_a):
    person = make_person(name="陈平")
    Employment.objects.create(person=person, employer=employer_a, start_date=date(report_a.data_year, 4, 8))
    return person


def test_the_roster_step_offers_the_draft_and_lists_proposals_masked(client_a, report_a, proposal):
    assert "从实名制就业记录生成名册草稿" in client_a.get(page(report_a, "roster/")).content.decode()
    text = client_a.get(page(report_a, "roster/draft/")).content.decode()
    number = proposal.decrypt("certificate")
    assert '<th scope="row">陈平</th>' in text and "<td>4至12月</td>" in text
    assert number not in text and "平台招聘" in text and "共 1 人待处理" in text


def test_confirming_adds_the_line(client_a, report_a, proposal):
    url = page(report_a, f"roster/draft/{proposal.pk}/")
    months = [str(m) for m in range(4, 13)]
    missing = client_a.post(url, {"decision": "confirm", "months": months, "version": report_a.version})
    text = missing.content.decode()
    assert (
        "<title>错误：" in text
        and 'href="#id_monthly_wage">月工资（元）：确认加入名册时请填写月工资（元）</a>' in text
    )
    done = client_a.post(
        url, {"decision": "confirm", "months": months, "monthly_wage": "4800", "version": report_a.version}
    )
    assert done["Location"] == page(report_a, "roster/draft/")
    line = RosterLine.objects.get(report=report_a)
    assert (line.person, line.months, str(line.monthly_wage)) == (proposal, list(range(4, 13)), "4800.00")


def test_leaving_off_needs_a_reason(client_a, report_a, proposal):
    url = page(report_a, f"roster/draft/{proposal.pk}/")
    text = client_a.post(
        url, {"decision": "remove", "reason": " ", "version": report_a.version}
    ).content.decode()
    assert 'href="#id_reason">不列入名册的原因：请写明不列入名册的原因' in text
    client_a.post(url, {"decision": "remove", "reason": "已调往分公司", "version": report_a.version})
    assert RosterDraftDecision.objects.get().reason == "已调往分公司"
    assert "已调往分公司" in client_a.get(page(report_a, "roster/draft/")).content.decode()
    assert client_a.get(url).status_code == 404  # decided: no longer proposed


def test_other_employers_staff_get_404(staff_b, report_a, proposal):
    client = signed_in(staff_b)
    assert client.get(page(report_a, "roster/draft/")).status_code == 404
    assert client.get(page(report_a, f"roster/draft/{proposal.pk}/")).status_code == 404
