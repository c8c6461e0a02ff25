"""Demo verified facts, loaded through the import services exactly as an auditor would load them:
a registry extract (残疾人证核验数据) of the demo persons' certificates, and the demo employers'
social-insurance records (社保缴费明细) for data year 2025.

Cases each check catches (planted on purpose):
- a certificate cancelled (注销) on 2025-05-01, a holder deceased (死亡) on 2025-09-15 and one moved
  away (迁出) on 2025-07-01: the months after do not count (不一致);
- a demo person the extract does not list, and a seeker who registered a made-up certificate
  (valid check digits) that employer 1 put on its 2025 roster: 待核验, not counted;
- one person insured January–June only: July–December are declared but not on record (不一致, a
  high finding);
- a second registration of a demo person typed with full-width digits (１２３…): the identifiers
  are normalised, so it is recognised as the same person and waits for the 残联 to check it.
The demo ``employer`` account's employer has no insurance records yet, so the walk through the
checks (README) starts from its declared months.
Idempotent: each import is made once (recognised by its source name).
"""

import csv
import io
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from backend.accounts.choices import CertificateKind, Role
from backend.accounts.demo import DEMO_PASSWORD, resident_id
from backend.accounts.models import EmployerMembership, Person, User
from backend.accounts.services import CertificateInput, seeker_register
from identifiers.core import parse_certificate_no

from .models import DataImport
from .services.imports import certificates_import, insurance_import

EXTRACT = "太仓市残联核验库导出（演示）.csv"
INSURANCE = "太仓市社保缴费明细2025（演示）.csv"
DEMO_PERSONS = 200
# Demo person index → (status, date of the change).
# The indexes are people on filed 2025 rosters of quota.demo (its assignment is deterministic;
# tests/quota/test_demo.py checks each case is found).
STATUS_CHANGES = {
    6: ("cancelled", date(2025, 5, 1)),
    27: ("deceased", date(2025, 9, 15)),
    81: ("moved_out", date(2025, 7, 1)),
}
UNLISTED = {96}  # not in the extract: registered on the platform only
HALF_INSURED = 80  # insured January–June only, although the roster declares the whole year
YEAR = 2025
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _demo_persons() -> list[Person]:
    return list(
        Person.objects.filter(certificate_kind=CertificateKind.DISABILITY).order_by("id")[:DEMO_PERSONS]
    )


def _load(rows: list[dict], columns: tuple[str, ...], name: str, importer) -> DataImport:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text.getvalue(), encoding="utf-8")
        return importer(path_or_file=str(path), source=name, by=None)


def seed_certificates(stdout=None) -> dict:
    """The registry extract (before the demo reports, so their snapshots rest on it)."""
    if DataImport.objects.filter(source=EXTRACT).exists():
        return {"certificates": 0}
    rows = []
    for index, person in enumerate(_demo_persons()):
        if index in UNLISTED:
            continue
        info = parse_certificate_no(person.decrypt("certificate"))
        status, changed = STATUS_CHANGES.get(index, ("valid", None))
        rows.append(
            {
                "certificate_no": info.number,
                "name": person.name,
                "status": status,
                "category": info.category,
                "grade": info.grade,
                "issued_on": date(2012 + index % 10, 1 + index % 12, 1).isoformat(),
                "valid_until": (person.certificate_valid_until or "")
                and person.certificate_valid_until.isoformat(),
                "status_changed_on": changed.isoformat() if changed else "",
            }
        )
    columns = (
        "certificate_no",
        "name",
        "status",
        "category",
        "grade",
        "issued_on",
        "valid_until",
        "status_changed_on",
    )
    done = _load(rows, columns, EXTRACT, certificates_import)
    return {"certificates": done.created}


def _fake_seeker() -> User:
    """A seeker who registered a made-up certificate: valid check digits, unknown to the 残联."""
    user = User.objects.filter(username="selfreg").first()
    if user is None:
        rid = resident_id("320585", date(1990, 4, 12), 611)
        user = seeker_register(
            username="selfreg",
            password=DEMO_PASSWORD,
            name="自报证件",
            resident_id=rid,
            phone="13900009901",
            certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=f"{rid}11"),
        )
    return user


def _fullwidth_duplicate(persons: list[Person]) -> None:
    """A second registration of demo person 3, typed in full-width digits."""
    if User.objects.filter(username="fullwidth").exists():
        return
    person = persons[3]
    seeker_register(
        username="fullwidth",
        password=DEMO_PASSWORD,
        name=person.name,
        resident_id=person.decrypt("resident_id").translate(FULLWIDTH),
        phone="13900009902",
        certificate=CertificateInput(
            kind=CertificateKind.DISABILITY, number=person.decrypt("certificate").translate(FULLWIDTH)
        ),
    )


def _fake_on_roster(fake: User) -> None:
    """Employer 1 (the demo ``employer`` account's) puts the self-registered seeker on its 2025 roster."""
    from quota.models import QuotaReport
    from quota.services.roster import LineData, roster_line_add

    employer_user = User.objects.get(username="employer", role=Role.EMPLOYER)
    employer = EmployerMembership.objects.filter(user=employer_user).first().employer
    report = QuotaReport.objects.filter(employer=employer, data_year=YEAR, status="draft").first()
    if report is None or report.roster.filter(person=fake.person).exists():
        return
    roster_line_add(
        report=report,
        by=employer_user,
        certificate_kind=CertificateKind.DISABILITY,
        certificate_no=fake.person.decrypt("certificate"),
        name=fake.person.name,
        data=LineData(monthly_wage=Decimal("5200"), contract_start=date(2024, 1, 1)),
    )


def seed_insurance(stdout=None) -> dict:
    """Insurance records for the demo employers' 2025 rosters, the planted cases, the two
    registrations (after the demo reports)."""
    from quota.models import RosterLine

    persons = _demo_persons()
    fake = _fake_seeker()
    _fullwidth_duplicate(persons)
    _fake_on_roster(fake)
    if DataImport.objects.filter(source=INSURANCE).exists():
        return {"insurance": 0}
    half = persons[HALF_INSURED]
    # The demo ``employer`` account's own records are left for the walkthrough (README): with none
    # imported, its declared months stand until an auditor imports them.
    own = EmployerMembership.objects.filter(user__username="employer").values("employer")
    lines = (
        RosterLine.objects.filter(report__data_year=YEAR)
        .exclude(report__employer__in=own)
        .select_related("person", "report__employer")
        .order_by("report__employer_id", "line_no", "id")
    )
    rows = []
    for line in lines:
        employer = line.report.employer
        months = line.insured_months or []
        if line.person_id == half.pk:
            months = [m for m in months if m <= 6]
        for month in months:
            rows.append(
                {
                    "credit_code": employer.credit_code,
                    "resident_id": line.person.decrypt("resident_id"),
                    "month": f"{YEAR}-{month:02d}",
                    "insurance_types": "养老|医疗|失业|工伤|生育",
                    "base": f"{max(line.monthly_wage, 4880):.2f}",
                }
            )
    columns = ("credit_code", "resident_id", "month", "insurance_types", "base")
    done = _load(rows, columns, INSURANCE, insurance_import)
    return {"insurance": done.created}
