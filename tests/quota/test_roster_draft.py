"""Roster drafts from facts (issue 10 §6): what is proposed, for which months, and what the
employer's confirmation and removal do."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import ConsentScope
from backend.accounts.services import consent_grant
from matching.models import Employment
from quota.models import RosterDraftDecision
from quota.services.roster_draft import (
    months_covered,
    roster_draft_confirm,
    roster_draft_from_records,
    roster_draft_remove,
)
from registry.models import CertificateRecord, DataImport, InsuranceRecord

from .factories import make_employer, make_line, make_person, make_report

pytestmark = pytest.mark.django_db


def employ(person, employer, start, end=None, source="platform"):
    return Employment.objects.create(
        person=person, employer=employer, start_date=start, end_date=end, source=source
    )


def proposed(report, by):
    return [(p.person.name, p.source, p.months) for p in roster_draft_from_records(report=report, by=by)]


def test_months_are_the_months_of_the_year_the_record_covers():
    assert months_covered(date(2025, 3, 20), date(2025, 9, 10), 2025) == [3, 4, 5, 6, 7, 8, 9]
    assert months_covered(date(2023, 6, 1), None, 2025) == list(range(1, 13))
    assert months_covered(date(2024, 6, 1), date(2025, 1, 1), 2025) == [1]
    assert months_covered(date(2024, 6, 1), date(2024, 12, 31), 2025) == []
    assert months_covered(date(2026, 1, 1), None, 2025) == []


def test_records_overlapping_the_year_are_proposed_with_their_months_and_source(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025)
    employ(make_person(name="甲"), employer_a, date(2025, 3, 20), date(2025, 9, 10))
    employ(make_person(name="乙"), employer_a, date(2023, 6, 1), source="dpf")
    employ(make_person(name="丙"), employer_a, date(2023, 6, 1), date(2024, 12, 31))  # left before 2025
    employ(make_person(name="丁"), employer_a, date(2026, 1, 5))  # starts after the year
    employ(make_person(name="戊"), make_employer(), date(2025, 1, 1))  # another employer
    back = make_person(name="己")  # left and came back within the year: one line, both spells
    employ(back, employer_a, date(2025, 1, 10), date(2025, 2, 20))
    employ(back, employer_a, date(2025, 11, 1))
    assert proposed(report, staff_a) == [
        ("乙", "dpf", list(range(1, 13))),
        ("己", "platform", [1, 2, 11, 12]),
        ("甲", "platform", [3, 4, 5, 6, 7, 8, 9]),
    ]


def test_persons_on_the_roster_or_already_decided_are_not_proposed_again(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025)
    on_roster, removed = make_person(name="已在名册"), make_person(name="已移除")
    make_line(report, on_roster)
    employ(on_roster, employer_a, date(2024, 1, 1))
    employ(removed, employer_a, date(2024, 1, 1))
    roster_draft_remove(report=report, by=staff_a, person_id=removed.pk, reason="已调往分公司")
    assert proposed(report, staff_a) == []
    with pytest.raises(ValidationError, match="不在名册草稿中"):
        roster_draft_remove(report=report, by=staff_a, person_id=removed.pk, reason="再次移除")
    row = RosterDraftDecision.objects.get()
    assert (row.decision, row.reason, row.decided_by, row.months) == (
        "removed",
        "已调往分公司",
        staff_a,
        list(range(1, 13)),
    )


def test_confirming_adds_the_line_through_the_roster_service(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025)
    person = make_person(name="张三")
    employ(person, employer_a, date(2025, 4, 8))
    version = report.version
    with pytest.raises(ValidationError) as no_wage:
        roster_draft_confirm(report=report, by=staff_a, person_id=person.pk, monthly_wage=None)
    assert no_wage.value.message_dict == {"monthly_wage": ["月工资应为大于0的金额（元）"]}

    line = roster_draft_confirm(
        report=report, by=staff_a, person_id=person.pk, monthly_wage=Decimal("4800.00")
    )

    assert (line.line_no, line.months, line.insured_months, line.monthly_wage, line.contract_start) == (
        1,
        list(range(4, 13)),
        list(range(4, 13)),
        Decimal("4800.00"),
        date(2025, 4, 8),
    )
    report.refresh_from_db()
    assert report.version == version + 1
    assert report.history.first().history_change_reason == "名册草稿确认（平台招聘）第1行"
    assert RosterDraftDecision.objects.get().decision == "confirmed"
    assert proposed(report, staff_a) == []


def test_confirming_on_a_submitted_report_is_refused_like_any_roster_change(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025, status="submitted")
    person = make_person()
    employ(person, employer_a, date(2025, 4, 8))
    with pytest.raises(ValidationError, match="不能再修改"):
        roster_draft_confirm(report=report, by=staff_a, person_id=person.pk, monthly_wage=Decimal("4800"))
    assert not report.roster.exists()


def test_removal_needs_a_reason(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025)
    person = make_person()
    employ(person, employer_a, date(2025, 4, 8))
    for blank in ("", "   ", None):
        with pytest.raises(ValidationError) as refused:
            roster_draft_remove(report=report, by=staff_a, person_id=person.pk, reason=blank)
        assert list(refused.value.message_dict) == ["reason"]
    assert not RosterDraftDecision.objects.exists()


def test_only_the_employers_staff_decide_and_auditors_read(
    employer_a, staff_a, staff_b, auditor, outside_auditor
):
    report = make_report(employer_a, data_year=2025)
    person = make_person(name="李四")
    employ(person, employer_a, date(2025, 4, 8))
    assert proposed(report, auditor) == [("李四", "platform", list(range(4, 13)))]
    for stranger in (staff_b, outside_auditor):
        with pytest.raises(PermissionDenied):
            roster_draft_from_records(report=report, by=stranger)
    for actor in (auditor, staff_b):
        with pytest.raises(PermissionDenied):
            roster_draft_confirm(report=report, by=actor, person_id=person.pk, monthly_wage=Decimal("4800"))
        with pytest.raises(PermissionDenied):
            roster_draft_remove(report=report, by=actor, person_id=person.pk, reason="不是本单位")
    assert not report.roster.exists() and not RosterDraftDecision.objects.exists()


def test_insured_persons_with_a_valid_certificate_are_proposed_from_insurance(employer_a, staff_a):
    report = make_report(employer_a, data_year=2025)
    insured, cancelled, record_too = (
        make_person(name="社保甲", verified=False),  # their registry records are made below
        make_person(name="注销乙", verified=False),
        make_person(name="记录丙", verified=False),
    )
    source = DataImport.objects.create(kind="insurance", source="test.csv", sha256="0" * 64)
    for person, status in ((insured, "valid"), (cancelled, "cancelled"), (record_too, "valid")):
        CertificateRecord.objects.create(
            certificate_bidx=person.certificate_bidx,
            certificate_enc="x",
            name=person.name,
            status=status,
            disability_enc="x",
            issued_on=date(2010, 1, 1),
            source=source,
        )
        for month in (1, 2, 3):
            InsuranceRecord.objects.create(
                credit_code=employer_a.credit_code,
                resident_bidx=person.resident_id_bidx,
                year=2025,
                month=month,
                types="养老",
                base=Decimal("5000.00"),
                source=source,
            )
    InsuranceRecord.objects.create(
        credit_code=employer_a.credit_code,
        resident_bidx=insured.resident_id_bidx,
        year=2024,
        month=12,
        types="养老",
        base=Decimal("5000.00"),
        source=source,
    )
    employ(record_too, employer_a, date(2025, 1, 1))  # the employment record wins: one proposal
    # Nobody agreed to be listed yet: the insurance records alone reveal nothing to the employer.
    assert proposed(report, staff_a) == [("记录丙", "platform", list(range(1, 13)))]
    for person in (insured, cancelled, record_too):
        consent_grant(person=person, scope=ConsentScope.QUOTA_COUNTING)
    assert proposed(report, staff_a) == [
        ("记录丙", "platform", list(range(1, 13))),
        ("社保甲", "insurance", [1, 2, 3]),
    ]
