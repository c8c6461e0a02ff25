"""A deactivated account and a changed password end sessions and API tokens; knox's limit of live
tokens per user holds for the project's own login view."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from backend.accounts.models import User

pytestmark = pytest.mark.django_db


def signed_in_page(user, password) -> Client:
    """A browser signed in through the real login page (the session names the real backend)."""
    client = Client()
    assert client.post("/login/", {"username": user.username, "password": password}).status_code == 302
    return client


def api_token(user, password) -> str:
    response = APIClient().post(
        "/api/v1/auth/login", {"username": user.username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def session_api(client: Client):
    return client.get("/api/v1/auth/me")


def token_api(token: str):
    return APIClient().get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Token {token}")


# --- 5. a deactivated user keeps nothing ---


def test_an_account_switched_off_directly_loses_its_web_session_on_the_next_request(make):
    user = make.make_seeker()
    browser = signed_in_page(user, make.PASSWORD)
    assert browser.get("/me/").status_code == 200
    User.objects.filter(pk=user.pk).update(is_active=False)  # e.g. the admin site's checkbox
    response = browser.get("/me/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert session_api(browser).status_code in (401, 403)


def test_deactivation_ends_sessions_and_api_tokens(make):
    from backend.accounts.signin.credentials import user_deactivate

    user = make.make_seeker()
    browser = signed_in_page(user, make.PASSWORD)
    token = api_token(user, make.PASSWORD)
    other = make.make_seeker()
    other_browser = signed_in_page(other, make.PASSWORD)
    user_deactivate(user=user, by=make.make_admin())
    assert not AuthToken.objects.filter(user=user).exists()
    assert token_api(token).status_code == 401
    assert browser.get("/me/").status_code == 302
    assert session_api(browser).status_code in (401, 403)
    # nobody else is signed out
    assert other_browser.get("/me/").status_code == 200
    assert Session.objects.count() >= 1


def test_only_an_administrator_deactivates_accounts(make):
    from django.core.exceptions import PermissionDenied

    from backend.accounts.signin.credentials import user_deactivate

    user = make.make_seeker()
    with pytest.raises(PermissionDenied):
        user_deactivate(user=user, by=make.make_auditor())
    user.refresh_from_db()
    assert user.is_active


def test_admin_action_deactivates_and_signs_out(make):
    admin = make.make_admin()
    user = make.make_seeker()
    browser = signed_in_page(user, make.PASSWORD)
    token = api_token(user, make.PASSWORD)
    site = Client()
    site.force_login(admin)
    response = site.post(
        "/admin/accounts/user/", {"action": "deactivate_users", "_selected_action": [user.pk]}, follow=True
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert not user.is_active
    assert token_api(token).status_code == 401
    assert browser.get("/me/").status_code == 302


def test_unticking_active_in_the_admin_form_ends_the_tokens(make):
    admin = make.make_admin()
    user = make.make_seeker()
    token = api_token(user, make.PASSWORD)
    site = Client()
    site.force_login(admin)
    form = site.get(f"/admin/accounts/user/{user.pk}/change/").context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update(
        {
            "username": user.username,
            "role": user.role,
            "is_active": "",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "09:00:00",
            "regions": [],
        }
    )
    data.pop("password", None)
    data.pop("person", None)
    data.pop("last_login", None)
    response = site.post(f"/admin/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user.refresh_from_db()
    assert not user.is_active
    assert not AuthToken.objects.filter(user=user).exists()  # ended, not merely refused
    assert token_api(token).status_code == 401


# --- 6. knox's token limit, and a password change ---


def test_the_api_login_refuses_tokens_beyond_the_knox_limit(make):
    limit = settings.REST_KNOX["TOKEN_LIMIT_PER_USER"]
    user = make.make_seeker()
    tokens = [api_token(user, make.PASSWORD) for _ in range(limit)]
    refused = APIClient().post(
        "/api/v1/auth/login", {"username": user.username, "password": make.PASSWORD}, format="json"
    )
    assert refused.status_code == 403
    assert f"{limit} 个有效的接口令牌" in refused.json()["detail"]
    assert AuthToken.objects.filter(user=user).count() == limit
    # signing out one token makes room again
    APIClient().post("/api/v1/auth/logout", HTTP_AUTHORIZATION=f"Token {tokens[0]}")
    api_token(user, make.PASSWORD)


def test_expired_tokens_do_not_count_towards_the_limit(make):
    from datetime import timedelta

    from django.utils import timezone

    limit = settings.REST_KNOX["TOKEN_LIMIT_PER_USER"]
    user = make.make_seeker()
    for _ in range(limit):
        api_token(user, make.PASSWORD)
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(minutes=1))
    api_token(user, make.PASSWORD)
    assert AuthToken.objects.filter(user=user).count() == 1


def test_a_password_change_revokes_every_api_token(make):
    user = make.make_seeker()
    tokens = [api_token(user, make.PASSWORD) for _ in range(2)]
    user.set_password("another-long-passphrase-2")
    user.save()
    assert all(token_api(token).status_code == 401 for token in tokens)
    assert api_token(user, "another-long-passphrase-2")


def test_a_password_change_ends_the_other_web_sessions(make):
    user = make.make_seeker()
    browser = signed_in_page(user, make.PASSWORD)
    user.set_password("another-long-passphrase-2")
    user.save()
    assert browser.get("/me/").status_code == 302
    assert session_api(browser).status_code in (401, 403)


def test_a_password_changed_in_the_admin_site_revokes_the_tokens(make):
    admin = make.make_admin()
    user = make.make_seeker()
    token = api_token(user, make.PASSWORD)
    site = Client()
    site.force_login(admin)
    response = site.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {
            "password1": "another-long-passphrase-2",
            "password2": "another-long-passphrase-2",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert token_api(token).status_code == 401


def test_signing_in_keeps_the_tokens(make):
    """The silent re-hash of an old password at sign-in is not a password change."""
    from django.contrib.auth.hashers import make_password

    user = make.make_seeker()
    user.password = make_password(make.PASSWORD, hasher="pbkdf2_sha256")  # an older hash
    user.save()
    token = api_token(user, make.PASSWORD)
    signed_in_page(user, make.PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2")  # upgraded at sign-in
    assert token_api(token).status_code == 200
