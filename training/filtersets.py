"""The FilterSet of the course catalogue, shared by the API and the pages."""

import django_filters

from matching.core.skills import DEFAULT_VOCABULARY

from .choices import CostKind
from .models import TrainingCourse


class TrainingCourseFilterSet(django_filters.FilterSet):
    skill = django_filters.CharFilter(method="filter_skill", label="教授的技能")
    cost_kind = django_filters.ChoiceFilter(choices=CostKind.choices, label="费用")
    region = django_filters.CharFilter(field_name="region__code", label="开课区镇（区划代码）")
    starts_from = django_filters.DateFilter(field_name="starts_on", lookup_expr="gte", label="开课日期起")
    published = django_filters.BooleanFilter(label="已发布")

    class Meta:
        model = TrainingCourse
        fields = ["skill", "cost_kind", "region", "starts_from", "published"]

    def filter_skill(self, queryset, name, value):
        # JSON "contains" is not available on SQLite: match the skill in Python over the ids.
        names = DEFAULT_VOCABULARY.normalize([value]) if value.strip() else ()
        if not names:
            return queryset
        value = names[0]  # the stored (canonical) name: "电脑打字" finds the 打字 course
        ids = [pk for pk, skills in queryset.values_list("pk", "skills") if value in (skills or [])]
        return queryset.filter(pk__in=ids)
