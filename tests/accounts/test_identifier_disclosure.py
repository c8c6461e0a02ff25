"""Identifiers and disability details reach only those with a right to them (个人信息保护法
第二十八至三十条; security.md "Sensitive data"): masks that hide the certificate's category and
grade, no birth date beside a masked ID, a logged link of a person to a login in the admin, logged
reads through such a login, and the person's own page masked with a reveal and plain words."""

import re
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from backend.accounts.choices import Role
from backend.accounts.crypto import mask_identifier
from backend.accounts.masks import (
    mask_any,
    mask_certificate,
    mask_disability_certificate,
    mask_resident_id,
    mask_veteran_certificate,
)
from backend.accounts.models import AccessLog, User
from backend.accounts.services import user_link_person

from ..conftest import client_for

pytestmark = pytest.mark.django_db

RID = "32058519800101123X"
CERT = RID + "23"  # 听力 (2), 三级 (3)


# ------------------------------------------------------------------ masks


@pytest.mark.parametrize("mask", [mask_disability_certificate, mask_certificate, mask_any, mask_identifier])
def test_a_masked_certificate_never_shows_the_category_or_grade_digits(mask):
    masked = mask(CERT)
    assert len(masked) == len(CERT)
    assert masked.endswith("**")
    assert masked == "3205**********123X**"


def test_certificate_and_id_masks_together_show_no_more_than_the_id_mask():
    shown_by_id = {i for i, ch in enumerate(mask_resident_id(RID)) if ch != "*"}
    shown_by_cert = {i for i, ch in enumerate(mask_disability_certificate(CERT)) if ch != "*"}
    assert shown_by_cert <= shown_by_id
    assert not shown_by_id & set(range(6, 14))  # the birth date


def test_a_reissued_certificate_hides_its_suffix_too():
    assert mask_disability_certificate(CERT + "B1") == "3205**********123X****"


def test_veteran_and_unknown_numbers_show_at_most_two_characters_at_each_end():
    assert mask_veteran_certificate("JUN00001234") == "JU*******34"
    assert mask_certificate("JUN00001234", "veteran") == "JU*******34"
    assert mask_veteran_certificate("苏A123") == "*****"
    assert mask_any("") == ""


# ------------------------------------------------------------------ the registry API


def test_person_list_has_no_birth_date_beside_the_masked_identifiers(make):
    person = make.make_seeker(category=2, grade=3).person
    auditor = make.make_auditor("320585")

    response = client_for(auditor).get("/api/v1/persons/")

    row = next(r for r in response.json()["results"] if r["id"] == person.pk)
    assert "birth_date" not in row
    rid, cert = person.decrypt("resident_id"), person.decrypt("certificate")
    assert rid[6:14] not in response.content.decode()
    assert row["resident_id_masked"] == mask_resident_id(rid)
    assert row["certificate_no_masked"] == mask_resident_id(rid) + "**"
    assert not cert.endswith(row["certificate_no_masked"][-2:])
    assert not AccessLog.objects.exists()


def test_persons_cannot_be_ordered_by_birth_date(make):
    make.make_seeker(birth=date(1970, 1, 1))
    make.make_seeker(birth=date(1990, 1, 1))
    admin = make.make_admin()
    ids = [r["id"] for r in client_for(admin).get("/api/v1/persons/?ordering=birth_date").json()["results"]]
    ids_desc = [
        r["id"] for r in client_for(admin).get("/api/v1/persons/?ordering=-birth_date").json()["results"]
    ]
    assert ids == ids_desc  # the parameter is ignored: no oracle on the hidden digits


# ------------------------------------------------------------------ linking a person to a login


@pytest.fixture
def admin_browser(make):
    admin = make.make_admin()
    client = Client()
    client.force_login(admin)
    return admin, client


def test_the_user_admin_cannot_change_the_person_of_a_login(make, admin_browser):
    _, browser = admin_browser
    victim = make.make_seeker().person
    login = make.make_user(Role.SEEKER, username="newlogin")
    url = f"/admin/accounts/user/{login.pk}/change/"
    page = browser.get(url).content.decode()
    assert 'name="person"' not in page
    assert "关联人员档案" in page

    form = {
        "username": "newlogin",
        "role": "seeker",
        "person": str(victim.pk),
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
        "elder_mode": "",
    }
    browser.post(url, form)

    login.refresh_from_db()
    assert login.person_id is None


