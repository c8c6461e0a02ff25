"""专场招聘会 pages for everyone, seekers and employers: the list and a fair's page (public),
registering with access needs and the personal route (seekers), booking and withdrawing a
booth (employers)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from backend.accounts.models import Employer
from backend.accounts.permissions import is_seeker, is_staff_of
from backend.accounts.selectors import EmployerChoiceRequired, acting_employer
from jobfairs import selectors
from jobfairs.choices import ACCESS_NEEDS, ONLINE_ACCESS, ONSITE_ACCESS, FairFormat
from jobfairs.models import Booth, JobFair
from jobfairs.services import booth_book, booth_withdraw, registration_create
from matching.models import JobPosting

from ..forms_jobfairs import BoothForm, RegistrationForm
from .roles import no_store, role_required


def _fair_or_404(user, pk) -> JobFair:
    return get_object_or_404(selectors.fair_list(user=user), pk=pk)


def access_facts(fair: JobFair) -> list[tuple[str, bool]]:
    """Every accessibility fact of the fair's format, offered or not (said in words, not colour)."""
    facts = ONLINE_ACCESS if fair.format == FairFormat.ONLINE else ONSITE_ACCESS
    return [(label, getattr(fair, name)) for name, label in facts.items()]


def fair_list(request):
    fairs = selectors.fair_list(user=request.user).order_by("-starts_at", "-id")
    return render(request, "frontend/jobfairs/list.html", {"fairs": fairs})


def fair_detail(request, pk):
    fair = _fair_or_404(request.user, pk)
    user = request.user
    context = {
        "fair": fair,
        "access": access_facts(fair),
        "booths": selectors.active_booths(fair),
        "registration": selectors.own_registration(user=user, fair=fair),
        "own_booth": selectors.own_booth(user=user, fair=fair),
        "is_seeker": is_seeker(user),
        "is_employer": user.is_authenticated and user.role == "employer",
        "may_organise": selectors.may_organise(user, fair),
    }
    return render(request, "frontend/jobfairs/detail.html", context)


def _acting_employer(request) -> Employer | None:
    try:
        return acting_employer(request.user, request.session.get("employer_id"))
    except (Employer.DoesNotExist, EmployerChoiceRequired):
        return None


@role_required("employer")
def booth_new(request, pk):
    fair = _fair_or_404(request.user, pk)
    employer = _acting_employer(request)
    if employer is None:
        return redirect("frontend:employer_choose")
    postings = JobPosting.objects.currently_open().filter(employer=employer).order_by("id")
    form = BoothForm(request.POST if request.method == "POST" else None, postings=postings)
    if request.method == "POST" and form.is_valid():
        try:
            booth = booth_book(
                by=request.user, fair=fair, employer=employer, posting_ids=form.cleaned_data["postings"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已报名：{fair.title} {booth.number}号展位")
            return redirect("frontend:fair_detail", pk=fair.pk)
    context = {
        "form": form,
        "fair": fair,
        "employer": employer,
        "own_booth": selectors.own_booth(user=request.user, fair=fair),
    }
    return render(request, "frontend/jobfairs/booth_form.html", context)


@role_required("employer", "service", "admin")
def booth_withdraw_page(request, pk):
    booth = get_object_or_404(
        Booth.objects.visible_to(request.user).select_related("fair", "employer"), pk=pk
    )
    if not (is_staff_of(request.user, booth.employer_id) or selectors.may_organise(request.user, booth.fair)):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            booth_withdraw(by=request.user, booth=booth)
        except ValidationError as exc:
            error = "；".join(exc.messages)
        else:
            messages.success(request, f"已撤回{booth.number}号展位")
            return redirect("frontend:fair_detail", pk=booth.fair_id)
    return render(request, "frontend/jobfairs/booth_withdraw.html", {"booth": booth, "error": error})


@role_required("seeker")
def fair_register(request, pk):
    fair = _fair_or_404(request.user, pk)
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            registration_create(by=request.user, fair=fair, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已报名：{fair.title}。下面是为您推荐的展位路线。")
            return redirect("frontend:fair_route", pk=fair.pk)
    context = {
        "form": form,
        "fair": fair,
        "registration": selectors.own_registration(user=request.user, fair=fair),
    }
    return no_store(render(request, "frontend/jobfairs/register.html", context))


@role_required("seeker")
def fair_route(request, pk):
    fair = _fair_or_404(request.user, pk)
    registration = selectors.own_registration(user=request.user, fair=fair)
    if registration is None:
        messages.info(request, "请先报名这场招聘会，再查看为您推荐的展位路线。")
        return redirect("frontend:fair_register", pk=fair.pk)
    stops = selectors.fair_route(user=request.user, fair=fair)
    needs = [ACCESS_NEEDS[n] for n in registration.access_needs if n in ACCESS_NEEDS]
    context = {
        "fair": fair,
        "stops": stops,
        "registration": registration,
        "needs": needs,
        "access": access_facts(fair),
    }
    return no_store(render(request, "frontend/jobfairs/route.html", context))
