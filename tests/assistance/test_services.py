from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assistance import selectors, services
from assistance.choices import CaseStatus, SeekerReason
from assistance.models import Case
from backend.accounts.models import Person
from indicators.models import TrainingRecord
from matching.models import Employment, SeekerProfile
from quota.models import QuotaReport
from tests import factories as base
from tests.matching.factories import make_posting

from .factories import CHENGXIANG, SHAXI, make_client_seeker, make_service

pytestmark = pytest.mark.django_db


def test_staff_see_seekers_who_asked_or_are_not_employed_in_their_regions_only():
    staff = make_service(CHENGXIANG)
    asked = make_client_seeker(CHENGXIANG)
    unemployed = make_client_seeker(CHENGXIANG, consent=False)
    employed = make_client_seeker(CHENGXIANG, consent=False)
    Employment.objects.create(
        person=employed.person,
        employer=base.make_employer(),
        start_date=timezone.localdate() - timedelta(days=30),
    )
    make_client_seeker(CHENGXIANG, consent=False, birth=date(1940, 1, 1))  # retired
    make_client_seeker(SHAXI)  # another region

    rows = {row.person.pk: row for row in selectors.service_seekers(user=staff)}

    assert set(rows) == {asked.person.pk, unemployed.person.pk}
    assert SeekerReason.ASKED in rows[asked.person.pk].reasons and rows[asked.person.pk].consented
    assert rows[unemployed.person.pk].reasons == (SeekerReason.NOT_EMPLOYED,)


def test_service_staff_read_no_registry_quota_or_audit_rows():
    staff = make_service(CHENGXIANG)
    make_client_seeker(CHENGXIANG)
    assert not Person.objects.visible_to(staff).exists()
    assert not SeekerProfile.objects.visible_to(staff).exists()
    assert not QuotaReport.objects.visible_to(staff).exists()
    assert not TrainingRecord.objects.visible_to(staff).exists()


def test_a_case_opens_only_with_the_seekers_consent():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG, consent=False)
    with pytest.raises(ValidationError) as refused:
        services.case_open(by=staff, person=seeker.person)
    assert "尚未同意" in str(refused.value)
    assert not Case.objects.exists()

    services.help_request_set(user=seeker, asked=True)
    case = services.case_open(by=staff, person=seeker.person)
    assert case.status == CaseStatus.OPEN and case.region.code == CHENGXIANG


def test_staff_of_another_region_can_neither_open_nor_read_the_case():
    seeker = make_client_seeker(CHENGXIANG)
    other = make_service(SHAXI)
    with pytest.raises(PermissionDenied):
        services.case_open(by=other, person=seeker.person)
    case = services.case_open(by=make_service(CHENGXIANG), person=seeker.person)
    assert not selectors.cases_for(other).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        services.case_contact_add(by=other, case=case, kind="call", on=timezone.localdate(), summary="打电话")


def test_an_auditor_is_not_service_staff():
    seeker = make_client_seeker(CHENGXIANG)
    with pytest.raises(PermissionDenied):
        services.case_open(by=base.make_auditor(CHENGXIANG), person=seeker.person)


def test_one_open_case_per_seeker():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    services.case_open(by=staff, person=seeker.person)
    with pytest.raises(ValidationError, match="未结案"):
        services.case_open(by=staff, person=seeker.person)


def test_placement_schedules_follow_ups_and_retained_needs_one_that_found_them_in_work():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    case = services.case_open(by=staff, person=seeker.person)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="先登记就业"):
        services.case_close(by=staff, case=case, outcome="placed")
    Case.objects.filter(pk=case.pk).update(opened_at=timezone.now() - timedelta(days=200))
    services.case_place(by=staff, case=case, placed_on=today - timedelta(days=50), employer_name="太仓某公司")
    case.refresh_from_db()
    assert [s.state for s in selectors.case_follow_ups(case)] == ["overdue", "upcoming", "upcoming"]
    assert [c.pk for c, _ in selectors.cases_with_due_follow_ups(selectors.cases_for(staff))] == [case.pk]
    with pytest.raises(ValidationError, match="稳定就业"):
        services.case_close(by=staff, case=case, outcome="retained")

    services.case_follow_up_record(
        by=staff, case=case, month=1, on=today, kind="text", still_employed=True, note="适应良好"
    )
    with pytest.raises(ValidationError, match="已经登记"):
        services.case_follow_up_record(
            by=staff, case=case, month=1, on=today, kind="call", still_employed=True
        )
    closed = services.case_close(by=staff, case=case, outcome="retained")
    assert closed.status == CaseStatus.CLOSED and closed.outcome == "retained"
    with pytest.raises(ValidationError, match="已结案"):
        services.case_goal_add(by=staff, case=case, text_="再试一次")


