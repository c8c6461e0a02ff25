"""The 就业服务专员's work on a 残疾人之家: members joining and leaving, orders from the 项目调配中心,
their income and its distribution to members. Thin: the forms parse, the services decide (and
refuse anyone who does not manage the centre's region); an invalid form is shown again, in place,
with nothing saved."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from backend.accounts.permissions import manages_centres_in
from daycentres import selectors
from daycentres.core.distribution import REMAINDER_RULE
from daycentres.models import CentreMembership, WorkOrder
from daycentres.services import centres

from ..forms_daycentres import (
    DistributionForm,
    IncomeForm,
    MemberAddForm,
    MemberLeaveForm,
    OrderForm,
    OrderStatusForm,
)
from .daycentres import centre_forms, render_centre
from .roles import no_store, role_required


def _managed_centre(request, pk: int):
    centre = get_object_or_404(selectors.centres_for(request.user), pk=pk)
    if not manages_centres_in(request.user, centre.region):
        raise PermissionDenied("只有负责该区镇的就业服务专员可以办理残疾人之家的事务")
    return centre


def _save(request, centre, form, name: str, action, done: str):
    """Run ``action(cleaned_data)`` for a valid form; otherwise, or when the service refuses,
    show the centre page again with the form's errors (status 400)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, done)
            return redirect("frontend:day_centre", pk=centre.pk)
    return render_centre(request, centre, status=400, **{name: form})


@role_required("service")
@require_POST
def member_add(request, pk: int):
    centre = _managed_centre(request, pk)
    form = MemberAddForm(request.POST, persons=centre_forms(centre)["member_form"].fields["person"].queryset)
    return _save(
        request,
        centre,
        form,
        "member_form",
        lambda d: centres.member_join(
            centre=centre, person=d["person"], joined_on=d["joined_on"], by=request.user
        ),
        f"已登记加入{centre.name}",
    )


@role_required("service")
@require_POST
def member_leave(request, pk: int):
    centre = _managed_centre(request, pk)
    members = CentreMembership.objects.filter(centre=centre, left_on__isnull=True).select_related("person")
    form = MemberLeaveForm(request.POST, memberships=members)
    return _save(
        request,
        centre,
        form,
        "leave_form",
        lambda d: centres.member_leave(membership=d["membership"], left_on=d["left_on"], by=request.user),
        "已登记离开",
    )


@role_required("service")
@require_POST
def order_new(request, pk: int):
    centre = _managed_centre(request, pk)
    form = OrderForm(request.POST)
    return _save(
        request,
        centre,
        form,
        "order_form",
        lambda d: centres.order_receive(
            centre=centre,
            employer=d["employer"],
            product=d["product"],
            quantity=d["quantity"],
            unit_price=d["unit_price"],
            received_on=d["received_on"],
            due_on=d["due_on"],
            by=request.user,
        ),
        "已登记加工项目",
    )


def _order(request, pk: int, order_pk: int):
    centre = get_object_or_404(selectors.centres_for(request.user), pk=pk)
    order = get_object_or_404(
        WorkOrder.objects.select_related("employer", "centre__region"), pk=order_pk, centre=centre
    )
    return centre, order


def _roll_for(order):
    """Members who may share this order's income: on the roll at some time since it was received."""
    return (
        CentreMembership.objects.filter(centre=order.centre)
        .exclude(left_on__lt=order.received_on)
        .select_related("person")
        .order_by("person__name")
    )


def render_order(request, centre, order, *, status: int = 200, **bound):
    manages = manages_centres_in(request.user, centre.region)
    distributions = order.distributions.prefetch_related("shares__membership__person").order_by(
        "-distributed_on", "-pk"
    )
    context = {
        "centre": centre,
        "order": order,
        "incomes": order.incomes.order_by("received_on"),
        "received": (order.incomes.aggregate(t=Sum("amount"))["t"] or 0),
        "undistributed": centres.undistributed(order),
        "distributions": [(d, sum(s.amount for s in d.shares.all())) for d in distributions],
        "remainder_rule": REMAINDER_RULE,
        "manages": manages,
        "form": next(iter(bound.values()), None),
    }
    if manages:
        context["income_form"] = bound.get("income_form") or IncomeForm(
            initial={"received_on": timezone.localdate()}
        )
        context["dist_form"] = bound.get("dist_form") or DistributionForm(
            memberships=_roll_for(order), initial={"distributed_on": timezone.localdate()}
        )
        context["status_form"] = bound.get("status_form") or OrderStatusForm(initial={"status": order.status})
        context["dist_quantity_fields"] = [f for f in context["dist_form"] if f.name.startswith("q_")]
    return no_store(render(request, "frontend/daycentres/order.html", context, status=status))


@role_required("auditor", "service", "admin")
def order_detail(request, pk: int, order_pk: int):
    centre, order = _order(request, pk, order_pk)
    return render_order(request, centre, order)


@role_required("service")
@require_POST
def order_income(request, pk: int, order_pk: int):
    centre, order = _order(request, pk, order_pk)
    form = IncomeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            income = centres.income_record(
                order=order,
                amount=data["amount"],
                received_on=data["received_on"],
                note=data["note"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已登记收入 {income.amount} 元")
            return redirect("frontend:day_centre_order", pk=centre.pk, order_pk=order.pk)
    return render_order(request, centre, order, status=400, income_form=form)


@role_required("service")
@require_POST
def order_distribute(request, pk: int, order_pk: int):
    centre, order = _order(request, pk, order_pk)
    form = DistributionForm(request.POST, memberships=_roll_for(order))
    if form.is_valid():
        data = form.cleaned_data
        try:
            distribution = centres.distribution_create(
                order=order,
                amount=data["amount"],
                basis=data["basis"],
                quantities=form.quantities(),
                distributed_on=data["distributed_on"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"已分配 {distribution.amount} 元，各成员所得合计正好等于分配总额")
            return redirect("frontend:day_centre_order", pk=centre.pk, order_pk=order.pk)
    return render_order(request, centre, order, status=400, dist_form=form)


@role_required("service")
@require_POST
def order_status(request, pk: int, order_pk: int):
    centre, order = _order(request, pk, order_pk)
    form = OrderStatusForm(request.POST)
    if form.is_valid():
        try:
            order = centres.order_set_status(order=order, status=form.cleaned_data["status"], by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"项目状态已改为{order.get_status_display()}")
            return redirect("frontend:day_centre_order", pk=centre.pk, order_pk=order.pk)
    return render_order(request, centre, order, status=400, status_form=form)
