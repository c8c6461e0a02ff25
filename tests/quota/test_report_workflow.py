"""The annual report workflow through the services: states, edits, preview, snapshot."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from quota.choices import ReportStatus
from quota.models import QuotaReport, ReportSnapshot
from quota.services import (
    LineData,
    report_approve,
    report_carry_forward,
    report_create,
    report_preview,
    report_return,
    report_submit,
    report_update_figures,
    roster_line_add,
    roster_line_remove,
    roster_line_update,
)

from .factories import make_employer, make_line, make_person, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(employer_a, staff_a):
    return make_report(employer_a, by=staff_a)


def test_create_opens_a_draft_for_staff(employer_a, staff_a):
    report = report_create(employer=employer_a, data_year=2025, by=staff_a)
    assert report.status == ReportStatus.DRAFT
    assert report.levy_year == 2026
    assert report.created_by == staff_a


def test_one_report_per_employer_per_data_year(employer_a, staff_a):
    report_create(employer=employer_a, data_year=2025, by=staff_a)
    with pytest.raises(ValidationError) as error:
        report_create(employer=employer_a, data_year=2025, by=staff_a)
    assert "已经存在" in error.value.message_dict["data_year"][0]
    assert QuotaReport.objects.filter(employer=employer_a, data_year=2025).count() == 1


def test_database_constraint_backs_up_the_one_report_rule(employer_a, staff_a):
    make_report(employer_a, by=staff_a, data_year=2023)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(employer_a, by=staff_a, data_year=2023)


def test_future_data_year_is_refused(employer_a, staff_a):
    with pytest.raises(ValidationError) as error:
        report_create(employer=employer_a, data_year=2999, by=staff_a)
    assert "data_year" in error.value.message_dict


def test_staff_of_another_employer_cannot_create(employer_a, staff_b):
    with pytest.raises(PermissionDenied):
        report_create(employer=employer_a, data_year=2025, by=staff_b)


def test_setting_monthly_headcounts_clears_the_annual_average(report, staff_a):
    counts = [Decimal("100")] * 11 + [Decimal("112")]
    report = report_update_figures(report=report, by=staff_a, monthly_headcounts=counts)
    assert report.employee_count is None
    assert report.monthly_headcounts == ["100"] * 11 + ["112"]
    assert report_preview(report).employee_count == 101
    report = report_update_figures(report=report, by=staff_a, employee_count=Decimal("90"))
    assert report.monthly_headcounts is None


def test_version_rises_and_a_stale_version_is_refused(report, staff_a):
    report = report_update_figures(report=report, by=staff_a, total_wages=Decimal("6000000"))
    assert report.version == 2
    with pytest.raises(ValidationError) as error:
        report_update_figures(report=report, by=staff_a, total_wages=Decimal("1"), expected_version=1)
    assert "expected_version" in error.value.message_dict
    report.refresh_from_db()
    assert report.total_wages == Decimal("6000000.00")


def test_preview_reproduces_worked_example_e1(report):
    make_line(report, make_person())
    result = report_preview(report)
    # N = 100, D = 1, average 59,500 under the 2 × 120,000 cap: (1.5 − 1) × 59,500 × 50 %
    assert result.levy_due == Decimal("14875.00")
    assert result.levy_year == 2025


def test_preview_needs_figures(employer_a, staff_a):
    report = report_create(employer=employer_a, data_year=2025, by=staff_a)
    with pytest.raises(ValidationError) as error:
        report_preview(report)
    assert set(error.value.message_dict) == {"employee_count", "total_wages"}


def test_roster_line_add_needs_matching_name(report, staff_a):
    person = make_person(name="张三")
    number = person.decrypt("certificate")
    with pytest.raises(ValidationError) as error:
        roster_line_add(
            report=report,
            by=staff_a,
            certificate_kind="disability",
            certificate_no=number,
            name="李四",
            data=LineData(monthly_wage=Decimal("5000")),
        )
    assert "没有找到证号与姓名一致" in error.value.message_dict["certificate_no"][0]
    line = roster_line_add(
        report=report,
        by=staff_a,
        certificate_kind="disability",
        certificate_no=number,
        name="张三",
        data=LineData(monthly_wage=Decimal("5000"), contract_start=date(2023, 1, 1)),
    )
    assert line.certificate_bidx == person.certificate_bidx
    assert line.insured_months == list(range(1, 13))
    assert line.line_no == 1


def test_roster_line_update_and_remove(report, staff_a):
    line = make_line(report, make_person())
    line = roster_line_update(line=line, by=staff_a, changes={"months": [1, 2, 3]})
    assert line.months == [1, 2, 3]
    assert line.insured_months == [1, 2, 3]
    with pytest.raises(ValidationError):
        roster_line_update(line=line, by=staff_a, changes={"monthly_wage": Decimal("0")})
    roster_line_remove(line=line, by=staff_a)
    assert report.roster.count() == 0


def test_state_machine_draft_submit_return_resubmit_approve(report, staff_a, auditor):
    make_line(report, make_person())
    report = report_submit(report=report, by=staff_a)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None
    report = report_return(report=report, by=auditor, reasons="工资总额与社保申报不一致")
    assert report.status == ReportStatus.RETURNED
    assert report.return_reasons == "工资总额与社保申报不一致"
    report = report_update_figures(report=report, by=staff_a, total_wages=Decimal("5950000"))
    report = report_submit(report=report, by=staff_a)
    assert report.status == ReportStatus.RESUBMITTED
    report = report_approve(report=report, by=auditor)
    assert report.status == ReportStatus.APPROVED
    assert report.approved_by == auditor
    assert report.return_reasons == ""
    history = [h.status for h in report.history.order_by("history_date", "history_id")]
    assert history[-5:] == ["submitted", "returned", "returned", "resubmitted", "approved"]


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.APPROVED])
def test_a_filed_report_cannot_be_edited(employer_a, staff_a, status):
    report = make_report(employer_a, by=staff_a, status=status)
    line = make_line(report, make_person())
    with pytest.raises(ValidationError) as error:
        report_update_figures(report=report, by=staff_a, total_wages=Decimal("1"))
    assert "不能再修改" in error.value.messages[0]
    with pytest.raises(ValidationError):
        roster_line_update(line=line, by=staff_a, changes={"months": [1]})
    with pytest.raises(ValidationError):
        roster_line_remove(line=line, by=staff_a)
    report.refresh_from_db()
    assert report.total_wages == Decimal("5950000.00")
    assert report.roster.count() == 1


def test_illegal_transitions_are_refused(report, staff_a, auditor):
    with pytest.raises(ValidationError):
        report_approve(report=report, by=auditor)  # draft
    with pytest.raises(ValidationError):
        report_return(report=report, by=auditor, reasons="x")  # draft
    report = report_submit(report=report, by=staff_a)
    with pytest.raises(ValidationError):
        report_submit(report=report, by=staff_a)  # twice
    report = report_approve(report=report, by=auditor)
    for call in (
        lambda: report_submit(report=report, by=staff_a),
        lambda: report_return(report=report, by=auditor, reasons="x"),
        lambda: report_approve(report=report, by=auditor),
    ):
        with pytest.raises(ValidationError):
            call()
    assert QuotaReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED


def test_return_needs_reasons(report, staff_a, auditor):
    report = report_submit(report=report, by=staff_a)
    with pytest.raises(ValidationError) as error:
        report_return(report=report, by=auditor, reasons="  ")
    assert "reasons" in error.value.message_dict


def test_admin_cannot_approve_or_return(report, staff_a, admin_user):
    report = report_submit(report=report, by=staff_a)
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=admin_user)
    with pytest.raises(PermissionDenied):
        report_return(report=report, by=admin_user, reasons="x")
    assert QuotaReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_auditor_outside_the_region_cannot_approve(report, staff_a, outside_auditor):
    report = report_submit(report=report, by=staff_a)
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=outside_auditor)


def test_employer_staff_cannot_approve_their_own_report(report, staff_a):
    report = report_submit(report=report, by=staff_a)
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=staff_a)


def test_approval_freezes_inputs_policy_result_and_steps(report, staff_a, auditor):
    make_line(report, make_person())
    report = report_approve(report=report_submit(report=report, by=staff_a), by=auditor)
    snapshot = ReportSnapshot.objects.get(report=report)
    assert snapshot.result["levy_due"] == "14875.00"
    assert any(step.endswith("应缴保障金 = 14,875.00 元") for step in snapshot.steps)
    assert snapshot.policy["region"] == "320585"
    assert snapshot.policy["levy_year"] == 2025
    assert snapshot.policy["history_id"] is not None
    assert snapshot.inputs["total_wages"] == "5950000.00"
    # The named lines are sealed (tests/quota/test_snapshot_privacy.py): readable only decrypted.
    sealed = snapshot.open_lines()
    assert sealed["lines"][0]["counted"] is True
    assert set(sealed["roster"][0]) >= {"person_id", "certificate_bidx", "months", "monthly_wage"}
    # No plaintext identifier anywhere in the snapshot.
    number = report.roster.get().person.decrypt("certificate")
    assert (
        number not in str(snapshot.inputs) + str(snapshot.result) + str(snapshot.steps) + snapshot.lines_enc
    )


def test_snapshot_is_immutable(report, staff_a, auditor):
    make_line(report, make_person())
    report = report_approve(report=report_submit(report=report, by=staff_a), by=auditor)
    snapshot = ReportSnapshot.objects.get(report=report)
    snapshot.result = {"levy_due": "0.00"}
    with pytest.raises(PermissionError):
        snapshot.save()
    with pytest.raises(PermissionError):
        snapshot.delete()
    with pytest.raises(PermissionError):
        ReportSnapshot.objects.filter(pk=snapshot.pk).update(result={})
    with pytest.raises(PermissionError):
        ReportSnapshot.objects.filter(pk=snapshot.pk).delete()
    assert ReportSnapshot.objects.get(pk=snapshot.pk).result["levy_due"] == "14875.00"


def test_snapshot_keeps_the_approved_figures_after_the_policy_changes(report, staff_a, auditor):
    from quota.models import QuotaPolicy

    make_line(report, make_person())
    report = report_approve(report=report_submit(report=report, by=staff_a), by=auditor)
    QuotaPolicy.objects.filter(region__code="320585").update(quota_ratio=Decimal("0.02"))
    assert report_preview(report).levy_due == Decimal("29750.00")  # (2 − 1) × 59,500 × 50 %
    assert ReportSnapshot.objects.get(report=report).result["levy_due"] == "14875.00"


def test_submit_refuses_a_year_without_policy(employer_a, staff_a):
    report = make_report(employer_a, by=staff_a, data_year=2018)
    with pytest.raises(ValidationError) as error:
        report_submit(report=report, by=staff_a)
    assert "没有找到" in error.value.message_dict["data_year"][0]
    assert QuotaReport.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def full_width(text: str) -> str:
    """ "0"–"9" and "X" as typed on a Chinese keyboard (U+FF10–U+FF19, U+FF38)."""
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


@pytest.mark.parametrize(
    "written",
    [str, full_width, lambda number: " " + full_width(number).replace("Ｘ", "ｘ") + "\u3000"],
    ids=["ascii", "full-width", "full-width-lower-x-spaced"],
)
def test_certificate_claimed_by_another_employer_in_the_same_months_is_not_counted(
    employer_a, employer_b, staff_a, staff_b, written
):
    # 挂靠: the same person counted by two employers. A full-width copy of the number (NFKC gives
    # the ASCII number) is the same certificate, so it meets the same check (issue 10 §1).
    person = make_person()
    theirs = make_report(employer_b, by=staff_b, status=ReportStatus.SUBMITTED)
    make_line(theirs, person, months=[1, 2, 3, 4, 5, 6])
    mine = make_report(employer_a, by=staff_a)
    roster_line_add(
        report=mine,
        by=staff_a,
        certificate_kind="disability",
        certificate_no=written(person.decrypt("certificate")),
        name=person.name,
        data=LineData(monthly_wage=Decimal("5000.00"), contract_start=date(mine.data_year - 1, 1, 1)),
    )
    line = report_preview(mine).lines[0]
    assert line.months_counted == 6
    assert [r.code for r in line.reasons] == ["counted_elsewhere"]


def test_claim_in_different_months_or_in_a_draft_does_not_count_against(
    employer_a, employer_b, staff_a, staff_b
):
    person = make_person()
    mine = make_report(employer_a, by=staff_a)
    make_line(mine, person, months=[7, 8, 9, 10, 11, 12])
    theirs = make_report(employer_b, by=staff_b, status=ReportStatus.APPROVED)
    make_line(theirs, person, months=[1, 2, 3, 4, 5, 6])
    draft = make_report(make_employer())  # another employer's unfiled draft, same year and months
    make_line(draft, person, months=[7, 8, 9, 10, 11, 12])
    assert report_preview(mine).lines[0].months_counted == 6


def test_carry_forward_copies_persons_still_employed(employer_a, staff_a):
    last = make_report(employer_a, by=staff_a, data_year=2023, status=ReportStatus.APPROVED)
    stays = make_person()
    left = make_person()
    ended = make_person()
    make_line(
        last,
        stays,
        contract_start=date(2022, 5, 1),
        contract_end=date(2026, 4, 30),
        monthly_wage=Decimal("6100"),
    )
    make_line(last, left, months=[1, 2, 3])
    make_line(last, ended, contract_start=date(2022, 1, 1), contract_end=date(2023, 12, 31))
    report = report_create(employer=employer_a, data_year=2024, by=staff_a)
    assert report_carry_forward(report=report, by=staff_a) == 1
    line = report.roster.get()
    assert line.person == stays
    assert line.months == list(range(1, 13))
    assert line.insured_months == list(range(1, 13))
    assert (line.contract_start, line.contract_end) == (date(2022, 5, 1), date(2026, 4, 30))
    assert line.monthly_wage == Decimal("6100.00")
    assert report_carry_forward(report=report, by=staff_a) == 0  # already present


def test_carry_forward_without_last_year_is_an_error(employer_a, staff_a):
    report = report_create(employer=employer_a, data_year=2024, by=staff_a)
    with pytest.raises(ValidationError):
        report_carry_forward(report=report, by=staff_a)


def test_a_certificate_with_arabic_indic_digits_is_refused_by_name(report, staff_a):
    person = make_person()
    number = person.decrypt("certificate")
    typed = number[:4] + "\u0663" + number[5:]  # "٣": NFKC keeps it; int() would have read 3
    with pytest.raises(ValidationError) as refused:
        roster_line_add(
            report=report,
            by=staff_a,
            certificate_kind="disability",
            certificate_no=typed,
            name=person.name,
            data=LineData(),
        )
    assert refused.value.message_dict["certificate_no"] == ["残疾人证号只能包含数字和字母，第5位“٣”不是"]
    assert not report.roster.exists()
