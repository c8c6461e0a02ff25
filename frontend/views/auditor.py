"""Auditor pages of the foundation: employers in my regions, activating new registrations."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.accounts.filtersets import EmployerFilterSet
from backend.accounts.models import Employer
from backend.accounts.services import employer_activate

from .roles import role_required


@role_required("auditor", "admin")
def auditor_employers(request):
    filterset = EmployerFilterSet(
        request.GET or None,
        queryset=Employer.objects.visible_to(request.user)
        .select_related("region")
        .order_by("status", "name"),
    )
    page = Paginator(filterset.qs, 25).get_page(request.GET.get("page"))
    return render(request, "frontend/auditor_employers.html", {"filterset": filterset, "page": page})


@role_required("auditor", "admin")
@require_POST
def auditor_employer_activate(request, pk: int):
    employer = get_object_or_404(Employer.objects.visible_to(request.user), pk=pk)
    employer_activate(employer=employer, by=request.user)
    messages.success(request, f"已激活：{employer.name}")
    return redirect("frontend:auditor_employers")
