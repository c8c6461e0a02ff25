"""The demo seeder: realistic volume, every application status, a hire, idempotent."""

from collections import Counter

import pytest

from backend.accounts.demo import seed as seed_accounts
from matching.demo import seed
from matching.models import Application, Employment, IndexVersion, JobPosting, SeekerProfile
from matching.selectors import match_jobs_for_seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_seed_fills_the_market_and_is_idempotent(fast_passwords, django_user_model):
    seed_accounts()

    first = seed()
    second = seed()

    assert 140 <= first["postings"] == JobPosting.objects.count() <= 180
    assert first["profiles"] == SeekerProfile.objects.count() == 40
    assert second == {"postings": 0, "profiles": 0, "applications": 0, "history": 0}
    assert first["history"] == Employment.objects.filter(source="manual").count() == 150
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert set(statuses) == {"applied", "viewed", "interview", "offer", "hired", "rejected", "withdrawn"}
    hired = Application.objects.filter(status="hired")
    assert Employment.objects.filter(source="platform").count() == hired.count() >= 1
    assert hired.filter(posting__employer__memberships__user__username="employer").exists()
    assert IndexVersion.objects.filter(kind="snapshot").exists()
    assert len(match_jobs_for_seeker(user=django_user_model.objects.get(username="seeker"), k=10)) == 10
    forms = Counter(JobPosting.objects.values_list("employment_form", flat=True))
    assert set(forms) == {"competitive", "sheltered", "assisted", "home"}
