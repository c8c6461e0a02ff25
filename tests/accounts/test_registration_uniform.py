"""Seeker registration is no way to ask whether somebody is in the registry: every field is
checked first, and a resident ID or certificate that is already registered gets the same answer
as a new one, while a 残联 auditor of that person's region reviews the registration."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from backend.accounts.choices import AuditorKind, CertificateKind
from backend.accounts.demo import resident_id
from backend.accounts.models import Person, User
from backend.accounts.services import CertificateInput, person_create

from ..conftest import client_for

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-pass"


def new_id(seq: int) -> str:
    return resident_id("320585", date(1988, 3, 4), seq)


def form(username: str, rid: str, **overrides) -> dict:
    data = {
        "username": username,
        "password": PASSWORD,
        "name": "王芳",
        "resident_id": rid,
        "phone": "13900000001",
        "region": "320585100",
        "certificate_kind": "disability",
        "certificate_no": f"{rid}42",
    }
    return {**data, **overrides}


@pytest.fixture
def registered():
    """A person already in the registry (e.g. from the 残联's own records), no login."""
    rid = new_id(11)
    return person_create(
        name="王芳",
        resident_id=rid,
        phone="13900000009",
        region=Person._meta.get_field("region").related_model.objects.get(code="320585101"),
        certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=f"{rid}42"),
    )


def api_register(data):
    return APIClient().post("/api/v1/auth/register/seeker", data, format="json")


def shape(response) -> tuple:
    body = response.json()
    return response.status_code, sorted(body), body.get("detail")


