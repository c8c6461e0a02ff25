"""Serializers of the training API: explicit fields; input serializers only parse (the rules
are in the services)."""

from rest_framework import serializers

from backend.accounts.models import Region
from indicators.models import TrainingRecord

from ..choices import ACCESS_ARRANGEMENTS, CostKind
from ..models import TrainingCourse
from ..services import MAX_HOURS, MAX_SKILLS


class TrainingCourseSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    cost_kind_display = serializers.CharField(source="get_cost_kind_display", read_only=True)
    fee = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    access_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    enrol_until = serializers.DateField(read_only=True, help_text="最后报名日期（报名截止，未填为开课日期）")
    skills = serializers.ListField(child=serializers.CharField(), read_only=True)
    access = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "name",
            "provider",
            "description",
            "skills",
            "region",
            "region_name",
            "venue",
            "starts_on",
            "ends_on",
            "enrol_by",
            "enrol_until",
            "hours",
            "cost_kind",
            "cost_kind_display",
            "fee",
            "cost_note",
            "access",
            "access_labels",
            "access_notes",
            "how_to_enrol",
            "published",
        ]


class RegionCodeField(serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": "区划代码 {value} 不存在", "invalid": "区划代码应为数字"}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Region.objects.all(), **kwargs)


class TrainingCourseInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    provider = serializers.CharField(max_length=120)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    skills = serializers.ListField(
        child=serializers.CharField(max_length=30),
        max_length=MAX_SKILLS,
        help_text="课程教授的技能，如：在线客服、打字",
    )
    region = RegionCodeField(help_text="开课区镇的区划代码")
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrol_by = serializers.DateField(required=False, allow_null=True)
    hours = serializers.IntegerField(min_value=1, max_value=MAX_HOURS)
    cost_kind = serializers.ChoiceField(choices=CostKind.choices)
    fee = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False)
    cost_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    access = serializers.ListField(
        child=serializers.ChoiceField(choices=list(ACCESS_ARRANGEMENTS.items())),
        required=False,
        max_length=20,
    )
    access_notes = serializers.CharField(max_length=300, required=False, allow_blank=True)
    how_to_enrol = serializers.CharField(max_length=300)
    published = serializers.BooleanField(required=False, default=False)


class TrainingCourseUpdateSerializer(TrainingCourseInputSerializer):
    """The same fields, all optional (PATCH); publishing has its own actions."""

    published = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class MyTrainingRecordSerializer(serializers.ModelSerializer):
    """One of my own training records (no recorder, no person: it is me)."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "kind",
            "kind_display",
            "course_name",
            "provider",
            "start_date",
            "end_date",
            "hours",
            "certificate_obtained",
            "certificate_name",
            "region_name",
        ]


class CourseOfferSerializer(serializers.Serializer):
    """A course suggested on a matched job: which of the job's gaps it closes."""

    id = serializers.IntegerField(source="course.pk")
    name = serializers.CharField(source="course.name")
    provider = serializers.CharField(source="course.provider")
    closes = serializers.ListField(child=serializers.CharField(), help_text="这门课能补上的岗位技能")
    local = serializers.BooleanField(help_text="在您所在或想去的区镇开课（或面向全市）")
    starts_on = serializers.DateField(source="course.starts_on")
    enrol_until = serializers.DateField(source="course.enrol_until")
    cost_kind_display = serializers.CharField(source="course.get_cost_kind_display")
    how_to_enrol = serializers.CharField(source="course.how_to_enrol")
    url = serializers.CharField(source="course.get_absolute_url", help_text="课程页面")
