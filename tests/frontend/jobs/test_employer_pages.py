"""Employer pages: postings (create in two pages, edit, close), candidates, applications pipeline."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.accounts.choices import ConsentScope, EmployerStatus
from backend.accounts.models import AccessLog
from backend.accounts.services import consent_grant
from matching.models import Application, Employment, JobPosting, Occupation
from matching.services import index_rebuild
from tests import factories as base

from .factories import make_application, make_employer_user, make_posting, make_profile, make_seeker

pytestmark = pytest.mark.django_db

DETAILS = {
    "title": "电话客服",
    "description": "接听电话，解答客户问题，需要夜班。",
    "skills": "打字、普通话",
    "employment_form": "competitive",
    "region": "320585100",
    "address": "太仓市城厢镇上海东路1号",
    "hours": "full_time",
    "pay_min": "3500",
    "pay_max": "5000",
    "education": "none",
    "headcount": "2",
    "opens_on": "",
    "closes_on": "",
}


@pytest.fixture
def hr():
    return make_employer_user()


def test_employer_pages_are_404_for_other_roles(client_for, hr):
    posting = make_posting(hr)
    application = make_application(make_seeker(), posting)
    urls = [
        reverse("frontend:employer_postings"),
        reverse("frontend:posting_new"),
        reverse("frontend:posting_edit", args=[posting.pk]),
        reverse("frontend:posting_close", args=[posting.pk]),
        reverse("frontend:posting_candidates", args=[posting.pk]),
        reverse("frontend:employer_applications"),
        reverse("frontend:employer_application", args=[application.pk]),
    ]
    for user in (make_seeker(), base.make_auditor(), base.make_admin()):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.role, url)


def test_another_employers_posting_and_application_are_404_and_unchanged(client_for, hr):
    posting = make_posting(hr)
    application = make_application(make_seeker(), posting)
    other = client_for(make_employer_user())
    for url in (
        reverse("frontend:posting_edit", args=[posting.pk]),
        reverse("frontend:posting_checklist", args=[posting.pk]),
        reverse("frontend:posting_candidates", args=[posting.pk]),
        reverse("frontend:employer_application", args=[application.pk]),
    ):
        assert other.get(url).status_code == 404, url
    assert other.post(reverse("frontend:posting_close", args=[posting.pk])).status_code == 404
    assert (
        other.post(
            reverse("frontend:employer_application", args=[application.pk]), {"status": "rejected"}
        ).status_code
        == 404
    )
    posting.refresh_from_db()
    application.refresh_from_db()
    assert posting.status == "open"
    assert application.status == "applied"
    html = other.get(reverse("frontend:employer_applications")).content.decode()
    assert "没有符合条件的申请" in html


def test_postings_list_shows_mine_with_application_counts(client_for, hr):
    posting = make_posting(hr, title="数据录入员")
    make_application(make_seeker(), posting)
    make_application(make_seeker(), posting)
    make_posting(make_employer_user(), title="别家的岗位")
    html = client_for(hr).get(reverse("frontend:employer_postings")).content.decode()
    assert "数据录入员" in html
    assert "别家的岗位" not in html
    assert "2 份" in html


def test_create_in_two_pages_prefills_demands_and_publishes(client_for, hr):
    client = client_for(hr)
    response = client.post(reverse("frontend:posting_new"), DETAILS)
    assert response["Location"] == reverse("frontend:posting_new_checklist")
    assert not JobPosting.objects.exists()

    page = client.get(reverse("frontend:posting_new_checklist")).content.decode()
    # demands read from the text are ticked for the employer to confirm
    assert re.search(r'value="phone"[^>]*checked', page)
    assert re.search(r'value="night_shift"[^>]*checked', page)
    assert not re.search(r'value="driving"[^>]*checked', page)

    response = client.post(
        reverse("frontend:posting_new_checklist"),
        {"demands": ["phone"], "accommodations": ["text_channel", "screen_reader"], "occupation_code": ""},
    )
    assert response.status_code == 302
    posting = JobPosting.objects.get()
    assert posting.title == "电话客服"
    assert posting.skills == ["打字", "普通话"]
    assert posting.pay_min == Decimal("3500.00")
    assert posting.headcount == 2
    assert posting.region.code == "320585100"
    assert posting.demands == ["phone"]  # the employer's choice, not the derived one
    assert posting.demands_confirmed is True
    assert set(posting.accommodations) == {"text_channel", "screen_reader"}


def test_create_missing_title_keeps_the_input(client_for, hr):
    response = client_for(hr).post(reverse("frontend:posting_new"), {**DETAILS, "title": ""})
    html = response.content.decode()
    assert "<title>错误：" in html
    assert "请填写岗位名称" in html
    assert "太仓市城厢镇上海东路1号" in html


def test_a_service_rule_about_page_one_is_reported_on_page_one_before_page_two(client_for, hr):
    # Issue 14: the pay order used to be checked only after page 2, which then sent the
    # employer back to page 1; page 1 now asks the service itself.
    client = client_for(hr)
    response = client.post(reverse("frontend:posting_new"), {**DETAILS, "pay_min": "6000", "pay_max": "3000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：发布新岗位：岗位信息" in html
    assert "月薪上限不能低于下限" in html
    assert 'href="#id_pay_max"' in html
    assert 'value="6000"' in html
    assert not JobPosting.objects.exists()


def test_an_employer_not_yet_approved_is_told_why_it_cannot_publish(client_for):
    employer = base.make_employer(status=EmployerStatus.PENDING)
    client = client_for(base.make_employer_user(employer))
    client.post(reverse("frontend:posting_new"), DETAILS)
    html = client.post(reverse("frontend:posting_new_checklist"), {"demands": []}).content.decode()
    assert "单位尚未通过审核" in html
    assert not JobPosting.objects.exists()


def test_occupation_suggestions_fill_the_select_on_the_second_page(client_for, hr):
    Occupation.objects.create(code="4-04-05-03", name="呼叫中心服务员", level=4, aliases=["电话客服", "客服"])
    index_rebuild()
    client = client_for(hr)
    client.post(reverse("frontend:posting_new"), DETAILS)
    html = client.get(reverse("frontend:posting_new_checklist")).content.decode()
    assert '<option value="4-04-05-03" selected>呼叫中心服务员（4-04-05-03）</option>' in html
    client.post(
        reverse("frontend:posting_new_checklist"), {"demands": ["phone"], "occupation_code": "4-04-05-03"}
    )
    assert JobPosting.objects.get().occupation_code == "4-04-05-03"


def test_edit_keeps_confirmed_demands_when_the_text_is_unchanged(client_for, hr):
    posting = make_posting(hr, title="包装工", demands=["fine_manual"])
    client = client_for(hr)
    page_one = client.get(reverse("frontend:posting_edit", args=[posting.pk])).content.decode()
    assert 'value="包装工"' in page_one
    details = {**DETAILS, "title": "包装工", "description": posting.description, "skills": "包装"}
    client.post(reverse("frontend:posting_edit", args=[posting.pk]), {**details, "pay_max": "4800"})
    page_two = client.get(reverse("frontend:posting_checklist", args=[posting.pk])).content.decode()
    assert re.search(r'value="fine_manual"[^>]*checked', page_two)
    client.post(reverse("frontend:posting_checklist", args=[posting.pk]), {"demands": ["fine_manual"]})
    posting.refresh_from_db()
    assert posting.pay_max == Decimal("4800.00")
    assert posting.demands == ["fine_manual"]


def test_close_asks_first_then_closes(client_for, hr):
    posting = make_posting(hr)
    client = client_for(hr)
    assert "确认停止招聘" in client.get(reverse("frontend:posting_close", args=[posting.pk])).content.decode()
    posting.refresh_from_db()
    assert posting.status == "open"
    client.post(reverse("frontend:posting_close", args=[posting.pk]))
    posting.refresh_from_db()
    assert posting.status == "closed"


def test_candidates_never_show_disability_even_when_the_seeker_shares_it_on_applying(client_for, hr):
    # Changed rule: the sharing consent only lets an application show it (see
    # test_applicant_disability_is_shown_and_logged_when_shared_for_this_application).
    posting = make_posting(hr, title="包装工", skills=["包装"])
    sharing = make_seeker(name="王小明", category=4, grade=3)
    make_profile(sharing)
    consent_grant(person=sharing.person, scope=ConsentScope.DISABILITY_SHARING, purpose="给单位看")
    private = make_seeker(name="李大海", category=1, grade=1)
    make_profile(private)

    response = client_for(hr).get(reverse("frontend:posting_candidates", args=[posting.pk]))
    html = response.content.decode()

    assert response["Cache-Control"] == "no-store"
    assert "共推荐 2 位求职者" in html
    assert "王**" in html and "李**" in html
    assert "王小明" not in html and "李大海" not in html
    assert "肢体残疾" not in html and "三级" not in html and "视力残疾" not in html
    assert "残疾类别和等级" not in html
    assert not AccessLog.objects.exists()


def test_pipeline_moves_an_application_and_hiring_records_the_employment(client_for, hr):
    posting = make_posting(hr)
    seeker = make_seeker(name="张三")
    make_profile(seeker)
    application = make_application(seeker, posting)
    client = client_for(hr)
    url = reverse("frontend:employer_application", args=[application.pk])

    html = client.get(url).content.decode()
    assert "张三申请包装工" in html
    assert "求职者没有选择展示" in html
    for status in ("viewed", "interview"):
        assert client.post(url, {"status": status}).status_code == 302
    # A platform hire cannot start before the application was made (issue 10 §6).
    applied = timezone.localtime(application.created_at).date()
    early = client.post(
        url, {"status": "hired", "start_date": str(applied - timedelta(days=1))}
    ).content.decode()
    assert f"入职日期不能早于求职申请日期（{applied:%Y年%m月%d日}）" in early
    client.post(url, {"status": "hired", "start_date": str(applied)})

    application.refresh_from_db()
    assert application.status == "hired"
    employment = Employment.objects.get(application=application)
    assert employment.person == seeker.person
    assert employment.employer == posting.employer
    assert employment.start_date == applied
    assert "已经是最终状态" in client.get(url).content.decode()


def test_pipeline_refuses_a_move_not_allowed_and_without_a_choice(client_for, hr):
    application = make_application(make_seeker(), make_posting(hr))
    client = client_for(hr)
    url = reverse("frontend:employer_application", args=[application.pk])
    html = client.post(url, {}).content.decode()
    assert "请选择这份申请的下一步" in html
    html = client.post(url, {"status": "hired"}).content.decode()  # not offered from 已投递
    assert "<title>错误：" in html
    application.refresh_from_db()
    assert application.status == "applied"
    assert "入职日期" not in client.get(url).content.decode()  # hiring is not offered yet
    Application.objects.filter(pk=application.pk).update(status="interview")
    html = client.post(url, {"status": "offer", "start_date": "2025-03-03"}).content.decode()
    assert "只有办理入职时需要填写入职日期" in html
    assert 'value="2025-03-03"' in html


def test_applicant_disability_is_shown_and_logged_when_shared_for_this_application(client_for, hr):
    seeker = make_seeker(category=2, grade=2)
    make_profile(seeker, needs=["sign_language"])
    application = make_application(seeker, make_posting(hr), share_disability=True)
    html = (
        client_for(hr).get(reverse("frontend:employer_application", args=[application.pk])).content.decode()
    )
    assert "听力残疾，二级" in html
    assert "需要的支持：手语沟通" in html
    assert AccessLog.objects.filter(person=seeker.person, actor=hr).count() == 1


def test_applications_filter_by_posting_and_status(client_for, hr):
    first = make_posting(hr, title="包装工")
    second = make_posting(hr, title="保洁员")
    a = make_application(make_seeker(name="甲"), first)
    make_application(make_seeker(name="乙"), second)
    client = client_for(hr)
    html = client.get(reverse("frontend:employer_applications"), {"posting": first.pk}).content.decode()
    assert "共 1 份申请" in html
    assert '<th scope="row">甲</th>' in html
    Application.objects.filter(pk=a.pk).update(status="interview")
    html = client.get(reverse("frontend:employer_applications"), {"status": "applied"}).content.decode()
    assert '<th scope="row">乙</th>' in html
    assert '<th scope="row">甲</th>' not in html


def test_staff_without_an_employer_are_told_they_cannot_publish(client_for):
    user = base.make_user("employer")
    client = client_for(user)
    assert "还没有关联用人单位" in client.get(reverse("frontend:posting_new")).content.decode()
    html = client.post(reverse("frontend:posting_new_checklist"), {"demands": []}).content.decode()
    assert "还没有关联用人单位" in html
    assert not JobPosting.objects.exists()


def test_back_from_page_two_keeps_the_draft_but_a_fresh_start_does_not(client_for, hr):
    client = client_for(hr)
    client.post(reverse("frontend:posting_new"), DETAILS)
    page_two = client.get(reverse("frontend:posting_new_checklist")).content.decode()
    assert 'href="/employer/postings/new/?continue=1"' in page_two
    back = client.get(reverse("frontend:posting_new") + "?continue=1").content.decode()
    assert 'value="电话客服"' in back
    fresh = client.get(reverse("frontend:posting_new")).content.decode()
    assert 'value="电话客服"' not in fresh


def test_page_one_reports_form_and_service_problems_of_every_field_in_one_submit(client_for, hr):
    client = client_for(hr)
    response = client.post(
        reverse("frontend:posting_new"),
        {**DETAILS, "title": "", "region": "", "pay_min": "6000", "pay_max": "3000", "headcount": "x"},
    )
    html = response.content.decode()
    for field in ("title", "region", "pay_max", "headcount"):
        assert f'href="#id_{field}"' in html, field
    assert "月薪上限不能低于下限" in html and "请选择工作所在区镇" in html
    assert not JobPosting.objects.exists()


def test_pay_written_as_a_range_or_with_separators_is_read(client_for, hr):
    client = client_for(hr)
    response = client.post(reverse("frontend:posting_new"), {**DETAILS, "pay_min": "4k-5k", "pay_max": ""})
    assert response.status_code == 302
    client.post(reverse("frontend:posting_new_checklist"), {"demands": [], "accommodations": []})
    posting = JobPosting.objects.get()
    assert (posting.pay_min, posting.pay_max) == (Decimal("4000.00"), Decimal("5000.00"))

    response = client.post(
        reverse("frontend:posting_edit", args=[posting.pk]),
        {**DETAILS, "pay_min": "６,000", "pay_max": "9,000"},
    )
    assert response.status_code == 302


def test_accessibility_ticks_survive_a_refusal_on_page_two(client_for, hr):
    client = client_for(hr)
    client.post(reverse("frontend:posting_new"), DETAILS)
    ticks = {"accommodations": ["screen_reader"], "demands": [], "occupation_code": "not-a-code"}
    response = client.post(reverse("frontend:posting_new_checklist"), ticks)
    assert response.status_code == 200 and not JobPosting.objects.exists()
    again = client.get(reverse("frontend:posting_new_checklist")).content.decode()
    assert re.search(r'value="screen_reader"[^>]*checked', again)
