import pytest
from django.test import Client
from django.utils import timezone

from assistance import services
from assistance.models import Case
from matching.models import SeekerProfile

from .factories import CHENGXIANG, SHAXI, make_client_seeker, make_service

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_opens_a_case_and_records_the_journey_to_a_follow_up():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    api = _client(staff)
    today = timezone.localdate().isoformat()

    opened = api.post(
        "/api/v1/assistance/cases/", {"person": seeker.person.pk}, content_type="application/json"
    )
    assert opened.status_code == 201, opened.content
    pk = opened.json()["id"]
    contact = api.post(
        f"/api/v1/assistance/cases/{pk}/contacts/",
        {"kind": "text", "on": today, "summary": "短信沟通"},
        content_type="application/json",
    )
    assert contact.json()["contacts"][0]["kind_label"].startswith("文字")
    placed = api.post(
        f"/api/v1/assistance/cases/{pk}/placement/",
        {"placed_on": today, "employer_name": "太仓某公司"},
        content_type="application/json",
    )
    assert placed.json()["status"] == "placed"
    assert [s["month"] for s in placed.json()["follow_up_schedule"]] == [1, 3, 6]
    bad = api.post(
        f"/api/v1/assistance/cases/{pk}/follow-ups/",
        {"month": 2, "on": today, "kind": "call", "still_employed": True},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "month" in bad.json()["errors"]


def test_api_refuses_a_case_without_consent_and_hides_other_regions():
    staff = make_service(CHENGXIANG)
    no_consent = make_client_seeker(CHENGXIANG, consent=False)
    refused = _client(staff).post(
        "/api/v1/assistance/cases/", {"person": no_consent.person.pk}, content_type="application/json"
    )
    assert refused.status_code == 400 and "尚未同意" in refused.json()["errors"]["person"][0]
    case = services.case_open(by=staff, person=make_client_seeker(CHENGXIANG).person)
    other = _client(make_service(SHAXI))
    assert other.get(f"/api/v1/assistance/cases/{case.pk}/").status_code == 404
    assert other.get("/api/v1/assistance/cases/").json()["count"] == 0
    assert Case.objects.count() == 1


def test_the_seeker_reads_their_case_but_cannot_write_it():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    case = services.case_open(by=staff, person=seeker.person, plan="三个月内就业")
    client = _client(seeker)
    assert client.get(f"/api/v1/assistance/cases/{case.pk}/").json()["plan"] == "三个月内就业"
    assert client.post(f"/api/v1/assistance/cases/{case.pk}/close/", {"outcome": "other"}).status_code == 403
    page = client.get("/me/assistance/")
    assert "三个月内就业" in page.content.decode()


def test_the_help_request_toggle_grants_and_withdraws_the_consent():
    seeker = make_client_seeker(CHENGXIANG, consent=False)
    client = _client(seeker)
    client.post("/me/assistance/", {"asked": "on"})
    assert seeker.person.consents.filter(scope="service_assistance", withdrawn_at__isnull=True).exists()
    client.post("/me/assistance/", {})
    assert not seeker.person.consents.filter(scope="service_assistance", withdrawn_at__isnull=True).exists()


def test_a_bad_contact_on_the_case_page_shows_the_field_error_and_saves_nothing():
    staff = make_service(CHENGXIANG)
    case = services.case_open(by=staff, person=make_client_seeker(CHENGXIANG).person)
    response = _client(staff).post(
        f"/service/cases/{case.pk}/",
        {"action": "contact", "contact-kind": "visit", "contact-on": "明天", "contact-summary": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>错误：" in body and "联系日期格式不正确" in body and "请填写情况记录" in body
    assert not case.contacts.exists()


def test_the_assessment_page_saves_ratings_and_the_seeker_confirms_on_their_page():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    case = services.case_open(by=staff, person=seeker.person)
    response = _client(staff).post(
        f"/service/cases/{case.pk}/assessment/",
        {
            "assessed_on": timezone.localdate().isoformat(),
            "ability_phone": "4",
            "readiness": "ready",
            "desired": "电话客服",
        },
    )
    assessment = case.assessments.get()
    assert response.status_code == 302 and assessment.abilities == {"phone": 4}
    plan = _client(staff).get(f"/assessments/{assessment.pk}/plan/")
    assert "职业规划" in plan.content.decode()
    _client(seeker).post(f"/me/assistance/assessments/{assessment.pk}/", {"answer": "confirm"})
    assessment.refresh_from_db()
    assert assessment.status == "confirmed"
    assert SeekerProfile.objects.get(person=seeker.person).desired == "电话客服"


def test_the_assessment_form_asks_for_the_ratings_right_after_the_date():
    from frontend.forms_assistance import AssessmentForm

    form = AssessmentForm()
    names = list(form.fields)
    ratings = len(form.ability_names)
    assert ratings > 0
    assert names[0] == "assessed_on" and names[1 : 1 + ratings] == form.ability_names
    assert names[-1] == "advice"
