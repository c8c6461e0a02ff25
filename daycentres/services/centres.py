"""Writes of the 残疾人之家: centres, members (capacity enforced), orders, income and its
distribution to members. Only the 就业服务专员 of the centre's region write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum

from backend.accounts.models import Employer, Person, Region, User
from backend.accounts.permissions import require_centre_manager

from ..choices import Accessibility, DistributionBasis, OrderStatus
from ..core.distribution import distribute
from ..models import CentreMembership, DayCentre, Distribution, DistributionShare, OrderIncome, WorkOrder

ZERO = Decimal("0.00")


def _money(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as error:
        raise ValidationError({field: "金额应为数字，如 1200.50"}) from error
    if amount != Decimal(str(value)) or amount <= 0:
        raise ValidationError({field: "金额应大于0，最多两位小数"})
    return amount


def _locked_centre(centre: DayCentre) -> DayCentre:
    return DayCentre.objects.select_for_update(of=("self",)).select_related("region").get(pk=centre.pk)


@transaction.atomic
def centre_create(
    *,
    by: User,
    name: str,
    region: Region,
    address: str,
    capacity: int,
    accessibility: list[str] | None = None,
    phone: str = "",
) -> DayCentre:
    """Register a 残疾人之家 in the service staff member's regions."""
    require_centre_manager(by, region)
    features = list(dict.fromkeys(accessibility or []))
    unknown = [f for f in features if f not in Accessibility.values]
    if unknown:
        raise ValidationError({"accessibility": "无障碍设施选项不正确"})
    if DayCentre.objects.filter(name=(name or "").strip()).exists():
        raise ValidationError({"name": "已有同名的残疾人之家，请核对名称"})
    centre = DayCentre(
        name=(name or "").strip(),
        region=region,
        address=(address or "").strip(),
        capacity=capacity,
        accessibility=features,
        phone=(phone or "").strip(),
        created_by=by,
    )
    if not 1 <= (capacity or 0) <= 500:
        raise ValidationError({"capacity": "可容纳人数应在1到500之间"})
    centre.full_clean()
    centre.save()
    return centre


@transaction.atomic
def member_join(*, centre: DayCentre, person: Person, joined_on: date, by: User) -> CentreMembership:
    """Put a person on the centre's roll; refused when the centre is full or the person is
    already a member of a centre. The centre row is locked so two joins cannot both take the
    last place."""
    centre = _locked_centre(centre)
    require_centre_manager(by, centre.region)
    if not person.certificate_bidx:
        raise ValidationError({"person": "该人员没有登记残疾人证，不能加入残疾人之家"})
    open_members = CentreMembership.objects.filter(centre=centre, left_on__isnull=True).count()
    if open_members >= centre.capacity:
        raise ValidationError(
            {"person": f"{centre.name}已满员（可容纳{centre.capacity}人），请先办理离开或调整容量"}
        )
    current = (
        CentreMembership.objects.filter(person=person, left_on__isnull=True).select_related("centre").first()
    )
    if current is not None:
        raise ValidationError({"person": f"{person.name}已是{current.centre.name}的成员，请先办理离开"})
    membership = CentreMembership(centre=centre, person=person, joined_on=joined_on, created_by=by)
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:  # a concurrent join of the same person elsewhere
        raise ValidationError({"person": f"{person.name}已是残疾人之家的成员"}) from error
    return membership


@transaction.atomic
def member_leave(*, membership: CentreMembership, left_on: date, by: User) -> CentreMembership:
    membership = (
        CentreMembership.objects.select_for_update(of=("self",))
        .select_related("centre__region")
        .get(pk=membership.pk)
    )
    require_centre_manager(by, membership.centre.region)
    if membership.left_on is not None:
        raise ValidationError({"left_on": "该成员已经离开"})
    if left_on < membership.joined_on:
        raise ValidationError({"left_on": "离开日期不能早于入托日期"})
    membership.left_on = left_on
    membership.save(update_fields=["left_on"])
    return membership


