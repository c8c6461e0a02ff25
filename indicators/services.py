"""Writes of the indicators app: training records (the only code that creates or changes them).

Auditors record training for persons and regions in their scope; administrators maintain the
reference data and may correct any record. Every change is kept in the model history.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.accounts.choices import CertificateKind, Role
from backend.accounts.models import Person, Region, User

from .choices import TrainingKind
from .models import TrainingRecord

EARLIEST = date(2000, 1, 1)
MAX_HOURS = 2000  # more than a year of full-time study: surely a typing error
EDITABLE_FIELDS = (
    "kind",
    "course_name",
    "provider",
    "start_date",
    "end_date",
    "hours",
    "certificate_obtained",
    "certificate_name",
    "region",
)


def _require_writer(by: User) -> None:
    if by.role not in (Role.AUDITOR, Role.ADMIN):
        raise PermissionDenied("只有审核人员或系统管理员可以登记培训记录")


def _require_region(by: User, region: Region) -> None:
    if by.role == Role.ADMIN:
        return
    if not by.regions.exists() or not any(
        region.path.startswith(p) for p in by.regions.values_list("path", flat=True)
    ):
        raise ValidationError({"region": "该区镇不在您负责的区域内"})


def _text(value, field: str, label: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不能超过{max_length}个字"})
    return value


def training_record_validate(record: TrainingRecord) -> None:
    """The rules of one record (also used by the admin form); messages say what to fix."""
    errors = {}
    if record.kind not in TrainingKind.values:
        errors["kind"] = "请选择培训类型"
    today = timezone.localdate()
    if record.start_date < EARLIEST:
        errors["start_date"] = "开始日期不能早于2000年"
    if record.end_date > today:
        errors["end_date"] = "结束日期不能晚于今天（培训结束后再登记）"
    elif record.end_date < record.start_date:
        errors["end_date"] = "结束日期不能早于开始日期"
    if (
        not isinstance(record.hours, int)
        or isinstance(record.hours, bool)
        or not 0 < record.hours <= MAX_HOURS
    ):
        errors["hours"] = f"学时应为1至{MAX_HOURS}之间的整数"
    if record.certificate_name and not record.certificate_obtained:
        errors["certificate_name"] = "未取得证书时请不要填写证书名称"
    if record.person.certificate_kind == CertificateKind.NONE:
        errors["person"] = "该人员没有残疾人证或残疾军人证，不计入残疾人职业培训"
    if errors:
        raise ValidationError(errors)


def _save(record: TrainingRecord, by: User) -> TrainingRecord:
    training_record_validate(record)
    record._history_user = by  # also outside a request (commands, the demo seed)
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:  # the unique constraint is the backstop for a double entry
        raise ValidationError({"course_name": "该人员这一培训项目（同一开始日期）已经登记过"}) from error
    return record


@transaction.atomic
def training_record_create(
    *,
    person: Person,
    kind: str,
    course_name: str,
    provider: str,
    start_date: date,
    end_date: date,
    hours: int,
    by: User,
    certificate_obtained: bool = False,
    certificate_name: str = "",
    region: Region | None = None,
) -> TrainingRecord:
    """Record that ``person`` attended a course. The region defaults to the person's own."""
    _require_writer(by)
    if not Person.objects.visible_to(by).filter(pk=person.pk).exists():
        raise ValidationError({"person": "该人员不在您负责的区域内"})
    region = region or person.region
    if region is None:
        raise ValidationError({"region": "请选择培训所属区镇"})
    _require_region(by, region)
    record = TrainingRecord(
        person=person,
        kind=kind,
        course_name=_text(course_name, "course_name", "培训项目", 100),
        provider=_text(provider, "provider", "培训机构", 120),
        start_date=start_date,
        end_date=end_date,
        hours=hours,
        certificate_obtained=bool(certificate_obtained),
        certificate_name=_text(certificate_name, "certificate_name", "证书名称", 100, required=False),
        region=region,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    return _save(record, by)


def _locked(record: TrainingRecord, by: User) -> TrainingRecord:
    _require_writer(by)
    locked = TrainingRecord.objects.select_for_update().select_related("person", "region").get(pk=record.pk)
    if not TrainingRecord.objects.visible_to(by).filter(pk=locked.pk).exists():
        raise PermissionDenied("该记录不在您负责的区域内")
    return locked


@transaction.atomic
def training_record_update(*, record: TrainingRecord, by: User, **changes) -> TrainingRecord:
    """Correct a record (the person stays; a wrong person is deleted and recorded again)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({name: "该字段不能修改" for name in sorted(unknown)})
    record = _locked(record, by)
    for name, value in changes.items():
        if name in ("course_name", "provider"):
            value = _text(
                value,
                name,
                TrainingRecord._meta.get_field(name).verbose_name,
                120 if name == "provider" else 100,
            )
        elif name == "certificate_name":
            value = _text(value, name, "证书名称", 100, required=False)
        elif name == "region":
            _require_region(by, value)
        setattr(record, name, value)
    record._change_reason = "更正"
    return _save(record, by)


@transaction.atomic
def training_record_delete(*, record: TrainingRecord, by: User) -> None:
    """Delete a record entered in error (the history keeps what it was, and who deleted it)."""
    record = _locked(record, by)
    record._change_reason = "删除（登记错误）"
    record._history_user = by
    record.delete()
