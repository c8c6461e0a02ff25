"""Individual subsidies: eligibility from the registry and records, who may apply, four eyes on
the ledger (the proposer cannot approve), scoping by region."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import Role
from daycentres.models import SubsidyApplication
from daycentres.services.subsidies import (
    subsidy_application_decide,
    subsidy_application_propose,
    subsidy_application_refuse,
    subsidy_application_submit,
)
from matching.models import Employment
from quota.models import LedgerEntry
from tests.factories import make_employer, make_person, make_user

from .factories import SHAXI, make_auditor, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mid_2025():
    with time_machine.travel("2025-06-30 10:00 +0800", tick=False):
        yield


def seeker_with_business(**person):
    user = make_user(Role.SEEKER, person=make_person(**person))
    business = make_employer(name="小王手工坊")
    Employment.objects.create(person=user.person, employer=business, start_date=date(2024, 9, 1))
    return user, business


def apply_startup(user, business, by=None):
    return subsidy_application_submit(
        person=user.person,
        kind="startup_subsidy",
        by=by or user,
        business_name=business.name,
        business_credit_code=business.credit_code.lower(),  # normalised at the edge
    )


def test_a_seeker_with_a_real_name_job_at_their_own_business_applies_for_the_startup_subsidy():
    user, business = seeker_with_business()
    application = apply_startup(user, business)
    assert (application.amount, application.status) == (Decimal("5000.00"), "submitted")
    assert application.business_credit_code == business.credit_code
    assert all(check["passed"] for check in application.eligibility)


def test_an_ineligible_application_is_refused_with_the_reasons_and_nothing_saved():
    user = make_user(Role.SEEKER, person=make_person(grade=3))
    with pytest.raises(ValidationError) as error:
        subsidy_application_submit(person=user.person, kind="flexible_insurance_subsidy", by=user, months=6)
    assert "一级、二级（重度）" in error.value.message_dict["kind"][0]
    assert not SubsidyApplication.objects.exists()


def test_an_unverified_certificate_is_not_eligible():
    user = make_user(Role.SEEKER, person=make_person(grade=1, verified=False))
    with pytest.raises(ValidationError, match="核验库中找到"):
        subsidy_application_submit(person=user.person, kind="flexible_insurance_subsidy", by=user, months=6)


def test_a_severely_disabled_flexible_worker_gets_the_monthly_insurance_subsidy_for_the_months_asked():
    user = make_user(Role.SEEKER, person=make_person(grade=2))
    application = subsidy_application_submit(
        person=user.person, kind="flexible_insurance_subsidy", by=user, months=6
    )
    assert application.amount == Decimal("1800.00")  # 300 × 6 (未确认)
    with pytest.raises(ValidationError) as error:
        subsidy_application_submit(person=user.person, kind="flexible_insurance_subsidy", by=user, months=13)
    assert "补贴月数" in error.value.message_dict["months"][0]


def test_the_startup_subsidy_is_paid_once_per_person():
    user, business = seeker_with_business()
    apply_startup(user, business)
    with pytest.raises(ValidationError, match="已申请过"):
        apply_startup(user, business)


def test_service_staff_apply_for_seekers_of_their_regions_only():
    user, business = seeker_with_business()  # 城厢镇
    application = apply_startup(user, business, by=make_service())
    assert application.applied_by.role == Role.SERVICE
    other, other_business = seeker_with_business()
    with pytest.raises(PermissionDenied):
        apply_startup(other, other_business, by=make_service(SHAXI))
    with pytest.raises(PermissionDenied):
        apply_startup(other, other_business, by=user)  # another seeker


def test_four_eyes_the_proposing_auditor_cannot_approve_a_second_one_can():
    user, business = seeker_with_business()
    application = apply_startup(user, business)
    first, second = make_auditor(), make_auditor(kind="hrss")
    application = subsidy_application_propose(application=application, by=first)
    entry = application.ledger_entry
    assert (entry.person, entry.employer, entry.kind, entry.amount) == (
        user.person,
        None,
        "startup_subsidy",
        Decimal("5000.00"),
    )
    assert "标准未确认" in entry.basis
    with pytest.raises(PermissionDenied, match="提出人不能自己批准"):
        subsidy_application_decide(application=application, by=first, approve=True)
    approved = subsidy_application_decide(application=application, by=second, approve=True)
    assert approved.status == "approved" and approved.approved_by == second


def test_auditors_outside_the_persons_region_can_neither_see_nor_propose():
    user, business = seeker_with_business()
    application = apply_startup(user, business)
    outsider = make_auditor(SHAXI)
    assert not SubsidyApplication.objects.visible_to(outsider).exists()
    with pytest.raises(PermissionDenied):
        subsidy_application_propose(application=application, by=outsider)
    assert SubsidyApplication.objects.visible_to(user).get() == application
    assert not SubsidyApplication.objects.visible_to(make_user(Role.SEEKER, person=make_person())).exists()


def test_a_refused_application_says_why_and_can_be_filed_again():
    user, business = seeker_with_business()
    application = apply_startup(user, business)
    with pytest.raises(ValidationError):
        subsidy_application_refuse(application=application, by=make_auditor(), reason="  ")
    subsidy_application_refuse(application=application, by=make_auditor(), reason="营业执照与申请人不符")
    assert apply_startup(user, business).status == "submitted"


def test_person_ledger_entries_are_scoped_by_the_persons_region_and_read_by_the_person():
    user, business = seeker_with_business()
    application = subsidy_application_propose(application=apply_startup(user, business), by=make_auditor())
    entry = application.ledger_entry
    assert list(LedgerEntry.objects.visible_to(make_auditor(SHAXI))) == []
    assert list(LedgerEntry.objects.visible_to(make_auditor("320585100"))) == [entry]
    assert list(LedgerEntry.objects.visible_to(user)) == [entry]


def test_the_ledger_refuses_two_payees_or_a_kind_for_another_payee():
    from quota.services.ledger import ledger_entry_propose

    auditor = make_auditor()
    person, employer = make_person(), make_employer()
    with pytest.raises(ValidationError, match="只能选一个"):
        ledger_entry_propose(
            person=person,
            employer=employer,
            data_year=2025,
            kind="startup_subsidy",
            amount="1",
            basis="x",
            by=auditor,
        )
    with pytest.raises(ValidationError, match="不能发给该对象"):
        ledger_entry_propose(
            employer=employer, data_year=2025, kind="startup_subsidy", amount="1", basis="x", by=auditor
        )


def test_the_database_refuses_an_entry_with_no_payee():
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    auditor = make_auditor()
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            data_year=2025,
            kind="startup_subsidy",
            amount=Decimal("1.00"),
            basis="x",
            proposed_by=auditor,
            proposed_at=timezone.now(),
        )


def test_an_approved_personal_subsidy_is_marked_paid_on_the_ledger_page():
    # The page's message named entry.employer, which a person's entry does not have (a 500).
    from django.test import Client

    user, business = seeker_with_business()
    first, second = make_auditor(), make_auditor(kind="hrss")
    application = subsidy_application_propose(application=apply_startup(user, business), by=first)
    subsidy_application_decide(application=application, by=second, approve=True)
    entry = LedgerEntry.objects.get(pk=application.ledger_entry_id)
    client = Client()
    # A third 残联 auditor: the proposer may not register the payment, nor may 人社局.
    client.force_login(make_auditor())

    response = client.post(f"/auditor/ledger/{entry.pk}/paid/", follow=True)

    assert response.status_code == 200
    body = response.content.decode()
    assert f"已登记发放：{user.person.name} 5000.00 元" in body, re.findall(
        r"<div class=\"(?:notice|message)[^>]*>.*?</div>", body, re.S
    )
    entry.refresh_from_db()
    assert entry.status == "paid"