def full_width(text: str) -> str:
    """Digits and X as typed on a Chinese keyboard: NFKC gives the ASCII text back."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


# The same registered resident ID, written as stored and as a full-width copy (issue 10 §1).
WRITTEN = pytest.mark.parametrize("written", [str, full_width], ids=["ascii", "full-width"])


@WRITTEN
def test_the_api_answers_a_registered_resident_id_like_a_new_one(registered, written):
    fresh = api_register(form("fresh1", new_id(12)))
    again = api_register(form("again1", written(registered.decrypt("resident_id"))))
    assert fresh.status_code in (201, 202), fresh.json()
    assert shape(fresh) == shape(again)
    assert "登记过" not in again.content.decode()


@WRITTEN
def test_the_page_answers_a_registered_resident_id_like_a_new_one(registered, written):
    answers = []
    for username, rid in [("fresh2", new_id(13)), ("again2", written(registered.decrypt("resident_id")))]:
        browser = Client()
        response = browser.post("/register/seeker/", form(username, rid))
        assert response.status_code == 302
        shown = browser.get(response["Location"]).content.decode()
        main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", shown[shown.index("<main") :])
        answers.append((response["Location"], main.replace(username, "")))
    assert answers[0] == answers[1]
    assert "登记过" not in answers[1][1]
    assert Person.objects.count() == 2  # the fresh registrant only: no second record of the registered one


def test_every_field_is_checked_before_the_registry_is(registered):
    response = api_register(form("again3", registered.decrypt("resident_id"), phone="12345", password="123"))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"phone", "password"} <= set(errors)
    assert "resident_id" not in errors and "certificate_no" not in errors
    assert not User.objects.filter(username="again3").exists()


def test_a_taken_username_is_reported_with_the_other_fields(registered, make):
    make.make_user(username="taken")
    response = api_register(form("taken", new_id(14), phone="12345"))
    assert response.status_code == 400 and {"username", "phone"} <= set(response.json()["errors"])


@WRITTEN
def test_a_registered_resident_id_opens_a_review_and_a_login_without_the_record(registered, written):
    from backend.accounts.models import RegistrationReview

    api_register(form("again4", written(registered.decrypt("resident_id")), phone="13911112222"))
    user = User.objects.get(username="again4")
    assert user.is_active and user.person_id is None  # the registrant sees nothing of the record
    assert user.check_password(PASSWORD)
    review = RegistrationReview.objects.get(user=user)
    assert review.status == "pending" and review.person == registered and review.matched_on == "resident_id"
    assert review.region.code == "320585101"  # the registered person's region decides who reviews
    # the submitted identifiers are kept encrypted, like the registry's own
    rid = registered.decrypt("resident_id")
    stored = RegistrationReview.objects.filter(pk=review.pk).values()[0]
    assert not any(rid in str(value) for value in stored.values())
    assert review.decrypt("resident_id") == rid
    assert review.certificate()["number"] == f"{rid}42"
    assert Person.objects.count() == 1


def test_a_registered_certificate_is_not_revealed_either(make):
    holder = person_create(
        name="李军",
        resident_id=new_id(15),
        region=make.region("320585100"),
        certificate=CertificateInput(kind=CertificateKind.VETERAN, number="JS2019001234", veteran_grade=3),
    )
    fresh = api_register(form("fresh5", new_id(16)))
    other = api_register(
        form("other5", new_id(17), certificate_kind="veteran", certificate_no="JS2019001234", veteran_grade=3)
    )
    assert shape(fresh) == shape(other)
    from backend.accounts.models import RegistrationReview

    review = RegistrationReview.objects.get(user__username="other5")
    assert review.person == holder and review.matched_on == "certificate"


def test_both_outcomes_sign_in(registered):
    for username, rid in [("fresh6", new_id(18)), ("again6", registered.decrypt("resident_id"))]:
        api_register(form(username, rid))
        browser = Client()
        assert browser.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302


# --- the review ---


def _review(registered, username="again7"):
    from backend.accounts.models import RegistrationReview

    api_register(form(username, registered.decrypt("resident_id")))
    return RegistrationReview.objects.get(user__username=username)


def test_the_review_is_listed_for_dpf_auditors_of_the_persons_region_only(registered, make):
    from backend.accounts.models import RegistrationReview

    review = _review(registered)
    dpf_here = make.make_auditor("320585101")
    dpf_county = make.make_auditor("320585")
    dpf_elsewhere = make.make_auditor("320585100")
    hrss_here = make.make_auditor("320585101", kind=AuditorKind.HRSS)
    assert list(RegistrationReview.objects.visible_to(dpf_here)) == [review]
    assert list(RegistrationReview.objects.visible_to(dpf_county)) == [review]
    for nobody in [dpf_elsewhere, hrss_here, make.make_seeker(), make.make_employer_user()]:
        assert not RegistrationReview.objects.visible_to(nobody).exists()
    # API: list and detail
    listed = client_for(dpf_here).get("/api/v1/registration-reviews/").json()
    assert [r["id"] for r in listed["results"]] == [review.pk]
    assert client_for(dpf_elsewhere).get(f"/api/v1/registration-reviews/{review.pk}/").status_code == 404
    assert client_for(hrss_here).get(f"/api/v1/registration-reviews/{review.pk}/").status_code == 404
    assert client_for(make.make_seeker()).get("/api/v1/registration-reviews/").status_code == 403
    # page
    browser = Client()
    browser.force_login(dpf_here)
    page = browser.get("/auditor/registrations/")
    assert page.status_code == 200 and "again7" in page.content.decode()
    elsewhere = Client()
    elsewhere.force_login(dpf_elsewhere)
    assert "again7" not in elsewhere.get("/auditor/registrations/").content.decode()


def test_the_reviewer_links_the_login_to_the_registered_person(registered, make):
    from backend.accounts.registration import registration_review_link

    review = _review(registered)
    reviewer = make.make_auditor("320585101")
    registration_review_link(review=review, by=reviewer, note="电话核实本人")
    review.refresh_from_db()
    assert review.status == "linked" and review.decided_by == reviewer and review.decided_at
    assert User.objects.get(username="again7").person == registered
    with pytest.raises(ValidationError):  # decided once
        registration_review_link(review=review, by=reviewer, note="再次")


def test_linking_moves_the_record_from_an_earlier_login(registered, make):
    """Somebody registered the ID first (or the person forgot their old login): after checking by
    phone the reviewer gives the record to the new login; the old one keeps its account only."""
    from backend.accounts.registration import registration_review_link

    squatter = make.make_user(username="first", person=registered)
    review = _review(registered, "second")
    registration_review_link(review=review, by=make.make_auditor("320585101"), note="电话核实")
    squatter.refresh_from_db()
    assert squatter.person_id is None
    assert User.objects.get(username="second").person == registered


def test_rejecting_needs_a_reason_and_keeps_the_record_apart(registered, make):
    from backend.accounts.registration import registration_review_reject

    review = _review(registered)
    reviewer = make.make_auditor("320585101")
    with pytest.raises(ValidationError) as exc:
        registration_review_reject(review=review, by=reviewer, note="")
    assert "note" in exc.value.message_dict
    registration_review_reject(review=review, by=reviewer, note="电话联系本人，本人未注册")
    review.refresh_from_db()
    assert review.status == "rejected"
    assert User.objects.get(username="again7").person_id is None


def test_only_a_dpf_auditor_covering_the_region_decides(registered, make):
    from backend.accounts.registration import registration_review_link

    review = _review(registered)
    for outsider in [
        make.make_auditor("320585101", kind=AuditorKind.HRSS),
        make.make_auditor("320585100"),
        make.make_admin(),  # 三员分立
    ]:
        with pytest.raises(PermissionDenied):
            registration_review_link(review=review, by=outsider, note="核实")
    assert User.objects.get(username="again7").person_id is None


def test_the_reviewer_decides_on_the_page_and_in_the_api(registered, make):
    review = _review(registered)
    reviewer = make.make_auditor("320585101")
    browser = Client()
    browser.force_login(reviewer)
    detail = browser.get(f"/auditor/registrations/{review.pk}/")
    body = detail.content.decode()
    assert detail.status_code == 200 and detail["Cache-Control"] == "no-store"
    assert registered.decrypt("resident_id") not in body  # masked
    response = browser.post(
        f"/auditor/registrations/{review.pk}/", {"decision": "link", "note": "电话核实本人"}
    )
    assert response.status_code == 302
    assert User.objects.get(username="again7").person == registered

    other = _review(registered, "again8")
    api = client_for(reviewer)
    refused = api.post(f"/api/v1/registration-reviews/{other.pk}/reject/", {"note": ""}, format="json")
    assert refused.status_code == 400 and "note" in refused.json()["errors"]
    done = api.post(f"/api/v1/registration-reviews/{other.pk}/reject/", {"note": "非本人"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "rejected"


def test_a_resident_id_with_arabic_indic_digits_is_refused_by_name():
    rid = new_id(19)
    typed = rid[:4] + "\u0663" + rid[5:]  # "٣" (U+0663): NFKC keeps it, so it is no ASCII digit
    response = api_register(form("arabic1", typed, certificate_kind="none", certificate_no=""))
    assert response.status_code == 400
    assert response.json()["errors"]["resident_id"] == ["身份证号只能包含数字和字母X，第5位“٣”不是"]
    assert not Person.objects.exists()
