"""One FilterSet per exposed model, shared by the API, the pages and the selectors."""

from datetime import date

import django_filters
from django.db.models import Q

from backend.api.filters import IdFilter

from .choices import Accommodation, ApplicationStatus, EmploymentForm, EmploymentSource, Hours, PostingStatus
from .models import Application, Employment, JobPosting

YES_NO = [("true", "是"), ("false", "否")]
MAX_PAY = 10**8


def region_subtree_q(field: str, code: str) -> Q:
    """Rows whose region (materialised path) is ``code`` or lies inside it."""
    return Q(**{f"{field}__startswith": f"{code}/"}) | Q(**{f"{field}__contains": f"/{code}/"})


def has_accommodation_q(code: str) -> Q:
    # JSON text match: portable (SQLite has no JSON containment) and exact thanks to the quotes.
    return Q(accommodations__icontains=f'"{code}"')


class JobPostingFilterSet(django_filters.FilterSet):
    """Filters of the job list, the seeker's suggestions and the employer's own postings."""

    region = django_filters.CharFilter(method="filter_region", label="工作区镇（区划代码，含下级）")
    employment_form = django_filters.MultipleChoiceFilter(choices=EmploymentForm.choices, label="就业形式")
    hours = django_filters.MultipleChoiceFilter(choices=Hours.choices, label="工作时间")
    pay_min = django_filters.NumberFilter(
        method="filter_pay_min", label="月薪不低于（元）", min_value=0, max_value=MAX_PAY
    )
    accommodations = django_filters.MultipleChoiceFilter(
        choices=Accommodation.choices, method="filter_accommodations", label="提供的无障碍支持（全部满足）"
    )
    # Choice filters rather than BooleanFilter: an unreadable value is a 400, not "no filter".
    remote = django_filters.ChoiceFilter(choices=YES_NO, method="filter_remote", label="可居家/远程工作")
    guaranteed_interview = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_guaranteed", label="保障面试"
    )
    occupation = django_filters.CharFilter(
        method="filter_occupation", label="职业代码（可只写前几段，如 4-04）"
    )
    employer = IdFilter(field_name="employer_id", label="用人单位编号")
    status = django_filters.ChoiceFilter(choices=PostingStatus.choices, label="状态（仅本单位岗位）")

    class Meta:
        model = JobPosting
        fields = [
            "region",
            "employment_form",
            "hours",
            "pay_min",
            "accommodations",
            "remote",
            "guaranteed_interview",
            "occupation",
            "employer",
            "status",
        ]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_subtree_q("region__path", value.strip()))

    def filter_pay_min(self, queryset, name, value):
        return queryset.filter(Q(pay_max__gte=value) | Q(pay_max__isnull=True, pay_min__gte=value))

    def filter_accommodations(self, queryset, name, value):
        for code in value:
            queryset = queryset.filter(has_accommodation_q(code))
        return queryset

    def filter_remote(self, queryset, name, value):
        remote = Q(employment_form=EmploymentForm.HOME) | has_accommodation_q("remote")
        return queryset.filter(remote if value == "true" else ~remote)

    def filter_guaranteed(self, queryset, name, value):
        return queryset.filter(guaranteed_interview=value == "true")

    def filter_occupation(self, queryset, name, value):
        return queryset.filter(occupation_code__startswith=value.strip())


class ApplicationFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ApplicationStatus.choices, label="状态")
    posting = IdFilter(field_name="posting_id", label="岗位编号")

    class Meta:
        model = Application
        fields = ["status", "posting"]


class EmploymentFilterSet(django_filters.FilterSet):
    """Filters of the 实名制就业 record lists (API and pages)."""

    employer = IdFilter(field_name="employer_id", label="用人单位编号")
    source = django_filters.MultipleChoiceFilter(choices=EmploymentSource.choices, label="来源")
    year = django_filters.NumberFilter(
        method="filter_year", label="在职年度（该年内任一天在职）", min_value=2000, max_value=2100
    )
    current = django_filters.ChoiceFilter(choices=YES_NO, method="filter_current", label="目前在职")
    region = django_filters.CharFilter(method="filter_region", label="单位所在区镇（区划代码，含下级）")

    class Meta:
        model = Employment
        fields = ["employer", "source", "year", "current", "region"]

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(start_date__lte=date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1))
        )

    def filter_current(self, queryset, name, value):
        return queryset.filter(end_date__isnull=value == "true")

    def filter_region(self, queryset, name, value):
        return queryset.filter(region_subtree_q("employer__region__path", value.strip()))
