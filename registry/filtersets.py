"""FilterSets of the registry models, shared by the API and the pages."""

import django_filters

from .choices import ImportKind
from .models import DataImport


class DataImportFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ImportKind.choices, label="数据类型")
    created_from = django_filters.DateFilter(
        field_name="created_at__date", lookup_expr="gte", label="导入日期起"
    )
    created_to = django_filters.DateFilter(
        field_name="created_at__date", lookup_expr="lte", label="导入日期止"
    )
    source = django_filters.CharFilter(lookup_expr="icontains", max_length=200, label="来源文件名包含")

    class Meta:
        model = DataImport
        fields = ["kind", "created_from", "created_to", "source"]
