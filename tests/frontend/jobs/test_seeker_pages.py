"""Job-seeker pages: suggestions with reasons, search, detail, apply, "不合适", my applications."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from backend.accounts.choices import ConsentScope
from backend.accounts.models import Consent
from matching.models import Application, MatchFeedback
from tests import factories as base

from .factories import make_application, make_employer_user, make_posting, make_profile, make_seeker

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")

SEEKER_PAGES = ["matched_jobs", "my_applications", "seeker_profile"]


@pytest.fixture
def hr():
    return make_employer_user()


@pytest.fixture
def seeker():
    user = make_seeker()
    make_profile(user)
    return user


def test_suggestions_list_the_matching_job_with_reasons_in_plain_words(client_for, hr, seeker):
    make_posting(hr, title="包装工", skills=["包装"], accommodations=["lifting_aid"])
    make_posting(hr, title="叉车司机", description="驾驶叉车搬运货物", skills=["叉车"])
    make_profile(seeker, needs=["lifting_aid"])

    response = client_for(seeker).get(reverse("frontend:matched_jobs"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "共为您找到" in html
    assert "包装工" in html
    assert "您会的 包装 正是这个岗位需要的" in html
    assert "单位提供搬运辅助/坐姿作业，正是您需要的" in html


def test_a_card_shows_the_three_strongest_reasons_marked_and_sourced_and_folds_the_rest(
    client_for, hr, seeker
):
    # Issue 13: ✓ fits and ⚠ gaps, each saying where it comes from; the rest expandable.
    make_posting(
        hr,
        title="包装工",
        skills=["包装", "贴标"],
        accommodations=["lifting_aid"],
        pay_min="2000",
        pay_max="2500",
    )
    make_profile(seeker, needs=["lifting_aid"], expected_pay="4000")

    html = client_for(seeker).get(reverse("frontend:matched_jobs")).content.decode()

    card = html[html.index('<li class="job-card">') :]
    shown, folded = card.split('<details class="more-reasons">', 1)
    assert shown.count('class="reason reason-') == 3
    assert '<span class="visually-hidden">符合：</span>您会的 包装 正是这个岗位需要的' in shown
    assert "（依据：您填写的技能和经历，岗位要求的技能）" in shown
    assert "其余" in folded and "条理由" in folded
    # The pay below the wish is a gap, said in words for screen readers as well as by ⚠.
    assert '<span class="visually-hidden">请留意：</span>工资 2000–2500 元/月，低于您期望的 4000 元' in card


def test_suggestions_say_how_a_conflict_with_the_disability_is_resolved(client_for, hr):
    make_posting(
        hr, title="仓库理货员", description="需要搬运货物", skills=["理货"], accommodations=["lifting_aid"]
    )
    seeker = make_seeker(category=4, grade=2)
    make_profile(seeker, desired="理货员", skills=["理货"])

    html = client_for(seeker).get(reverse("frontend:matched_jobs")).content.decode()

    assert "和您身体情况有关的" in html
    assert "<li>已解决：单位提供搬运辅助/坐姿作业，可以解决搬运和久站的问题</li>" in html


def test_without_consent_no_disability_points_are_shown(client_for, hr):
    make_posting(
        hr, title="仓库理货员", description="需要搬运货物", skills=["理货"], accommodations=["lifting_aid"]
    )
    seeker = make_seeker(category=4, grade=2, matching_consent=False)
    make_profile(seeker, desired="理货员", skills=["理货"])

    html = client_for(seeker).get(reverse("frontend:matched_jobs")).content.decode()

    assert "仓库理货员" in html
    assert "和您身体情况有关的" not in html


def test_suggestions_ask_for_a_profile_first(client_for):
    user = make_seeker()
    html = client_for(user).get(reverse("frontend:matched_jobs")).content.decode()
    assert "先填写求职资料" in html
    assert reverse("frontend:seeker_profile_step", args=["wish"]) in html


@pytest.mark.parametrize("name", SEEKER_PAGES)
def test_seeker_pages_are_404_for_other_roles(client, hr, name):
    for user in (hr, base.make_auditor(), base.make_admin()):
        client.force_login(user)
        assert client.get(reverse(name if ":" in name else f"frontend:{name}")).status_code == 404


def test_seeker_pages_send_anonymous_users_to_login(client):
    response = client.get(reverse("frontend:matched_jobs"))
    assert response.status_code == 302
    assert reverse("frontend:login") in response["Location"]


def test_search_filters_by_keyword_and_accommodation(client, hr):
    make_posting(hr, title="电话客服", skills=["客服"], accommodations=["screen_reader"])
    make_posting(hr, title="包装工")

    html = client.get(
        reverse("frontend:jobs_search"), {"q": "客服", "accommodations": "screen_reader"}
    ).content.decode()

    assert "共找到 1 个岗位" in html
    assert "电话客服" in html
    assert "包装工</a>" not in html


def test_search_without_parameters_lists_every_open_job(client, hr):
    make_posting(hr, title="包装工")
    make_posting(hr, title="数据录入员")
    html = client.get(reverse("frontend:jobs_search")).content.decode()
    assert "共找到 2 个岗位" in html


def test_search_with_bad_pay_shows_the_error_and_keeps_the_input(client):
    response = client.get(reverse("frontend:jobs_search"), {"q": "客服", "pay_min": "-5"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：找工作" in html
    assert "月薪不能为负数" in html
    assert 'value="客服"' in html


def test_search_reads_pay_written_with_thousands_separators(client, hr):
    make_posting(hr, title="包装工", pay_min="5000", pay_max="6500")
    make_posting(hr, title="数据录入员", pay_min="3000", pay_max="4000")

    html = client.get(reverse("frontend:jobs_search"), {"pay_min": "6,000"}).content.decode()

    assert "共找到 1 个岗位" in html and "包装工" in html
    half = client.get(reverse("frontend:jobs_search"), {"pay_min": "3000.5"}).content.decode()
    assert "请填写整数" in half


def test_search_pagination_keeps_repeated_filters(client, hr):
    for n in range(12):
        make_posting(hr, title=f"包装工{n}", accommodations=["screen_reader", "elevator"])
    html = client.get(
        reverse("frontend:jobs_search"), {"accommodations": ["screen_reader", "elevator"]}
    ).content.decode()
    assert "共找到 12 个岗位" in html
    assert "accommodations=screen_reader&amp;accommodations=elevator&amp;page=2" in html


def test_job_detail_shows_accommodations_demands_and_guaranteed_interview(client, hr):
    posting = make_posting(
        hr,
        title="仓库理货员",
        description="需要搬运货物，夜班。",
        accommodations=["elevator", "sign_language"],
        guaranteed_interview=True,
    )
    html = client.get(reverse("frontend:job_detail", args=[posting.pk])).content.decode()
    assert "<li>电梯</li>" in html
    assert "<li>手语沟通</li>" in html
    assert "<li>搬运和久站</li>" in html
    assert "<li>夜班倒班</li>" in html
    assert "保障面试" in html


def test_job_detail_of_another_employers_closed_posting_is_404(client_for, hr):
    from matching.services import posting_close

    posting = make_posting(hr)
    posting_close(user=hr, posting=posting)
    other = make_employer_user()
    assert client_for(other).get(reverse("frontend:job_detail", args=[posting.pk])).status_code == 404
    response = client_for(hr).get(reverse("frontend:job_detail", args=[posting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>包装工</h1>" in html
    assert '<p class="notice">这个岗位已停止招聘。</p>' in html
    assert f'<th scope="row">单位</th><td>{posting.employer.name}</td>' in html
    assert '<th scope="row">月薪</th><td>3000–4000 元' in html
    assert '<p class="description">负责产品包装、贴标，坐姿作业。</p>' in html
    assert f'href="/employer/postings/{posting.pk}/edit/">修改这个岗位</a>' in html


def test_apply_records_the_application_and_the_sharing_consent(client_for, hr, seeker):
    posting = make_posting(hr)
    response = client_for(seeker).post(
        reverse("frontend:job_apply", args=[posting.pk]), {"share_disability": "on", "note": "可以下周面试"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:my_applications")
    application = Application.objects.get(posting=posting, seeker__person=seeker.person)
    assert application.share_disability is True
    assert application.note == "可以下周面试"
    assert Consent.objects.filter(
        person=seeker.person, scope=ConsentScope.DISABILITY_SHARING, withdrawn_at__isnull=True
    ).exists()


def test_apply_without_sharing_records_no_sharing_consent(client_for, hr, seeker):
    posting = make_posting(hr)
    client_for(seeker).post(reverse("frontend:job_apply", args=[posting.pk]), {"note": ""})
    application = Application.objects.get(posting=posting)
    assert application.share_disability is False
    assert not Consent.objects.filter(person=seeker.person, scope=ConsentScope.DISABILITY_SHARING).exists()


def test_applying_twice_is_refused_in_chinese_without_a_second_application(client_for, hr, seeker):
    posting = make_posting(hr)
    make_application(seeker, posting)
    response = client_for(seeker).post(reverse("frontend:job_apply", args=[posting.pk]), {"note": "再次申请"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in html
    assert "<li>您已经申请过这个岗位</li>" in html
    assert "data-applied" in html
    assert "确认申请</button>" not in html
    assert Application.objects.count() == 1


@time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI), tick=False)
@pytest.mark.parametrize("page", ["frontend:job_detail", "frontend:job_apply"])
def test_after_applying_the_page_says_when_and_links_to_my_applications_instead_of_the_form(
    client_for, hr, seeker, page
):
    posting = make_posting(hr)
    make_application(seeker, posting)

    response = client_for(seeker).get(reverse(page, args=[posting.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "已投递（2026年3月2日，状态：已投递）。" in html
    assert f'<a href="{reverse("frontend:my_applications")}">查看我的申请</a>' in html
    assert "确认申请</button>" not in html
    assert reverse("frontend:job_apply", args=[posting.pk]) + '">申请这个岗位' not in html


def test_after_withdrawing_the_apply_form_is_offered_again(client_for, hr, seeker):
    from matching.services import application_withdraw

    posting = make_posting(hr)
    application_withdraw(user=seeker, application=make_application(seeker, posting))

    html = client_for(seeker).get(reverse("frontend:job_apply", args=[posting.pk])).content.decode()

    assert "确认申请</button>" in html
    assert "data-applied" not in html


def test_too_long_note_is_refused_with_the_field_message(client_for, hr, seeker):
    posting = make_posting(hr)
    response = client_for(seeker).post(reverse("frontend:job_apply", args=[posting.pk]), {"note": "字" * 501})
    html = response.content.decode()
    assert "留言不超过500个字" in html
    assert 'href="#id_note"' in html
    assert not Application.objects.exists()


def test_not_suitable_hides_the_job_from_suggestions(client_for, hr, seeker):
    posting = make_posting(hr)
    client = client_for(seeker)
    assert "包装工" in client.get(reverse("frontend:matched_jobs")).content.decode()

    response = client.post(reverse("frontend:job_feedback", args=[posting.pk]), {"reason": "too_far"})

    assert response.status_code == 302
    feedback = MatchFeedback.objects.get(posting=posting)
    assert feedback.reason == "too_far"
    html = client.get(reverse("frontend:matched_jobs")).content.decode()
    assert f'href="/jobs/{posting.pk}/"' not in html
    assert "以后不再向您推荐「包装工」" in html


def test_not_suitable_without_a_reason_is_an_error(client_for, hr, seeker):
    posting = make_posting(hr)
    response = client_for(seeker).post(reverse("frontend:job_feedback", args=[posting.pk]), {"text": "太累"})
    html = response.content.decode()
    assert "请选择不合适的原因" in html
    assert 'value="太累"' in html
    assert not MatchFeedback.objects.exists()


def test_my_applications_lists_only_mine_and_withdraw_works(client_for, hr, seeker):
    posting = make_posting(hr, title="数据录入员")
    mine = make_application(seeker, posting)
    other = make_seeker()
    make_profile(other)
    theirs = make_application(other, make_posting(hr, title="保洁员"))
    client = client_for(seeker)

    html = client.get(reverse("frontend:my_applications")).content.decode()
    assert "数据录入员" in html
    assert "保洁员" not in html

    # another seeker's application: 404 and unchanged
    assert client.post(reverse("frontend:my_application_withdraw", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "applied"

    client.post(reverse("frontend:my_application_withdraw", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == "withdrawn"


def test_withdraw_is_post_only(client_for, hr, seeker):
    application = make_application(seeker, make_posting(hr))
    assert (
        client_for(seeker).get(reverse("frontend:my_application_withdraw", args=[application.pk])).status_code
        == 405
    )


@pytest.mark.parametrize(
    ("box", "expected"),
    [("remote", {"居家客服", "远程录入员"}), ("guaranteed_interview", {"保障面试包装工"})],
)
def test_search_checkbox_filters_list_exactly_the_matching_jobs(client, hr, box, expected):
    make_posting(hr, title="居家客服", employment_form="home", region=None)
    make_posting(hr, title="远程录入员", accommodations=["remote"])
    make_posting(hr, title="保障面试包装工", guaranteed_interview=True)
    make_posting(hr, title="普通包装工")

    response = client.get(reverse("frontend:jobs_search"), {box: "on"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "不在可用的选项中" not in html
    assert "错误：" not in html
    assert f"共找到 {len(expected)} 个岗位" in html
    for title in {"居家客服", "远程录入员", "保障面试包装工", "普通包装工"}:
        assert (f">{title}</a>" in html) == (title in expected), title


def test_search_with_both_boxes_unticked_does_not_filter(client, hr):
    make_posting(hr, title="居家客服", employment_form="home", region=None)
    make_posting(hr, title="普通包装工")
    html = client.get(reverse("frontend:jobs_search"), {"q": ""}).content.decode()
    assert "共找到 2 个岗位" in html


MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
NEXT_MONDAY = datetime(2026, 3, 9, 0, 5, tzinfo=SHANGHAI)


def test_a_future_dated_posting_is_not_on_the_market_and_says_when_it_opens(client, hr, seeker):
    with time_machine.travel(MONDAY, tick=False):
        posting = make_posting(hr, title="下周客服", opens_on=NEXT_MONDAY.date())
        make_posting(hr, title="现在包装工")

        listing = client.get(reverse("frontend:jobs_search")).content.decode()
        assert "共找到 1 个岗位" in listing
        assert "下周客服" not in listing
        for user in (None, seeker):
            client.logout()
            if user:
                client.force_login(user)
            pages = ["frontend:job_detail"] + (
                ["frontend:job_apply", "frontend:job_feedback"] if user else []
            )
            for page in pages:
                response = client.get(reverse(page, args=[posting.pk]))
                html = response.content.decode()
                assert response.status_code == 404, page
                assert "<h1>这个岗位还没有开始招聘</h1>" in html, page
                assert "这个岗位将于2026年3月9日开始招聘" in html, page
                assert "Not Found" not in html and "下周客服" not in html, page
        client.logout()
        api = client.get(f"/api/v1/jobs/{posting.pk}/")
        assert api.status_code == 404
        assert api.json()["detail"] == "未找到。"

        client.force_login(hr)
        own = client.get(reverse("frontend:employer_postings")).content.decode()
        assert "<td>待发布（2026年3月9日起）</td>" in own
        assert own.count("<td>招聘中</td>") == 1  # only 现在包装工
        detail = client.get(reverse("frontend:job_detail", args=[posting.pk])).content.decode()
        assert "这个岗位将于2026年3月9日开始招聘，在此之前求职者看不到它。" in detail
        assert "已停止招聘" not in detail

    with time_machine.travel(NEXT_MONDAY, tick=False):
        client.force_login(seeker)
        assert "共找到 2 个岗位" in client.get(reverse("frontend:jobs_search")).content.decode()
        html = client.get(reverse("frontend:job_detail", args=[posting.pk])).content.decode()
        assert "确认申请" not in html and reverse("frontend:job_apply", args=[posting.pk]) in html


def test_a_posting_out_of_sight_for_another_reason_keeps_the_plain_404_page(client, hr):
    from matching.services import posting_close

    posting = make_posting(hr)
    posting_close(user=hr, posting=posting)
    html = client.get(reverse("frontend:job_detail", args=[posting.pk])).content.decode()
    assert "<h1>找不到这个页面</h1>" in html
    assert "开始招聘" not in html
