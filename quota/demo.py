"""Demo quota reports for data years 2024 and 2025 (levy years 2025 and 2026).

Deterministic (fixed seeds) and idempotent: an employer's report for a year is created once and
left alone afterwards.  Everything goes through the services, so the states, versions, history
and approval snapshots are exactly what real use produces.

What the auditor will find (planted on purpose):
- one certificate on the rosters of two employers (1 and 4, both filed) for March–August 2025 (挂靠);
- one 2025 line paid below the minimum wage (2490 for levy year 2026), at employer 1;
- expired certificates (demo persons 23, 46, … are valid until 2025-06-30);
- one 2025 contract shorter than a year (10 months), at employer 6;
- employers that filed for 2024 but not for 2025, and a headcount that fell by more than 50 %.
The demo ``employer`` account's employer has an approved 2024 report and a 2025 draft.
"""

import random
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from backend.accounts.choices import CertificateKind, EmployerStatus, Role
from backend.accounts.demo import DEMO_PASSWORD
from backend.accounts.models import Employer, EmployerMembership, Person, User

from .choices import ReportStatus
from .models import QuotaReport
from .services import report_approve, report_create, report_return, report_submit, report_update_figures
from .services.roster import LineData, NewLine, roster_replace

ALL = list(range(1, 13))
NO_2025_REPORT = {36, 37}  # filed for 2024, not (yet) for 2025: the audit's "missing report"
SMALL = {9, 10, 33, 38}  # 30 staff or fewer: the enterprises (9, 10) are exempt, 33 and 38 are not
PLANTED = {1, 4, 6}  # employers carrying the planted findings, see _plant
SHELTERED_SHARE = 4  # sheltered employers (集中安置): one disabled person in four staff or more


@lru_cache(maxsize=1)
def _demo_hash() -> str:
    """One password hash for all demo HR logins (hashing is slow on purpose; these are demo accounts)."""
    return make_password(DEMO_PASSWORD)


def _staff(employer: Employer, index: int) -> User:
    """The employer's demo HR account (index 0 is the demo ``employer`` login)."""
    membership = EmployerMembership.objects.filter(employer=employer).select_related("user").first()
    if membership:
        return membership.user
    user, _ = User.objects.get_or_create(
        username=f"employer{index:02d}",
        defaults={"role": Role.EMPLOYER, "first_name": f"{employer.name}人事", "password": _demo_hash()},
    )
    EmployerMembership.objects.get_or_create(user=user, employer=employer, defaults={"is_admin": True})
    return user


