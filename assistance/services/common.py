"""Checks every 就业援助 write makes: who acts, whose case, which consent."""

from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import ConsentScope
from backend.accounts.models import Person
from backend.accounts.permissions import is_service_staff, service_covers
from backend.accounts.selectors import person_active_consents

from ..choices import CaseStatus
from ..models import Case


def require_service_for(by, person: Person) -> None:
    """The actor is a 就业服务专员 whose regions include the person's."""
    if not is_service_staff(by):
        raise PermissionDenied("只有就业服务专员可以办理就业援助")
    if not service_covers(by, person.region):
        raise PermissionDenied("该求职者不在您负责的区域内")


def require_consent(person: Person) -> None:
    if ConsentScope.SERVICE_ASSISTANCE not in person_active_consents(person):
        raise ValidationError(
            {"person": "求职者尚未同意接受就业援助：请本人在“我的信息”中勾选“我需要就业服务人员帮助”后再建档"}
        )


def locked_case(case: Case, by) -> Case:
    """The case, locked for the write, checked for the actor; a closed case takes no more writes."""
    case = Case.objects.select_for_update(of=("self",)).select_related("person", "region").get(pk=case.pk)
    require_service_for(by, case.person)
    if case.status == CaseStatus.CLOSED:
        raise ValidationError({"case": "个案已结案，不能再修改"})
    return case


def text(value, field: str, label: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip() if isinstance(value, str) else ""
    if required and not value:
        raise ValidationError({field: f"请填写{label}"})
    if len(value) > max_length:
        raise ValidationError({field: f"{label}不超过{max_length}个字"})
    return value
