"""Roster drafts from facts (从实名制就业记录生成名册草稿, issue 10 §6).

For a report's data year the draft proposes roster lines from what the platform already knows:

(a) the employer's real-name employment records (``matching.Employment``) overlapping the year —
    months: every month of the year the record covers at least one day of (a person who starts
    on 20 March was on the job in March; the employer corrects the months if not);
(b) ``insurance_proposals``: persons with insurance months under the employer's credit code in
    that year (``registry.InsuranceRecord``) whose certificate the registry extract lists as valid
    (``registry.CertificateRecord``) and who agreed to be listed (``ConsentScope.QUOTA_COUNTING``:
    the proposal itself tells the employer they hold a certificate).

A proposal is never a roster line by itself: the employer confirms it — the line is then added
through ``roster_line_add_person``, so every roster rule applies (editable report, one line per
person, months, wage) — or removes it with a reason. Both are recorded in ``RosterDraftDecision``
(who, when, why); a person already on the roster or already decided on is not proposed again.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from backend.accounts.choices import ConsentScope
from backend.accounts.models import Person, User
from backend.accounts.permissions import is_staff_of
from registry.models import CertificateRecord, InsuranceRecord

from ..choices import DraftDecision, DraftSource
from ..models import QuotaReport, RosterDraftDecision, RosterLine
from .reports import lock_report, require_editable, require_staff
from .roster import LineData, roster_line_add_person


@dataclass
class Proposal:
    """One proposed roster line: who, from what, for which months of the data year."""

    person: Person
    source: str
    months: list[int]
    start_date: date | None = None
    end_date: date | None = None
    records: list[int] = field(default_factory=list)  # Employment ids behind it

    @property
    def source_label(self) -> str:
        return DraftSource(self.source).label


def months_covered(start: date, end: date | None, year: int) -> list[int]:
    """Months of ``year`` in which [start, end] has at least one day (end None: still employed)."""
    first = date(year, 1, 1) if start < date(year, 1, 1) else start
    last = date(year, 12, 31) if end is None or end > date(year, 12, 31) else end
    if first.year != year or last < first:
        return []
    return list(range(first.month, last.month + 1))


def _require_reader(by: User, report: QuotaReport) -> None:
    # The report's own scope decides (staff of the employer, auditors of its region, admins).
    if not QuotaReport.objects.visible_to(by).filter(pk=report.pk).exists():
        raise PermissionDenied("您不能查看这份申报")


def employment_proposals(report: QuotaReport) -> dict[int, Proposal]:
    """(a) person id → proposal from the employer's real-name employment records in the year."""
    from matching.selectors import employments_for_employer_year  # quota does not import matching at load

    out: dict[int, Proposal] = {}
    for record in employments_for_employer_year(report.employer, report.data_year):
        months = months_covered(record.start_date, record.end_date, report.data_year)
        if not months or not record.person.certificate_bidx:
            continue
        source = record.source if record.source in DraftSource.values else DraftSource.MANUAL
        proposal = out.get(record.person_id)
        if proposal is None:
            out[record.person_id] = Proposal(
                record.person, source, months, record.start_date, record.end_date, [record.pk]
            )
        else:  # two records in one year (left and came back): one line, the months of both
            proposal.months = sorted(set(proposal.months) | set(months))
            proposal.end_date = record.end_date if proposal.end_date else None
            proposal.records.append(record.pk)
    return out


def insurance_proposals(report: QuotaReport, *, skip: set[int]) -> dict[int, Proposal]:
    """(b) Extension point — person id → proposal from social-insurance months.

    Persons whose resident-ID blind index has insurance records under the employer's credit code
    in the data year, whose certificate the registry lists with status "valid", and who agreed to
    be listed; months are the insured months.
    """
    months: dict[str, set[int]] = defaultdict(set)
    rows = InsuranceRecord.objects.filter(credit_code=report.employer.credit_code, year=report.data_year)
    for bidx, month in rows.values_list("resident_bidx", "month"):
        months[bidx].add(month)
    if not months:
        return {}
    # Only people who agreed to be listed (ConsentScope.QUOTA_COUNTING): the proposal itself tells
    # the employer that its employee holds a valid certificate (PIPL Art. 28–29).
    people = list(
        Person.objects.filter(
            resident_id_bidx__in=list(months),
            consents__scope=ConsentScope.QUOTA_COUNTING,
            consents__withdrawn_at__isnull=True,
        )
        .exclude(pk__in=skip)
        .distinct()
    )
    valid = set(
        CertificateRecord.objects.filter(
            status="valid", certificate_bidx__in=[p.certificate_bidx for p in people if p.certificate_bidx]
        ).values_list("certificate_bidx", flat=True)
    )
    return {
        person.pk: Proposal(person, DraftSource.INSURANCE, sorted(months[person.resident_id_bidx]))
        for person in people
        if person.certificate_bidx in valid
    }


