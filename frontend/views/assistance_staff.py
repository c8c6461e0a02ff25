"""就业援助 pages of the 就业服务专员 (issue 15): their seekers, the case list, a case with a form
for each action, and the 职业能力测评. Reads go through assistance.selectors (scoped to the
staff member's regions); every write is one service call; refusals show as form errors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from assistance import selectors, services
from assistance.choices import CaseStatus, ReferralKind, SeekerReason
from assistance.filtersets import CaseFilterSet
from matching.models import JobPosting

from ..forms_assistance import ACTION_FORMS, AssessmentForm
from .roles import no_store, role_required


@role_required("service")
def service_seekers(request):
    reason = request.GET.get("reason", "")
    reason = reason if reason in SeekerReason.values else ""
    rows = selectors.service_seekers(user=request.user, reason=reason)
    context = {"rows": rows, "reason": reason, "reasons": SeekerReason.choices}
    return no_store(render(request, "frontend/assistance/seekers.html", context))


@role_required("service")
@require_POST
def service_case_open(request, person_pk):
    row = selectors.service_seeker(user=request.user, person_id=person_pk)
    if row is None:
        raise Http404
    try:
        case = services.case_open(by=request.user, person=row.person)
    except (ValidationError, PermissionDenied) as refused:
        text = "；".join(refused.messages) if isinstance(refused, ValidationError) else str(refused)
        messages.error(request, f"{row.person.name}：{text}")
        return redirect("frontend:service_seekers")
    messages.success(request, f"已为{case.person.name}建立就业援助个案。")
    return redirect("frontend:service_case", pk=case.pk)


@role_required("service", "admin")
def service_cases(request):
    filterset = CaseFilterSet(request.GET or None, queryset=selectors.cases_for(request.user))
    valid = not filterset.is_bound or filterset.is_valid()
    cases = filterset.qs if valid else filterset.queryset.none()
    due = selectors.cases_with_due_follow_ups(cases)
    if valid and request.GET.get("follow_up_due") == "true":
        cases = [case for case, _slot in due]
    context = {
        "filterset": filterset,
        "form": filterset.form if filterset.is_bound else None,
        "cases": list(cases),
        "due": due,
    }
    return no_store(render(request, "frontend/assistance/cases.html", context))


def _forms(request, case, matches, failed=None):
    forms = {}
    for name, form_class in ACTION_FORMS.items():
        if failed is not None and failed.action == name:
            forms[name] = failed
            continue
        extra = {}
        if name == "job_referral":
            extra["matches"] = matches
        if name == "referral_status":
            extra["referrals"] = case.referrals.all()
        initial = {"plan": case.plan} if name == "plan" else None
        forms[name] = form_class(initial=initial, **extra)
    return forms


def _run(request, case, form):
    data, by = form.cleaned_data, request.user
    action = form.action
    if action == "plan":
        services.case_plan_update(by=by, case=case, plan=data["plan"])
    elif action == "goal":
        services.case_goal_add(by=by, case=case, text_=data["text"], target_date=data["target_date"])
    elif action == "contact":
        services.case_contact_add(by=by, case=case, **data)
    elif action == "job_referral":
        posting = JobPosting.objects.currently_open().filter(pk=data["posting"]).first()
        services.case_referral_add(
            by=by, case=case, kind=ReferralKind.JOB, posting=posting, note=data["note"]
        )
    elif action == "training_referral":
        services.case_referral_add(by=by, case=case, kind=ReferralKind.TRAINING, **data)
    elif action == "referral_status":
        services.case_referral_update(by=by, case=case, referral_id=data["referral"], status=data["status"])
    elif action == "placement":
        services.case_place(by=by, case=case, **data)
    elif action == "follow_up":
        services.case_follow_up_record(
            by=by,
            case=case,
            month=data["month"],
            on=data["on"],
            kind=data["kind"],
            still_employed=data["still_employed"] == "yes",
            note=data["note"],
        )
    elif action == "close":
        services.case_close(by=by, case=case, **data)


DONE = {
    "plan": "援助计划已保存。",
    "goal": "已添加目标。",
    "contact": "已记录联系。",
    "job_referral": "已推荐岗位。",
    "training_referral": "已推荐培训。",
    "referral_status": "已更新推荐结果。",
    "placement": "已登记就业，回访日期已排好。",
    "follow_up": "已登记回访。",
    "close": "个案已结案。",
}


@role_required("service", "admin")
def service_case(request, pk):
    case = get_object_or_404(selectors.cases_for(request.user), pk=pk)
    staff = request.user.role == "service"
    matches = (
        selectors.case_matches(case=case, by=request.user, request_id=getattr(request, "request_id", ""))
        if staff and case.status == CaseStatus.OPEN
        else []
    )
    failed = None
    if request.method == "POST":
        if not staff:
            raise PermissionDenied("只有就业服务专员可以办理就业援助")
        form_class = ACTION_FORMS.get(request.POST.get("action", ""))
        if form_class is None:
            raise Http404
        extra = {"matches": matches} if form_class.action == "job_referral" else {}
        if form_class.action == "referral_status":
            extra = {"referrals": case.referrals.all()}
        form = form_class(request.POST, **extra)
        if form.is_valid():
            try:
                _run(request, case, form)
            except ValidationError as error:
                form.add_service_errors(error)
            except PermissionDenied as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, DONE[form.action])
                return redirect("frontend:service_case", pk=case.pk)
        failed = form
    context = {
        "case": case,
        "staff": staff,
        "matches": matches,
        "forms": _forms(request, case, matches, failed) if staff else {},
        "form": failed,  # the error summary and the title's "错误："
        "follow_ups": selectors.case_follow_ups(case),
        "training": selectors.case_training(case),
        "assessments": case.assessments.order_by("-assessed_on"),
    }
    return no_store(render(request, "frontend/assistance/case.html", context))


@role_required("service")
def service_assessment_new(request, pk):
    case = get_object_or_404(selectors.cases_for(request.user).exclude(status=CaseStatus.CLOSED), pk=pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_create(
                by=request.user,
                person=case.person,
                case=case,
                assessed_on=data["assessed_on"],
                abilities=form.abilities(),
                readiness=data["readiness"],
                skills=data["skills"],
                desired=data["desired"],
                hours=data["hours"],
                employment_forms=data["employment_forms"],
                needs=data["needs"],
                advice=data["advice"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "测评已保存，等待求职者本人确认。")
            return redirect("frontend:assessment_plan", pk=assessment.pk)
    return no_store(render(request, "frontend/assistance/assessment_new.html", {"case": case, "form": form}))


@role_required("service", "seeker", "admin")
def assessment_plan(request, pk):
    """The printable 职业规划 summary of one assessment (staff, the seeker, administrators)."""
    assessment = get_object_or_404(selectors.assessments_for(request.user), pk=pk)
    context = {
        "assessment": assessment,
        "abilities": selectors.assessment_abilities(assessment),
        "needs": selectors.assessment_needs(assessment),
    }
    return no_store(render(request, "frontend/assistance/plan.html", context))
