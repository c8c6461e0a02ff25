"""The load test's database: migrated, the demo seed, then a county's worth of synthetic data.

Run as ``python -m bench.load.data FIXTURES.json`` with ``DATABASE_URL`` pointing at the load
test's own (empty) database.  It writes the fixtures the locust users read: API tokens made
ahead of the run (django-rest-knox, so nobody logs in under load — a login hashes a password
with Argon2 and is throttled by django-axes), the seekers', employers' and auditor's identities
and a set of calculator requests.

Sizes (``LOAD_SCALE``, 1 = full): 3,000 synthetic employers with last year's and this year's
quota reports (~5,900) and 20,000 roster lines (bench/synthetic.py), ~6,000 open job postings
over 2,000 of those employers, and 1,000 seekers with profiles, on top of the demo's ~150
postings and 40 seekers.  Enough that a missing index or an N+1 query shows, small enough to be
built in a couple of minutes on two shared cores.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import date, timedelta

from bench import _django

DATA_YEAR = 2025
FULL = {"employers": 3000, "lines": 20_000, "posting_employers": 2000, "seekers": 1000}
# How many distinct identities of each kind the locust users share (one token each).
IDENTITIES = {"seekers": 100, "employers": 100}


def scale_from_env() -> float:
    raw = os.environ.get("LOAD_SCALE", "1")
    try:
        value = float(raw)
    except ValueError:
        raise SystemExit(f"LOAD_SCALE must be a number, got {raw!r}") from None
    if not 0 < value <= 10:
        raise SystemExit("LOAD_SCALE must be in (0, 10]")
    return value


def _step(label: str, started: float) -> None:
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)


def _postings(*, employers: int, today: date, seed: int = 20251207) -> int:
    """1–5 open postings (3 on average) for each of the first ``employers`` synthetic employers,
    written with bulk_create from the demo's posting families (the index is rebuilt afterwards)."""
    from backend.accounts.models import Employer
    from matching.demo import _families_for, _posting_values
    from matching.demo_data import FAMILIES
    from matching.models import JobPosting

    rng = random.Random(seed)
    rows = []
    chosen = Employer.objects.filter(name__startswith="基准单位").select_related("region").order_by("id")
    for n, employer in enumerate(chosen[:employers]):
        families = _families_for(employer)
        for i in range(1 + n % 5):
            family = FAMILIES[families[(n + i) % len(families)]]
            values = _posting_values(rng, employer, family, rng.choice(family["titles"]), today)
            rows.append(JobPosting(employer=employer, demands=[], **values))
    JobPosting.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _seekers(*, count: int, seed: int = 20251208) -> list[int]:
    """``count`` seeker accounts on the synthetic persons (bench/synthetic.py), each with a
    profile made by the product's own service; returns the user ids."""
    from backend.accounts.choices import Role
    from backend.accounts.models import Person, User
    from bench.matching_synthetic import seekers as seeker_docs
    from matching.services import profile_update

    persons = list(Person.objects.filter(name__startswith="基准", user__isnull=True).order_by("id")[:count])
    codes = dict((label, code) for code, label in _town_codes().items())
    users = User.objects.bulk_create(
        [User(username=f"load-seeker{i:05d}", role=Role.SEEKER, person=p) for i, p in enumerate(persons)],
        batch_size=2000,
    )
    for person, doc in zip(persons, seeker_docs(len(persons), seed=seed), strict=True):
        profile_update(
            person=person,
            desired=doc.desired,
            skills=list(doc.skills),
            experience=doc.experience,
            education=doc.education,
            regions=[codes[name] for name in doc.regions if name in codes],
            employment_forms=list(doc.employment_forms),
            hours=list(doc.hours),
            expected_pay=doc.expected_pay,
            needs=sorted(doc.needs),
        )
    return [user.pk for user in users]


def _town_codes() -> dict[str, str]:
    from backend.accounts.models import Region

    return dict(Region.objects.filter(parent__code="320585").values_list("code", "name"))