def _open_proposals(report: QuotaReport) -> list[Proposal]:
    on_roster = set(RosterLine.objects.filter(report=report).values_list("person_id", flat=True))
    decided = set(RosterDraftDecision.objects.filter(report=report).values_list("person_id", flat=True))
    skip = on_roster | decided
    proposals = {pid: p for pid, p in employment_proposals(report).items() if pid not in skip}
    proposals.update(insurance_proposals(report, skip=skip | set(proposals)))
    return sorted(proposals.values(), key=lambda p: (p.start_date or date.max, p.person.pk))


def roster_draft_from_records(*, report: QuotaReport, by: User) -> list[Proposal]:
    """The lines proposed for the report's data year that are not on the roster and not decided
    on yet. Staff of the employer, auditors of its region and administrators may read it."""
    _require_reader(by, report)
    return _open_proposals(report)


def _proposal_for(report: QuotaReport, person_id) -> Proposal:
    for proposal in _open_proposals(report):
        if proposal.person.pk == person_id:
            return proposal
    raise ValidationError({"person": "该人员不在名册草稿中（可能已加入名册或已处理），请刷新后再试"})


def _record(report, proposal, by, decision, reason="") -> RosterDraftDecision:
    row = RosterDraftDecision(
        report=report,
        person=proposal.person,
        source=proposal.source,
        months=proposal.months,
        decision=decision,
        reason=reason,
        decided_by=by,
    )
    row.full_clean(exclude=["report", "person", "decided_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as error:  # the same person decided twice at once
        raise ValidationError({"person": "该人员已经处理过，请刷新后再试"}) from error
    return row


@transaction.atomic
def roster_draft_confirm(
    *,
    report: QuotaReport,
    by: User,
    person_id: int,
    monthly_wage: Decimal | None,
    months: list[int] | None = None,
    on_establishment: bool = False,
    expected_version: int | None = None,
) -> RosterLine:
    """The employer confirms a proposal: the line is added through the roster service (all its
    checks apply) with the proposal's months unless corrected, and the monthly wage (which no
    record holds). The contract start defaults to the record's start date."""
    report = lock_report(report)
    require_staff(by, report.employer)
    require_editable(report, expected_version)
    proposal = _proposal_for(report, person_id)
    data = LineData(
        months=list(proposal.months) if months is None else months,
        monthly_wage=monthly_wage,
        on_establishment=bool(on_establishment),
        contract_start=proposal.start_date,
        insured_months=None,
    )
    line = roster_line_add_person(
        report=report,
        by=by,
        person=proposal.person,
        data=data,
        reason=f"名册草稿确认（{proposal.source_label}）",
    )
    _record(report, proposal, by, DraftDecision.CONFIRMED)
    return line


@transaction.atomic
def roster_draft_remove(
    *, report: QuotaReport, by: User, person_id: int, reason: str, expected_version: int | None = None
) -> RosterDraftDecision:
    """The employer leaves a proposal off the roster; the reason is required and recorded."""
    report = lock_report(report)
    require_staff(by, report.employer)
    require_editable(report, expected_version)
    if reason is not None and not isinstance(reason, str):
        raise ValidationError({"reason": "移除原因应为文字"})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请写明不列入名册的原因（例如：已离职、非本单位职工）"})
    if len(reason) > 300:
        raise ValidationError({"reason": "移除原因不超过300个字"})
    proposal = _proposal_for(report, person_id)
    return _record(report, proposal, by, DraftDecision.REMOVED, reason)


def roster_draft_decisions(*, report: QuotaReport, by: User):
    """What was done with earlier proposals (for the page and the auditor), oldest first."""
    _require_reader(by, report)
    return RosterDraftDecision.objects.filter(report=report).select_related("person", "decided_by")


def may_decide_draft(user: User, report: QuotaReport) -> bool:
    """Pages show the confirm and remove buttons only to the employer's staff."""
    return is_staff_of(user, report.employer_id)
