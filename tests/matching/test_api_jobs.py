"""Postings API: public search, employer CRUD on their own postings, candidates; two-user tests."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from backend.accounts.choices import ConsentScope
from backend.accounts.models import AccessLog
from backend.accounts.services import consent_grant
from matching.models import JobPosting

from .factories import (
    LIUHE,
    SHAXI,
    make_employer,
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


@pytest.fixture
def two_employers():
    hr_a, hr_b = make_employer_user(), make_employer_user()
    return (
        hr_a,
        hr_b,
        make_posting(user=hr_a, title="甲单位包装工"),
        make_posting(user=hr_b, title="乙单位包装工"),
    )


NEW_POSTING = {
    "title": "在线客服（可居家）",
    "description": "千牛后台文字回复买家，不用接听电话。",
    "skills": ["在线客服", "打字"],
    "region": SHAXI,
    "employment_form": "competitive",
    "hours": "full_time",
    "pay_min": "3500",
    "pay_max": "5000",
    "accommodations": ["remote", "screen_reader"],
    "guaranteed_interview": True,
}


# ------------------------------------------------------------------ search and detail


def test_anyone_can_search_open_postings_with_the_same_analyzer():
    hr = make_employer_user()
    cad = make_posting(user=hr, title="CAD制图员", description="用AutoCAD绘制零件图。", skills=["CAD"])
    make_posting(user=hr, title="保洁员", description="写字楼保洁。", skills=["保洁"])
    closed = make_posting(user=hr, title="CAD绘图员", description="画图。", skills=["CAD"])
    closed.status = "closed"
    closed.save()

    response = client_for().get("/api/v1/jobs/", {"q": "ＣＡＤ 制图"})  # full-width: normalised

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [cad.pk]


def test_search_filters_by_region_form_pay_accommodation_remote_and_guarantee():
    hr = make_employer_user()
    match = make_posting(user=hr, **{**NEW_POSTING, "region": region(SHAXI)})
    make_posting(user=hr, **{**NEW_POSTING, "region": region(LIUHE)})
    make_posting(user=hr, **{**NEW_POSTING, "region": region(SHAXI), "pay_min": "2000", "pay_max": "2600"})
    make_posting(user=hr, **{**NEW_POSTING, "region": region(SHAXI), "accommodations": ["remote"]})
    make_posting(user=hr, **{**NEW_POSTING, "region": region(SHAXI), "guaranteed_interview": False})
    params = {
        "region": SHAXI,
        "pay_min": "3000",
        "accommodations": "screen_reader",
        "remote": "true",
        "guaranteed_interview": "true",
        "employment_form": "competitive",
    }

    response = client_for().get("/api/v1/jobs/", params)

    assert [row["id"] for row in response.json()["results"]] == [match.pk]


def test_region_filter_includes_sub_regions():
    hr = make_employer_user()
    posting = make_posting(user=hr, region=region(SHAXI))

    rows = client_for().get("/api/v1/jobs/", {"region": "320585"}).json()["results"]

    assert [row["id"] for row in rows] == [posting.pk]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"pay_min": "很多"}, "pay_min"),
        ({"pay_min": "9" * 30}, "pay_min"),
        ({"employer": "9" * 30}, "employer"),  # would overflow the database integer
        ({"employment_form": "x"}, "employment_form"),
        ({"remote": "maybe"}, "remote"),
    ],
)
def test_bad_search_parameters_answer_400_in_chinese(params, field):
    response = client_for().get("/api/v1/jobs/", params)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["errors"][field][0])


def test_a_closed_posting_is_hidden_from_the_public_but_not_from_its_employer(two_employers):
    hr_a, hr_b, posting_a, _ = two_employers
    client_for(hr_a).post(f"/api/v1/jobs/{posting_a.pk}/close")

    assert client_for().get(f"/api/v1/jobs/{posting_a.pk}/").status_code == 404
    assert client_for(hr_b).get(f"/api/v1/jobs/{posting_a.pk}/").status_code == 404
    assert client_for(hr_a).get(f"/api/v1/jobs/{posting_a.pk}/").json()["status"] == "closed"


def test_mine_lists_only_the_employers_own_postings(two_employers):
    hr_a, _, posting_a, _ = two_employers

    rows = client_for(hr_a).get("/api/v1/jobs/", {"mine": "true"}).json()["results"]

    assert [row["id"] for row in rows] == [posting_a.pk]


# ------------------------------------------------------------------ create, edit, close


def test_employer_creates_a_posting_with_demands_derived_for_confirmation():
    hr = make_employer_user()
    body = {
        **NEW_POSTING,
        "description": "接听电话，解答咨询，也用文字回复。",
        "accommodations": ["text_channel"],
    }

    response = client_for(hr).post("/api/v1/jobs/", body, format="json")

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["employer"]["id"] == hr.memberships.get().employer_id
    assert data["demands"] == ["phone", "screen_text"]  # 接听电话; 打字
    assert data["demands_confirmed"] is False
    assert data["pay_min"] == "3500.00"
    assert JobPosting.objects.get(pk=data["id"]).pay_max == Decimal("5000.00")


def test_employer_confirms_edited_demands():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="电话客服", description="接听电话。")

    response = client_for(hr).patch(f"/api/v1/jobs/{posting.pk}/", {"demands": []}, format="json")

    assert response.json()["demands"] == [] and response.json()["demands_confirmed"] is True


@pytest.mark.parametrize(
    "change, field",
    [
        ({"title": ""}, "title"),
        ({"pay_min": "6000", "pay_max": "5000"}, "pay_max"),
        ({"pay_min": "-1"}, "pay_min"),
        ({"accommodations": ["jetpack"]}, "accommodations"),
        ({"demands": ["flying"]}, "demands"),
        ({"region": "999999"}, "region"),
        ({"employment_form": "freelance"}, "employment_form"),
        ({"occupation_code": "4-04"}, "occupation_code"),
        ({"headcount": 0}, "headcount"),
        ({"skills": "包装"}, "skills"),
        ({"closes_on": "2020-01-01", "opens_on": "2021-01-01"}, "closes_on"),
    ],
)
def test_bad_posting_input_answers_400_with_chinese_field_messages(change, field):
    hr = make_employer_user()
    response = client_for(hr).post("/api/v1/jobs/", {**NEW_POSTING, **change}, format="json")

    assert response.status_code == 400, response.content
    message = response.json()["errors"][field][0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_only_employers_may_create_postings():
    seeker = make_seeker_user()
    assert client_for(seeker).post("/api/v1/jobs/", NEW_POSTING, format="json").status_code == 403
    assert client_for().post("/api/v1/jobs/", NEW_POSTING, format="json").status_code in (401, 403)


def test_staff_of_several_employers_must_say_for_which(two_employers):
    hr_a, _, _, _ = two_employers
    other = make_employer()
    hr_a.memberships.create(employer=other)

    missing = client_for(hr_a).post("/api/v1/jobs/", NEW_POSTING, format="json")
    given = client_for(hr_a).post("/api/v1/jobs/", {**NEW_POSTING, "employer": other.pk}, format="json")

    assert missing.status_code == 400 and "employer" in missing.json()["errors"]
    assert given.status_code == 201 and given.json()["employer"]["id"] == other.pk


def test_employer_cannot_post_for_another_employer(two_employers):
    hr_a, hr_b, _, _ = two_employers
    employer_b = hr_b.memberships.get().employer

    response = client_for(hr_a).post(
        "/api/v1/jobs/", {**NEW_POSTING, "employer": employer_b.pk}, format="json"
    )

    assert response.status_code == 400
    assert not JobPosting.objects.filter(employer=employer_b, title=NEW_POSTING["title"]).exists()


def test_employer_cannot_edit_or_close_another_employers_posting(two_employers):
    hr_a, _, _, posting_b = two_employers

    patch = client_for(hr_a).patch(f"/api/v1/jobs/{posting_b.pk}/", {"title": "被改了"}, format="json")
    close = client_for(hr_a).post(f"/api/v1/jobs/{posting_b.pk}/close")

    assert patch.status_code == 404 and close.status_code == 404
    posting_b.refresh_from_db()
    assert posting_b.title == "乙单位包装工" and posting_b.status == "open"


def test_seeker_cannot_edit_a_posting(two_employers):
    _, _, posting_a, _ = two_employers
    seeker = make_seeker_user()

    response = client_for(seeker).patch(f"/api/v1/jobs/{posting_a.pk}/", {"title": "x"}, format="json")

    assert response.status_code == 404
    posting_a.refresh_from_db()
    assert posting_a.title == "甲单位包装工"


# ------------------------------------------------------------------ candidates


def test_candidates_never_show_disability_even_with_the_sharing_consent(two_employers):
    # The sharing consent is only the precondition for showing it with an application
    # (tests/matching/test_disability_disclosure.py); a candidate list shows it to nobody.
    hr_a, _, posting_a, _ = two_employers
    sharing, private = make_person(4, 2), make_person(2, 1)
    consent_grant(person=sharing, scope=ConsentScope.DISABILITY_SHARING, purpose="展示")
    make_profile(sharing, desired="包装工", skills=["包装"], needs=["accessible_access"])
    make_profile(private, desired="包装工", skills=["包装"], needs=["sign_language"])

    response = client_for(hr_a).get(f"/api/v1/jobs/{posting_a.pk}/candidates/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    rows = {row["profile_id"]: row for row in response.json()}
    assert set(rows) == {sharing.seeker_profile.pk, private.seeker_profile.pk}
    for row in rows.values():
        assert not {"disability", "disability_shared", "needs"} & set(row)
        assert not any("手语" in reason or "无障碍" in reason for reason in row["reasons"])
    text = response.content.decode()
    for person in (sharing, private):
        assert person.decrypt("resident_id") not in text
        assert person.decrypt("certificate") not in text
        assert person.name not in text
    assert "肢体" not in text and "听力" not in text
    assert not AccessLog.objects.exists()


def test_another_employer_cannot_see_candidates(two_employers):
    hr_a, hr_b, posting_a, _ = two_employers
    make_profile(make_person(4, 2))

    assert client_for(hr_b).get(f"/api/v1/jobs/{posting_a.pk}/candidates/").status_code == 404
    assert client_for(make_seeker_user()).get(f"/api/v1/jobs/{posting_a.pk}/candidates/").status_code == 404
    assert client_for().get(f"/api/v1/jobs/{posting_a.pk}/candidates/").status_code in (401, 403)
    assert AccessLog.objects.count() == 0


def test_candidates_k_is_validated(two_employers):
    hr_a, _, posting_a, _ = two_employers

    response = client_for(hr_a).get(f"/api/v1/jobs/{posting_a.pk}/candidates/", {"k": "abc"})

    assert response.status_code == 400 and "k" in response.json()["errors"]


def test_an_employers_future_dated_posting_is_labelled_pending_not_open():
    hr = make_employer_user()
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        make_posting(user=hr, title="下周客服", opens_on=date(2026, 3, 9))
        make_posting(user=hr, title="现在包装工")
        rows = client_for(hr).get("/api/v1/jobs/", {"mine": "true"}).json()["results"]
        public = client_for().get("/api/v1/jobs/").json()["results"]

    labels = {row["title"]: (row["status"], row["state_label"]) for row in rows}
    assert labels == {"下周客服": ("open", "待发布（2026年3月9日起）"), "现在包装工": ("open", "招聘中")}
    assert [row["title"] for row in public] == ["现在包装工"]
