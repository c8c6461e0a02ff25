"""One FilterSet per exposed quota model, shared by the API and the pages.

(The audit, notices, ledger and credit FilterSets live in ``quota/audit/filtersets.py``.)
"""

import django_filters
from django.db.models import Q

from backend.accounts.choices import OrgType
from backend.api.filters import IdFilter

from .choices import ReportStatus, RosterCertificateKind
from .models import QuotaPolicy, QuotaReport, RosterLine


def _region_subtree(field: str):
    """A filter method matching a region code and all regions below it (materialised path)."""

    def method(self, queryset, name, value):
        return queryset.filter(**{f"{field}__contains": f"{value.strip()}/"})

    return method


class QuotaPolicyFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", label="区划代码（仅该地区本身）")
    levy_year = django_filters.NumberFilter(method="filter_levy_year", label="征收年度（含该年度的期间）")

    class Meta:
        model = QuotaPolicy
        fields = ["region", "levy_year"]

    def filter_levy_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(levy_year_from__lte=year).filter(
            Q(levy_year_to__isnull=True) | Q(levy_year_to__gte=year)
        )


class QuotaReportFilterSet(django_filters.FilterSet):
    data_year = django_filters.NumberFilter(label="数据年度（保障金在下一年度征收）")
    levy_year = django_filters.NumberFilter(method="filter_levy_year", label="征收年度（数据年度＋1）")
    status = django_filters.MultipleChoiceFilter(choices=ReportStatus.choices, label="状态（可多选）")
    employer = IdFilter(field_name="employer_id", label="单位ID")
    region = django_filters.CharFilter(method="filter_region", label="区划代码（含下级）")
    org_type = django_filters.ChoiceFilter(
        field_name="employer__org_type", choices=OrgType.choices, label="单位性质"
    )
    q = django_filters.CharFilter(field_name="employer__name", lookup_expr="icontains", label="单位名称包含")

    class Meta:
        model = QuotaReport
        fields = ["data_year", "levy_year", "status", "employer", "region", "org_type", "q"]

    filter_region = _region_subtree("employer__region__path")

    def filter_levy_year(self, queryset, name, value):
        return queryset.filter(data_year=int(value) - 1)


class RosterLineFilterSet(django_filters.FilterSet):
    report = IdFilter(field_name="report_id", label="申报ID")
    data_year = django_filters.NumberFilter(field_name="report__data_year", label="数据年度")
    employer = IdFilter(field_name="report__employer_id", label="单位ID")
    certificate_kind = django_filters.ChoiceFilter(choices=RosterCertificateKind.choices, label="证件类型")
    dispatched = django_filters.BooleanFilter(label="劳务派遣")
    counts_here = django_filters.BooleanFilter(label="由本单位计算")
    region = django_filters.CharFilter(method="filter_region", label="单位所在区划代码（含下级）")

    class Meta:
        model = RosterLine
        fields = [
            "report",
            "data_year",
            "employer",
            "certificate_kind",
            "dispatched",
            "counts_here",
            "region",
        ]

    filter_region = _region_subtree("report__employer__region__path")
