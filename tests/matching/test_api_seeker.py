"""The seeker's own endpoints: profile, suggestions, feedback; and occupation suggestions."""

import pytest
from rest_framework.test import APIClient

from backend.accounts.choices import ConsentScope
from backend.accounts.models import Consent
from backend.accounts.selectors import person_active_consents
from matching.models import MatchFeedback, Occupation, SeekerProfile
from matching.services import index_rebuild

from .factories import (
    LIUHE,
    SHAXI,
    make_employer_user,
    make_person,
    make_posting,
    make_profile,
    make_seeker_user,
    region,
)

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# ------------------------------------------------------------------ profile


def test_seeker_edits_their_profile_and_the_switches_are_their_consents():
    seeker = make_seeker_user(make_person(1, 2, consent_matching=False))
    body = {
        "desired": "在线客服",
        "skills": ["在线客服", "打字"],
        "regions": [SHAXI],
        "employment_forms": ["home", "competitive"],
        "hours": ["part_time"],
        "expected_pay": "3000",
        "needs": ["screen_reader"],
        "can_do": ["phone"],
        "use_disability_for_matching": True,
        "share_disability_with_employers": False,
    }

    response = client_for(seeker).patch("/api/v1/me/profile/", body, format="json")

    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["employment_forms"] == ["competitive", "home"]
    assert data["expected_pay"] == "3000.00"
    assert data["use_disability_for_matching"] is True and data["share_disability_with_employers"] is False
    assert person_active_consents(seeker.person) == {ConsentScope.DISABILITY_MATCHING}
    assert response["Cache-Control"] == "no-store"

    client_for(seeker).patch("/api/v1/me/profile/", {"use_disability_for_matching": False}, format="json")

    assert person_active_consents(seeker.person) == set()
    assert Consent.objects.get(person=seeker.person).withdrawn_at is not None  # the record stays
    assert client_for(seeker).get("/api/v1/me/profile/").json()["use_disability_for_matching"] is False


@pytest.mark.parametrize(
    "body, field",
    [
        ({"regions": ["000000"]}, "regions"),
        ({"regions": ["320585"]}, "regions"),  # the whole city is "no choice", not a 区镇
        ({"needs": ["jetpack"]}, "needs"),
        ({"can_do": ["flying"]}, "can_do"),
        ({"expected_pay": "-5"}, "expected_pay"),
        ({"hours": ["night"]}, "hours"),
        ({"occupation_codes": ["abc"]}, "occupation_codes"),
        ({"education": "phd"}, "education"),
        ({"skills": ["字" * 31]}, "skills"),
        ({"desired": "字" * 201}, "desired"),
    ],
)
def test_bad_profile_input_answers_400_with_chinese_field_messages(body, field):
    seeker = make_seeker_user()

    response = client_for(seeker).patch("/api/v1/me/profile/", body, format="json")

    assert response.status_code == 400, response.content
    # list items are reported as "needs.0" (the shared error shape joins nested keys with dots)
    [(key, messages)] = response.json()["errors"].items()
    assert key in (field, f"{field}.0")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in messages[0]), messages


def test_profile_is_only_ever_the_callers_own():
    a, b = make_seeker_user(), make_seeker_user()
    make_profile(b.person, desired="会计")

    client_for(a).patch("/api/v1/me/profile/", {"desired": "包装工"}, format="json")

    assert SeekerProfile.objects.get(person=b.person).desired == "会计"
    assert client_for(a).get("/api/v1/me/profile/").json()["desired"] == "包装工"
    assert client_for(make_employer_user()).get("/api/v1/me/profile/").status_code == 403


# ------------------------------------------------------------------ suggestions


def test_matched_jobs_come_with_reasons_and_honour_filters():
    hr = make_employer_user()
    near = make_posting(user=hr, title="包装工", skills=["包装"], region=region(SHAXI))
    far = make_posting(user=hr, title="包装工", skills=["包装"], region=region(LIUHE))
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person, desired="包装工", skills=["包装"], regions=[SHAXI])

    everything = client_for(seeker).get("/api/v1/me/matched-jobs/").json()
    filtered = client_for(seeker).get("/api/v1/me/matched-jobs/", {"region": LIUHE}).json()

    assert [row["posting"]["id"] for row in everything] == [near.pk, far.pk]
    assert everything[0]["matched_skills"] == ["包装"]
    assert "工作地点在太仓市沙溪镇，在您希望的区域内" in everything[0]["reasons"]
    details = everything[0]["reason_details"]
    assert sorted(d["text"] for d in details) == sorted(everything[0]["reasons"])
    assert details[0] == {
        "text": "您会的 包装 正是这个岗位需要的",
        "tone": "fit",
        "source": "您填写的技能和经历，岗位要求的技能",
    }
    assert [row["posting"]["id"] for row in filtered] == [far.pk]


