"""FilterSets of the audit and decision models, shared by the API, the pages and the selectors."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from backend.accounts.choices import OrgType
from backend.api.filters import IdFilter
from quota.audit.choices import (
    AdjustmentKind,
    CreditCaseStatus,
    CreditLevel,
    CreditStatus,
    FindingKind,
    LedgerKind,
    LedgerStatus,
    NoticeStatus,
    ResultStatus,
    Severity,
)
from quota.audit.models import AuditFinding, AuditResult
from quota.models.credit import CreditCase
from quota.models.decisions import CreditFlag, LedgerEntry, LevyAdjustment, LevyNotice, LevyPayment


def region_q(prefix: str, code: str) -> Q:
    """Rows whose region is ``code`` or lies under it (materialised path "32/3205/320585/")."""
    return Q(**{f"{prefix}__startswith": f"{code}/"}) | Q(**{f"{prefix}__contains": f"/{code}/"})


class RegionCodeFilter(django_filters.CharFilter):
    """An administrative code (digits only); matches the region and everything below it."""

    def __init__(self, *args, path: str, **kwargs):
        kwargs.setdefault("label", "区划代码（含下级）")
        super().__init__(*args, **kwargs)
        self.path = path

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(region_q(self.path, value))


class _DigitsField(forms.CharField):
    default_error_messages = {"invalid": "区划代码应为2至12位数字"}

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.isdigit() and 2 <= len(value) <= 12):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value


RegionCodeFilter.field_class = _DigitsField


class _StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is an error rather than silently "no filter"."""

    widget = forms.TextInput  # NullBooleanSelect would turn unknown text into None

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError("请填写 true 或 false", code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = _StrictBooleanField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("label", "数据年度")
        super().__init__(*args, **kwargs)


class AuditResultFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="employer__region__path")
    org_type = django_filters.ChoiceFilter(
        field_name="employer__org_type", choices=OrgType.choices, label="单位性质"
    )
    status = django_filters.ChoiceFilter(choices=ResultStatus.choices, label="申报状态")
    has_findings = StrictBooleanFilter(method="filter_has_findings", label="是否有问题")
    finding_kind = django_filters.ChoiceFilter(
        choices=FindingKind.choices, method="filter_finding_kind", label="含有某类问题"
    )
    severity = django_filters.ChoiceFilter(
        field_name="max_severity", choices=Severity.choices, label="最高严重程度"
    )
    q = django_filters.CharFilter(field_name="employer__name", lookup_expr="icontains", label="单位名称包含")
    ordering = django_filters.OrderingFilter(
        fields=(
            ("employee_count", "employee_count"),
            ("counted_disabled", "counted_disabled"),
            ("ratio", "ratio"),
            ("levy_due", "levy_due"),
            ("findings_count", "findings_count"),
            ("employer__name", "employer_name"),
        ),
        label="排序（N=employee_count，D=counted_disabled；前加 - 表示降序）",
    )

    class Meta:
        model = AuditResult
        fields = ["region", "org_type", "status", "has_findings", "finding_kind", "severity", "q"]

    def filter_has_findings(self, queryset, name, value):
        return queryset.filter(findings_count__gt=0) if value else queryset.filter(findings_count=0)

    def filter_finding_kind(self, queryset, name, value):
        findings = AuditFinding.objects.filter(
            run=OuterRef("run_id"), employer=OuterRef("employer_id"), kind=value
        )
        return queryset.filter(Exists(findings))

    @property
    def qs(self):
        # A stable order under ties so pages never repeat or skip a row.
        queryset = super().qs
        order = list(queryset.query.order_by)
        return queryset.order_by(*order, "id") if order and "id" not in order else queryset


class AuditFindingFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=FindingKind.choices, label="问题类型")
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label="严重程度")
    employer = IdFilter(field_name="employer_id", label="单位编号")

    class Meta:
        model = AuditFinding
        fields = ["kind", "severity", "employer"]


class LevyNoticeFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=NoticeStatus.choices, label="状态")
    data_year = YearFilter()
    employer = IdFilter(field_name="employer_id", label="单位编号")
    region = RegionCodeFilter(path="employer__region__path")

    class Meta:
        model = LevyNotice
        fields = ["status", "data_year", "employer", "region"]


class LevyPaymentFilterSet(django_filters.FilterSet):
    notice = IdFilter(field_name="notice_id", label="缴款通知编号")
    employer = IdFilter(field_name="notice__employer_id", label="单位编号")
    late = StrictBooleanFilter(method="filter_late", label="是否逾期缴纳")

    class Meta:
        model = LevyPayment
        fields = ["notice", "employer", "late"]

    def filter_late(self, queryset, name, value):
        return queryset.filter(days_late__gt=0) if value else queryset.filter(days_late=0)


class LevyAdjustmentFilterSet(django_filters.FilterSet):
    notice = IdFilter(field_name="notice_id", label="缴款通知编号")
    kind = django_filters.ChoiceFilter(choices=AdjustmentKind.choices, label="类型")

    class Meta:
        model = LevyAdjustment
        fields = ["notice", "kind"]


class LedgerEntryFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=LedgerKind.choices, label="类型")
    status = django_filters.ChoiceFilter(choices=LedgerStatus.choices, label="状态")
    data_year = YearFilter()
    employer = IdFilter(field_name="employer_id", label="单位编号")

    class Meta:
        model = LedgerEntry
        fields = ["kind", "status", "data_year", "employer"]


class CreditFlagFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=CreditLevel.choices, label="失信等级")
    status = django_filters.ChoiceFilter(choices=CreditStatus.choices, label="状态")
    employer = IdFilter(field_name="employer_id", label="单位编号")
    region = RegionCodeFilter(path="employer__region__path")

    class Meta:
        model = CreditFlag
        fields = ["level", "status", "employer", "region"]


class CreditCaseFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=CreditCaseStatus.choices, label="状态")
    level = django_filters.ChoiceFilter(choices=CreditLevel.choices, label="拟认定的失信等级")
    employer = IdFilter(field_name="employer_id", label="单位编号")
    region = RegionCodeFilter(path="employer__region__path")

    class Meta:
        model = CreditCase
        fields = ["status", "level", "employer", "region"]
