"""The demo seed: realistic training records 2021–2025 for the demo persons, idempotent."""

from datetime import date

from backend.accounts.choices import Role
from indicators import demo
from indicators.models import TrainingRecord
from indicators.selectors import training_indicator
from tests.factories import make_person
from tests.quota.factories import make_user


def test_the_seed_fills_the_plan_years_and_a_second_run_changes_nothing(db, monkeypatch):
    monkeypatch.setattr(demo, "PER_YEAR", {year: 12 for year in range(2021, 2026)})  # the real seed: 678
    auditor = make_user(Role.AUDITOR, regions=["320585"])
    auditor.username = "auditor"
    auditor.save()
    for n in range(12):
        make_person(name=f"演示{n}", birth=date(1970 + n, 1, 1))
    first = demo.seed()
    assert first["training_records"] == TrainingRecord.objects.count() > 50
    assert demo.seed() == {"training_records": 0}
    years = {y.year: y.value for y in training_indicator(user=auditor).years}
    assert all(years[year] >= 8 for year in range(2021, 2026))  # a few are skills assessments
    assert not TrainingRecord.objects.filter(end_date__gt=date(2025, 12, 31)).exists()
    assert not TrainingRecord.objects.exclude(certificate_obtained=True).exclude(certificate_name="").exists()


def test_the_seed_does_nothing_without_the_demo_auditor(db):
    make_person(name="演示")
    assert demo.seed() == {"training_records": 0}
