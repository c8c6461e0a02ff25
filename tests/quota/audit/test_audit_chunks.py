"""The chunked audit equals the audit in one pass, whatever the chunk size; a chunk redone after
a crash leaves exactly one set of its rows."""

from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from backend.accounts.choices import Role
from bench.synthetic import quota_region
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.audit.selectors import audit_chunks, shared_certificates
from quota.audit.services.run import audit_chunk, audit_execute, audit_execute_whole, audit_prepare
from quota.choices import ReportStatus

from .factories import filed_report, make_employer, make_line, make_person, make_report, make_user
from .outcomes import outcome_of

# Every kind the dataset below must produce, so that a chunk boundary is crossed by each of them.
KINDS = {
    "double_counting",
    "counted_elsewhere",
    "roster_exceeds_headcount",
    "large_change",
    "missing_report",
    "below_minimum_wage",
    "short_contract",
    "insurance_missing",
    "expired",
    "certificate_mismatch",
    "outside_working_age",
}


def _dataset():
    """The benchmark's generator at a small size (挂靠 between random employers, low wages,
    expired and cancelled certificates, short contracts, missing reports, large changes), plus
    the kinds it does not make: a shared certificate across the town boundary, one counted
    elsewhere (in some months, and by a returned report's line), a dispatched worker counted at the client, a roster larger than N,
    a draft."""
    quota_region(employers=60, lines=400)
    shared, moved, repeated = make_person(), make_person(), make_person()
    town, other_town = make_employer(region_code="320585101"), make_employer(region_code="320585102")
    make_line(filed_report(town), shared)
    make_line(filed_report(other_town), shared)
    first_half = filed_report(make_employer(region_code="320585101"))
    make_line(first_half, moved, months=list(range(1, 7)))
    make_line(filed_report(make_employer(region_code="320585100")), moved, months=list(range(1, 13)))
    twice = filed_report(make_employer(region_code="320585101"), employee_count=Decimal("1"))
    make_line(twice, repeated)
    agency, client = filed_report(make_employer(region_code="320585100")), filed_report(make_employer())
    make_line(agency, repeated, dispatched=True, counts_here=False)  # counted at the client
    make_line(client, repeated, dispatched=True)
    returned = filed_report(make_employer(region_code="320585101"), status=ReportStatus.RETURNED)
    make_line(returned, moved)  # not a claim (returned), but counted elsewhere in every month
    make_line(twice, make_person(birth=date(1950, 1, 1)))
    draft = make_report(make_employer(region_code="320585101"), data_year=2025, status=ReportStatus.DRAFT)
    make_line(draft, shared)


def _new_run(auditor) -> int:
    run = AuditRun.objects.create(data_year=2025, created_by=auditor)
    run.regions.set(auditor.regions.all())
    return run.pk


@pytest.mark.parametrize("scope", ["320585", "320585101"])
@pytest.mark.parametrize("chunk_size", [1, 7, 10_000])
def test_chunked_audit_equals_one_pass(db, settings, scope, chunk_size):
    _dataset()
    auditor = make_user(Role.AUDITOR, regions=[scope])
    settings.AUDIT_CHUNK_EMPLOYERS = chunk_size
    whole, chunked = _new_run(auditor), _new_run(auditor)

    audit_execute_whole(run_id=whole)
    audit_execute(run_id=chunked)

    expected, got = outcome_of(AuditRun.objects.get(pk=whole)), outcome_of(AuditRun.objects.get(pk=chunked))
    assert AuditRun.objects.get(pk=chunked).status == "done"
    assert got == expected
    if scope == "320585":
        assert KINDS <= set(got["counts"]["by_kind"]), got["counts"]["by_kind"]
    paths = list(AuditRun.objects.get(pk=chunked).regions.values_list("path", flat=True))
    chunks = audit_chunks(data_year=2025, region_paths=paths, employers_per_chunk=chunk_size)
    assert (
        len(chunks) == 1 if chunk_size == 10_000 else len(chunks) >= got["counts"]["employers"] / chunk_size
    )


def test_the_shared_certificates_are_those_of_two_employers_or_more(db):
    _dataset()
    shared = shared_certificates(data_year=2025, region_paths=["32/3205/320585/"])
    per_cert: dict[str, set[int]] = {}
    for claim in shared.claims:
        per_cert.setdefault(claim["certificate_bidx"], set()).add(claim["report__employer_id"])
    assert per_cert and all(len(holders) > 1 for holders in shared.holders.values())
    assert all(len(employers) >= 1 for employers in per_cert.values())


def test_a_chunk_done_twice_leaves_one_set_of_rows_and_the_same_result(db, settings, auditor):
    _dataset()
    settings.AUDIT_CHUNK_EMPLOYERS = 5
    run_id = _new_run(auditor)
    plan = audit_prepare(run_id=run_id)
    assert len(plan.chunks) > 2
    for number, (employers, claims) in enumerate(zip(plan.chunks, plan.outside_claims, strict=True)):
        audit_chunk(run_id=run_id, number=number, employers=employers, outside_claims=claims)
    first = outcome_of(AuditRun.objects.get(pk=run_id))
    redo = 1  # a worker died after writing chunk 1 and its message was delivered again
    audit_chunk(
        run_id=run_id, number=redo, employers=plan.chunks[redo], outside_claims=plan.outside_claims[redo]
    )

    again = outcome_of(AuditRun.objects.get(pk=run_id))
    assert again == first
    assert AuditResult.objects.filter(run_id=run_id).count() == len(first["results"])
    assert AuditFinding.objects.filter(run_id=run_id).count() == len(first["findings"])


def test_a_chunk_that_crashes_while_writing_leaves_its_previous_rows_and_fails_the_run(db, settings, auditor):
    _dataset()
    settings.AUDIT_CHUNK_EMPLOYERS = 5
    run_id = _new_run(auditor)
    audit_execute(run_id=run_id)
    before = outcome_of(AuditRun.objects.get(pk=run_id))

    plan = audit_prepare(run_id=run_id)
    with mock.patch.object(AuditFinding.objects, "bulk_create", side_effect=RuntimeError("disk full")):
        audit_chunk(run_id=run_id, number=0, employers=plan.chunks[0], outside_claims=plan.outside_claims[0])

    run = AuditRun.objects.get(pk=run_id)
    assert run.status == "failed" and "disk full" in run.error
    after = outcome_of(run)
    assert (after["results"], after["findings"]) == (before["results"], before["findings"])


def test_a_chunk_of_a_run_that_failed_meanwhile_writes_nothing(db, settings, auditor):
    _dataset()
    run_id = _new_run(auditor)
    plan = audit_prepare(run_id=run_id)
    AuditRun.objects.filter(pk=run_id).update(status="failed")

    assert (
        audit_chunk(run_id=run_id, number=0, employers=plan.chunks[0], outside_claims=plan.outside_claims[0])
        is False
    )
    assert not AuditResult.objects.filter(run_id=run_id).exists()
