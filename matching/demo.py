"""Demo data for the job market: ~150 postings of the demo employers, profiles of the demo
seekers (seeker, seeker1 … seeker39), applications in every status with one hire, then the index.

Deterministic (fixed seed) and idempotent: postings are found by employer and title, profiles
by person, and applications are only made while none exist. Goes through the services, so the
demands, history and index log are exactly what a real user's actions would produce.
"""

import random
import re
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from backend.accounts.choices import EmployerStatus
from backend.accounts.models import Employer, EmployerMembership, User
from backend.accounts.selectors import person_disability

from .choices import ApplicationStatus
from .core.occupations import OccupationCoder
from .demo_data import DEFAULT_FAMILIES, FAMILIES, SEEKER_WISHES
from .models import Application, JobPosting, SeekerProfile
from .reference import minor_groups_for_coder, occupations_for_coder, occupations_loaded
from .selectors.matching import match_jobs_for_seeker
from .services import (
    application_create,
    application_transition,
    application_withdraw,
    index_rebuild,
    occupations_load,
    posting_create,
    profile_update,
)

SEEKER_USERNAMES = ["seeker", *(f"seeker{i}" for i in range(1, 40))]
# The path an application takes to reach each demo status.
STATUS_PATHS = {
    "applied": [],
    "viewed": ["viewed"],
    "interview": ["viewed", "interview"],
    "offer": ["viewed", "interview", "offer"],
    "hired": ["viewed", "interview", "offer", "hired"],
    "rejected": ["viewed", "rejected"],
    "withdrawn": ["withdrawn"],
}
DEMO_STATUSES = [
    "hired",
    "interview",
    "applied",
    "viewed",
    "offer",
    "rejected",
    "withdrawn",
    "applied",
    "interview",
]


def _families_for(employer: Employer) -> list[str]:
    names = [key for key, fam in FAMILIES.items() if employer.industry in fam["industries"]]
    return names or DEFAULT_FAMILIES


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high + 1, 100))


# The demo codes its titles with the product's coder, which abstains when unsure: a title such as
# "电子厂普工" stays uncoded, as an employer who skipped the code would leave it.


def _code(coder: OccupationCoder | None, text: str) -> str:
    return coder.assign(text).code if coder else ""


def _codes(coder: OccupationCoder | None, desired: str) -> list[str]:
    codes = []
    for part in re.split(r"[，,、；;或]|或者", desired):
        code = _code(coder, part.strip()) if part.strip() else ""
        if code and code not in codes:
            codes.append(code)
    return codes


