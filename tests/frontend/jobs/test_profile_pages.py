"""The seeker's profile in short steps: a draft kept between pages, a review page, one save."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from backend.accounts.choices import ConsentScope
from backend.accounts.selectors import person_active_consents
from matching.models import SeekerProfile
from tests import factories as base

from .factories import make_profile, make_seeker

pytestmark = pytest.mark.django_db

STEPS = ["wish", "skills", "place", "pay", "disability"]
ANSWERS = {
    "wish": {"desired": "客服、数据录入", "visible_to_employers": "on"},
    "skills": {"skills": "打字、Excel", "experience": "在超市做过两年收银", "education": "vocational"},
    "place": {
        "regions": ["320585100", "320585101"],
        "employment_forms": ["competitive"],
        "hours": ["full_time"],
    },
    "pay": {"expected_pay": "3500"},
    "disability": {"needs": ["screen_reader", "elevator"], "can_do": ["screen_text"]},
}


def step_url(slug, **query):
    url = reverse("frontend:seeker_profile_step", args=[slug])
    return url + ("?from=review" if query.get("from_review") else "")


def walk(client, answers=ANSWERS):
    responses = [client.post(step_url(slug), answers[slug]) for slug in STEPS]
    return responses


def test_each_step_leads_to_the_next_and_the_last_to_the_review(client_for):
    user = make_seeker()
    responses = walk(client_for(user))
    locations = [r["Location"] for r in responses]
    assert locations == [step_url(s) for s in STEPS[1:]] + [reverse("frontend:seeker_profile_review")]


def test_nothing_is_saved_until_the_review_is_confirmed(client_for):
    user = make_seeker(matching_consent=False)
    client = client_for(user)
    walk(client, {**ANSWERS, "disability": {**ANSWERS["disability"], "use_disability_for_matching": "on"}})

    assert not SeekerProfile.objects.filter(person=user.person).exists()
    assert person_active_consents(user.person) == set()

    review = client.get(reverse("frontend:seeker_profile_review")).content.decode()
    assert "客服、数据录入" in review
    assert "城厢镇、沙溪镇" in review
    assert "读屏软件、电梯" in review


def test_confirming_the_review_saves_the_profile_and_the_consents(client_for):
    user = make_seeker(matching_consent=False)
    client = client_for(user)
    disability = {**ANSWERS["disability"], "use_disability_for_matching": "on"}
    walk(client, {**ANSWERS, "disability": disability})

    response = client.post(reverse("frontend:seeker_profile_review"))

    assert response.status_code == 302
    assert response["Location"] == reverse("frontend:matched_jobs")
    profile = SeekerProfile.objects.get(person=user.person)
    assert profile.desired == "客服、数据录入"
    assert profile.skills == ["打字", "Excel"]
    assert profile.education == "vocational"
    assert profile.regions == ["320585100", "320585101"]
    assert profile.expected_pay == Decimal("3500.00")
    assert profile.needs == ["elevator", "screen_reader"]
    assert profile.can_do == ["screen_text"]
    # the two consents are separate: only the one ticked is recorded
    assert person_active_consents(user.person) == {ConsentScope.DISABILITY_MATCHING}


def test_both_consents_are_off_by_default(client_for):
    user = make_seeker(matching_consent=False)
    html = client_for(user).get(step_url("disability")).content.decode()
    for name in ("use_disability_for_matching", "share_disability_with_employers"):
        tag = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', html).group(0)
        assert "checked" not in tag


def test_unticking_a_consent_withdraws_it(client_for):
    user = make_seeker(matching_consent=True)
    make_profile(user)
    client = client_for(user)
    html = client.get(step_url("disability")).content.decode()
    assert "checked" in re.search(
        r'<input type="checkbox" name="use_disability_for_matching"[^>]*>', html
    ).group(0)

    client.post(step_url("disability", from_review=True), {"needs": []})
    client.post(reverse("frontend:seeker_profile_review"))

    assert person_active_consents(user.person) == set()


def test_the_disability_step_shows_my_certificate_in_plain_words(client_for):
    user = make_seeker(category=1, grade=2)
    html = client_for(user).get(step_url("disability")).content.decode()
    assert "您的残疾人证登记为：视力残疾，二级" in html


def test_a_step_with_errors_keeps_the_input_and_saves_nothing_to_the_draft(client_for):
    user = make_seeker()
    client = client_for(user)
    response = client.post(step_url("pay"), {"expected_pay": "三千"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：待遇" in html
    assert "请填写数字，例如 3500" in html
    assert 'value="三千"' in html
    assert 'href="#id_expected_pay"' in html


def test_the_first_step_needs_the_wanted_job(client_for):
    user = make_seeker()
    html = client_for(user).post(step_url("wish"), {"desired": ""}).content.decode()
    assert "请写下您想做的工作" in html


def test_changing_one_step_from_the_review_returns_to_the_review(client_for):
    user = make_seeker()
    make_profile(user, desired="包装工")
    client = client_for(user)
    response = client.post(step_url("pay", from_review=True), {"expected_pay": "4200", "from": "review"})
    assert response["Location"] == reverse("frontend:seeker_profile_review")
    client.post(reverse("frontend:seeker_profile_review"))
    profile = SeekerProfile.objects.get(person=user.person)
    assert profile.expected_pay == Decimal("4200.00")
    assert profile.desired == "包装工"  # the other steps kept the saved answers


def test_review_with_an_unfinished_step_points_to_it(client_for):
    user = make_seeker()
    client = client_for(user)
    client.post(step_url("pay"), {"expected_pay": "3000"})  # the first step was skipped
    response = client.post(reverse("frontend:seeker_profile_review"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：检查求职资料" in html
    assert f'href="{step_url("wish", from_review=True)}"' in html
    assert "想做的工作：请写下您想做的工作" in html
    assert not SeekerProfile.objects.filter(person=user.person).exists()


def test_overview_shows_the_saved_profile_and_a_pending_draft(client_for):
    user = make_seeker()
    make_profile(user, desired="电话客服", skills=["打字"])
    client = client_for(user)
    html = client.get(reverse("frontend:seeker_profile")).content.decode()
    assert "电话客服" in html
    assert "您有还没保存的修改" not in html
    client.post(step_url("wish"), {"desired": "仓管"})
    html = client.get(reverse("frontend:seeker_profile")).content.decode()
    assert "您有还没保存的修改" in html
    client.post(reverse("frontend:seeker_profile_discard"))
    assert "您有还没保存的修改" not in client.get(reverse("frontend:seeker_profile")).content.decode()
    assert SeekerProfile.objects.get(person=user.person).desired == "电话客服"


def test_unknown_step_is_404(client_for):
    assert client_for(make_seeker()).get("/me/profile/nonsense/").status_code == 404


def test_profile_pages_are_not_cached_and_are_404_for_employers(client_for):
    seeker = make_seeker()
    response = client_for(seeker).get(step_url("disability"))
    assert response["Cache-Control"] == "no-store"
    hr = base.make_employer_user()
    assert client_for(hr).get(step_url("disability")).status_code == 404
    assert client_for(hr).get(reverse("frontend:seeker_profile_review")).status_code == 404


def test_a_seeker_account_without_a_person_gets_an_explanation(client_for):
    user = base.make_user("seeker")
    html = client_for(user).get(step_url("wish")).content.decode()
    assert "还没有个人档案" in html
