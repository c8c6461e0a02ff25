"""Synthetic data for the benchmarks (quota part): a county's employers, reports and rosters.

Everything is valid and deterministic (fixed seed): resident IDs with correct check characters,
20-character certificate numbers, unified credit codes, encrypted identifiers and blind indexes
built with the platform's own cipher — but with ``bulk_create`` instead of one service call per
row, so 100,000 roster lines take seconds, not hours.  A few findings are planted at realistic
rates: a shared certificate (挂靠), pay below the minimum wage, expired certificates, short
contracts, missing reports and large year-on-year changes.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

ALL = list(range(1, 13))
BATCH = 5000  # rows per INSERT, and rows held before writing them (scale 10 = 1M roster lines)


@dataclass(frozen=True)
class QuotaRegion:
    """What ``quota_region`` created: the auditor to run the audit as, and the sizes."""

    auditor_id: int
    employers: int
    reports: int
    roster_lines: int
    persons: int


def _persons(count: int, towns, rng: random.Random):
    """``count`` persons with disability certificates, identifiers encrypted as person_create does."""
    from backend.accounts.crypto import cipher
    from backend.accounts.demo import resident_id
    from backend.accounts.models import Person
    from backend.accounts.services import certificate_index, resident_id_index

    sealed = cipher()
    rows = []
    days = 365 * 22  # births spread over 1978–1999: mostly of working age in the data year
    for index in range(count):
        birth = date(1978, 1, 1) + timedelta(days=index % days)
        rid = resident_id("320585", birth, index // days * 2 + 1 + (index % 2))  # odd = male
        category, grade = rng.randint(1, 7), rng.choice((1, 2, 3, 3, 4, 4, 4))
        number = f"{rid}{category}{grade}"
        person = Person(
            uid=uuid.uuid4(),
            name=f"基准{index:06d}",
            birth_date=birth,
            sex="M" if int(rid[16]) % 2 else "F",
            certificate_kind="disability",
            certificate_valid_until=date(2025, 6, 30) if index % 97 == 0 else date(2030, 12, 31),
            region=towns[index % len(towns)],
        )
        person.resident_id_enc = sealed.encrypt(rid, person.aad("resident_id"))
        person.resident_id_bidx = resident_id_index(rid)
        person.certificate_enc = sealed.encrypt(number, person.aad("certificate"))
        person.certificate_bidx = certificate_index("disability", number)
        person.disability_enc = sealed.encrypt(
            json.dumps({"category": category, "grade": grade}), person.aad("disability")
        )
        rows.append(person)
        if len(rows) == BATCH:  # written as they are made: 1M persons never sit in memory at once
            Person.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    Person.objects.bulk_create(rows, batch_size=BATCH)
    return list(
        Person.objects.filter(name__startswith="基准").order_by("id").values_list("id", "certificate_bidx")
    )


def quota_region(*, employers: int, lines: int, data_year: int = 2025, seed: int = 2025) -> QuotaRegion:
    """Create ``employers`` employers in Taicang's towns with last year's and this year's reports
    and ``lines`` roster lines this year; return the auditor (region 太仓市) to audit them."""
    from backend.accounts.choices import AuditorKind, Role
    from backend.accounts.demo import credit_code
    from backend.accounts.models import Employer, Region, User
    from quota.models import QuotaReport, RosterLine

    rng = random.Random(seed)
    taicang = Region.objects.get(code="320585")
    towns = list(Region.objects.filter(parent=taicang).order_by("code"))
    auditor = User.objects.create(username="bench-auditor", role=Role.AUDITOR, auditor_kind=AuditorKind.DPF)
    auditor.regions.add(taicang)
    creator = User.objects.create(username="bench-employer", role=Role.EMPLOYER)

    kinds = ["enterprise"] * 8 + ["institution", "government"]
    Employer.objects.bulk_create(
        [
            Employer(
                name=f"基准单位{i:05d}",
                credit_code=credit_code(kinds[i % len(kinds)], "320585", 1_000_000 + i),
                org_type=kinds[i % len(kinds)],
                region=towns[i % len(towns)],
                status="active",
            )
            for i in range(employers)
        ],
        batch_size=2000,
    )
    employer_ids = list(
        Employer.objects.filter(name__startswith="基准单位").order_by("id").values_list("id", flat=True)
    )

    filing = [index for index in range(employers) if index % 41]  # every 41st: filed last year only
    # Roster sizes: ``lines`` spread unevenly over this year's filers (a few large employers).
    per_employer = dict.fromkeys(filing, 0)
    for _ in range(lines):
        per_employer[filing[int(len(filing) * rng.random() ** 2)]] += 1
    shared_every = 200  # one line in 200 reuses a certificate already on another roster (挂靠)
    persons = _persons(lines - lines // shared_every + lines // 100 + 1, towns, rng)

    previous, current = [], []
    for index, employer_id in enumerate(employer_ids):
        size = per_employer.get(index, 0)
        n = Decimal(max(size * rng.randint(20, 80), 31))
        wages = n * Decimal(rng.randrange(60000, 150000, 500))
        moved = index % 53 == 0  # a headcount that moved by more than half
        previous.append(
            QuotaReport(
                employer_id=employer_id,
                data_year=data_year - 1,
                status="approved",
                employee_count=n * 3 if moved else n,
                total_wages=wages,
                created_by=creator,
            )
        )
        if index not in per_employer:
            continue  # a missing report
        current.append(
            QuotaReport(
                employer_id=employer_id,
                data_year=data_year,
                status="approved" if index % 3 else "submitted",
                employee_count=None if index % 4 == 1 else n,
                monthly_headcounts=[str(n + month % 3 - 1) for month in ALL] if index % 4 == 1 else None,
                total_wages=wages * Decimal("1.04"),
                created_by=creator,
            )
        )
    QuotaReport.objects.bulk_create(previous + current, batch_size=2000)
    reports = dict(
        QuotaReport.objects.filter(data_year=data_year, employer_id__in=employer_ids).values_list(
            "employer_id", "id"
        )
    )

    roster, fresh, written = [], iter(persons), 0
    placed: list[tuple[int, str]] = []
    for index, size in per_employer.items():
        report_id = reports[employer_ids[index]]
        on_this_roster: set[int] = set()
        for line_no in range(1, size + 1):
            person_id, bidx = next(fresh)
            if (written + len(roster)) % shared_every == shared_every - 1 and placed:
                candidate = rng.choice(placed)  # the same certificate on another roster (挂靠)
                if candidate[0] not in on_this_roster:
                    person_id, bidx = candidate
            placed.append((person_id, bidx))
            on_this_roster.add(person_id)
            taken = written + len(roster)
            wage = Decimal("2200.00") if taken % 151 == 0 else Decimal(rng.randrange(3000, 12000, 50))
            short = taken % 199 == 0
            roster.append(
                RosterLine(
                    report_id=report_id,
                    person_id=person_id,
                    certificate_bidx=bidx,
                    certificate_kind="disability",
                    months=ALL,
                    insured_months=ALL if taken % 89 else ALL[:10],
                    monthly_wage=wage,
                    contract_start=date(data_year, 1, 1)
                    if short
                    else date(2018 + taken % 6, 1 + taken % 12, 1),
                    contract_end=date(data_year, 8, 31) if short else None,
                    line_no=line_no,
                )
            )
            if len(roster) == BATCH:
                RosterLine.objects.bulk_create(roster, batch_size=BATCH)
                written, roster = written + len(roster), []
    RosterLine.objects.bulk_create(roster, batch_size=BATCH)
    written += len(roster)
    _verified_facts(data_year, rng)
    return QuotaRegion(
        auditor_id=auditor.pk,
        employers=employers,
        reports=len(previous) + len(current),
        roster_lines=written,
        persons=len({person_id for person_id, _ in placed}),
    )


def _verified_facts(data_year: int, rng: random.Random) -> None:
    """The registry extract and the insurance records the audit checks the rosters against:
    most certificates listed as valid, one in 53 cancelled on 1 July, one in 61 not listed; the
    insurance records of nine employers in ten, one roster line in 67 insured January–June only
    (the rest as declared)."""
    from backend.accounts.models import Employer, Person
    from quota.models import RosterLine
    from registry.models import CertificateRecord, DataImport, InsuranceRecord

    source = DataImport.objects.create(kind="certificates", source="基准核验库.csv", sha256="0" * 64)
    records = []
    persons = (
        Person.objects.filter(name__startswith="基准")
        .order_by("id")
        .values_list("certificate_bidx", flat=True)
    )
    for index, bidx in enumerate(persons.iterator(chunk_size=5000)):
        if index % 61 == 60:
            continue
        cancelled = index % 53 == 52
        records.append(
            CertificateRecord(
                certificate_bidx=bidx,
                certificate_enc="-",  # the audit reads status and dates only
                disability_enc="-",
                name=f"基准{index:06d}",
                status="cancelled" if cancelled else "valid",
                issued_on=date(2012, 1, 1),
                status_changed_on=date(data_year, 7, 1) if cancelled else None,
                source=source,
            )
        )
    CertificateRecord.objects.bulk_create(records, batch_size=5000)
    codes = dict(Employer.objects.filter(name__startswith="基准单位").values_list("id", "credit_code"))
    lines = (
        RosterLine.objects.filter(report__data_year=data_year, report__employer_id__in=list(codes))
        .order_by("id")
        .values_list("report__employer_id", "person__resident_id_bidx", "insured_months")
    )
    batch, seen = [], set()
    for index, (employer_id, resident_bidx, insured) in enumerate(lines.iterator(chunk_size=5000)):
        if employer_id % 10 == 0 or (employer_id, resident_bidx) in seen:
            continue  # no records yet for this employer; one person listed twice at one employer
        seen.add((employer_id, resident_bidx))
        months = [m for m in insured or [] if index % 67 != 66 or m <= 6]
        batch.extend(
            InsuranceRecord(
                credit_code=codes[employer_id],
                resident_bidx=resident_bidx,
                year=data_year,
                month=month,
                types="养老|医疗|失业|工伤|生育",
                base=Decimal(rng.randrange(4880, 20000, 10)),
                source=source,
            )
            for month in months
        )
        if len(batch) >= 50_000:
            InsuranceRecord.objects.bulk_create(batch, batch_size=5000)
            batch = []
    InsuranceRecord.objects.bulk_create(batch, batch_size=5000)
