"""The training-record FilterSet, shared by the API and the pages."""

import django_filters
from django import forms
from django.db.models import Q

from backend.api.filters import IdFilter

from .choices import TrainingKind
from .models import TrainingRecord


class _RegionCodeField(forms.CharField):
    default_error_messages = {"invalid": "区划代码应为2至12位数字"}

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.isdigit() and 2 <= len(value) <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


class TrainingRecordFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=TrainingKind.choices, label="类型")
    region = django_filters.CharFilter(method="filter_region", label="区划代码（含下级）")
    year = django_filters.NumberFilter(
        field_name="end_date__year", label="结束年度", min_value=2000, max_value=2100
    )
    person = IdFilter(field_name="person_id", label="人员编号")
    certificate_obtained = django_filters.BooleanFilter(label="取得证书")
    q = django_filters.CharFilter(method="filter_q", label="培训项目或机构包含")
    ordering = django_filters.OrderingFilter(
        fields=(("end_date", "end_date"), ("hours", "hours"), ("recorded_at", "recorded_at")),
        label="排序（前加 - 表示降序）",
    )

    class Meta:
        model = TrainingRecord
        fields = ["kind", "region", "year", "person", "certificate_obtained", "q"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(
            Q(region__path__startswith=f"{value}/") | Q(region__path__contains=f"/{value}/")
        )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(course_name__icontains=value) | Q(provider__icontains=value))
            if value
            else queryset
        )


TrainingRecordFilterSet.base_filters["region"].field_class = _RegionCodeField