def _posting_values(rng: random.Random, employer: Employer, family: dict, title: str, today) -> dict:
    acc = rng.sample(family["acc"], k=min(len(family["acc"]), rng.choice([0, 1, 1, 2])))
    sentences = [rng.choice(family["intro"]), rng.choice(family["duties"]), rng.choice(family["reqs"])]
    sentences += [sentence for _, sentence in acc]
    forms = family["forms"]
    if employer.sheltered and "sheltered" in forms:
        form = "sheltered"
    else:
        form = rng.choice([f for f in forms if f != "sheltered" or employer.sheltered] or forms)
    hours = rng.choice(family["hours"])
    low, high = family["pay"]
    if hours == "part_time":
        low, high = max(800, low // 2), max(1200, high // 2)
    pay_min = _money(rng, low, (low + high) // 2)
    pay_max = _money(rng, int(pay_min) + 300, high + 300)
    return {
        "title": title,
        "description": "".join(sentences),
        "skills": rng.sample(family["skills"], k=min(len(family["skills"]), rng.randint(1, 3))),
        "region": employer.region,
        "address": employer.address,
        "employment_form": form,
        "hours": hours,
        "pay_min": pay_min,
        "pay_max": pay_max,
        "education": rng.choice(family["education"]),
        "headcount": rng.choice([1, 1, 2, 3, 5]),
        "accommodations": [code for code, _ in acc],
        "opens_on": today - timedelta(days=rng.randrange(0, 30)),
        "closes_on": today + timedelta(days=rng.randrange(60, 150)),
        "guaranteed_interview": employer.org_type in ("government", "institution") or rng.random() < 0.2,
    }


def _seed_postings(admin: User, today, coder: OccupationCoder | None) -> int:
    rng = random.Random(20250301)
    created = 0
    employers = Employer.objects.filter(status=EmployerStatus.ACTIVE).select_related("region").order_by("id")
    for n, employer in enumerate(employers):
        families = _families_for(employer)
        for i in range(4 if n % 3 else 5):
            family = FAMILIES[families[(n + i) % len(families)]]
            title = family["titles"][(n + i // len(families)) % len(family["titles"])]
            values = _posting_values(rng, employer, family, title, today)
            if JobPosting.objects.filter(employer=employer, title=title).exists():
                continue
            posting_create(user=admin, employer=employer, occupation_code=_code(coder, title), **values)
            created += 1
    return created


def _seed_profiles(coder: OccupationCoder | None) -> int:
    created = 0
    users = User.objects.filter(username__in=SEEKER_USERNAMES, person__isnull=False).select_related("person")
    for n, user in enumerate(sorted(users, key=lambda u: SEEKER_USERNAMES.index(u.username))):
        person = user.person
        if SeekerProfile.objects.filter(person=person).exists():
            continue
        category = person_disability(person).get("category") or 4
        wishes = SEEKER_WISHES.get(category, SEEKER_WISHES[4])
        desired, skills, needs, forms = wishes[n % len(wishes)]
        regions = [person.region.code] if person.region_id else []
        profile_update(
            person=person,
            desired=desired,
            occupation_codes=_codes(coder, desired),
            skills=skills,
            experience=f"做过{n % 5 + 1}年{skills[0]}相关工作。" if n % 4 else "",
            education=["junior", "senior", "vocational", "college"][n % 4],
            regions=[] if n % 3 == 0 else regions,  # no choice: anywhere in the city
            employment_forms=forms,
            hours=["full_time"] if n % 2 else ["full_time", "part_time"],
            expected_pay=Decimal(2500 + (n % 6) * 500),
            needs=needs,
        )
        created += 1
    return created


def _advance(application: Application, status: str, staff: User | None, seeker_user: User, today) -> None:
    """Walk the application to ``status``: the seeker withdraws, the employer's own staff do the
    rest (administrators take no hiring decision, 三员分立)."""
    for step in STATUS_PATHS[status]:
        if step == ApplicationStatus.WITHDRAWN:
            application_withdraw(user=seeker_user, application=application)
        else:
            # The hire starts on the day it is decided: not before the application (issue 10 §6).
            start = today if step == ApplicationStatus.HIRED else None
            application_transition(user=staff, application=application, status=step, start_date=start)


def _staff_of(employer: Employer) -> User | None:
    membership = EmployerMembership.objects.filter(employer=employer).select_related("user").order_by("pk")
    return membership.first().user if membership.exists() else None


def _seed_applications(today) -> int:
    if Application.objects.exists():
        return 0
    first_employer = Employer.objects.filter(status=EmployerStatus.ACTIVE).order_by("id").first()
    made = 0
    users = User.objects.filter(username__in=SEEKER_USERNAMES[1:16], person__isnull=False)
    for n, user in enumerate(sorted(users, key=lambda u: SEEKER_USERNAMES.index(u.username))):
        status = DEMO_STATUSES[n % len(DEMO_STATUSES)]
        # The demo employer login should see applications, including the hire; an application
        # the employer moves on goes to an employer with staff to move it (the demo's only
        # employer account belongs to the first employer).
        ours = JobPosting.objects.currently_open().filter(employer=first_employer).order_by("id")
        employer_steps = any(step != ApplicationStatus.WITHDRAWN for step in STATUS_PATHS[status])
        if (n < 3 or employer_steps) and ours.exists():
            posting = ours[n % ours.count()]
        else:
            matches = match_jobs_for_seeker(user=user, k=1)
            if not matches:
                continue
            posting = matches[0].posting
        application = application_create(
            user=user, posting=posting, share_disability=n % 2 == 0, note="您好，我对这个岗位很感兴趣。"
        )
        _advance(application, status, _staff_of(posting.employer), user, today)
        made += 1
    return made


def _seed_employment_history() -> int:
    """实名制就业 registered by staff in 2021–2025 (before the platform's own hires), so the plan's
    indicator has a realistic history: about 30 new jobs a year for persons not otherwise hired."""
    from datetime import date

    from backend.accounts.models import Person

    from .choices import EmploymentSource
    from .models import Employment

    rng = random.Random(2021)
    employers = list(Employer.objects.filter(status="active").order_by("pk"))
    persons = list(Person.objects.exclude(certificate_kind="none").order_by("pk")[50:200])
    made = 0
    for index, person in enumerate(persons):
        start = date(2021 + index % 5, rng.randrange(1, 13), rng.randrange(1, 28))
        _, created = Employment.objects.get_or_create(
            person=person,
            employer=employers[index % len(employers)],
            start_date=start,
            defaults={"source": EmploymentSource.MANUAL},
        )
        made += created
    return made


@transaction.atomic
def seed(stdout=None) -> dict:
    admin = User.objects.get(username="admin")
    today = timezone.localdate()
    if not occupations_loaded():
        # The classification's facts ship with the project (matching/data/occupations.csv).
        occupations_load()
    occupations = occupations_for_coder()
    coder = OccupationCoder(occupations, groups=minor_groups_for_coder()) if occupations else None
    postings = _seed_postings(admin, today, coder)
    profiles = _seed_profiles(coder)
    index_rebuild()
    applications = _seed_applications(today)
    history = _seed_employment_history()
    return {"postings": postings, "profiles": profiles, "applications": applications, "history": history}