def _plan(index: int, employer: Employer, rng: random.Random) -> dict:
    """Headcount, average wage and how many disabled staff, for the 2024 report."""
    if index == 0:
        return {"n": 320, "wage": 98000, "disabled": 4}
    if employer.sheltered:
        n = rng.randint(36, 60)
        return {"n": n, "wage": rng.randint(60000, 75000), "disabled": n // SHELTERED_SHARE + 1}
    n = rng.randint(12, 30) if index in SMALL else rng.randint(40, 800)
    required = n * 0.015
    compliant = index % 3 == 0
    disabled = int(required) + 1 if compliant else int(required * rng.choice([0, 0.4, 0.7]))
    if index in PLANTED:
        disabled = max(disabled, 2)  # the planted findings need somebody on the roster
    return {"n": n, "wage": rng.randint(60000, 150000), "disabled": min(disabled, 12)}


def _line(base: LineData, *, months=None, wage=None, start=None, end=None) -> LineData:
    """A copy of a person's standing terms with the given changes."""
    months = list(months or ALL)
    return LineData(
        months=months,
        monthly_wage=Decimal(wage) if wage is not None else base.monthly_wage,
        contract_start=start or base.contract_start,
        contract_end=end,
        insured_months=months,
    )


def _terms(rng: random.Random) -> LineData:
    """A person's contract (open-ended, started 2016–2023) and 2024 wage."""
    return LineData(
        monthly_wage=Decimal(rng.randrange(3200, 9000, 50)),
        contract_start=date(rng.randint(2016, 2023), rng.randint(1, 12), 1),
    )


def _file(employer, staff, year, plan, lines, status, auditor) -> QuotaReport | None:
    if QuotaReport.objects.filter(employer=employer, data_year=year).exists():
        return None
    report = report_create(employer=employer, data_year=year, by=staff)
    n, wage = plan["n"], plan["wage"]
    if plan.get("monthly"):
        counts = [Decimal(n + (month % 3) - 1) for month in ALL]
        report_update_figures(
            report=report, by=staff, monthly_headcounts=counts, total_wages=Decimal(n * wage)
        )
    else:
        report_update_figures(
            report=report, by=staff, employee_count=Decimal(n), total_wages=Decimal(n * wage)
        )
    numbered = [
        NewLine(person=person, line_no=i, data=data) for i, (person, data) in enumerate(lines, start=1)
    ]
    roster_replace(report=report, by=staff, lines=numbered, reason=f"演示数据：名册{len(numbered)}人")
    if status == ReportStatus.DRAFT:
        return report
    report_submit(report=report, by=staff)
    if status == ReportStatus.RETURNED:
        report_return(
            report=report, by=auditor, reasons="请补充残疾职工的社保缴费明细，并核对第1行的劳动合同期限。"
        )
    elif status == ReportStatus.APPROVED:
        report_approve(report=report, by=auditor)
    return report


def _status_2025(index: int) -> str:
    if index == 0:
        return ReportStatus.DRAFT
    return [
        ReportStatus.APPROVED,
        ReportStatus.SUBMITTED,
        ReportStatus.RETURNED,
        ReportStatus.DRAFT,
        ReportStatus.APPROVED,
    ][index % 5]


@transaction.atomic
def seed(stdout=None) -> dict:
    auditor = User.objects.get(username="auditor")
    employers = list(Employer.objects.filter(status=EmployerStatus.ACTIVE).order_by("id"))
    persons = list(Person.objects.filter(certificate_kind=CertificateKind.DISABILITY).order_by("id")[:200])
    pool = iter(persons[1:])  # persons[0] is the demo job-seeker
    created = 0
    rosters: dict[int, list] = {}
    for index, employer in enumerate(employers):
        rng = random.Random(20240 + index)
        plan = _plan(index, employer, rng)
        plan["monthly"] = index % 4 == 1
        staff = _staff(employer, index)
        team = [(person, _terms(rng)) for _, person in zip(range(plan["disabled"]), pool, strict=False)]
        rosters[index] = team
        status_2024 = ReportStatus.SUBMITTED if index % 7 == 6 else ReportStatus.APPROVED
        if _file(employer, staff, 2024, plan, team, status_2024, auditor):
            created += 1
        if index in NO_2025_REPORT:
            continue
        plan_2025 = dict(plan, n=max(12, plan["n"] + rng.randint(-8, 15)), wage=int(plan["wage"] * 1.04))
        if index == 5:
            plan_2025["n"] = max(12, plan["n"] // 3)  # headcount fell by more than 50 %
        raise_3 = [
            (person, _line(terms, wage=terms.monthly_wage * Decimal("1.03"))) for person, terms in team
        ]
        lines_2025 = _plant(index, raise_3, rosters)
        if _file(employer, staff, 2025, plan_2025, lines_2025, _status_2025(index), auditor):
            created += 1
    return {"reports_created": created}


def _plant(index: int, lines: list, rosters: dict) -> list:
    """The planted findings for the auditor (see the module docstring)."""
    if index == 1 and lines:
        person, terms = lines[0]
        lines[0] = (person, _line(terms, wage="2200"))  # below the minimum wage (2490)
    if index == 4 and rosters.get(1):
        # Employer 1's first person (employer 1 counts all of 2025) also on employer 4's roster
        # for March–August: one certificate, two employers, same months (挂靠).
        person, terms = rosters[1][0]
        lines.append((person, _line(terms, months=range(3, 9))))
    if index == 6 and lines:
        person, terms = lines[-1]
        lines[-1] = (
            person,
            _line(terms, months=range(3, 13), start=date(2025, 3, 1), end=date(2025, 12, 31)),
        )
    return lines
