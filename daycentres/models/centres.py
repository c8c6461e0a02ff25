"""残疾人之家 (day centres for 辅助性就业): members, work orders from the 项目调配中心, income
and its distribution to members."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..choices import DistributionBasis, OrderStatus
from .scoping import CentreChildQuerySet, CentreQuerySet, MembershipQuerySet, OrderChildQuerySet

USER = settings.AUTH_USER_MODEL


def money(label: str, **extra) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2, **extra)


class DayCentre(models.Model):
    """A town's 残疾人之家, where members do assisted work (辅助性就业)."""

    name = models.CharField("名称", max_length=100, unique=True)
    region = models.ForeignKey(
        "accounts.Region", on_delete=models.PROTECT, related_name="day_centres", verbose_name="所属区镇"
    )
    address = models.CharField("地址", max_length=200)
    capacity = models.PositiveSmallIntegerField("可容纳人数")
    accessibility = models.JSONField("无障碍设施", default=list, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords()
    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["region__path", "name"]
        verbose_name = verbose_name_plural = "残疾人之家"
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=500), name="centre_capacity_1_500"
            ),
        ]

    def __str__(self):
        return self.name


class CentreMembership(models.Model):
    """A person on a centre's roll from ``joined_on`` until ``left_on`` (open: still a member)."""

    centre = models.ForeignKey(DayCentre, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(
        "accounts.Person", on_delete=models.PROTECT, related_name="centre_memberships", verbose_name="人员"
    )
    joined_on = models.DateField("入托日期")
    left_on = models.DateField("离开日期", null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "id"]
        verbose_name = verbose_name_plural = "残疾人之家成员"
        constraints = [
            # One open membership per person anywhere: a person works in one centre at a time.
            models.UniqueConstraint(
                fields=["person"], condition=Q(left_on__isnull=True), name="one_open_centre_membership"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.person} @ {self.centre}"


class WorkOrder(models.Model):
    """A work project a centre received from the 项目调配中心: an employer's order."""

    centre = models.ForeignKey(DayCentre, on_delete=models.PROTECT, related_name="orders")
    employer = models.ForeignKey(
        "accounts.Employer", on_delete=models.PROTECT, related_name="centre_orders", verbose_name="委托单位"
    )
    product = models.CharField("产品或工序", max_length=100)
    quantity = models.PositiveIntegerField("数量（件）")
    unit_price = models.DecimalField("单价（元/件）", max_digits=10, decimal_places=4)
    received_on = models.DateField("接单日期")
    due_on = models.DateField("交付日期")
    status = models.CharField(
        "状态", max_length=12, choices=OrderStatus.choices, default=OrderStatus.RECEIVED
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = CentreChildQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = verbose_name_plural = "加工项目（订单）"
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="order_unit_price_positive"),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("received_on")), name="order_due_after_received"
            ),
        ]

    def __str__(self):
        return f"{self.product}（{self.employer}）"


class OrderIncome(models.Model):
    """Money received for an order (one or several payments)."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="incomes")
    amount = money("收入金额")
    received_on = models.DateField("到账日期")
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()
    objects = OrderChildQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = verbose_name_plural = "项目收入"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="income_amount_positive")]

    def __str__(self):
        return f"{self.order} {self.amount}元"


class Distribution(models.Model):
    """Income of one order paid out to members by hours or pieces; the shares add up exactly."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="distributions")
    amount = money("分配总额")
    basis = models.CharField("分配依据", max_length=8, choices=DistributionBasis.choices)
    distributed_on = models.DateField("分配日期")
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = OrderChildQuerySet.as_manager()

    class Meta:
        ordering = ["-distributed_on", "-id"]
        verbose_name = verbose_name_plural = "收入分配"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="distribution_amount_positive")]

    def __str__(self):
        return f"{self.order} 分配 {self.amount}元"


class DistributionShare(models.Model):
    """One member's share of a distribution."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="shares")
    membership = models.ForeignKey(CentreMembership, on_delete=models.PROTECT, related_name="shares")
    quantity = models.DecimalField("工时或件数", max_digits=10, decimal_places=2)
    amount = money("分得金额")

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "收入分配明细"
        constraints = [
            models.UniqueConstraint(fields=["distribution", "membership"], name="one_share_per_member"),
            models.CheckConstraint(
                condition=Q(quantity__gte=0) & Q(amount__gte=0), name="share_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.membership.person} {self.amount}元"