def test_linking_a_person_in_the_admin_needs_a_reason_and_is_logged(make, admin_browser):
    admin, browser = admin_browser
    person = make.make_person()
    login = make.make_user(Role.SEEKER, username="lostlogin")
    url = f"/admin/accounts/user/{login.pk}/link-person/"

    page = browser.post(url, {"person": person.pk, "reason": ""}).content.decode()
    assert "请写明关联原因" in page
    login.refresh_from_db()
    assert login.person_id is None and not AccessLog.objects.exists()

    response = browser.post(url, {"person": person.pk, "reason": "本人持证到窗口办理，原账号无法登录"})

    assert response.status_code == 302
    login.refresh_from_db()
    assert login.person == person and login.person_linked_by == admin
    log = AccessLog.objects.get()
    assert (log.actor, log.person, log.field, log.purpose) == (admin, person, "person_link", "administration")
    assert "lostlogin" in log.reason and "原账号无法登录" in log.reason


def test_only_an_administrator_links_and_never_over_another_login(make):
    person = make.make_person()
    login = make.make_user(Role.SEEKER)
    with pytest.raises(PermissionDenied):
        user_link_person(user=login, person=person, reason="想看看", by=make.make_auditor())
    owner = make.make_seeker()
    with pytest.raises(ValidationError) as error:
        user_link_person(user=login, person=owner.person, reason="另一个账号", by=make.make_admin())
    assert "person" in error.value.message_dict
    login.refresh_from_db()
    assert login.person_id is None


def test_an_export_through_an_admin_linked_login_is_logged(make):
    admin = make.make_admin()
    person = make.make_person()
    login = make.make_user(Role.SEEKER)
    login = user_link_person(user=login, person=person, reason="窗口办理，核对过证件", by=admin)

    response = client_for(login).get("/api/v1/persons/me/export/")

    assert response.status_code == 200 and response.json()["resident_id"] == person.decrypt("resident_id")
    log = AccessLog.objects.exclude(field="person_link").get()
    assert (log.actor, log.person, log.purpose) == (login, person, "self_access")


def test_the_self_registered_owner_exports_without_a_log_entry(make):
    seeker = make.make_seeker()
    assert client_for(seeker).get("/api/v1/persons/me/export/").status_code == 200
    assert not AccessLog.objects.exists()


def test_a_reveal_through_an_admin_linked_login_is_logged(make):
    person = make.make_person()
    login = make.make_user(Role.SEEKER)
    login = user_link_person(user=login, person=person, reason="窗口办理，核对过证件", by=make.make_admin())

    client_for(login).post(f"/api/v1/persons/{person.pk}/reveal/", {"purpose": "casework"}, format="json")

    assert AccessLog.objects.filter(actor=login, person=person).count() == 1


# ------------------------------------------------------------------ the person's own page


def _page_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_my_page_masks_my_id_and_says_category_and_grade_in_plain_words(make, client):
    seeker = make.make_seeker(category=2, grade=3)
    client.force_login(seeker)
    rid = seeker.person.decrypt("resident_id")

    html = client.get("/me/").content.decode()

    assert rid not in html and rid[6:14] not in html
    assert mask_resident_id(rid) in html
    assert "听力残疾 三级" in html and "类别 2" not in html
    assert "显示完整号码" in html

    revealed = client.post("/me/", {"action": "reveal"}).content.decode()
    assert rid in revealed and seeker.person.decrypt("certificate") in revealed
    assert not AccessLog.objects.exists()  # the owner's own reads are not logged


def test_my_page_through_an_admin_linked_login_is_logged(make, client):
    person = make.make_person(category=4, grade=2)
    login = make.make_user(Role.SEEKER)
    login = user_link_person(user=login, person=person, reason="窗口办理，核对过证件", by=make.make_admin())
    client.force_login(login)

    html = client.get("/me/").content.decode()
    client.post("/me/", {"action": "reveal"})

    assert "肢体残疾 二级" in html
    fields = list(
        AccessLog.objects.filter(actor=login, purpose="self_access")
        .order_by("at", "id")
        .values_list("field", flat=True)
    )
    assert fields == ["disability", "disability,resident_id,certificate_no"]


def test_a_correction_still_works_beside_the_reveal_button(make, client):
    seeker = make.make_seeker()
    client.force_login(seeker)
    response = client.post("/me/", {"name": "新名字", "phone": "13900000001"})
    assert response.status_code == 302
    assert User.objects.get(pk=seeker.pk).person.name == "新名字"
