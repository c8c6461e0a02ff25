"""Demo job fairs (after matching.demo.seed): one held a month ago with its results (two hires
entered as 实名制 records), one in three weeks with booths and a registered seeker."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from backend.accounts.models import EmployerMembership, Region, User
from matching.models import JobPosting

from .choices import FairFormat, FairStatus, ResultKind
from .models import Booth, FairRegistration, JobFair
from .services import booth_book, fair_create, fair_publish, registration_create, result_record

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAST = "太仓市残疾人就业专场招聘会（春季）"
UPCOMING = "太仓市残疾人就业专场招聘会（助残日）"


def _at(day, hour: int):
    return datetime.combine(day, time(hour, 0), tzinfo=SHANGHAI)


def _employers_with_postings(n: int):
    """The first ``n`` employers that have open postings and a staff login, with those postings."""
    out = []
    for membership in EmployerMembership.objects.select_related("employer", "user").order_by("employer_id"):
        postings = list(
            JobPosting.objects.currently_open().filter(employer=membership.employer).order_by("id")[:3]
        )
        if postings and all(m.employer != membership.employer for m, _ in out):
            out.append((membership, postings))
        if len(out) == n:
            break
    return out


def _fair(organiser, title, start, *, fair_format=FairFormat.ONSITE):
    region = Region.objects.filter(code="320585").first() or Region.objects.order_by("code").first()
    return fair_create(
        by=organiser,
        title=title,
        format=fair_format,
        starts_at=_at(start, 9),
        ends_at=_at(start, 12),
        region=region,
        booth_capacity=30,
        venue="太仓市残疾人综合服务中心一楼大厅（上海东路）",
        description="面向持证残疾人的专场招聘会：现场有手语翻译、无障碍通道和安静休息室。",
        step_free=True,
        sign_language=True,
        screen_reader_materials=True,
        accessible_toilet=True,
        quiet_room=True,
        access_notes="北门有坡道；导盲犬可以入场。",
    )


def _seed_past(organiser, today) -> int:
    fair = _fair(organiser, PAST, today - timedelta(days=30))
    fair = fair_publish(by=organiser, fair=fair)
    # A held fair's booths and registrations are history: written as they stood on the day
    # (the services refuse bookings for a fair that has begun, as they should).
    booths = []
    for number, (membership, postings) in enumerate(_employers_with_postings(3), start=1):
        booth = Booth.objects.create(
            fair=fair, employer=membership.employer, number=number, created_by=membership.user
        )
        booth.postings.set(postings)
        booths.append(booth)
    # Seekers with no employment on record, so that the hires do not overlap demo history.
    seekers = list(
        User.objects.filter(username__in=[f"seeker{i}" for i in range(20, 40)], person__isnull=False)
        .exclude(person__employments__isnull=False)
        .order_by("id")[:5]
    )
    for user in seekers:
        FairRegistration.objects.create(fair=fair, person=user.person, access_needs=["sign_language"])
    start = today - timedelta(days=20)
    if start.year != today.year:
        start = today
    plan = [(0, 0, ResultKind.INTERVIEW), (0, 0, ResultKind.HIRE), (1, 1, ResultKind.INTERVIEW),
            (1, 1, ResultKind.OFFER), (2, 2, ResultKind.HIRE), (3, 0, ResultKind.INTERVIEW)]  # fmt: skip
    for seeker_index, booth_index, kind in plan:
        if seeker_index < len(seekers) and booth_index < len(booths):
            result_record(
                by=organiser,
                booth=booths[booth_index],
                person=seekers[seeker_index].person,
                kind=kind,
                start_date=start if kind == ResultKind.HIRE else None,
            )
    return len(booths)


def _seed_upcoming(organiser, today) -> int:
    fair = _fair(organiser, UPCOMING, today + timedelta(days=21))
    fair = fair_publish(by=organiser, fair=fair)
    count = 0
    for membership, postings in _employers_with_postings(4):
        if membership.user.username == "employer":
            continue  # left for the demo: the employer books its own booth
        booth_book(
            by=membership.user, fair=fair, employer=membership.employer, posting_ids=[p.pk for p in postings]
        )
        count += 1
    seeker = User.objects.filter(username="seeker1").first()
    if seeker is not None:
        registration_create(by=seeker, fair=fair, access_needs=["wheelchair", "quiet_room"])
    return count


def seed(stdout=None) -> dict:
    if JobFair.objects.filter(title__in=[PAST, UPCOMING]).exists():
        return {"fairs": 0}
    # City-wide fairs (region 太仓市): the administrator organises them; the demo 就业服务专员
    # covers two towns only.
    organiser = User.objects.get(username="admin")
    today = timezone.localdate()
    past = _seed_past(organiser, today)
    upcoming = _seed_upcoming(organiser, today)
    return {"fairs": JobFair.objects.filter(status=FairStatus.PUBLISHED).count(), "booths": past + upcoming}
