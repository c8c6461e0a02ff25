"""Every registry write endpoint answers bad input with 400 and Chinese field messages, never 500."""

import pytest

from backend.accounts.models import Person, User

from ..conftest import client_for

pytestmark = pytest.mark.django_db

SEEKER = {
    "username": "newseeker",
    "password": "a-long-enough-pass",
    "name": "王芳",
    "resident_id": "11010519491231002X",
    "certificate_kind": "disability",
    "certificate_no": "11010519491231002X42",
    "region": "320585100",
}
EMPLOYER = {
    "username": "newhr",
    "password": "a-long-enough-pass",
    "employer_name": "测试公司",
    "credit_code": "91110000600037341L",
    "org_type": "enterprise",
    "region": "320585100",
}


def test_seeker_registration_succeeds_and_stores_the_person(api):
    response = api.post("/api/v1/auth/register/seeker", SEEKER, format="json")
    assert response.status_code == 201, response.json()
    assert User.objects.get(username="newseeker").person.name == "王芳"


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"resident_id": "110105194912310021"}, "resident_id"),
        ({"certificate_no": "11010519491231002X92"}, "certificate_no"),
        ({"region": "999999"}, "region"),
        ({"password": "123"}, "password"),
        ({"username": "a b"}, "username"),
        ({"name": ""}, "name"),
        ({"certificate_kind": "passport"}, "certificate_kind"),
        ({"phone": "12345"}, "phone"),
    ],
)
def test_bad_seeker_registration_names_the_field(api, override, field):
    response = api.post("/api/v1/auth/register/seeker", {**SEEKER, **override}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"], body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["errors"][field][0])
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"credit_code": "91110000600037341M"}, "credit_code"),
        ({"org_type": "company"}, "org_type"),
        ({"region": ""}, "region"),
        ({"employer_name": ""}, "employer_name"),
    ],
)
def test_bad_employer_registration_names_the_field(api, override, field):
    response = api.post("/api/v1/auth/register/employer", {**EMPLOYER, **override}, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize("payload", [None, [], "text", {"name": ["x"]}, {"phone": 12}])
def test_malformed_bodies_never_cause_500(api, make, payload):
    seeker = make.make_seeker()
    client = client_for(seeker)
    for url, method in [
        ("/api/v1/persons/me", "patch"),
        ("/api/v1/consents/", "post"),
        (f"/api/v1/persons/{seeker.person_id}/reveal/", "post"),
    ]:
        response = getattr(client, method)(url, payload, format="json")
        assert response.status_code < 500, (url, response.content)


def test_reveal_without_a_purpose_is_refused(make):
    auditor = make.make_auditor()
    seeker = make.make_seeker()
    response = client_for(auditor).post(f"/api/v1/persons/{seeker.person_id}/reveal/", {}, format="json")
    assert response.status_code == 400 and "purpose" in response.json()["errors"]


def test_api_login_returns_an_expiring_token_stored_hashed(api, make):
    from knox.models import AuthToken

    user = make.make_seeker()
    response = api.post(
        "/api/v1/auth/login", {"username": user.username, "password": make.PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key) and stored.expiry is not None
    me = api.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200 and me.json()["username"] == user.username
    bad = api.post("/api/v1/auth/login", {"username": user.username, "password": "wrong"}, format="json")
    assert bad.status_code == 401 and bad.json()["detail"] == "用户名或密码不正确。"


def test_api_logout_revokes_the_token(api, make):
    from knox.models import AuthToken

    user = make.make_seeker()
    token = api.post(
        "/api/v1/auth/login", {"username": user.username, "password": make.PASSWORD}, format="json"
    ).json()["token"]
    assert AuthToken.objects.filter(user=user).count() == 1
    assert api.post("/api/v1/auth/logout", HTTP_AUTHORIZATION=f"Token {token}").status_code == 204
    assert not AuthToken.objects.filter(user=user).exists()
    me = api.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 401 and me.json()["detail"] == "认证令牌无效。"


@pytest.mark.throttle
def test_web_login_locks_out_after_repeated_failures_with_a_cool_off(client, make, settings):
    user = make.make_seeker()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": user.username, "password": "wrong"})
    locked = client.post("/login/", {"username": user.username, "password": make.PASSWORD})
    assert locked.status_code == 429
    assert "15 分钟后再试" in locked.content.decode()
