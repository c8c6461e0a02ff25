"""Disability data reaches an employer only through an application the seeker chose to share it
with (个人信息保护法 第二十八至三十条; matching.md "Privacy").

Candidate lists never show category or grade and never depend on them, so two postings that
differ only in a phone/speaking demand cannot be diffed to find who is deaf or mute; the fit
rules still work on the seeker's own side.
"""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts.choices import ConsentScope
from backend.accounts.models import AccessLog
from backend.accounts.services import consent_grant, consent_withdraw
from matching.selectors import match_candidates_for_posting, match_jobs_for_seeker
from matching.services import application_create, application_set_sharing, index_rebuild

from .factories import make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db

CALL_CENTRE = {
    "title": "客服专员",
    "description": "处理客户咨询和售后问题，记录工单。",
    "skills": ["客服"],
}


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _ids(matches):
    return [c.profile.person_id for c in matches]


@pytest.fixture
def twin_postings():
    """Two postings identical in every word; only the second demands phone work and speaking."""
    hr = make_employer_user()
    plain = make_posting(user=hr, demands=[], **CALL_CENTRE)
    phone = make_posting(user=hr, demands=["phone", "speaking"], **CALL_CENTRE)
    return hr, plain, phone


def test_twin_postings_with_and_without_phone_demands_have_identical_candidate_lists(twin_postings):
    hr, plain, phone = twin_postings
    # Five hearing- or speech-impaired seekers who let their disability be used for matching
    # but never agreed to show it to anyone, and five others.
    impaired = [make_person(category, grade) for category, grade in [(2, 1), (2, 3), (3, 2), (3, 4), (2, 2)]]
    others = [make_person(category, 3) for category in (1, 4, 4, 5, 6)]
    for person in impaired + others:
        make_profile(person, desired="客服", skills=["客服"])
    index_rebuild()

    with_demands = match_candidates_for_posting(user=hr, posting=phone, k=50)
    without = match_candidates_for_posting(user=hr, posting=plain, k=50)

    assert _ids(with_demands) == _ids(without)
    assert {p.pk for p in impaired} <= set(_ids(with_demands))
    assert [c.score for c in with_demands] == [c.score for c in without]
    assert [c.reasons for c in with_demands] == [c.reasons for c in without]
    assert not AccessLog.objects.exists()


def test_the_seeker_side_still_leaves_out_a_phone_job_for_a_deaf_seeker(twin_postings):
    _, plain, phone = twin_postings
    deaf = make_person(2, 1)
    make_profile(deaf, desired="客服", skills=["客服"])
    user = make_seeker_user(deaf)

    shown = [m.posting.pk for m in match_jobs_for_seeker(user=user, k=10)]

    assert plain.pk in shown and phone.pk not in shown


def test_candidate_list_never_shows_category_or_grade_even_with_the_sharing_consent():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    sharing = make_person(4, 2)
    consent_grant(person=sharing, scope=ConsentScope.DISABILITY_SHARING, purpose="展示")
    make_profile(sharing, needs=["accessible_access"])

    rows = client_for(hr).get(f"/api/v1/jobs/{posting.pk}/candidates/").json()

    assert [row["profile_id"] for row in rows] == [sharing.seeker_profile.pk]
    assert not {"disability", "disability_shared", "needs"} & set(rows[0])
    assert "肢体" not in str(rows) and "无障碍" not in str(rows)
    assert not AccessLog.objects.exists()


def test_candidate_page_never_shows_category_or_grade(client):
    hr = make_employer_user()
    posting = make_posting(user=hr)
    sharing = make_person(4, 3)
    consent_grant(person=sharing, scope=ConsentScope.DISABILITY_SHARING, purpose="展示")
    make_profile(sharing)
    client.force_login(hr)

    html = client.get(f"/employer/postings/{posting.pk}/candidates/").content.decode()

    assert "共推荐 1 位求职者" in html
    assert "残疾类别和等级" not in html and "肢体残疾" not in html and "三级" not in html
    assert not AccessLog.objects.exists()


@pytest.fixture
def applied():
    """A seeker (肢体 二级, sharing consent given on the profile) who applied without sharing."""
    hr = make_employer_user()
    posting = make_posting(user=hr)
    person = make_person(4, 2)
    consent_grant(person=person, scope=ConsentScope.DISABILITY_SHARING, purpose="展示")
    make_profile(person)
    seeker = make_seeker_user(person)
    application = application_create(user=seeker, posting=posting)
    return hr, seeker, application


def _applicant(hr, application):
    return client_for(hr).get(f"/api/v1/applications/{application.pk}/").json()["applicant"]


def test_sharing_is_off_by_default_even_with_the_sharing_consent(applied):
    hr, _, application = applied
    assert application.share_disability is False
    assert _applicant(hr, application)["disability"] is None
    assert not AccessLog.objects.exists()


def test_the_seeker_switches_sharing_on_and_off_per_application(applied):
    hr, seeker, application = applied
    url = f"/api/v1/applications/{application.pk}/"

    on = client_for(seeker).patch(url, {"share_disability": True}, format="json")
    assert on.status_code == 200 and on.json()["share_disability"] is True
    assert _applicant(hr, application)["disability"] == {"category": 4, "category_label": "肢体", "grade": 2}
    assert AccessLog.objects.filter(actor=hr, person=seeker.person).count() == 1

    off = client_for(seeker).patch(url, {"share_disability": False}, format="json")
    assert off.status_code == 200 and off.json()["share_disability"] is False
    assert _applicant(hr, application)["disability"] is None
    assert AccessLog.objects.filter(actor=hr, person=seeker.person).count() == 1


def test_only_the_applicant_may_change_the_sharing_choice(applied):
    hr, _, application = applied
    url = f"/api/v1/applications/{application.pk}/"
    other = make_seeker_user()

    assert client_for(other).patch(url, {"share_disability": True}, format="json").status_code == 404
    assert client_for(hr).patch(url, {"share_disability": True}, format="json").status_code == 403
    application.refresh_from_db()
    assert application.share_disability is False


def test_a_bad_sharing_value_is_a_chinese_field_error(applied):
    _, seeker, application = applied
    response = client_for(seeker).patch(
        f"/api/v1/applications/{application.pk}/", {"share_disability": "也许"}, format="json"
    )
    assert response.status_code == 400 and "share_disability" in response.json()["errors"]


def test_a_consent_given_again_does_not_reopen_older_applications(applied, time_machine):
    hr, seeker, application = applied
    time_machine.move_to(timezone.now())
    application_set_sharing(user=seeker, application=application, share=True)
    assert _applicant(hr, application)["disability"] is not None

    time_machine.shift(60)
    consent_withdraw(person=seeker.person, scope=ConsentScope.DISABILITY_SHARING)
    time_machine.shift(60)
    consent_grant(person=seeker.person, scope=ConsentScope.DISABILITY_SHARING, purpose="给另一家单位看")

    assert _applicant(hr, application)["disability"] is None
    time_machine.shift(60)
    application_set_sharing(user=seeker, application=application, share=True)
    assert _applicant(hr, application)["disability"] is not None
