"""The seeker's journey pages (issue 14): start page after sign-in with profile completeness,
/jobs/ sorted with dates and 已投递, saved searches, 不合适 with undo, grouped support needs,
employment-form explanations and the Excel export."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from backend.accounts.models import AccessLog
from matching.models import MatchFeedback, SavedSearch
from matching.services import feedback_record, saved_search_create

from .factories import make_application, make_employer_user, make_posting, make_profile, make_seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr():
    return make_employer_user()


@pytest.fixture
def seeker():
    return make_seeker(name="王小明")


def test_a_seeker_lands_on_the_start_page_after_signing_in(client, seeker):
    seeker.set_password("Seeker-2025-pw")
    seeker.save()
    response = client.post(
        reverse("frontend:login"), {"username": seeker.username, "password": "Seeker-2025-pw"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:seeker_start")


def test_an_explicit_next_still_wins_over_the_start_page(client, seeker):
    seeker.set_password("Seeker-2025-pw")
    seeker.save()
    response = client.post(
        reverse("frontend:login") + "?next=/me/applications/",
        {"username": seeker.username, "password": "Seeker-2025-pw"},
    )
    assert response["Location"] == "/me/applications/"


def test_start_page_without_a_profile_asks_to_fill_it_in(client_for, seeker):
    html = client_for(seeker).get(reverse("frontend:seeker_start")).content.decode()
    assert "求职资料完成了 0%" in html
    assert "开始填写求职资料" in html


def test_start_page_names_the_missing_sections_with_links_to_the_fields(client_for, seeker, hr):
    make_profile(seeker, desired="包装工", skills=["包装"], regions=["320585100"])
    make_posting(hr, title="包装工")
    html = client_for(seeker).get(reverse("frontend:seeker_start")).content.decode()
    assert "求职资料完成了 60%" in html
    assert 'href="/me/profile/skills/#id_experience">填写工作经历</a>' in html
    assert 'href="/me/profile/pay/#id_expected_pay">填写期望月薪</a>' in html
    assert "为您推荐" in html and "包装工" in html


def test_start_page_lists_interview_invitations_first(client_for, seeker, hr):
    from matching.services import application_transition

    make_profile(seeker)
    application = make_application(seeker, make_posting(hr, title="仓库理货员"))
    application_transition(user=hr, application=application, status="interview")
    html = client_for(seeker).get(reverse("frontend:seeker_start")).content.decode()
    assert "等您处理的申请（1）" in html
    assert html.index("仓库理货员") < html.index("求职资料完成了")


def test_jobs_sorted_by_pay_show_dates_and_the_applied_mark(client_for, seeker, hr):
    make_profile(seeker)
    low = make_posting(hr, title="保洁员", pay_min="2500", pay_max="2800")
    high = make_posting(hr, title="数据录入员", pay_min="4000", pay_max="6000")
    unstated = make_posting(hr, title="门卫", pay_min=None, pay_max=None)
    make_application(seeker, low)
    html = client_for(seeker).get(reverse("frontend:jobs_search"), {"sort": "pay"}).content.decode()
    assert html.index(high.title) < html.index(low.title) < html.index(unstated.title)
    today = timezone.localdate()
    assert f'发布于 <time datetime="{today:%Y-%m-%d}">' in html
    assert html.count("已投递</p>") == 1
    card = html[html.index("保洁员") :]
    assert card.index("已投递") < card.index("</li>")


def test_the_applied_mark_costs_one_query_whatever_the_number_of_jobs(client_for, seeker, hr):
    make_profile(seeker)

    def queries():
        client = client_for(seeker)
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("frontend:jobs_search"), {"sort": "newest"})
        return len(ctx.captured_queries)

    for n in range(2):
        make_application(seeker, make_posting(hr, title=f"岗位{n}"))
    before = queries()
    for n in range(2, 6):
        make_application(seeker, make_posting(hr, title=f"岗位{n}"))
    assert queries() == before


def test_sort_by_match_needs_a_profile_and_says_so(client_for, seeker):
    response = client_for(seeker).get(reverse("frontend:jobs_search"), {"sort": "match"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "按匹配度排序需要先登录并填写求职资料" in html


def test_sort_by_match_puts_the_best_suggestion_first(client_for, seeker, hr):
    make_profile(seeker, desired="数据录入", skills=["打字", "Excel"])
    make_posting(hr, title="保洁员", description="办公楼保洁", skills=["保洁"])
    make_posting(hr, title="数据录入员", description="电脑录入资料", skills=["打字", "Excel"])
    html = client_for(seeker).get(reverse("frontend:jobs_search"), {"sort": "match"}).content.decode()
    assert html.index("数据录入员") < html.index("保洁员")


def test_save_this_search_from_the_jobs_page(client_for, seeker):
    client = client_for(seeker)
    html = client.get(
        reverse("frontend:jobs_search"), {"q": "客服", "hours": "part_time", "sort": "pay"}
    ).content
    assert "保存这个搜索" in html.decode()
    assert 'name="query" value="q=%E5%AE%A2%E6%9C%8D&amp;hours=part_time"' in html.decode()
    response = client.post(
        reverse("frontend:saved_search_new"),
        {"query": "q=%E5%AE%A2%E6%9C%8D&hours=part_time", "name": "", "frequency": "weekly"},
    )
    assert response["Location"] == reverse("frontend:saved_searches")
    search = SavedSearch.objects.get()
    assert (search.name, search.query, search.frequency) == (
        "“客服” · 兼职",
        {"q": "客服", "hours": ["part_time"]},
        "weekly",
    )
    listing = client.get(reverse("frontend:saved_searches")).content.decode()
    assert "每周提醒" in listing and "暂停提醒" in listing


def test_saving_a_search_under_a_used_name_comes_back_with_the_message_and_the_input(client_for, seeker):
    saved_search_create(user=seeker, query={"q": "包装"}, name="我的搜索")
    response = client_for(seeker).post(
        reverse("frontend:saved_search_new"),
        {"query": "q=%E5%AE%A2%E6%9C%8D", "name": "我的搜索", "frequency": "daily"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in html
    assert "已有同名的搜索，请换一个名称" in html
    assert 'value="我的搜索"' in html
    assert SavedSearch.objects.count() == 1


def test_pause_resume_and_delete_a_saved_search(client_for, seeker):
    search = saved_search_create(user=seeker, query={"q": "包装"}, name="包装")
    client = client_for(seeker)
    client.post(reverse("frontend:saved_search_pause", args=[search.pk]), {"active": "0"})
    search.refresh_from_db()
    assert not search.active
    assert "已暂停" in client.get(reverse("frontend:saved_searches")).content.decode()
    client.post(reverse("frontend:saved_search_pause", args=[search.pk]), {"active": "1"})
    search.refresh_from_db()
    assert search.active
    client.post(reverse("frontend:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


def test_another_seekers_saved_search_and_feedback_are_not_found(client_for, seeker, hr):
    search = saved_search_create(user=seeker, query={"q": "包装"})
    feedback = feedback_record(user=seeker, posting=make_posting(hr), reason="too_far")
    client = client_for(make_seeker())
    assert client.post(reverse("frontend:saved_search_delete", args=[search.pk])).status_code == 404
    assert client.post(reverse("frontend:not_suitable_undo", args=[feedback.pk])).status_code == 404
    assert SavedSearch.objects.exists() and MatchFeedback.objects.exists()


def test_not_suitable_list_shows_the_reason_and_undo_brings_the_job_back(client_for, seeker, hr):
    make_profile(seeker)
    posting = make_posting(hr, title="包装工")
    feedback_record(user=seeker, posting=posting, reason="low_pay", text="比现在还低")
    client = client_for(seeker)
    assert "包装工" not in client.get(reverse("frontend:matched_jobs")).content.decode()
    html = client.get(reverse("frontend:not_suitable")).content.decode()
    assert "工资低：比现在还低" in html
    feedback = MatchFeedback.objects.get()
    response = client.post(reverse("frontend:not_suitable_undo", args=[feedback.pk]), follow=True)
    assert "已撤销对「包装工」的“不合适”" in response.content.decode()
    assert not MatchFeedback.objects.exists()
    assert "包装工" in client.get(reverse("frontend:matched_jobs")).content.decode()


def test_support_needs_are_grouped_in_fieldsets_with_legends(client_for, seeker):
    html = (
        client_for(seeker).get(reverse("frontend:seeker_profile_step", args=["disability"])).content.decode()
    )
    for legend in ("看（视力）", "听和说（听力、言语）", "行动和动手（肢体）", "理解和情绪（智力、精神）"):
        assert f"<legend>{legend}</legend>" in html
    vision = html[html.index("<legend>看（视力）</legend>") : html.index("<legend>听和说")]
    assert "读屏软件" in vision and "手语沟通" not in vision


def test_employment_forms_are_explained_where_chosen_and_shown(client_for, seeker, hr):
    client = client_for(seeker)
    place = client.get(reverse("frontend:seeker_profile_step", args=["place"])).content.decode()
    assert "这几种就业形式是什么意思？" in place and "残疾人之家" in place
    assert "这几种就业形式是什么意思？" in client.get(reverse("frontend:jobs_search")).content.decode()
    posting = make_posting(hr, employment_form="sheltered")
    detail = client.get(reverse("frontend:job_detail", args=[posting.pk])).content.decode()
    assert "福利企业" in detail


def test_personal_data_export_as_excel_has_a_sheet_per_section_and_is_logged(client_for, seeker, hr):
    make_profile(seeker, desired="包装工")
    make_application(seeker, make_posting(hr, title="包装工"))
    feedback_record(user=seeker, posting=make_posting(hr, title="叉车司机"), reason="not_fit_body")
    logs = AccessLog.objects.filter(person=seeker.person).count()
    response = client_for(seeker).get(reverse("frontend:my_data_download"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == 'attachment; filename="my-data.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "个人信息和求职资料",
        "求职申请",
        "不合适反馈",
        "保存的搜索",
        "同意记录",
        "查阅记录",
    ]
    profile = {row[0]: row[1] for row in book["个人信息和求职资料"].iter_rows(min_row=2, values_only=True)}
    assert profile["姓名"] == "王小明"
    assert profile["身份证号"] == seeker.person.decrypt("resident_id")  # in full: it is their own
    assert profile["想做的工作"] == "包装工"
    assert [c.value for c in book["求职申请"][1]][:3] == ["岗位", "单位", "状态"]
    assert book["求职申请"]["C2"].value == "已投递"
    assert book["不合适反馈"]["C2"].value == "不适合我的身体情况"
    # The owner's own download is not logged (as with the JSON one) ...
    assert AccessLog.objects.filter(person=seeker.person).count() == logs
    # JSON is still there.
    assert (
        client_for(seeker)
        .get(reverse("frontend:my_data_download"))["Content-Type"]
        .startswith("application/json")
    )


def test_the_excel_export_through_an_admin_linked_login_is_logged_like_the_json_one(client_for, seeker):
    from tests import factories as base

    seeker.person_linked_by = base.make_admin()
    seeker.save(update_fields=["person_linked_by"])
    response = client_for(seeker).get(reverse("frontend:my_data_download"), {"format": "xlsx"})
    assert response.status_code == 200
    log = AccessLog.objects.get(person=seeker.person)
    assert (log.actor, log.reason) == (seeker, "下载本人全部信息")


def test_future_postings_are_not_in_the_sorted_list(client_for, seeker, hr):
    make_posting(hr, title="下周的岗位", opens_on=timezone.localdate() + timedelta(days=7))
    html = client_for(seeker).get(reverse("frontend:jobs_search"), {"sort": "newest"}).content.decode()
    assert "下周的岗位" not in html
