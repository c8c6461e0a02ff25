"""The plan's indicators computed from the rows a user may see, with exact figures."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from backend.accounts.choices import Role
from indicators.selectors import (
    compliance_by_group,
    employment_indicator,
    indicators_as_dict,
    levy_by_year,
    plan_indicators,
    subsidies_by_year,
    training_indicator,
)
from matching.models import Employment
from quota.services.decisions import notice_issue, payment_record
from quota.services.ledger import ledger_entry_approve, ledger_entry_mark_paid, ledger_entry_propose
from tests.factories import make_person
from tests.quota.audit.factories import make_approved_report
from tests.quota.factories import make_employer, make_line, make_report, make_user
from tests.quota.factories import make_person as make_roster_person

from .factories import make_training_record


def per_year(indicator) -> list[tuple[int, int, int]]:
    return [(y.year, y.value, y.cumulative) for y in indicator.years]


@pytest.fixture
def employers(db):
    return {
        "town": make_employer(region_code="320585100", name="城厢甲公司"),
        "other": make_employer(region_code="320585101", name="沙溪乙公司"),
        "same_town": make_employer(region_code="320585100", name="城厢丙公司"),
    }


def employ(person, employer, start: date, end: date | None = None):
    return Employment.objects.create(person=person, employer=employer, start_date=start, end_date=end)


def test_new_employment_counts_each_disabled_person_once_in_the_year_of_their_first_job(auditor, employers):
    town = employers["town"]
    twice = make_person(name="两次就业")
    employ(twice, town, date(2021, 5, 1), date(2022, 1, 31))
    employ(twice, town, date(2023, 2, 1))
    before = make_person(name="规划期前就业", birth=date(1980, 1, 1))
    employ(before, town, date(2020, 6, 1), date(2021, 12, 31))
    employ(before, employers["same_town"], date(2022, 3, 1))  # a new job elsewhere counts in 2022
    back = make_person(name="回原单位", birth=date(1979, 1, 1))
    employ(back, town, date(2019, 6, 1), date(2020, 12, 31))
    employ(back, town, date(2023, 3, 1))  # back at the same employer: not 新增
    employ(make_person(name="规划期后", birth=date(1981, 1, 1)), town, date(2026, 1, 5))
    employ(make_person(name="无证", certificate=False, birth=date(1982, 1, 1)), town, date(2024, 1, 5))
    employ(make_person(name="外镇", birth=date(1983, 1, 1)), employers["other"], date(2024, 1, 5))
    indicator = employment_indicator(user=auditor)
    assert per_year(indicator) == [(2021, 1, 1), (2022, 1, 2), (2023, 0, 2), (2024, 0, 2), (2025, 0, 2)]
    assert (indicator.total, indicator.target, indicator.met, indicator.unit) == (2, 300, False, "人")


def test_a_person_on_the_employers_roster_since_2018_is_not_new_employment(auditor, employers):
    """实名制新增 counts a person only when newly employed by that employer (issue 10 §6): a
    record entered in 2023 for someone on the employer's rosters since 2018 is not 新增, nor is
    a second record of the same person at the same employer."""
    town, same_town = employers["town"], employers["same_town"]
    veteran_staff = make_roster_person()
    for year in range(2018, 2023):
        make_line(make_report(town, data_year=year, status="approved"), veteran_staff)
    employ(veteran_staff, town, date(2023, 4, 1))
    newcomer = make_person(name="新入职")
    make_line(make_report(same_town, data_year=2023), newcomer)  # on the roster of the hire's own year
    employ(newcomer, same_town, date(2023, 5, 1))
    indicator = employment_indicator(user=auditor)
    assert per_year(indicator) == [(2021, 0, 0), (2022, 0, 0), (2023, 1, 1), (2024, 0, 1), (2025, 0, 1)]
    # The same person hired by another employer is new there.
    employ(veteran_staff, same_town, date(2024, 2, 1))
    assert per_year(employment_indicator(user=auditor))[3] == (2024, 1, 2)


def test_the_employment_target_is_met_only_above_300(db, admin_user):
    from indicators.selectors import TargetIndicator, YearCount

    def total(n):
        return TargetIndicator("e", "t", "人", 300, (YearCount(2025, n, n),))

    assert (total(300).met, total(301).met, total(301).percent_of_target) == (False, True, 100)


def test_training_counts_person_times_of_completed_courses_by_year(auditor, person, other_person, admin_user):
    make_training_record(person, by=auditor, end_date=date(2021, 4, 15), start_date=date(2021, 3, 1))
    make_training_record(person, by=auditor, course_name="家政服务员", certificate_obtained=True)
    make_training_record(person, by=auditor, course_name="创业培训", kind="entrepreneurship")
    make_training_record(person, by=auditor, course_name="面点鉴定", kind="skills_assessment", hours=8)
    make_training_record(
        person, by=auditor, course_name="旧课程", start_date=date(2020, 3, 1), end_date=date(2020, 5, 1)
    )
    make_training_record(other_person, by=admin_user, course_name="外镇课程")
    indicator = training_indicator(user=auditor)
    assert per_year(indicator) == [(2021, 1, 1), (2022, 0, 1), (2023, 0, 1), (2024, 2, 3), (2025, 0, 3)]
    assert indicator.extra == {"persons": 1, "certificates": 1, "assessments": 1}
    assert training_indicator(user=admin_user).total == 4  # the 沙溪镇 course too


def reports_2024(auditor, employers):
    """Approved 2024 reports: below quota, exempt small enterprise, at quota (institution)."""
    make_approved_report(employers["town"], auditor=auditor)  # N = 100, D = 0
    make_approved_report(
        make_employer(region_code="320585100", name="小企业"), auditor=auditor, employee_count=Decimal("20")
    )
    institution = make_employer(region_code="320585100", org_type="institution", name="医院")
    from tests.quota.factories import make_report

    report = make_report(institution, data_year=2024, status="submitted")
    make_line(report, make_roster_person())
    make_line(report, make_roster_person())
    from quota.services.reports import report_approve

    report_approve(report=report, by=auditor)
    make_approved_report(employers["other"], auditor=auditor)


def test_employers_at_quota_by_town_and_org_type(city_auditor, auditor, employers):
    reports_2024(city_auditor, employers)
    groups = compliance_by_group(user=auditor, data_year=2024)
    assert [(r.label, r.at_quota, r.below, r.below_exempt, r.total) for r in groups["region"]] == [
        ("城厢镇", 1, 1, 1, 3)
    ]
    assert [(r.key, r.at_quota, r.below, r.below_exempt) for r in groups["org_type"]] == [
        ("enterprise", 0, 1, 1),
        ("institution", 1, 0, 0),
    ]
    everywhere = compliance_by_group(user=city_auditor, data_year=2024)
    assert [(r.label, r.total) for r in everywhere["region"]] == [("城厢镇", 3), ("沙溪镇", 1)]
    assert compliance_by_group(user=auditor, data_year=2023) == {"region": [], "org_type": []}


def test_levy_assessed_noticed_paid_and_surcharged_by_data_year(city_auditor, auditor, employers):
    with time_machine.travel("2025-05-06 10:00 +0800", tick=False):
        report = make_approved_report(employers["town"], auditor=city_auditor)
        notice = notice_issue(report=report, due_date=date(2025, 6, 30), by=city_auditor)
        make_approved_report(employers["other"], auditor=city_auditor)
    with time_machine.travel("2025-07-20 10:00 +0800", tick=False):
        payment_record(notice=notice, amount=Decimal("1000.00"), paid_on=date(2025, 7, 10), by=city_auditor)
    [year] = levy_by_year(user=auditor)
    # 80,325.00 each (1.5 × 59,500 × 90 %); 1,000.00 paid 10 days late at 0.5 % a day → 50.00.
    assert (
        year.data_year,
        year.levy_year,
        year.assessed,
        year.noticed,
        year.paid,
        year.surcharge,
        year.outstanding,
    ) == (
        2024,
        2025,
        Decimal("80325.00"),
        Decimal("80325.00"),
        Decimal("1000.00"),
        Decimal("50.00"),
        Decimal("79325.00"),
    )
    assert levy_by_year(user=city_auditor)[0].assessed == Decimal("160650.00")


def test_subsidies_paid_by_kind_and_approved_awaiting_payment(city_auditor, auditor, employers):
    def entry(employer, kind, amount):
        return ledger_entry_propose(
            employer=employer,
            data_year=2024,
            kind=kind,
            amount=Decimal(amount),
            basis="依据",
            by=city_auditor,
        )

    # Four eyes: city_auditor proposes, a second city auditor approves and records the payments.
    reviewer = make_user(Role.AUDITOR, regions=["320585"])
    paid = ledger_entry_approve(entry=entry(employers["town"], "post_subsidy", "3000.00"), by=reviewer)
    ledger_entry_mark_paid(entry=paid, by=reviewer)
    ledger_entry_approve(entry=entry(employers["town"], "insurance_subsidy", "1200.50"), by=reviewer)
    entry(employers["town"], "insurance_subsidy", "999.00")  # only proposed: not counted
    other = ledger_entry_approve(entry=entry(employers["other"], "post_subsidy", "500.00"), by=reviewer)
    ledger_entry_mark_paid(entry=other, by=reviewer)
    [year] = subsidies_by_year(user=auditor)
    assert (year.data_year, year.paid_total, year.approved_unpaid) == (
        2024,
        Decimal("3000.00"),
        Decimal("1200.50"),
    )
    assert year.paid_by_kind["post_subsidy"] == Decimal("3000.00")
    assert subsidies_by_year(user=city_auditor)[0].paid_total == Decimal("3500.00")


def test_the_dashboard_defaults_to_the_latest_year_with_approved_reports(city_auditor, employers):
    reports_2024(city_auditor, employers)
    data = plan_indicators(user=city_auditor)
    assert (data["data_year"], data["compliance_years"]) == (2024, [2024])
    as_json = indicators_as_dict(data)
    assert as_json["compliance"]["by_region"][0] == {
        "code": "320585100",
        "name": "城厢镇",
        "at_quota": 1,
        "below": 1,
        "below_exempt": 1,
        "total": 3,
    }
    assert as_json["levy"][0]["assessed"] == "160650.00" and as_json["plan_years"] == [2021, 2025]
