"""Reads of the 残疾人之家 and individual subsidies, scoped to the reader, and the facts the pure
eligibility rules need (from the registry and the records, never from what the applicant typed)."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from django.db.models import Count, Q, QuerySet

from backend.accounts.models import Person
from indicators.models import TrainingRecord
from matching.models import Employment
from registry.models import CertificateRecord

from .choices import OrderStatus
from .core.eligibility import CertificateFacts, EmploymentFacts, TrainingFacts
from .core.rules import OperatingSubsidy, Rule, load_rules, months_in_year, operating_subsidy
from .models import CentreMembership, DayCentre, SubsidyApplication


@lru_cache(maxsize=1)
def subsidy_rules() -> dict[str, Rule]:
    return load_rules()


def centres_for(user) -> QuerySet[DayCentre]:
    return (
        DayCentre.objects.visible_to(user)
        .select_related("region")
        .annotate(members=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
    )


def operating_subsidy_for(*, centre: DayCentre, year: int) -> OperatingSubsidy:
    """运营奖补 of ``centre`` for ``year`` from its roll and its completed orders."""
    member_months = sum(
        months_in_year(m.joined_on, m.left_on, year) for m in CentreMembership.objects.filter(centre=centre)
    )
    projects = centre.orders.filter(status=OrderStatus.COMPLETED, due_on__year=year).count()
    return operating_subsidy(
        year=year, member_months=member_months, completed_projects=projects, rules=subsidy_rules()
    )


def certificate_facts(person: Person) -> CertificateFacts | None:
    if not person.certificate_bidx:
        return None
    record = CertificateRecord.objects.filter(certificate_bidx=person.certificate_bidx).first()
    if record is None:
        return None
    grade = json.loads(record.decrypt("disability") or "{}").get("grade")
    return CertificateFacts(status=record.status, grade=grade, valid_until=record.valid_until)


def eligibility_facts(person: Person) -> dict:
    """Keyword arguments for ``core.eligibility.check_eligibility`` about ``person``."""
    employments = tuple(
        EmploymentFacts(credit_code=e.employer.credit_code, start_date=e.start_date, end_date=e.end_date)
        for e in Employment.objects.filter(person=person).select_related("employer")
    )
    trainings = tuple(
        TrainingFacts(
            record_id=t.pk, kind=t.kind, end_date=t.end_date, certificate_obtained=t.certificate_obtained
        )
        for t in TrainingRecord.objects.filter(person=person)
    )
    return {"certificate": certificate_facts(person), "employments": employments, "trainings": trainings}


def applications_for(user) -> QuerySet[SubsidyApplication]:
    return SubsidyApplication.objects.visible_to(user).select_related(
        "person__region", "ledger_entry__proposed_by", "applied_by", "training_record"
    )


def persons_served_by(user) -> QuerySet[Person]:
    """Persons of the service staff member's regions (for applying on their behalf)."""
    from backend.accounts.scoping import region_scope_q

    return Person.objects.filter(region_scope_q(user, "region__path")).exclude(certificate_bidx=None)


def training_records_of(person: Person) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(person=person).order_by("-end_date")


def today_in_shanghai() -> date:
    from django.utils import timezone

    return timezone.localdate()
