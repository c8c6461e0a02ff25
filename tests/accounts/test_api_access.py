"""Role × endpoint matrix for the registry API, and two-user (BOLA) tests on the data itself."""

import pytest

from backend.accounts.models import AccessLog, Consent, Employer

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make):
    """Two employers in different towns, two seekers, an auditor per town, an admin."""
    emp_a = make.make_employer(region_code="320585100", name="甲公司")
    emp_b = make.make_employer(region_code="320585101", name="乙公司")
    return {
        "emp_a": emp_a,
        "emp_b": emp_b,
        "staff_a": make.make_employer_user(emp_a),
        "staff_b": make.make_employer_user(emp_b),
        "seeker_a": make.make_seeker(region_code="320585100"),
        "seeker_b": make.make_seeker(region_code="320585101"),
        "auditor_a": make.make_auditor("320585100"),
        "auditor_city": make.make_auditor("320585"),
        "admin": make.make_admin(),
    }


def _status(client, method, url, data=None):
    return getattr(client, method)(url, data, format="json").status_code


# (actor, method, url template, expected status). Templates: {emp_a} {emp_b} {person_a} {person_b}.
MATRIX = [
    ("anon", "get", "/api/v1/regions/", 200),
    ("anon", "get", "/api/v1/employers/", 401),
    ("anon", "get", "/api/v1/persons/", 401),
    ("anon", "get", "/api/v1/access-logs/", 401),
    ("seeker_a", "get", "/api/v1/employers/{emp_a}/", 403),
    ("seeker_a", "get", "/api/v1/persons/{person_a}/", 200),
    ("seeker_a", "get", "/api/v1/persons/{person_b}/", 404),
    ("seeker_a", "get", "/api/v1/persons/me", 200),
    ("seeker_a", "get", "/api/v1/consents/", 200),
    ("staff_a", "get", "/api/v1/employers/{emp_a}/", 200),
    ("staff_a", "get", "/api/v1/employers/{emp_b}/", 404),
    ("staff_a", "patch", "/api/v1/employers/{emp_b}/", 404),
    ("staff_a", "post", "/api/v1/employers/{emp_a}/activate/", 403),
    ("staff_a", "get", "/api/v1/persons/{person_a}/", 404),
    ("staff_a", "get", "/api/v1/consents/", 403),
    ("auditor_a", "get", "/api/v1/employers/{emp_a}/", 200),
    ("auditor_a", "get", "/api/v1/employers/{emp_b}/", 404),
    ("auditor_a", "patch", "/api/v1/employers/{emp_a}/", 403),
    ("auditor_a", "get", "/api/v1/persons/{person_a}/", 200),
    ("auditor_a", "get", "/api/v1/persons/{person_b}/", 404),
    ("auditor_city", "get", "/api/v1/employers/{emp_b}/", 200),
    ("auditor_city", "get", "/api/v1/persons/{person_b}/", 200),
    ("admin", "get", "/api/v1/employers/{emp_b}/", 200),
    ("admin", "get", "/api/v1/persons/{person_b}/", 200),
]


@pytest.mark.parametrize(("actor", "method", "url", "expected"), MATRIX)
def test_role_endpoint_matrix(world, api, actor, method, url, expected):
    client = api if actor == "anon" else client_for(world[actor])
    url = url.format(
        emp_a=world["emp_a"].pk,
        emp_b=world["emp_b"].pk,
        person_a=world["seeker_a"].person_id,
        person_b=world["seeker_b"].person_id,
    )
    assert _status(client, method, url, {}) == expected


def test_lists_contain_only_what_the_user_may_see(world):
    ids = lambda client, url: {row["id"] for row in client.get(url).json()["results"]}  # noqa: E731
    assert ids(client_for(world["staff_a"]), "/api/v1/employers/") == {world["emp_a"].pk}
    assert ids(client_for(world["auditor_a"]), "/api/v1/employers/") == {world["emp_a"].pk}
    assert ids(client_for(world["auditor_city"]), "/api/v1/employers/") == {
        world["emp_a"].pk,
        world["emp_b"].pk,
    }
    assert ids(client_for(world["seeker_a"]), "/api/v1/persons/") == {world["seeker_a"].person_id}
    assert ids(client_for(world["auditor_a"]), "/api/v1/persons/") == {world["seeker_a"].person_id}