def _employer_staff(*, count: int) -> list[int]:
    """Staff accounts of the ``count`` synthetic employers with the most postings."""
    from django.db.models import Count

    from backend.accounts.choices import Role
    from backend.accounts.models import Employer, EmployerMembership, User

    employers = list(
        Employer.objects.filter(name__startswith="基准单位")
        .annotate(n=Count("postings"))
        .order_by("-n", "id")
        .values_list("id", flat=True)[:count]
    )
    users = User.objects.bulk_create(
        [User(username=f"load-employer{i:05d}", role=Role.EMPLOYER) for i in range(len(employers))]
    )
    EmployerMembership.objects.bulk_create(
        [
            EmployerMembership(user=u, employer_id=e, is_admin=True)
            for u, e in zip(users, employers, strict=True)
        ]
    )
    return [user.pk for user in users]


def _tokens(user_ids: list[int]) -> list[str]:
    from knox.models import AuthToken

    from backend.accounts.models import User

    return [AuthToken.objects.create(user)[1] for user in User.objects.filter(pk__in=user_ids).order_by("pk")]


def calculator_bodies(count: int = 60, seed: int = 2025) -> list[dict]:
    """Valid calculator requests of employers of every size, 0–5 disabled employees each."""
    from backend.accounts.demo import resident_id

    rng = random.Random(seed)
    bodies = []
    for i in range(count):
        n = rng.choice([25, 40, 80, 150, 300, 800, 2500])
        people = []
        for j in range(rng.choice([0, 0, 1, 1, 2, 3, 5])):
            rid = resident_id("320585", date(1975, 1, 1) + timedelta(days=97 * (i * 7 + j)), 2 * j + 1)
            people.append(
                {
                    "certificate_no": f"{rid}{rng.randint(1, 7)}{rng.randint(1, 4)}",
                    "monthly_wage": str(rng.randrange(2500, 9000, 100)),
                    "contract_months": rng.choice([12, 24, 36, 60]),
                }
            )
        bodies.append(
            {
                "data_year": DATA_YEAR - 1,
                "org_type": rng.choice(["enterprise"] * 4 + ["institution", "government"]),
                "employee_count": str(n),
                "total_wages": str(n * rng.randrange(60000, 150000, 1000)),
                "disabled_employees": people,
            }
        )
    return bodies


def fill(scale: float) -> dict:
    """Seed the database and return the fixtures (JSON-ready)."""
    from django.core.management import call_command
    from django.utils import timezone

    from backend.accounts.models import User
    from bench.synthetic import quota_region
    from matching.services import index_rebuild

    size = {key: max(1, int(value * scale)) for key, value in FULL.items()}
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    _step("migrate", started)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed at exit)
    _step("demo seed", started)
    region = quota_region(employers=size["employers"], lines=size["lines"], data_year=DATA_YEAR)
    _step(
        f"quota: {region.employers} employers, {region.reports} reports, {region.roster_lines} lines", started
    )
    postings = _postings(employers=size["posting_employers"], today=timezone.localdate())
    seekers = _seekers(count=size["seekers"])
    _step(f"matching: {postings} postings, {len(seekers)} seekers", started)
    version = index_rebuild()
    _step(f"match index v{version.pk}: {version.jobs} postings, {version.seekers} profiles", started)
    staff = _employer_staff(count=IDENTITIES["employers"])
    auditor = User.objects.get(pk=region.auditor_id)
    fixtures = {
        "data_year": DATA_YEAR,
        "seeker_tokens": _tokens(seekers[: IDENTITIES["seekers"]]),
        "employer_tokens": _tokens(staff),
        "auditor_token": _tokens([auditor.pk])[0],
        "calculator_bodies": calculator_bodies(),
        "sizes": {
            "employers": region.employers,
            "reports": region.reports,
            "roster_lines": region.roster_lines,
            "postings": postings,
            "seekers": len(seekers),
        },
    }
    _step("users and tokens", started)
    return fixtures


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bench.load.data FIXTURES.json", file=sys.stderr)
        return 2
    _django.setup()
    fixtures = fill(scale_from_env())
    with open(argv[0], "w", encoding="utf-8") as out:
        json.dump(fixtures, out, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
