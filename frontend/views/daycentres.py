"""残疾人之家 pages (就业服务专员 and auditors of the region) and individual subsidies (the seeker's
我的补贴, the auditors' queue). Approval of a proposed entry is the ledger's own page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from backend.accounts.models import Person
from backend.accounts.permissions import manages_centres_in
from daycentres import selectors
from daycentres.core.distribution import REMAINDER_RULE
from daycentres.models import CentreMembership, Distribution, OrderIncome, WorkOrder
from daycentres.services import subsidies
from indicators.models import TrainingRecord

from ..forms_daycentres import (
    MemberAddForm,
    MemberLeaveForm,
    OrderForm,
    SubsidyApplyForm,
    SubsidyOnBehalfForm,
)
from .roles import no_store, role_required


def _errors(exc) -> str:
    if hasattr(exc, "message_dict"):
        return "；".join(m for ms in exc.message_dict.values() for m in ms)
    return "；".join(exc.messages)


@role_required("auditor", "service", "admin")
def day_centres(request):
    centres = selectors.centres_for(request.user).order_by("region__path", "name")
    return render(request, "frontend/daycentres/list.html", {"centres": centres})


def centre_forms(centre, **bound) -> dict:
    """The 就业服务专员's forms of the centre page; ``bound`` replaces one with the submitted,
    invalid form so its errors show where it was filled."""
    members = (
        CentreMembership.objects.filter(centre=centre, left_on__isnull=True)
        .select_related("person")
        .order_by("person__name")
    )
    on_a_roll = CentreMembership.objects.filter(left_on__isnull=True).values("person_id")
    persons = (
        Person.objects.filter(region__path__startswith=centre.region.path)
        .exclude(certificate_bidx=None)
        .exclude(pk__in=on_a_roll)
        .order_by("name")
    )
    forms = {
        "member_form": MemberAddForm(persons=persons),
        "leave_form": MemberLeaveForm(memberships=members),
        "order_form": OrderForm(),
    }
    forms.update(bound)
    return forms


def render_centre(request, centre, *, status: int = 200, **bound):
    year = timezone.localdate().year
    manages = manages_centres_in(request.user, centre.region)
    context = {
        "centre": centre,
        "members": CentreMembership.objects.filter(centre=centre).select_related("person"),
        "orders": WorkOrder.objects.filter(centre=centre).select_related("employer"),
        "incomes": OrderIncome.objects.filter(order__centre=centre).select_related("order"),
        "distributions": Distribution.objects.filter(order__centre=centre)
        .select_related("order")
        .prefetch_related("shares__membership__person"),
        "subsidy": selectors.operating_subsidy_for(centre=centre, year=year),
        "remainder_rule": REMAINDER_RULE,
        "accessibility": centre.accessibility,
        "can_propose": request.user.role == "auditor",
        "manages": manages,
        "form": next(iter(bound.values()), None),  # the error summary's form
        **(centre_forms(centre, **bound) if manages else {}),
    }
    return no_store(render(request, "frontend/daycentres/detail.html", context, status=status))


@role_required("auditor", "service", "admin")
def day_centre(request, pk: int):
    centre = get_object_or_404(selectors.centres_for(request.user), pk=pk)
    return render_centre(request, centre)


@role_required("auditor")
@require_POST
def day_centre_propose_subsidy(request, pk: int):
    centre = get_object_or_404(selectors.centres_for(request.user), pk=pk)
    try:
        entry = subsidies.operating_subsidy_propose(
            centre=centre, year=timezone.localdate().year, by=request.user
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _errors(exc) if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, f"已提出运营奖补 {entry.amount} 元，须由另一名审核人员在补贴奖励台账批准")
    return redirect("frontend:day_centre", pk=centre.pk)


@role_required("seeker")
def my_subsidies(request):
    person = request.user.person
    if person is None:
        raise PermissionDenied("请先完善个人信息")
    records = list(TrainingRecord.objects.visible_to(request.user).filter(person=person))
    form = SubsidyApplyForm(request.POST if request.method == "POST" else None, training_records=records)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subsidies.subsidy_application_submit(
                person=person,
                kind=data["kind"],
                by=request.user,
                months=data.get("months"),
                business_name=data.get("business_name", ""),
                business_credit_code=data.get("business_credit_code", ""),
                training_record=next((r for r in records if r.pk == data.get("training_record")), None),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, "申请已提交，审核人员核验后提出，再由另一名审核人员复核批准")
            return redirect("frontend:my_subsidies")
    context = {
        "form": form,
        "applications": selectors.applications_for(request.user),
        "rules": [r for r in selectors.subsidy_rules().values() if r.kind != "operating_subsidy"],
    }
    status = 400 if form.errors else 200
    return no_store(render(request, "frontend/daycentres/my_subsidies.html", context, status=status))


@role_required("auditor", "admin")
def audit_subsidies(request):
    context = {
        "applications": selectors.applications_for(request.user),
        "can_decide": request.user.role == "auditor",
    }
    return no_store(render(request, "frontend/daycentres/audit_subsidies.html", context))


@role_required("auditor")
@require_POST
def audit_subsidy_propose(request, pk: int):
    application = get_object_or_404(selectors.applications_for(request.user), pk=pk)
    try:
        subsidies.subsidy_application_propose(application=application, by=request.user)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            f"已提出：{application.person.name} {application.get_kind_display()}，待另一名审核人员批准",
        )
    return redirect("frontend:audit_subsidies")


@role_required("service")
def service_subsidies(request):
    """File an application on behalf of a person of the staff member's regions (the seeker's
    own rules and checks: the service decides), and follow the applications of those regions."""
    persons = selectors.persons_served_by(request.user).select_related("region").order_by("name")
    form = SubsidyOnBehalfForm(request.POST if request.method == "POST" else None, persons=persons)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = subsidies.subsidy_application_submit(
                person=data["person"],
                kind=data["kind"],
                by=request.user,
                months=data.get("months"),
                business_name=data.get("business_name", ""),
                business_credit_code=data.get("business_credit_code", ""),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                f"已为{application.person.name}提交{application.get_kind_display()}申请，待审核人员核验",
            )
            return redirect("frontend:service_subsidies")
    context = {
        "form": form,
        "applications": selectors.applications_for(request.user).order_by("-applied_at"),
    }
    status = 400 if form.errors else 200
    return no_store(render(request, "frontend/daycentres/service_subsidies.html", context, status=status))
