"""The demo seeder: realistic volume, every application status, a hire, idempotent."""

from collections import Counter

import pytest

from backend.accounts.demo import seed as seed_accounts
from backend.accounts.models import Region
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
    # The demo seeker (盲人按摩，推拿) sees the jobs relevant to her wish — the list stops there.
    assert 5 <= len(match_jobs_for_seeker(user=django_user_model.objects.get(username="seeker"), k=10)) <= 10
    forms = Counter(JobPosting.objects.values_list("employment_form", flat=True))
    assert set(forms) == {"competitive", "sheltered", "assisted", "home"}
    # Every wish is a 区镇 the profile page offers (a city code once put "还没有填写完整" on every
    # third demo seeker's page).
    towns = set(Region.objects.filter(level__in=["town", "zone"]).values_list("code", flat=True))
    assert all(set(p.regions) <= towns for p in SeekerProfile.objects.all())
    assert SeekerProfile.objects.filter(regions=[]).exists()


def test_demo_ships_the_classification_codes_its_titles_and_gives_occupation_reasons(
    fast_passwords, django_user_model
):
    # Issue 13: a fresh `make run` has the classification (shipped as a data file) and codes.
    from matching.core.occupations import OccupationCoder
    from matching.models import Occupation
    from matching.reference import occupations_for_coder

    seed_accounts()
    seed()

    assert Occupation.objects.filter(level=4).count() > 1500
    coder = OccupationCoder(occupations_for_coder())
    assert coder.code("电话客服") == "4-04-05-03"
    call_centre = JobPosting.objects.filter(title="电话客服").exclude(occupation_code="")
    assert call_centre.exists() and set(call_centre.values_list("occupation_code", flat=True)) == {
        "4-04-05-03"
    }
    coded = JobPosting.objects.exclude(occupation_code="").count()
    assert coded >= JobPosting.objects.count() // 2
    # Unsure titles stay uncoded rather than guessed ("普工" is no occupation of the classification).
    assert not JobPosting.objects.filter(title="电子厂普工").exclude(occupation_code="").exists()
    assert SeekerProfile.objects.exclude(occupation_codes=[]).count() >= 30
    typing = SeekerProfile.objects.filter(desired__contains="客服").exclude(occupation_codes=[]).first()
    user = django_user_model.objects.get(person=typing.person)
    reasons = [r for m in match_jobs_for_seeker(user=user, k=5) for r in m.explanation.reasons_zh]
    assert any("岗位属于「呼叫中心服务员」" in r for r in reasons)
