"""Organising a fair: create it (a draft), publish it, cancel it."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from backend.accounts.models import Region, User
from backend.accounts.permissions import may_organise_fair

from ..choices import ONLINE_ACCESS, ONSITE_ACCESS, FairFormat, FairStatus
from ..models import JobFair

ACCESS_FIELDS = tuple(dict.fromkeys([*ONSITE_ACCESS, *ONLINE_ACCESS]))
MAX_BOOTHS = 500


def require_organiser(user, region) -> None:
    if not may_organise_fair(user, region):
        raise PermissionDenied("只有负责该区镇的就业服务专员或系统管理员可以组织招聘会")


def _text(value, field: str, label: str, max_length: int, *, required: bool = False) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else None
    if value is None:
        raise ValidationError({field: f"{label}应为文字"})
    if required and not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


@transaction.atomic
def fair_create(
    *,
    by: User,
    title: str,
    format: str,
    starts_at: datetime,
    ends_at: datetime,
    region: Region,
    booth_capacity: int,
    description: str = "",
    venue: str = "",
    online_platform: str = "",
    access_notes: str = "",
    **access: bool,
) -> JobFair:
    """A new fair as a draft; nobody but its organisers sees it until it is published."""
    require_organiser(by, region)
    unknown = set(access) - set(ACCESS_FIELDS)
    if unknown:
        raise TypeError(f"unknown accessibility fields: {sorted(unknown)}")
    if format not in FairFormat.values:
        raise ValidationError({"format": "请选择招聘会形式：现场或网络"})
    if not isinstance(booth_capacity, int) or not 1 <= booth_capacity <= MAX_BOOTHS:
        raise ValidationError({"booth_capacity": f"展位数量应为1至{MAX_BOOTHS}的整数"})
    if not isinstance(starts_at, datetime) or not isinstance(ends_at, datetime):
        raise ValidationError({"starts_at": "请填写开始和结束时间"})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "结束时间应晚于开始时间"})
    venue = _text(venue, "venue", "地点", 200, required=format == FairFormat.ONSITE)
    platform = _text(
        online_platform, "online_platform", "网络平台", 200, required=format == FairFormat.ONLINE
    )
    fair = JobFair(
        title=_text(title, "title", "招聘会名称", 80, required=True),
        description=_text(description, "description", "简介", 2000),
        format=format,
        starts_at=starts_at,
        ends_at=ends_at,
        region=region,
        venue=venue,
        online_platform=platform,
        access_notes=_text(access_notes, "access_notes", "其他无障碍说明", 300),
        booth_capacity=booth_capacity,
        organiser=by,
        **{name: bool(value) for name, value in access.items()},
    )
    fair.full_clean()
    fair.save()
    return fair


def _locked(fair: JobFair) -> JobFair:
    return JobFair.objects.select_for_update().get(pk=fair.pk)


@transaction.atomic
def fair_publish(*, by: User, fair: JobFair) -> JobFair:
    """Publish a draft: it appears on the public list, employers may book and seekers register."""
    fair = _locked(fair)
    require_organiser(by, fair.region)
    if fair.status != FairStatus.DRAFT:
        raise ValidationError({"status": f"该招聘会{fair.get_status_display()}，不能再发布"})
    fair.status = FairStatus.PUBLISHED
    fair.save(update_fields=["status"])
    return fair


@transaction.atomic
def fair_cancel(*, by: User, fair: JobFair) -> JobFair:
    fair = _locked(fair)
    require_organiser(by, fair.region)
    if fair.status == FairStatus.CANCELLED:
        raise ValidationError({"status": "该招聘会已取消"})
    fair.status = FairStatus.CANCELLED
    fair.save(update_fields=["status"])
    return fair
