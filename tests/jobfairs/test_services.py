"""Fairs, booths, registrations, routes and results through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jobfairs.choices import ResultKind
from jobfairs.models import Booth, FairResult
from jobfairs.selectors import fair_list, fair_route
from jobfairs.services import booth_book, booth_withdraw, fair_create, registration_create, result_record
from matching.choices import EmploymentSource
from matching.models import Employment
from tests import factories as base
from tests.matching.factories import (
    SHAXI,
    make_employer_user,
    make_person,
    make_posting,
    make_profile,
    make_seeker_user,
)

from .factories import make_fair, make_service_user

pytestmark = pytest.mark.django_db


def test_service_staff_cannot_organise_a_fair_outside_their_regions():
    staff = make_service_user(SHAXI)
    with pytest.raises(PermissionDenied):
        make_fair(staff)


def test_seeker_cannot_organise_a_fair():
    with pytest.raises(PermissionDenied):
        make_fair(make_seeker_user())


def test_onsite_fair_without_a_venue_is_refused_naming_the_field():
    with pytest.raises(ValidationError) as refused:
        make_fair(venue="  ")
    assert refused.value.message_dict == {"venue": ["请填写地点"]}


def test_draft_fair_is_hidden_from_the_public_and_shown_to_its_organiser():
    staff = make_service_user()
    draft = make_fair(staff, published=False, title="草稿招聘会")
    published = make_fair(staff, title="公开招聘会")
    assert list(fair_list(user=None)) == [published]
    assert set(fair_list(user=staff)) == {draft, published}
    assert list(fair_list(user=make_service_user(SHAXI))) == [published]


def test_employer_books_one_booth_with_its_open_postings_and_gets_the_next_number():
    fair = make_fair()
    hr = make_employer_user()
    employer = hr.memberships.get().employer
    posting = make_posting(user=hr)
    first = booth_book(by=hr, fair=fair, employer=employer, posting_ids=[posting.pk])
    other_hr = make_employer_user()
    second = booth_book(
        by=other_hr,
        fair=fair,
        employer=other_hr.memberships.get().employer,
        posting_ids=[make_posting(user=other_hr).pk],
    )
    assert (first.number, second.number) == (1, 2)
    assert list(first.postings.all()) == [posting]
    with pytest.raises(ValidationError) as again:
        booth_book(by=hr, fair=fair, employer=employer, posting_ids=[posting.pk])
    assert "已在该招聘会报名展位" in again.value.message_dict["fair"][0]


def test_booth_with_another_employers_posting_is_refused_and_nothing_saved():
    fair = make_fair()
    hr = make_employer_user()
    foreign = make_posting()
    with pytest.raises(ValidationError) as refused:
        booth_book(by=hr, fair=fair, employer=hr.memberships.get().employer, posting_ids=[foreign.pk])
    assert refused.value.message_dict == {"postings": ["只能选择本单位正在招聘的岗位"]}
    assert not Booth.objects.exists()


def test_full_fair_refuses_another_booth_and_a_withdrawn_one_frees_its_place():
    fair = make_fair(booth_capacity=1)
    hr = make_employer_user()
    booth = booth_book(
        by=hr, fair=fair, employer=hr.memberships.get().employer, posting_ids=[make_posting(user=hr).pk]
    )
    late = make_employer_user()
    late_employer, late_posting = late.memberships.get().employer, make_posting(user=late)
    with pytest.raises(ValidationError) as full:
        booth_book(by=late, fair=fair, employer=late_employer, posting_ids=[late_posting.pk])
    assert full.value.message_dict == {"fair": ["该招聘会的1个展位已满"]}
    booth_withdraw(by=hr, booth=booth)
    assert booth_book(by=late, fair=fair, employer=late_employer, posting_ids=[late_posting.pk]).number == 2


def test_booth_cannot_be_withdrawn_once_the_fair_has_begun():
    fair = make_fair()
    hr = make_employer_user()
    booth = booth_book(
        by=hr, fair=fair, employer=hr.memberships.get().employer, posting_ids=[make_posting(user=hr).pk]
    )
    with time_machine.travel(fair.starts_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError) as refused:
            booth_withdraw(by=hr, booth=booth)
    assert refused.value.message_dict == {"booth": ["招聘会已经开始，不能再撤回展位"]}


def test_registration_is_refused_for_a_draft_fair_and_twice_for_the_same_fair():
    seeker = make_seeker_user()
    with pytest.raises(ValidationError):
        registration_create(by=seeker, fair=make_fair(published=False))
    fair = make_fair()
    registration_create(by=seeker, fair=fair, access_needs=["sign_language"])
    with pytest.raises(ValidationError) as twice:
        registration_create(by=seeker, fair=fair)
    assert twice.value.message_dict == {"fair": ["您已报名该招聘会"]}


def test_route_ranks_only_the_fairs_postings_in_booth_order_with_reasons():
    fair = make_fair()
    seeker = make_seeker_user()
    make_profile(seeker.person)
    hr_one, hr_two = make_employer_user(), make_employer_user()
    make_posting(user=hr_one, title="包装工")  # on the market, not at the fair
    at_fair_one = make_posting(user=hr_one, title="包装工")
    at_fair_two = make_posting(user=hr_two, title="包装工")
    booth_two = booth_book(
        by=hr_two, fair=fair, employer=hr_two.memberships.get().employer, posting_ids=[at_fair_two.pk]
    )
    booth_one = booth_book(
        by=hr_one, fair=fair, employer=hr_one.memberships.get().employer, posting_ids=[at_fair_one.pk]
    )
    registration_create(by=seeker, fair=fair)
    stops = fair_route(user=seeker, fair=fair)
    assert [(s.order, s.booth.number) for s in stops] == [(1, booth_two.number), (2, booth_one.number)]
    assert [m.posting.pk for s in stops for m in s.matches] == [at_fair_two.pk, at_fair_one.pk]
    assert all(m.explanation.reasons_zh for s in stops for m in s.matches)


def test_route_needs_a_registration():
    fair = make_fair()
    with pytest.raises(ValidationError):
        fair_route(user=make_seeker_user(), fair=fair)


def test_hire_at_a_booth_enters_the_real_name_employment_record():
    staff = make_service_user()
    fair = make_fair(staff)
    hr = make_employer_user()
    employer = hr.memberships.get().employer
    booth = booth_book(by=hr, fair=fair, employer=employer, posting_ids=[make_posting(user=hr).pk])
    seeker = make_seeker_user()
    registration_create(by=seeker, fair=fair)
    start = timezone.localdate() + timedelta(days=20)
    result = result_record(
        by=staff, booth=booth, person=seeker.person, kind=ResultKind.HIRE, start_date=start
    )
    employment = Employment.objects.get(person=seeker.person)
    assert result.employment == employment
    assert (employment.employer, employment.start_date, employment.source) == (
        employer,
        start,
        EmploymentSource.DPF,
    )
    assert employment.history.latest().history_change_reason == f"专场招聘会录用：{fair.title}（1号展位）"


def test_hire_without_a_start_date_saves_neither_result_nor_employment():
    staff = make_service_user()
    fair = make_fair(staff)
    hr = make_employer_user()
    booth = booth_book(
        by=hr, fair=fair, employer=hr.memberships.get().employer, posting_ids=[make_posting(user=hr).pk]
    )
    seeker = make_seeker_user()
    registration_create(by=seeker, fair=fair)
    with pytest.raises(ValidationError) as refused:
        result_record(by=staff, booth=booth, person=seeker.person, kind=ResultKind.HIRE)
    assert refused.value.message_dict == {"start_date": ["登记入职时请填写入职日期"]}
    assert not FairResult.objects.exists() and not Employment.objects.exists()


def test_results_are_recorded_only_by_the_fairs_organisers_and_for_registered_seekers():
    fair = make_fair()
    hr = make_employer_user()
    booth = booth_book(
        by=hr, fair=fair, employer=hr.memberships.get().employer, posting_ids=[make_posting(user=hr).pk]
    )
    person = make_person()
    with pytest.raises(PermissionDenied):
        result_record(by=make_service_user(SHAXI), booth=booth, person=person, kind=ResultKind.INTERVIEW)
    with pytest.raises(ValidationError) as unregistered:
        result_record(by=base.make_admin(), booth=booth, person=person, kind=ResultKind.INTERVIEW)
    assert unregistered.value.message_dict == {"person": ["该求职者没有报名这场招聘会"]}


def test_fair_ending_before_it_starts_is_refused():
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        fair_create(
            by=base.make_admin(), title="x", format="onsite", starts_at=starts, ends_at=starts,
            region=base.region("320585100"), booth_capacity=3, venue="某地",
        )  # fmt: skip
    assert refused.value.message_dict == {"ends_at": ["结束时间应晚于开始时间"]}
