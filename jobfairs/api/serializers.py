"""Job-fair API shapes: explicit fields; inputs validated here, rules in the services."""

from rest_framework import serializers

from backend.accounts.models import Region

from ..choices import ACCESS_NEEDS, FairFormat, ResultKind
from ..models import Booth, FairRegistration, FairResult, JobFair


class JobFairSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    booth_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = JobFair
        fields = [
            "id", "title", "description", "format", "starts_at", "ends_at", "region", "region_name",
            "venue", "online_platform", "step_free", "sign_language", "screen_reader_materials",
            "accessible_toilet", "quiet_room", "captions", "access_notes", "booth_capacity",
            "booth_count", "status",
        ]  # fmt: skip
        read_only_fields = fields


class JobFairInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=80)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    format = serializers.ChoiceField(choices=FairFormat.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    online_platform = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    access_notes = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    booth_capacity = serializers.IntegerField(min_value=1, max_value=500)
    step_free = serializers.BooleanField(required=False, default=False)
    sign_language = serializers.BooleanField(required=False, default=False)
    screen_reader_materials = serializers.BooleanField(required=False, default=False)
    accessible_toilet = serializers.BooleanField(required=False, default=False)
    quiet_room = serializers.BooleanField(required=False, default=False)
    captions = serializers.BooleanField(required=False, default=False)


class BoothPostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class BoothSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    postings = BoothPostingSerializer(many=True, read_only=True)
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = Booth
        fields = ["id", "fair", "number", "employer", "employer_name", "postings", "withdrawn", "created_at"]
        read_only_fields = fields

    def get_withdrawn(self, booth) -> bool:
        return booth.withdrawn_at is not None


class BoothInputSerializer(serializers.Serializer):
    postings = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=20)
    employer = serializers.IntegerField(required=False, help_text="代表哪个单位（在多个单位任职时必填）")


class RegistrationSerializer(serializers.ModelSerializer):
    fair_title = serializers.CharField(source="fair.title", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = FairRegistration
        fields = ["id", "fair", "fair_title", "person_name", "access_needs", "needs_note", "created_at"]
        read_only_fields = fields


class RegistrationInputSerializer(serializers.Serializer):
    access_needs = serializers.ListField(
        child=serializers.ChoiceField(choices=list(ACCESS_NEEDS.items())),
        required=False,
        default=list,
        max_length=20,
    )
    needs_note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RouteMatchSerializer(serializers.Serializer):
    posting = serializers.IntegerField(source="posting.pk")
    title = serializers.CharField(source="posting.title")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField(), source="explanation.reasons_zh")


class RouteStopSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    booth = serializers.IntegerField(source="booth.number")
    employer_name = serializers.CharField(source="booth.employer.name")
    matches = RouteMatchSerializer(many=True)


class ResultSerializer(serializers.ModelSerializer):
    booth_number = serializers.IntegerField(source="booth.number", read_only=True)
    employer_name = serializers.CharField(source="booth.employer.name", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = FairResult
        fields = [
            "id", "fair", "booth", "booth_number", "employer_name", "person_name", "kind", "employment",
            "note", "recorded_at",
        ]  # fmt: skip
        read_only_fields = fields


class ResultInputSerializer(serializers.Serializer):
    booth = serializers.IntegerField(min_value=1)
    registration = serializers.IntegerField(min_value=1, help_text="求职者的报名编号")
    kind = serializers.ChoiceField(choices=ResultKind.choices)
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
