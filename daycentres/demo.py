"""Demo data (issue 15): two 残疾人之家 with members, an order with income and a distribution, and
a pending 自主创业补贴 application. Idempotent: a second run changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from backend.accounts.choices import CertificateKind, Role
from backend.accounts.demo import credit_code
from backend.accounts.models import Employer, Person, Region, User
from matching.models import Employment

from .models import CentreMembership, DayCentre, SubsidyApplication
from .services.centres import (
    centre_create,
    distribution_create,
    income_record,
    member_join,
    order_receive,
    order_set_status,
)
from .services.subsidies import subsidy_application_submit

CENTRES = [
    (
        "太仓市城厢镇残疾人之家",
        "320585100",
        "城厢镇新华西路88号",
        20,
        ["step_free", "accessible_toilet", "transport"],
    ),
    ("太仓市沙溪镇残疾人之家", "320585101", "沙溪镇白云中路16号", 15, ["step_free", "quiet_room"]),
]


def _service_user() -> User:
    user, created = User.objects.get_or_create(
        username="service", defaults={"role": Role.SERVICE, "first_name": "就业服务专员"}
    )
    if created:
        user.set_password("taicang2025")
        user.save()
        user.regions.add(Region.objects.get(code="320585"))
    return user


def seed(stdout=None) -> dict:
    if not Region.objects.filter(code="320585100").exists() or DayCentre.objects.exists():
        return {"day_centres": 0}
    service = _service_user()
    if service.role != Role.SERVICE:
        return {"day_centres": 0}
    today = timezone.localdate()
    taken = set(CentreMembership.objects.values_list("person_id", flat=True))
    centres = []
    for name, code, address, capacity, features in CENTRES:
        region = Region.objects.get(code=code)
        centre = centre_create(
            by=service, name=name, region=region, address=address, capacity=capacity, accessibility=features
        )
        persons = (
            Person.objects.exclude(certificate_kind=CertificateKind.NONE)
            .exclude(pk__in=taken)
            .exclude(user__username="seeker")
            .filter(region=region)
            .order_by("id")[:3]
        )
        for person in persons:
            member_join(centre=centre, person=person, joined_on=today - timedelta(days=120), by=service)
            taken.add(person.pk)
        centres.append(centre)
    employer = Employer.objects.order_by("id").first()
    first = centres[0]
    members = list(first.memberships.all())
    if employer is not None and members:
        order = order_receive(
            centre=first,
            employer=employer,
            product="轴承密封圈分拣包装",
            quantity=3000,
            unit_price=Decimal("0.60"),
            received_on=today - timedelta(days=60),
            due_on=today - timedelta(days=20),
            by=service,
        )
        income_record(
            order=order, amount=Decimal("1800.00"), received_on=today - timedelta(days=15), by=service
        )
        order_set_status(order=order, status="completed", by=service)
        hours = [Decimal("42"), Decimal("35.5"), Decimal("28")]
        distribution_create(
            order=order,
            amount=Decimal("1800.00"),
            basis="hours",
            quantities={m.pk: hours[i % 3] for i, m in enumerate(members)},
            distributed_on=today - timedelta(days=10),
            by=service,
        )
    applicant = (
        Person.objects.exclude(certificate_kind=CertificateKind.NONE)
        .exclude(pk__in=taken)
        .filter(region__code="320585100", user__isnull=False)
        .exclude(user__username="seeker")
        .order_by("id")
        .first()
    )
    if applicant is not None and not SubsidyApplication.objects.exists():
        business, _ = Employer.objects.get_or_create(
            credit_code=credit_code("enterprise", "320585", 9901),
            defaults={
                "name": f"太仓市{applicant.name}手工艺工作室",
                "org_type": "enterprise",
                "region": applicant.region,
            },
        )
        Employment.objects.get_or_create(
            person=applicant,
            employer=business,
            defaults={"start_date": today - timedelta(days=200), "source": "dpf"},
        )
        try:
            subsidy_application_submit(
                person=applicant,
                kind="startup_subsidy",
                by=service,
                business_name=business.name,
                business_credit_code=business.credit_code,
                note="演示：就业服务专员代为申请",
            )
        except (ValidationError, PermissionDenied) as error:  # demo data must not stop the other seeders
            if stdout:
                stdout.write(f"创业补贴演示申请未创建：{error}")
    return {"day_centres": len(centres)}
