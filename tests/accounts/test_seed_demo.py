"""seed_demo builds a realistic Taicang, is idempotent and is refused in production."""

import pytest
from django.core.management import CommandError, call_command

from backend.accounts.demo import DEMO_PASSWORD, seed
from backend.accounts.models import Employer, Person, User
from backend.accounts.selectors import person_disability
from identifiers.core import validate_credit_code

pytestmark = pytest.mark.django_db


def test_registry_demo_data_is_realistic_and_idempotent():
    seed()
    counts = (Employer.objects.count(), Person.objects.count(), User.objects.count())
    seed()
    assert (Employer.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 40 and counts[1] == 200
    assert {e.org_type for e in Employer.objects.all()} == {
        "enterprise",
        "government",
        "institution",
        "social_org",
        "private_non_enterprise",
    }
    for employer in Employer.objects.all():
        assert validate_credit_code(employer.credit_code) == employer.credit_code
    pairs = {(d["category"], d["grade"]) for d in map(person_disability, Person.objects.all())}
    assert {c for c, _ in pairs} == set(range(1, 8)) and {g for _, g in pairs} == {1, 2, 3, 4}
    for name in ("seeker", "employer", "auditor", "admin"):
        assert User.objects.get(username=name).check_password(DEMO_PASSWORD)


def test_seed_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refused in production"):
        call_command("seed_demo")


def test_the_whole_demo_seeds_and_a_second_run_changes_nothing(settings, tmp_path):
    # Not a transactional test: flushing the database afterwards would break the browser tests'
    # serialized rollback (their content types collide with the re-created ones).
    # `make run` runs every seeder in order; a seeder that fails (a permission its demo user
    # lacks, a missing dependency) breaks the first thing a new user tries.
    from io import StringIO

    from matching.models import JobPosting

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MATCHING_INDEX_DIR = tmp_path / "index"
    out = StringIO()

    call_command("seed_demo", stdout=out)
    counts = (User.objects.count(), JobPosting.objects.count())
    call_command("seed_demo", stdout=StringIO())

    assert "演示数据已就绪" in out.getvalue()
    assert (User.objects.count(), JobPosting.objects.count()) == counts
    assert User.objects.filter(username="service", role="service").exists()
