"""Applying, following and deciding applications; the hire records a real-name employment."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.choices import ConsentScope
from backend.accounts.models import AccessLog
from backend.accounts.selectors import person_active_consents
from backend.accounts.services import consent_withdraw
from matching.models import Application, Employment
from matching.selectors import employments_for_employer_year

from .factories import make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def world():
    hr_a, hr_b = make_employer_user(), make_employer_user()
    posting_a, posting_b = (
        make_posting(user=hr_a, title="甲包装工"),
        make_posting(user=hr_b, title="乙包装工"),
    )
    seeker_a = make_seeker_user(make_person(4, 2))
    seeker_b = make_seeker_user(make_person(2, 1))
    make_profile(seeker_a.person, experience="做过两年包装")
    make_profile(seeker_b.person)
    return hr_a, hr_b, posting_a, posting_b, seeker_a, seeker_b


def apply(seeker, posting, **body):
    return client_for(seeker).post(f"/api/v1/jobs/{posting.pk}/apply", body, format="json")


def test_seeker_applies_and_sees_only_their_own_applications(world):
    _, _, posting_a, posting_b, seeker_a, seeker_b = world
    mine = apply(seeker_a, posting_a, note="您好")
    theirs = apply(seeker_b, posting_b)

    rows = client_for(seeker_a).get("/api/v1/applications/").json()["results"]

    assert mine.status_code == 201 and theirs.status_code == 201
    assert [row["id"] for row in rows] == [mine.json()["id"]]
    assert rows[0]["status"] == "applied" and rows[0]["note"] == "您好" and rows[0]["applicant"] is None
    assert client_for(seeker_a).get(f"/api/v1/applications/{theirs.json()['id']}/").status_code == 404


def test_applying_twice_is_refused_in_chinese(world):
    _, _, posting_a, _, seeker_a, _ = world
    apply(seeker_a, posting_a)

    again = apply(seeker_a, posting_a)

    assert again.status_code == 400
    assert again.json()["errors"]["posting"] == ["您已经申请过这个岗位"]
    assert Application.objects.count() == 1


def test_applying_to_a_closed_posting_answers_404(world):
    hr_a, _, posting_a, _, seeker_a, _ = world
    client_for(hr_a).post(f"/api/v1/jobs/{posting_a.pk}/close")

    assert apply(seeker_a, posting_a).status_code == 404
    assert not Application.objects.exists()


def test_employers_cannot_apply(world):
    hr_a, _, _, posting_b, _, _ = world
    assert apply(hr_a, posting_b).status_code == 403


def test_bad_apply_input_answers_400(world):
    _, _, posting_a, _, seeker_a, _ = world
    response = apply(seeker_a, posting_a, note="字" * 501, share_disability="也许")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"note", "share_disability"}


def test_employer_sees_applicants_to_their_postings_only_with_shared_disability_logged(world):
    hr_a, hr_b, posting_a, posting_b, seeker_a, seeker_b = world
    shared = apply(seeker_a, posting_a, share_disability=True).json()["id"]
    private = apply(seeker_b, posting_a).json()["id"]
    other = apply(seeker_a, posting_b).json()["id"]

    response = client_for(hr_a).get("/api/v1/applications/")

    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {shared, private}
    assert response["Cache-Control"] == "no-store"
    assert rows[shared]["applicant"]["disability"] == {"category": 4, "category_label": "肢体", "grade": 2}
    assert rows[shared]["applicant"]["experience"] == "做过两年包装"
    assert rows[private]["applicant"]["disability"] is None
    assert rows[private]["applicant"]["disability_shared"] is False
    text = response.content.decode()
    assert seeker_a.person.decrypt("resident_id") not in text
    assert seeker_b.person.decrypt("certificate") not in text
    assert list(AccessLog.objects.values_list("actor_id", "person_id")) == [(hr_a.pk, seeker_a.person_id)]
    assert client_for(hr_b).get(f"/api/v1/applications/{shared}/").status_code == 404
    assert client_for(hr_a).get(f"/api/v1/applications/{other}/").status_code == 404


def test_sharing_when_applying_records_the_consent_and_withdrawal_hides_it_again(world):
    hr_a, _, posting_a, _, seeker_a, _ = world
    application = apply(seeker_a, posting_a, share_disability=True).json()["id"]
    assert ConsentScope.DISABILITY_SHARING in person_active_consents(seeker_a.person)

    consent_withdraw(person=seeker_a.person, scope=ConsentScope.DISABILITY_SHARING)

    row = client_for(hr_a).get(f"/api/v1/applications/{application}/").json()
    assert row["applicant"]["disability"] is None and row["share_disability"] is True


def test_employer_moves_an_application_to_hired_and_an_employment_is_recorded(world):
    hr_a, _, posting_a, _, seeker_a, _ = world
    application = apply(seeker_a, posting_a).json()["id"]
    url = f"/api/v1/applications/{application}/transition"
    for status in ("viewed", "interview", "offer"):
        assert client_for(hr_a).post(url, {"status": status}, format="json").status_code == 200

    start = timezone.localdate()
    before = client_for(hr_a).post(
        url, {"status": "hired", "start_date": str(start - timedelta(days=1))}, format="json"
    )
    response = client_for(hr_a).post(url, {"status": "hired", "start_date": str(start)}, format="json")

    # A platform hire cannot start before the application was made (issue 10 §6).
    assert before.status_code == 400 and before.json()["errors"]["start_date"] == [
        f"入职日期不能早于求职申请日期（{start:%Y年%m月%d日}）"
    ]
    assert response.status_code == 200 and response.json()["status"] == "hired"
    employment = Employment.objects.get()
    assert (employment.person, employment.employer, employment.start_date, employment.source) == (
        seeker_a.person,
        posting_a.employer,
        start,
        "platform",
    )
    assert list(employments_for_employer_year(posting_a.employer, start.year)) == [employment]
    assert list(employments_for_employer_year(posting_a.employer, start.year - 1)) == []


def test_transitions_outside_the_allowed_path_are_refused(world):
    hr_a, _, posting_a, _, seeker_a, _ = world
    application = apply(seeker_a, posting_a).json()["id"]
    url = f"/api/v1/applications/{application}/transition"

    skip = client_for(hr_a).post(url, {"status": "hired"}, format="json")
    withdraw_for_them = client_for(hr_a).post(url, {"status": "withdrawn"}, format="json")
    unknown = client_for(hr_a).post(url, {"status": "fired"}, format="json")

    assert skip.status_code == 400 and skip.json()["errors"]["status"] == [
        "申请处于「已投递」，不能改为「已入职」"
    ]
    assert withdraw_for_them.status_code == 400
    assert unknown.status_code == 400 and "status" in unknown.json()["errors"]
    assert Application.objects.get().status == "applied"
    assert not Employment.objects.exists()


def test_seeker_may_only_withdraw_their_own_application(world):
    _, _, posting_a, _, seeker_a, seeker_b = world
    application = apply(seeker_a, posting_a).json()["id"]
    url = f"/api/v1/applications/{application}/transition"

    promote = client_for(seeker_a).post(url, {"status": "offer"}, format="json")
    by_other = client_for(seeker_b).post(url, {"status": "withdrawn"}, format="json")
    assert promote.status_code == 400 and by_other.status_code == 404
    assert Application.objects.get().status == "applied"

    own = client_for(seeker_a).post(url, {"status": "withdrawn"}, format="json")
    assert own.status_code == 200 and own.json()["status"] == "withdrawn"


def test_another_employer_cannot_move_the_application(world):
    _, hr_b, posting_a, _, seeker_a, _ = world
    application = apply(seeker_a, posting_a).json()["id"]

    response = client_for(hr_b).post(
        f"/api/v1/applications/{application}/transition", {"status": "rejected"}, format="json"
    )

    assert response.status_code == 404
    assert Application.objects.get().status == "applied"


def test_a_withdrawn_application_can_be_submitted_again(world):
    _, _, posting_a, _, seeker_a, _ = world
    first = apply(seeker_a, posting_a).json()["id"]
    client_for(seeker_a).post(
        f"/api/v1/applications/{first}/transition", {"status": "withdrawn"}, format="json"
    )

    again = apply(seeker_a, posting_a)

    assert again.status_code == 201 and again.json()["id"] == first and again.json()["status"] == "applied"


def test_a_hired_application_cannot_be_withdrawn(world):
    hr_a, _, posting_a, _, seeker_a, _ = world
    application = apply(seeker_a, posting_a).json()["id"]
    url = f"/api/v1/applications/{application}/transition"
    for status in ("interview", "hired"):
        client_for(hr_a).post(url, {"status": status}, format="json")

    response = client_for(seeker_a).post(url, {"status": "withdrawn"}, format="json")

    assert response.status_code == 400
    assert Application.objects.get().status == "hired"
