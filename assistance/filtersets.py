"""One FilterSet per exposed model, shared by the API and the pages."""

import django_filters

from .choices import AssessmentStatus, CaseStatus
from .models import Assessment, Case

YES_NO = [("true", "是"), ("false", "否")]


class CaseFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label="状态")
    # "Due follow-ups" is computed (core.followups), not a column: the selector applies it; the
    # filter here only validates the value so a bad one is a 400, not "no filter".
    follow_up_due = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_noop", label="只看应回访的个案"
    )

    class Meta:
        model = Case
        fields = ["status", "follow_up_due"]

    def filter_noop(self, queryset, name, value):
        return queryset


class AssessmentFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AssessmentStatus.choices, label="状态")
    case = django_filters.NumberFilter(field_name="case_id", label="个案编号", min_value=1)

    class Meta:
        model = Assessment
        fields = ["status", "case"]
