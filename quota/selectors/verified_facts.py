"""The verified facts (registry extract, auditors' confirmations, insurance records) for a set of
roster lines, read in a few bulk queries so the report preview and the annual audit see the same.

A certificate's facts are keyed by its blind index (``RosterLine.certificate_bidx`` equals
``CertificateRecord.certificate_bidx`` for a 残疾人证, built the same way); a person's insurance
months by the employer's credit code, the year and the person's resident-ID blind index.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q

from backend.accounts.models import Employer
from quota.core.facts import REQUIRED_INSURANCE, CertificateCheck, CertificateFact, ConfirmedSpan
from quota.core.verification import certificate_check
from registry.models import CertificateConfirmation, CertificateRecord, InsuranceRecord

from ..choices import RosterCertificateKind

CHUNK = 5_000  # bounded IN (...) lists: SQLite allows 32,766 parameters, PostgreSQL more
# Employers per insurance query. The records are read through the (credit code, year, resident,
# month) index; with 1,000 codes in one IN list PostgreSQL's estimate tipped it into a parallel
# scan of the whole table instead (10.7M records: 3.4 s per query, measured; 100 codes: an index
# scan, about 50 ms).
INSURANCE_CHUNK = 100


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class VerifiedFacts:
    """Facts for the lines of one or many reports of one data year."""

    year: int
    certificates: dict[str, CertificateFact] = field(default_factory=dict)
    confirmations: dict[str, list[ConfirmedSpan]] = field(default_factory=lambda: defaultdict(list))
    # (credit code) -> resident bidx -> months insured in full; an employer absent has no records.
    insured: dict[str, dict[str, set[int]]] = field(default_factory=dict)

    def certificate(self, bidx: str, kind: str) -> CertificateCheck:
        # The 残联 extract holds 残疾人证 only: a 残疾军人证 rests on an auditor's confirmation.
        fact = self.certificates.get(bidx) if kind == RosterCertificateKind.DISABILITY else None
        check = certificate_check(self.year, fact, self.confirmations.get(bidx, ()))
        if kind == RosterCertificateKind.VETERAN and fact is None:
            message = "残疾军人证不在残联核验库中，需审核人员核对原件并登记核验后计入"
            return CertificateCheck(check.months, check.code, message)
        return check

    def line_facts(
        self, *, certificate_bidx: str, kind: str, credit_code: str, resident_bidx: str, declared
    ) -> dict:
        """The engine's fact arguments for one roster line (``quota.core.RosterLine`` fields), so
        the report preview and the annual audit build them the same way: imported insurance
        records replace the declared months once the employer has any that year."""
        declared = frozenset(declared or [])
        recorded = self.insured_months(credit_code, resident_bidx)
        return {
            "insured_months": declared if recorded is None else recorded,
            "declared_insured_months": None if recorded is None else declared,
            "certificate_check": self.certificate(certificate_bidx, kind),
        }

    def insured_months(self, credit_code: str, resident_bidx: str) -> frozenset[int] | None:
        """Months insured in full per the records; None when the employer has no records that year
        (the declared months then stand, as before the insurance data is imported)."""
        people = self.insured.get(credit_code)
        if people is None:
            return None
        return frozenset(people.get(resident_bidx, ()))


def verified_facts(
    *, year: int, certificate_bidxs: Iterable[str], people_by_employer: Mapping[str, Iterable[str]]
) -> VerifiedFacts:
    """Load the facts of ``year`` for these certificates, and the insurance months of the people
    on the lines of each employer (credit code → the people's resident-ID blind indexes)."""
    facts = VerifiedFacts(year)
    bidxs = sorted(set(certificate_bidxs))
    for chunk in _chunks(bidxs):
        rows = CertificateRecord.objects.filter(certificate_bidx__in=chunk).values_list(
            "certificate_bidx", "status", "issued_on", "valid_until", "status_changed_on"
        )
        for bidx, status, issued_on, valid_until, changed_on in rows:
            facts.certificates[bidx] = CertificateFact(status, issued_on, valid_until, changed_on)
        spans = CertificateConfirmation.objects.filter(
            certificate_bidx__in=chunk, withdrawn_at__isnull=True
        ).values_list("certificate_bidx", "valid_from", "valid_until")
        for bidx, valid_from, valid_until in spans:
            facts.confirmations[bidx].append(ConfirmedSpan(valid_from, valid_until))
    # Only the months insured in full, and only of the people on the lines: a real 社保缴费明细
    # lists every employee, disabled or not, and the database filters them out.
    in_full = Q()
    for kind in REQUIRED_INSURANCE:
        in_full &= Q(types__contains=kind)
    codes = sorted(people_by_employer)
    has_records = Exists(InsuranceRecord.objects.filter(credit_code=OuterRef("credit_code"), year=year))
    for chunk in _chunks(codes):
        for code in Employer.objects.filter(has_records, credit_code__in=chunk).values_list(
            "credit_code", flat=True
        ):
            facts.insured.setdefault(code, {})  # the employer has records that year
    for chunk in _chunks(codes, INSURANCE_CHUNK):
        people = sorted({bidx for code in chunk for bidx in people_by_employer[code] if bidx})
        for some in _chunks(people):
            rows = (
                InsuranceRecord.objects.filter(
                    in_full, credit_code__in=chunk, year=year, resident_bidx__in=some
                )
                .values_list("credit_code", "resident_bidx", "month")
                .iterator(chunk_size=10_000)
            )
            for code, resident_bidx, month in rows:
                facts.insured[code].setdefault(resident_bidx, set()).add(month)
    return facts
