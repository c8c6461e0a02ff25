"""Interview invitations: the employer invites from an application (with the seeker's contact
preference shown where the invitation is written); the seeker answers from 我的申请."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from matching.choices import EMPLOYER_TRANSITIONS, ApplicationStatus
from matching.models import Application, Invitation
from matching.services.interviews import contact_preference, invitation_create, invitation_respond

from ..forms_interviews import InvitationForm, InvitationResponseForm
from .roles import no_store, role_required


def may_invite(application) -> bool:
    """An invitation can be sent where the application may move to 邀请面试, or is there (a new
    time after a reschedule request)."""
    return application.status == ApplicationStatus.INTERVIEW or ApplicationStatus.INTERVIEW in (
        EMPLOYER_TRANSITIONS.get(application.status, frozenset())
    )


@role_required("employer")
def employer_invite(request, pk):
    application = get_object_or_404(
        Application.objects.visible_to(request.user).select_related("posting__employer", "seeker__person"),
        pk=pk,
    )
    if not may_invite(application):
        messages.info(request, f"这份申请处于「{application.get_status_display()}」，不能再邀请面试。")
        return redirect("frontend:employer_application", pk)
    preference = contact_preference(application)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation_create(
                user=request.user,
                application=application,
                starts_at=form.starts_at(),
                place=data["place"],
                arrangements=data["arrangements"],
                arrangements_note=data["arrangements_note"],
                contact_channel=data["contact_channel"],
                contact_detail=data["contact_detail"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "面试邀请已发出，求职者会在“我的申请”和消息中看到。")
            return redirect("frontend:employer_application", pk)
    context = {
        "application": application,
        "applicant_name": application.seeker.person.name,
        "preference": preference,
        "form": form,
        "previous": application.invitations.first(),
    }
    return no_store(render(request, "frontend/jobs/invite.html", context))


@role_required("seeker")
def my_invitation_respond(request, pk):
    """Accept (a one-button form on 我的申请) or ask for another time (this page, with a note)."""
    invitation = get_object_or_404(
        Invitation.objects.visible_to(request.user).select_related("application__posting__employer"), pk=pk
    )
    form = InvitationResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_respond(
                user=request.user,
                invitation=invitation,
                response=form.cleaned_data["response"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, "已把您的答复告诉单位。")
            return redirect("frontend:my_applications")
    context = {"invitation": invitation, "form": form}
    return no_store(render(request, "frontend/jobs/invitation_respond.html", context))
