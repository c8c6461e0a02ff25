from decimal import Decimal

from quota.audit.models import AuditFinding, AuditResult

from .factories import filed_report, make_employer, make_line, make_person, make_report


def test_certificate_at_two_employers_in_the_same_month_is_flagged_for_both(db, auditor, run_audit):
    person = make_person()
    first, second = make_employer(name="甲公司"), make_employer(name="乙公司")
    a = filed_report(first)
    b = filed_report(second)
    line_a = make_line(a, person, months=[1, 2, 3, 4, 5, 6], insured_months=[1, 2, 3, 4, 5, 6])
    line_b = make_line(b, person, months=[6, 7, 8], insured_months=[6, 7, 8])

    run = run_audit(by=auditor)

    assert run.status == "done"
    found = AuditFinding.objects.filter(run=run, kind="double_counting").order_by("employer_id")
    assert [(f.employer_id, f.roster_line_id, f.severity) for f in found] == [
        (first.pk, line_a.pk, "high"),
        (second.pk, line_b.pk, "high"),
    ]
    assert "6月" in found[0].message and "挂靠" in found[0].message
    # The one shared month is not counted at either employer (the report engine's rule).
    assert not AuditFinding.objects.filter(run=run, kind="counted_elsewhere").exists()
    result = AuditResult.objects.get(run=run, employer=first)
    assert result.counted_disabled == Decimal("0.4167")  # 5 of 6 months: 5 / 12


def test_certificate_at_two_employers_in_different_months_is_not_a_finding(db, auditor, run_audit):
    person = make_person()
    a = filed_report(make_employer())
    b = filed_report(make_employer())
    make_line(a, person, months=[1, 2, 3, 4, 5, 6], insured_months=[1, 2, 3, 4, 5, 6])
    make_line(b, person, months=[7, 8, 9, 10, 11, 12], insured_months=[7, 8, 9, 10, 11, 12])

    run = run_audit(by=auditor)

    assert not AuditFinding.objects.filter(
        run=run, kind__in=["double_counting", "counted_elsewhere"]
    ).exists()
    assert sorted(AuditResult.objects.filter(run=run).values_list("counted_disabled", flat=True)) == [
        Decimal("0.5000"),
        Decimal("0.5000"),
    ]


def test_a_draft_report_does_not_claim_the_certificate(db, auditor, run_audit):
    person = make_person()
    filed = filed_report(make_employer())
    draft = make_report(make_employer(), data_year=2025)
    make_line(filed, person)
    make_line(draft, person)

    run = run_audit(by=auditor)

    assert not AuditFinding.objects.filter(run=run, kind="double_counting").exists()
