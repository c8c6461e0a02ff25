"""The issue-15 indicators with exact numbers, and the job-fair API (public list, booking,
route, two-user checks)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from indicators.services_indicators import coverage_indicator, fair_indicator, optional_counts
from jobfairs.choices import ResultKind
from jobfairs.services import booth_book, registration_create, result_record
from tests import factories as base
from tests.conftest import client_for
from tests.matching.factories import make_employer_user, make_posting, make_profile, make_seeker_user

from .factories import make_fair, make_service_user

pytestmark = pytest.mark.django_db


def test_fairs_held_and_their_hires_are_counted_for_the_readers_regions():
    staff = make_service_user()
    held = make_fair(staff)
    make_fair(staff, starts_at=timezone.now() + timedelta(days=40))  # upcoming
    make_fair(staff, published=False, starts_at=timezone.now() + timedelta(days=1))  # a draft: never counted
    hr = make_employer_user()
    booth = booth_book(
        by=hr, fair=held, employer=hr.memberships.get().employer, posting_ids=[make_posting(user=hr).pk]
    )
    seekers = [make_seeker_user() for _ in range(3)]
    for seeker in seekers:
        registration_create(by=seeker, fair=held)
    start = timezone.localdate() + timedelta(days=20)
    result_record(by=staff, booth=booth, person=seekers[0].person, kind=ResultKind.HIRE, start_date=start)
    result_record(by=staff, booth=booth, person=seekers[1].person, kind=ResultKind.HIRE, start_date=start)
    result_record(by=staff, booth=booth, person=seekers[2].person, kind=ResultKind.INTERVIEW)
    after = held.ends_at + timedelta(hours=1)
    counts = fair_indicator(user=base.make_admin(), now=after)
    assert (counts.held, counts.upcoming, counts.hires, counts.interviews, counts.offers) == (1, 1, 2, 1, 0)
    assert fair_indicator(user=base.make_auditor("320585101"), now=after).held == 0  # 沙溪镇: not its fair
    assert fair_indicator(user=base.make_auditor("320585100"), now=after).hires == 2


def test_apps_not_installed_show_no_data():
    result = optional_counts(user=base.make_admin(), app_label="notinstalled", model_name="Thing", what="某")
    assert (result.available, result.note) == (False, "暂无数据：某模块尚未启用")
    missing = optional_counts(
        user=base.make_admin(), app_label="daycentres", model_name="Nothing", what="残疾人之家"
    )
    assert (missing.available, missing.note) == (False, "暂无数据：残疾人之家模块没有提供统计数据")


def test_coverage_without_insurance_data_says_so():
    assert (
        coverage_indicator(user=base.make_admin()).note == "暂无数据：还没有导入社保缴费明细，无法计算参保率"
    )


def test_coverage_counts_working_age_registered_residents_with_pension_and_medical_months():
    employer = base.make_employer(region_code="320585100")
    insured_both = base.make_person(birth=date(1985, 6, 15))
    pension_only = base.make_person(birth=date(1990, 1, 1))
    base.make_person(birth=date(1992, 3, 3))  # working age, no record
    base.make_person(birth=date(1950, 1, 1))  # retired: outside the denominator
    base.make_person(birth=date(1988, 1, 1), verified=False)  # certificate not in the registry
    base.make_insurance_records(employer, insured_both, year=2025, months=[1, 2])
    base.make_insurance_records(employer, pension_only, year=2025, months=[3], types="养老|失业")
    with time_machine.travel(date(2026, 3, 1)):
        c = coverage_indicator(user=base.make_admin())
    assert (c.year, c.on, c.registered, c.working_age, c.without_record) == (
        2025,
        date(2025, 12, 31),
        4,
        3,
        1,
    )
    assert [(r.label, r.insured, r.denominator, r.percent, r.met) for r in c.rows] == [
        ("养老保险", 2, 3, "66.7", False),
        ("医疗保险", 1, 3, "33.3", False),
    ]


def test_api_lists_published_fairs_to_anyone_and_drafts_only_to_their_organiser(api):
    staff = make_service_user()
    published = make_fair(staff, title="公开的")
    draft = make_fair(staff, published=False, title="草稿的")
    assert [f["id"] for f in api.get("/api/v1/job-fairs/").json()["results"]] == [published.pk]
    assert api.get(f"/api/v1/job-fairs/{draft.pk}/").status_code == 404
    assert {f["id"] for f in client_for(staff).get("/api/v1/job-fairs/").json()["results"]} == {
        published.pk,
        draft.pk,
    }


def test_api_employer_books_a_booth_and_the_seeker_gets_a_route():
    fair = make_fair()
    hr = make_employer_user()
    posting = make_posting(user=hr, title="包装工")
    booked = client_for(hr).post(
        f"/api/v1/job-fairs/{fair.pk}/booths/", {"postings": [posting.pk]}, format="json"
    )
    assert booked.status_code == 201, booked.json()
    assert booked.json()["number"] == 1
    seeker = make_seeker_user()
    make_profile(seeker.person)
    client = client_for(seeker)
    assert client.get(f"/api/v1/job-fairs/{fair.pk}/route/").status_code == 400  # not registered yet
    assert (
        client.post(
            f"/api/v1/job-fairs/{fair.pk}/register/", {"access_needs": ["captions"]}, format="json"
        ).status_code
        == 201
    )
    route = client.get(f"/api/v1/job-fairs/{fair.pk}/route/").json()
    assert [(stop["order"], stop["booth"], [m["posting"] for m in stop["matches"]]) for stop in route] == [
        (1, 1, [posting.pk])
    ]


def test_api_registrations_are_each_seekers_own():
    fair = make_fair()
    first, second = make_seeker_user(), make_seeker_user()
    registration_create(by=first, fair=fair)
    assert client_for(second).get("/api/v1/job-fair-registrations/").json()["results"] == []
    assert len(client_for(first).get("/api/v1/job-fair-registrations/").json()["results"]) == 1


def test_api_bad_booth_input_names_the_field():
    fair = make_fair()
    hr = make_employer_user()
    answer = client_for(hr).post(f"/api/v1/job-fairs/{fair.pk}/booths/", {"postings": []}, format="json")
    assert answer.status_code == 400 and "postings" in answer.json()["errors"]