def test_postings_already_applied_to_are_not_suggested_again():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person)
    client_for(seeker).post(f"/api/v1/jobs/{posting.pk}/apply", {}, format="json")

    assert client_for(seeker).get("/api/v1/me/matched-jobs/").json() == []


def test_matched_jobs_are_for_seekers_only_and_validate_k():
    hr = make_employer_user()
    seeker = make_seeker_user()

    assert client_for(hr).get("/api/v1/me/matched-jobs/").status_code == 403
    assert client_for().get("/api/v1/me/matched-jobs/").status_code in (401, 403)
    bad = client_for(seeker).get("/api/v1/me/matched-jobs/", {"k": "0"})
    assert bad.status_code == 400 and "k" in bad.json()["errors"]
    bad_filter = client_for(seeker).get("/api/v1/me/matched-jobs/", {"hours": "night"})
    assert bad_filter.status_code == 400 and "hours" in bad_filter.json()["errors"]


def test_a_seeker_without_a_profile_gets_an_empty_list():
    make_posting()
    assert client_for(make_seeker_user()).get("/api/v1/me/matched-jobs/").json() == []


# ------------------------------------------------------------------ feedback


def test_feedback_hides_the_posting_for_that_seeker_only():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    other = make_posting(user=hr, title="贴标工", skills=["贴标"])
    a, b = make_seeker_user(make_person(4, 3)), make_seeker_user(make_person(4, 3))
    make_profile(a.person)
    make_profile(b.person)

    response = client_for(a).post(
        "/api/v1/feedback/", {"posting": posting.pk, "reason": "too_far", "text": "太远"}, format="json"
    )

    assert response.status_code == 201 and response.json()["reason"] == "too_far"
    assert [r["posting"]["id"] for r in client_for(a).get("/api/v1/me/matched-jobs/").json()] == [other.pk]
    assert posting.pk in [r["posting"]["id"] for r in client_for(b).get("/api/v1/me/matched-jobs/").json()]
    assert list(MatchFeedback.objects.values_list("seeker__person_id", flat=True)) == [a.person_id]


def test_feedback_input_is_validated():
    seeker = make_seeker_user()
    posting = make_posting()
    closed = make_posting(title="已关闭")
    closed.status = "closed"
    closed.save()

    bad_reason = client_for(seeker).post(
        "/api/v1/feedback/", {"posting": posting.pk, "reason": "ugly"}, format="json"
    )
    hidden = client_for(seeker).post(
        "/api/v1/feedback/", {"posting": closed.pk, "reason": "too_far"}, format="json"
    )
    missing = client_for(seeker).post("/api/v1/feedback/", {}, format="json")

    assert bad_reason.status_code == 400 and "reason" in bad_reason.json()["errors"]
    assert hidden.status_code == 400 and hidden.json()["errors"]["posting"] == ["岗位不存在"]
    assert missing.status_code == 400 and set(missing.json()["errors"]) == {"posting", "reason"}
    assert (
        client_for(make_employer_user())
        .post("/api/v1/feedback/", {"posting": posting.pk, "reason": "too_far"}, format="json")
        .status_code
        == 403
    )
    assert not MatchFeedback.objects.exists()


# ------------------------------------------------------------------ occupations


def test_occupation_suggestions_use_the_loaded_classification():
    assert client_for().get("/api/v1/occupations/suggest/", {"title": "淘宝客服"}).json() == []

    Occupation.objects.create(code="4-04-05-03", name="呼叫中心服务员", level=4, aliases=["客服", "电话客服"])
    Occupation.objects.create(code="6-31-05-00", name="包装工", level=4)
    Occupation.objects.create(code="4-09-08-01", name="保洁员", level=4)
    index_rebuild()  # loading the classification queues this in production

    rows = client_for().get("/api/v1/occupations/suggest/", {"title": "抖音快手客服 不加班"}).json()

    assert rows[0]["code"] == "4-04-05-03" and rows[0]["name"] == "呼叫中心服务员"


def test_occupation_suggestion_needs_a_title():
    response = client_for().get("/api/v1/occupations/suggest/")

    assert response.status_code == 400 and "title" in response.json()["errors"]


def test_reading_the_profile_creates_nothing():
    seeker = make_seeker_user()

    data = client_for(seeker).get("/api/v1/me/profile/").json()

    assert data["desired"] == "" and data["visible_to_employers"] is True
    assert data["use_disability_for_matching"] is True  # make_person grants it by default
    assert not SeekerProfile.objects.exists()
