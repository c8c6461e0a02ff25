"""FilterSets of the job-fair models, shared by the API and the pages."""

import django_filters

from .choices import FairFormat, FairStatus
from .models import JobFair


class JobFairFilterSet(django_filters.FilterSet):
    format = django_filters.ChoiceFilter(choices=FairFormat.choices, label="形式")
    status = django_filters.ChoiceFilter(choices=FairStatus.choices, label="状态")
    starts_from = django_filters.DateFilter(
        field_name="starts_at__date", lookup_expr="gte", label="开始日期起"
    )
    starts_to = django_filters.DateFilter(field_name="starts_at__date", lookup_expr="lte", label="开始日期止")

    class Meta:
        model = JobFair
        fields = ["format", "status", "starts_from", "starts_to"]
