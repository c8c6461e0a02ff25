"""就业援助 pages of the seeker (issue 15), under 我的信息: ask for help, see the own case
(read only), confirm or decline an assessment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from assistance import selectors, services
from assistance.choices import AssessmentStatus
from backend.accounts.choices import ConsentScope
from backend.accounts.selectors import person_active_consents

from ..forms_assistance import AnswerForm, HelpRequestForm
from .roles import no_store, role_required


@role_required("seeker")
def my_assistance(request):
    person = request.user.person
    asked = person is not None and ConsentScope.SERVICE_ASSISTANCE in person_active_consents(person)
    # Bound on every POST: an unticked box sends nothing, and an empty POST is still an answer.
    form = HelpRequestForm(request.POST if request.method == "POST" else None, initial={"asked": asked})
    if request.method == "POST" and person is not None and form.is_valid():
        services.help_request_set(user=request.user, asked=form.cleaned_data["asked"])
        messages.success(
            request,
            "已申请就业服务人员帮助，本区镇的就业服务专员会与您联系。"
            if form.cleaned_data["asked"]
            else "已取消申请。就业服务专员不再因您的申请而看到您的求职资料。",
        )
        return redirect("frontend:my_assistance")
    cases = list(selectors.cases_for(request.user).prefetch_related("goals", "contacts", "referrals"))
    context = {
        "person": person,
        "asked": asked,
        "form": form if form.errors else None,
        "help_form": form,
        "cases": [(case, selectors.case_follow_ups(case)) for case in cases],
        "assessments": selectors.assessments_for(request.user),
    }
    return no_store(render(request, "frontend/assistance/my_assistance.html", context))


@role_required("seeker")
def my_assessment(request, pk):
    assessment = get_object_or_404(selectors.assessments_for(request.user), pk=pk)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and assessment.status == AssessmentStatus.AWAITING and form.is_valid():
        try:
            services.assessment_answer(
                user=request.user, assessment=assessment, confirm=form.cleaned_data["answer"] == "confirm"
            )
        except (ValidationError, PermissionDenied) as refused:
            form.add_error(None, "；".join(getattr(refused, "messages", [str(refused)])))
        else:
            messages.success(
                request,
                "已确认，测评结果已写入您的求职资料，推荐岗位会据此更新。"
                if form.cleaned_data["answer"] == "confirm"
                else "已记录您的意见，测评结果不写入求职资料。",
            )
            return redirect("frontend:my_assessment", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "abilities": selectors.assessment_abilities(assessment),
        "needs": selectors.assessment_needs(assessment),
        "form": form,
        "awaiting": assessment.status == AssessmentStatus.AWAITING,
    }
    return no_store(render(request, "frontend/assistance/my_assessment.html", context))
