"""Employer pages of the foundation: the organisation profile."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from backend.accounts.models import Employer
from backend.accounts.services import employer_update

from ..forms import EmployerProfileForm
from .roles import role_required


def current_employer(request):
    """The employer the staff member works for (the first, if several)."""
    return Employer.objects.visible_to(request.user).select_related("region").first()


@role_required("employer")
def employer_profile(request):
    employer = current_employer(request)
    is_admin = employer is not None and employer.memberships.filter(user=request.user, is_admin=True).exists()
    initial = (
        {f: getattr(employer, f) for f in ("name", "industry", "address", "contact_name", "contact_phone")}
        if employer
        else {}
    )
    form = EmployerProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and employer and is_admin and form.is_valid():
        try:
            employer_update(employer=employer, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "单位信息已保存。")
            return redirect("frontend:employer_profile")
    return render(
        request, "frontend/employer_profile.html", {"employer": employer, "form": form, "is_admin": is_admin}
    )
