"""Verified facts: which months a certificate is verified, and the line's 已核验/待核验/不一致."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from quota.core import ReportInput, RosterLine, assess_line, compute_levy
from quota.core.facts import (
    CERTIFICATE_MISMATCH,
    CERTIFICATE_PENDING,
    INSURANCE_NOT_ON_RECORD,
    CertificateCheck,
    CertificateFact,
    ConfirmedSpan,
)
from quota.core.verification import (
    assume_pending_confirmed,
    certificate_check,
    insured_in_full,
    line_verification,
    verification_counts,
)

from .factories import make_line, make_policy

POLICY = make_policy()
YEAR = 2024  # the policy's data year

ALL = frozenset(range(1, 13))


def test_a_certificate_missing_from_the_registry_is_pending_for_every_month():
    check = certificate_check(YEAR, None)
    assert check.months == frozenset() and check.code == CERTIFICATE_PENDING


def test_a_valid_certificate_counts_for_the_months_it_wholly_covers():
    fact = CertificateFact("valid", issued_on=date(YEAR, 3, 1), valid_until=date(YEAR, 10, 15))
    check = certificate_check(YEAR, fact)
    assert check.months == frozenset(range(3, 10))  # March … September; October not wholly
    assert check.code == CERTIFICATE_MISMATCH


def test_a_certificate_issued_mid_month_counts_from_the_next_month():
    fact = CertificateFact("valid", issued_on=date(YEAR, 3, 2))
    assert certificate_check(YEAR, fact).months == frozenset(range(4, 13))


@pytest.mark.parametrize("status", ["cancelled", "deceased", "moved_out", "expired"])
def test_a_status_change_ends_validity_the_day_before(status):
    fact = CertificateFact(status, issued_on=date(2010, 1, 1), status_changed_on=date(YEAR, 7, 1))
    check = certificate_check(YEAR, fact)
    assert check.months == frozenset(range(1, 7))
    assert "2024-07-01" in check.message


def test_a_cancelled_certificate_without_a_date_counts_for_no_month():
    fact = CertificateFact("cancelled", issued_on=date(2010, 1, 1))
    assert certificate_check(YEAR, fact).months == frozenset()


def test_an_auditors_confirmation_verifies_its_span():
    check = certificate_check(YEAR, None, [ConfirmedSpan(date(YEAR, 5, 1), date(YEAR, 8, 31))])
    assert check.months == frozenset({5, 6, 7, 8}) and check.code == CERTIFICATE_PENDING


def test_insured_in_full_needs_pension_medical_unemployment_and_injury():
    assert insured_in_full(["养老", "医疗", "失业", "工伤"])
    assert insured_in_full(["养老", "医疗", "失业", "工伤", "生育"])
    assert not insured_in_full(["养老", "医疗"])


def _line(**overrides) -> RosterLine:
    return make_line(**overrides)


def test_an_unverified_line_counts_no_month_and_says_why():
    result = assess_line(_line(certificate_check=certificate_check(YEAR, None)), POLICY, YEAR)
    assert result.months_counted == 0
    assert line_verification(result) == "pending"
    assert any(reason.code == CERTIFICATE_PENDING for reason in result.reasons)


def test_a_verified_line_counts_as_before():
    check = CertificateCheck(ALL)
    verified = assess_line(_line(certificate_check=check), POLICY, YEAR)
    unchecked = assess_line(_line(), POLICY, YEAR)
    assert verified.contribution == unchecked.contribution == 1
    assert line_verification(verified) == "verified"


def test_insurance_records_replace_the_declared_months_and_name_the_missing_ones():
    line = _line(
        certificate_check=CertificateCheck(ALL),
        insured_months=frozenset(range(1, 7)),
        declared_insured_months=ALL,
    )
    result = assess_line(line, POLICY, YEAR)
    assert result.months == frozenset(range(1, 7))
    missing = [reason for reason in result.reasons if reason.code == INSURANCE_NOT_ON_RECORD]
    assert missing and missing[0].months == frozenset(range(7, 13))
    assert line_verification(result) == "mismatch"


def test_an_expiry_already_named_is_not_repeated_as_a_registry_mismatch():
    fact = CertificateFact("valid", issued_on=date(2010, 1, 1), valid_until=date(YEAR, 6, 30))
    line = _line(certificate_check=certificate_check(YEAR, fact), certificate_valid_until=date(YEAR, 6, 30))
    result = assess_line(line, POLICY, YEAR)
    assert result.months == frozenset(range(1, 7))
    assert [reason.code for reason in result.reasons if reason.months] == ["expired"]


def test_the_levy_if_confirmed_counts_pending_lines_but_not_contradicted_ones():
    pending = _line(certificate_check=certificate_check(YEAR, None))
    cancelled = replace(
        _line(
            certificate_check=certificate_check(
                2025, CertificateFact("cancelled", date(2010, 1, 1), status_changed_on=date(YEAR, 1, 1))
            )
        ),
        line_id="2",
    )
    report = ReportInput(
        YEAR,
        "enterprise",
        employee_count=Decimal("100"),
        total_wages=Decimal("6000000"),
        roster=(pending, cancelled),
    )
    on_facts = compute_levy(POLICY, report)
    if_confirmed = compute_levy(POLICY, assume_pending_confirmed(report))
    assert on_facts.counted_disabled == 0
    assert if_confirmed.counted_disabled == 1  # the pending line; the cancelled one stays out
    assert verification_counts(on_facts) == {"verified": 0, "pending": 1, "mismatch": 1}


def test_a_blocked_line_still_says_its_certificate_is_unverified():
    line = _line(certificate_check=certificate_check(YEAR, None), monthly_wage=Decimal("100"))
    result = assess_line(line, POLICY, YEAR)
    assert result.months_counted == 0
    assert line_verification(result) == "pending"
    assert {reason.code for reason in result.reasons} == {"below_minimum_wage", CERTIFICATE_PENDING}
