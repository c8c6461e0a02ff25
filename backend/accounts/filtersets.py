"""One FilterSet per exposed registry model, shared by the API and the pages."""

import datetime

import django_filters

from backend.api.filters import IdFilter

from .choices import ChangeRequestStatus, EmployerStatus, OrgType
from .models import AccessLog, Employer, EmployerChangeRequest, Person, Region, RegistrationReview


class RegionFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(field_name="parent__code", label="上级区划代码")

    class Meta:
        model = Region
        fields = ["level", "parent"]


class EmployerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="单位名称包含")
    region = django_filters.CharFilter(method="filter_region", label="区划代码（含下级）")
    org_type = django_filters.ChoiceFilter(choices=OrgType.choices, label="单位性质")
    status = django_filters.ChoiceFilter(choices=EmployerStatus.choices, label="状态")

    class Meta:
        model = Employer
        fields = ["q", "region", "org_type", "status", "sheltered"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__path__contains=f"{value}/")


class EmployerChangeRequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ChangeRequestStatus.choices, label="状态")
    employer = IdFilter(field_name="employer_id", label="单位")
    q = django_filters.CharFilter(field_name="employer__name", lookup_expr="icontains", label="单位名称包含")

    class Meta:
        model = EmployerChangeRequest
        fields = ["status", "employer", "q"]


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="姓名包含")
    region = django_filters.CharFilter(method="filter_region", label="区划代码（含下级）")

    class Meta:
        model = Person
        fields = ["q", "region", "certificate_kind"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__path__contains=f"{value}/")


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO datetime, converted to UTC before it reaches the database: PostgreSQL refuses UTC
    offsets beyond ±15:59 that Python accepts (found by schemathesis)."""

    def filter(self, qs, value):
        if value is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(qs, value)


class AccessLogFilterSet(django_filters.FilterSet):
    since = UTCDateTimeFilter(field_name="at", lookup_expr="gte", label="起始时间")

    class Meta:
        model = AccessLog
        fields = ["purpose", "since"]


class RegistrationReviewFilterSet(django_filters.FilterSet):
    class Meta:
        model = RegistrationReview
        fields = ["status"]
