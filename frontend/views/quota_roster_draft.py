"""The roster draft step of the report wizard (从实名制就业记录生成名册草稿, issue 10 §6).

The page lists what the platform proposes from the employer's 实名制就业 records (and, once the
registry holds them, insurance records); each proposal opens its own page where the employer
confirms it — the line goes through the roster service with all its checks — or leaves it off
with a reason. Names as on the roster; certificate numbers masked.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from backend.accounts.crypto import mask_identifier
from quota.core.display import format_months
from quota.services.roster_draft import (
    roster_draft_confirm,
    roster_draft_decisions,
    roster_draft_from_records,
    roster_draft_remove,
)

from ..forms_quota import RosterDraftDecisionForm
from .quota_employer import editable_or_redirect, employer_report, step_context
from .roles import no_store, role_required


def _row(proposal) -> dict:
    number = proposal.person.decrypt("certificate") or ""
    return {
        "person_id": proposal.person.pk,
        "name": proposal.person.name,
        "certificate": mask_identifier(number) if number else "",
        "kind": proposal.person.get_certificate_kind_display(),
        "source": proposal.source_label,
        "months": format_months(set(proposal.months)) or "无",
        "start_date": proposal.start_date,
        "end_date": proposal.end_date,
        "proposal": proposal,
    }


@role_required("employer")
def roster_draft(request, pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    rows = [_row(p) for p in roster_draft_from_records(report=report, by=request.user)]
    decisions = [
        {"decision": d, "months": format_months(set(d.months or [])) or "无"}
        for d in roster_draft_decisions(report=report, by=request.user)
    ]
    context = {"rows": rows, "decisions": decisions, **step_context(report, "quota_roster")}
    return no_store(render(request, "frontend/quota/roster_draft.html", context))


@role_required("employer")
def roster_draft_decide(request, pk, person_pk):
    report = employer_report(request, pk)
    if blocked := editable_or_redirect(request, report):
        return blocked
    proposals = {p.person.pk: p for p in roster_draft_from_records(report=report, by=request.user)}
    proposal = proposals.get(person_pk)
    if proposal is None:
        raise Http404("该人员不在名册草稿中")
    initial = {"months": list(proposal.months), "version": report.version}
    form = RosterDraftDecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "confirm":
                line = roster_draft_confirm(
                    report=report,
                    by=request.user,
                    person_id=proposal.person.pk,
                    monthly_wage=data["monthly_wage"],
                    months=data["months"],
                    on_establishment=data["on_establishment"],
                    expected_version=data["version"],
                )
                messages.success(request, f"已把{proposal.person.name}加入名册第 {line.line_no} 行。")
            else:
                roster_draft_remove(
                    report=report,
                    by=request.user,
                    person_id=proposal.person.pk,
                    reason=data["reason"],
                    expected_version=data["version"],
                )
                messages.success(request, f"已记录：{proposal.person.name}不列入名册。")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            return redirect("frontend:quota_roster_draft", pk=report.pk)
    context = {"form": form, "row": _row(proposal), **step_context(report, "quota_roster")}
    return no_store(render(request, "frontend/quota/roster_draft_decide.html", context))