def test_a_contact_cannot_be_dated_in_the_future_and_nothing_is_saved():
    staff = make_service(CHENGXIANG)
    case = services.case_open(by=staff, person=make_client_seeker(CHENGXIANG).person)
    with pytest.raises(ValidationError) as refused:
        services.case_contact_add(
            by=staff, case=case, kind="visit", on=timezone.localdate() + timedelta(days=1), summary="走访"
        )
    assert refused.value.message_dict == {"on": ["联系日期不能晚于今天"]}
    assert not case.contacts.exists()


def test_job_referrals_need_an_open_posting_and_training_referrals_a_course():
    staff = make_service(CHENGXIANG)
    case = services.case_open(by=staff, person=make_client_seeker(CHENGXIANG).person)
    posting = make_posting(title="客服专员", region=base.region(CHENGXIANG))
    referral = services.case_referral_add(by=staff, case=case, kind="job", posting=posting)
    assert referral.posting == posting
    with pytest.raises(ValidationError, match="培训项目"):
        services.case_referral_add(by=staff, case=case, kind="training")
    training = services.case_referral_add(by=staff, case=case, kind="training", course_name="面点师培训")
    assert training.posting is None


def test_a_confirmed_assessment_feeds_the_profile_and_a_declined_one_does_not():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG)
    values = {
        "assessed_on": timezone.localdate(),
        "abilities": {"phone": 4, "heavy_physical": 1},
        "readiness": "ready",
        "skills": ["电脑打字"],
        "needs": ["text_channel"],
        "desired": "电话客服",
    }
    declined = services.assessment_create(by=staff, person=seeker.person, **values)
    services.assessment_answer(user=seeker, assessment=declined, confirm=False)
    assert SeekerProfile.objects.get(person=seeker.person).desired == "包装工"

    assessment = services.assessment_create(by=staff, person=seeker.person, **values)
    with pytest.raises(PermissionDenied):
        services.assessment_answer(user=make_client_seeker(CHENGXIANG), assessment=assessment, confirm=True)
    services.assessment_answer(user=seeker, assessment=assessment, confirm=True)
    profile = SeekerProfile.objects.get(person=seeker.person)
    assert profile.desired == "电话客服"
    assert profile.skills == ["包装", "电脑打字"]
    assert "phone" in profile.can_do and "heavy_physical" not in profile.can_do
    assert profile.needs == ["text_channel"]
    with pytest.raises(ValidationError, match="答复过"):
        services.assessment_answer(user=seeker, assessment=assessment, confirm=True)


def test_an_assessment_needs_consent_and_a_known_rating():
    staff = make_service(CHENGXIANG)
    seeker = make_client_seeker(CHENGXIANG, consent=False)
    with pytest.raises(ValidationError, match="尚未同意"):
        services.assessment_create(
            by=staff,
            person=seeker.person,
            assessed_on=timezone.localdate(),
            abilities={"phone": 3},
            readiness="ready",
        )
    services.help_request_set(user=seeker, asked=True)
    with pytest.raises(ValidationError, match="1至4"):
        services.assessment_create(
            by=staff,
            person=seeker.person,
            assessed_on=timezone.localdate(),
            abilities={"phone": 9},
            readiness="ready",
        )


def test_the_dashboard_counts_cases_of_the_readers_regions_without_opening_them():
    # Issue 15 indicators: auditors see the numbers of their regions; no case becomes readable.
    from indicators.services_indicators import optional_counts

    staff = make_service()
    for _ in range(2):
        services.case_open(by=staff, person=make_client_seeker().person)
    other = make_service(SHAXI)
    services.case_open(by=other, person=make_client_seeker(SHAXI).person)
    chengxiang_auditor = base.make_auditor(CHENGXIANG)

    counts = optional_counts(
        user=chengxiang_auditor, app_label="assistance", model_name="Case", what="就业援助"
    )

    assert counts.available and counts.counts == {"建档": 2, "已就业": 0, "稳定就业（回访后仍在岗）": 0}
    assert (
        optional_counts(
            user=base.make_admin(), app_label="assistance", model_name="Case", what="就业援助"
        ).counts["建档"]
        == 3
    )
    assert not Case.objects.visible_to(chengxiang_auditor).exists()
