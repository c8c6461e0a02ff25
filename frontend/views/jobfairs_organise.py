"""专场招聘会 pages for the organisers (就业服务专员 of the region, administrators): create a
fair, publish it, record results (interview, offer, hire → 实名制 record)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from backend.accounts.models import Region
from backend.accounts.permissions import is_admin
from jobfairs import selectors
from jobfairs.choices import ACCESS_NEEDS
from jobfairs.services import fair_create, fair_publish, result_record

from ..forms_jobfairs import FairForm, ResultForm
from .roles import no_store, role_required

ORGANISERS = ("service", "admin")


def _regions(user):
    if is_admin(user):
        return Region.objects.order_by("code")
    paths = list(user.regions.values_list("path", flat=True))
    regions = Region.objects.none()
    for path in paths:
        regions |= Region.objects.filter(path__startswith=path)
    return regions.order_by("code")


def _organised_or_404(user, pk):
    fair = get_object_or_404(selectors.fair_list(user=user), pk=pk)
    if not selectors.may_organise(user, fair):
        raise PermissionDenied("只有负责该区镇的就业服务专员或系统管理员可以管理招聘会")
    return fair


@role_required(*ORGANISERS)
def fair_new(request):
    form = FairForm(request.POST if request.method == "POST" else None, regions=_regions(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            fair = fair_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已创建草稿：{fair.title}。核对后请发布。")
            return redirect("frontend:fair_detail", pk=fair.pk)
    return render(request, "frontend/jobfairs/fair_form.html", {"form": form})


@role_required(*ORGANISERS)
def fair_publish_page(request, pk):
    fair = _organised_or_404(request.user, pk)
    if request.method == "POST":
        try:
            fair_publish(by=request.user, fair=fair)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已发布：{fair.title}")
    return redirect("frontend:fair_detail", pk=fair.pk)


@role_required(*ORGANISERS)
def fair_results(request, pk):
    fair = _organised_or_404(request.user, pk)
    booths = list(selectors.active_booths(fair))
    registrations = list(selectors.registration_list(user=request.user).filter(fair=fair).order_by("id"))
    form = ResultForm(
        request.POST if request.method == "POST" else None, booths=booths, registrations=registrations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        booth = next(b for b in booths if b.pk == data["booth"])
        registration = next(r for r in registrations if r.pk == data["registration"])
        try:
            result = result_record(
                by=request.user,
                booth=booth,
                person=registration.person,
                kind=data["kind"],
                start_date=data["start_date"],
                note=data["note"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request, f"已登记：{result.person.name} {booth.number}号展位 {result.get_kind_display()}"
            )
            return redirect("frontend:fair_results", pk=fair.pk)
    context = {
        "fair": fair,
        "form": form,
        "results": selectors.result_list(user=request.user).filter(fair=fair).order_by("booth__number", "id"),
        "registrations": registrations,
        "need_labels": list(ACCESS_NEEDS.items()),
    }
    return no_store(render(request, "frontend/jobfairs/results.html", context))