@transaction.atomic
def order_receive(
    *,
    centre: DayCentre,
    employer: Employer,
    product: str,
    quantity: int,
    unit_price: Decimal,
    received_on: date,
    due_on: date,
    by: User,
) -> WorkOrder:
    """Record a work project the 项目调配中心 assigned to the centre."""
    require_centre_manager(by, centre.region)
    if due_on < received_on:
        raise ValidationError({"due_on": "交付日期不能早于接单日期"})
    if not quantity or quantity <= 0:
        raise ValidationError({"quantity": "数量应为正整数"})
    if unit_price is None or Decimal(str(unit_price)) <= 0:
        raise ValidationError({"unit_price": "单价应大于0"})
    order = WorkOrder(
        centre=centre,
        employer=employer,
        product=(product or "").strip(),
        quantity=quantity,
        unit_price=Decimal(str(unit_price)),
        received_on=received_on,
        due_on=due_on,
        created_by=by,
    )
    order.full_clean()
    order.save()
    return order


@transaction.atomic
def order_set_status(*, order: WorkOrder, status: str, by: User) -> WorkOrder:
    order = (
        WorkOrder.objects.select_for_update(of=("self",)).select_related("centre__region").get(pk=order.pk)
    )
    require_centre_manager(by, order.centre.region)
    if status not in OrderStatus.values:
        raise ValidationError({"status": "订单状态不正确"})
    order.status = status
    order.save(update_fields=["status"])
    return order


@transaction.atomic
def income_record(*, order: WorkOrder, amount, received_on: date, by: User, note: str = "") -> OrderIncome:
    """Record money received for an order."""
    order = (
        WorkOrder.objects.select_for_update(of=("self",)).select_related("centre__region").get(pk=order.pk)
    )
    require_centre_manager(by, order.centre.region)
    if order.status == OrderStatus.CANCELLED:
        raise ValidationError({"order": "订单已取消，不能登记收入"})
    income = OrderIncome(
        order=order,
        amount=_money(amount, "amount"),
        received_on=received_on,
        note=(note or "")[:200],
        recorded_by=by,
    )
    income.full_clean()
    income.save()
    return income


def undistributed(order: WorkOrder) -> Decimal:
    """Income of the order not yet distributed to members."""
    received = order.incomes.aggregate(total=Sum("amount"))["total"] or ZERO
    paid = order.distributions.aggregate(total=Sum("amount"))["total"] or ZERO
    return (received - paid).quantize(Decimal("0.01"))  # SQLite sums lose the scale


@transaction.atomic
def distribution_create(
    *,
    order: WorkOrder,
    amount,
    basis: str,
    quantities: dict[int, Decimal],
    distributed_on: date,
    by: User,
) -> Distribution:
    """Pay ``amount`` of an order's income to members in proportion to ``quantities``
    (membership id → hours or pieces). The shares add up to exactly ``amount`` (core rule:
    cut to the cent, leftover cents by largest remainder). Refused beyond the order's income."""
    order = (
        WorkOrder.objects.select_for_update(of=("self",)).select_related("centre__region").get(pk=order.pk)
    )
    require_centre_manager(by, order.centre.region)
    amount = _money(amount, "amount")
    if basis not in DistributionBasis.values:
        raise ValidationError({"basis": "请选择按工时或按件数分配"})
    available = undistributed(order)
    if amount > available:
        raise ValidationError({"amount": f"分配总额 {amount} 元超过该项目未分配的收入 {available} 元"})
    members = {
        m.pk: m
        for m in CentreMembership.objects.filter(centre=order.centre, pk__in=list(quantities)).select_related(
            "person"
        )
    }
    weights = []
    for member_id, raw in quantities.items():
        member = members.get(member_id)
        if member is None:
            raise ValidationError({"quantities": "名单中有不是本残疾人之家成员的人员"})
        if member.joined_on > distributed_on or (member.left_on and member.left_on < order.received_on):
            raise ValidationError({"quantities": f"{member.person.name}在该项目期间不是成员"})
        try:
            weight = Decimal(str(raw))
        except InvalidOperation as error:
            raise ValidationError({"quantities": f"{member.person.name}的工时或件数应为数字"}) from error
        if weight < 0:
            raise ValidationError({"quantities": f"{member.person.name}的工时或件数不能为负数"})
        if weight > 0:
            weights.append((member, weight))
    if not weights:
        raise ValidationError({"quantities": "请至少为一名成员填写大于0的工时或件数"})
    distribution = Distribution(
        order=order, amount=amount, basis=basis, distributed_on=distributed_on, created_by=by
    )
    distribution.full_clean()
    distribution.save()
    DistributionShare.objects.bulk_create(
        DistributionShare(
            distribution=distribution, membership=share.key, quantity=share.weight, amount=share.amount
        )
        for share in distribute(amount, weights)
    )
    return distribution
