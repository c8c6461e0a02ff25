"""Fixtures for the auditors' pages."""

import pytest
from django.test import Client

from .factories import make_scene, run_audit


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; these tests create many users and never test hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded evidence goes to a fresh MEDIA_ROOT per test, never into the work tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scene(db):
    return make_scene()


@pytest.fixture
def audited(scene, django_capture_on_commit_callbacks):
    """The scene after the auditor ran the 2025 annual audit."""
    scene.run = run_audit(django_capture_on_commit_callbacks, by=scene.auditor)
    return scene