def test_employer_staff_cannot_change_another_employers_profile(world):
    response = client_for(world["staff_a"]).patch(
        f"/api/v1/employers/{world['emp_b'].pk}/", {"name": "被篡改"}, format="json"
    )
    assert response.status_code == 404
    assert Employer.objects.get(pk=world["emp_b"].pk).name == "乙公司"
    # Own contact details: yes; own name (master data): only by a change request.
    ok = client_for(world["staff_a"]).patch(
        f"/api/v1/employers/{world['emp_a'].pk}/", {"contact_name": "王芳"}, format="json"
    )
    assert ok.status_code == 200 and Employer.objects.get(pk=world["emp_a"].pk).contact_name == "王芳"
    renamed = client_for(world["staff_a"]).patch(
        f"/api/v1/employers/{world['emp_a'].pk}/", {"name": "甲公司（新）"}, format="json"
    )
    assert renamed.status_code == 400 and Employer.objects.get(pk=world["emp_a"].pk).name == "甲公司"


def test_a_non_admin_member_cannot_edit_the_profile(world, make):
    member = make.make_employer_user(world["emp_a"], is_admin=False)
    response = client_for(member).patch(
        f"/api/v1/employers/{world['emp_a'].pk}/", {"name": "X"}, format="json"
    )
    assert response.status_code == 403
    assert Employer.objects.get(pk=world["emp_a"].pk).name == "甲公司"


def test_person_list_shows_masked_identifiers_only(world):
    person = world["seeker_a"].person
    rid = person.decrypt("resident_id")
    body = client_for(world["auditor_a"]).get("/api/v1/persons/").content.decode()
    assert rid not in body
    assert rid[:4] + "**********" + rid[-4:] in body


def test_reveal_is_logged_for_others_and_not_for_the_owner(world):
    person = world["seeker_a"].person
    url = f"/api/v1/persons/{person.pk}/reveal/"
    own = client_for(world["seeker_a"]).post(url, {"purpose": "data_correction"}, format="json")
    assert own.status_code == 200 and own.json()["resident_id"] == person.decrypt("resident_id")
    assert AccessLog.objects.count() == 0
    seen = client_for(world["auditor_a"]).post(url, {"purpose": "audit", "reason": "年审核对"}, format="json")
    assert seen.status_code == 200 and seen["Cache-Control"] == "no-store"
    log = AccessLog.objects.get()
    assert (log.actor, log.person, log.purpose) == (world["auditor_a"], person, "audit")
    assert person.decrypt("resident_id") not in f"{log.field} {log.reason}"
    denied = client_for(world["auditor_a"]).post(
        f"/api/v1/persons/{world['seeker_b'].person_id}/reveal/", {"purpose": "audit"}, format="json"
    )
    assert denied.status_code == 404 and AccessLog.objects.count() == 1


def test_the_person_sees_who_read_their_data_and_others_do_not(world):
    person = world["seeker_a"].person
    client_for(world["auditor_a"]).post(
        f"/api/v1/persons/{person.pk}/reveal/", {"purpose": "audit"}, format="json"
    )
    mine = client_for(world["seeker_a"]).get("/api/v1/access-logs/").json()["results"]
    theirs = client_for(world["seeker_b"]).get("/api/v1/access-logs/").json()["results"]
    assert [row["purpose"] for row in mine] == ["audit"]
    assert theirs == []


def test_consents_are_per_person(world):
    a, b = client_for(world["seeker_a"]), client_for(world["seeker_b"])
    assert a.post("/api/v1/consents/", {"scope": "disability_matching"}, format="json").status_code == 201
    assert b.get("/api/v1/consents/").json()["results"] == []
    assert b.post("/api/v1/consents/withdraw/", {"scope": "disability_matching"}, format="json").json() == {
        "withdrawn": 0
    }
    consent = Consent.objects.get()
    assert consent.person == world["seeker_a"].person and consent.withdrawn_at is None
    assert a.post("/api/v1/consents/withdraw/", {"scope": "disability_matching"}, format="json").json() == {
        "withdrawn": 1
    }


def test_seeker_corrects_and_exports_own_data(world):
    client = client_for(world["seeker_a"])
    response = client.patch("/api/v1/persons/me", {"name": "新名字", "phone": "13812345678"}, format="json")
    assert response.status_code == 200
    world["seeker_b"].person.refresh_from_db()
    assert world["seeker_b"].person.name != "新名字"
    export = client.get("/api/v1/persons/me/export")
    assert export.status_code == 200 and export.json()["name"] == "新名字"
    assert export.json()["resident_id"] == world["seeker_a"].person.decrypt("resident_id")


def test_only_auditors_and_admins_activate_employers(world, make):
    pending = make.make_employer(status="pending")
    assert client_for(world["staff_a"]).post(f"/api/v1/employers/{pending.pk}/activate/").status_code == 403
    assert (
        client_for(world["auditor_city"]).post(f"/api/v1/employers/{pending.pk}/activate/").status_code == 200
    )
    assert Employer.objects.get(pk=pending.pk).status == "active"
