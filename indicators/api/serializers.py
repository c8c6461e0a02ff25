"""Serializers of the indicators API: explicit fields; no identifiers in clear.

Input serializers only parse (every rule lives in the services); a person or region outside
the caller's scope is "不存在" (400), never a hint that it exists.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.models import Person, Region

from ..choices import TrainingKind
from ..models import TrainingRecord
from ..services import MAX_HOURS


@extend_schema_field(OpenApiTypes.INT)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    """A person id resolved within ``Person.objects.visible_to(request.user)``."""

    default_error_messages = {
        "does_not_exist": "人员编号 {pk_value} 不存在或不在您负责的区域内",
        "incorrect_type": "人员编号应为整数",
    }

    def get_queryset(self):
        return Person.objects.visible_to(self.context["request"].user)


class RegionCodeField(serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": "区划代码 {value} 不存在", "invalid": "区划代码应为数字"}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Region.objects.all(), **kwargs)


class TrainingRecordSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "person",
            "person_name",
            "kind",
            "kind_display",
            "course_name",
            "provider",
            "start_date",
            "end_date",
            "hours",
            "certificate_obtained",
            "certificate_name",
            "region",
            "region_name",
            "recorded_by",
            "recorded_at",
        ]

    def get_recorded_by(self, record) -> str:
        user = record.recorded_by
        return (user.first_name or user.username) if user else ""


class TrainingRecordInputSerializer(serializers.Serializer):
    person = ScopedPersonField(help_text="人员编号（须持残疾人证或残疾军人证）")
    kind = serializers.ChoiceField(choices=TrainingKind.choices)
    course_name = serializers.CharField(max_length=100)
    provider = serializers.CharField(max_length=120)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    hours = serializers.IntegerField(min_value=1, max_value=MAX_HOURS)
    certificate_obtained = serializers.BooleanField(default=False)
    certificate_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    region = RegionCodeField(required=False, help_text="培训所属区划代码；留空为本人户籍区镇")


class TrainingRecordUpdateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TrainingKind.choices, required=False)
    course_name = serializers.CharField(max_length=100, required=False)
    provider = serializers.CharField(max_length=120, required=False)
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    hours = serializers.IntegerField(min_value=1, max_value=MAX_HOURS, required=False)
    certificate_obtained = serializers.BooleanField(required=False)
    certificate_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    region = RegionCodeField(required=False)


class PlanIndicatorQuerySerializer(serializers.Serializer):
    data_year = serializers.IntegerField(
        required=False,
        min_value=2015,
        max_value=2100,
        help_text="达比例统计的数据年度；默认最近有审核通过申报的年度",
    )


class YearValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.IntegerField()
    cumulative = serializers.IntegerField()


class TargetSerializer(serializers.Serializer):
    title = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.IntegerField()
    total = serializers.IntegerField()
    met = serializers.BooleanField(help_text="累计数超过目标（规划写作“>目标”）")
    available = serializers.BooleanField()
    note = serializers.CharField()
    years = YearValueSerializer(many=True)


class ComplianceRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    at_quota = serializers.IntegerField(help_text="达到规定比例")
    below = serializers.IntegerField(help_text="未达比例（需缴纳保障金）")
    below_exempt = serializers.IntegerField(help_text="未达比例但免征（职工30人及以下的企业）")
    total = serializers.IntegerField()


class ComplianceSerializer(serializers.Serializer):
    data_year = serializers.IntegerField()
    by_region = ComplianceRowSerializer(many=True)
    by_org_type = ComplianceRowSerializer(many=True)


class LevyYearSerializer(serializers.Serializer):
    data_year = serializers.IntegerField()
    levy_year = serializers.IntegerField(help_text="征收年度（数据年度＋1）")
    assessed = serializers.CharField(help_text="审核通过申报的应缴保障金（元）")
    noticed = serializers.CharField(help_text="缴款通知金额（扣除减免，元）")
    paid = serializers.CharField()
    surcharge = serializers.CharField()
    outstanding = serializers.CharField()


class SubsidyYearSerializer(serializers.Serializer):
    data_year = serializers.IntegerField()
    paid_total = serializers.CharField()
    approved_unpaid = serializers.CharField()
    paid_by_kind = serializers.DictField(child=serializers.CharField())


class PlanIndicatorsSerializer(serializers.Serializer):
    plan_years = serializers.ListField(child=serializers.IntegerField())
    employment = TargetSerializer()
    training = TargetSerializer()
    compliance = ComplianceSerializer()
    levy = LevyYearSerializer(many=True)
    subsidies = SubsidyYearSerializer(many=True)
