"""Serializers of the 残疾人之家 and subsidy API: explicit fields, no identifiers in clear."""

from rest_framework import serializers

from ..choices import SubsidyKind
from ..models import CentreMembership, DayCentre, SubsidyApplication, WorkOrder


class MemberSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = CentreMembership
        fields = ["id", "person", "person_name", "joined_on", "left_on"]


class OrderSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "employer",
            "employer_name",
            "product",
            "quantity",
            "unit_price",
            "received_on",
            "due_on",
            "status",
            "status_display",
        ]


class DayCentreSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    members = serializers.IntegerField(read_only=True, help_text="当前成员人数")

    class Meta:
        model = DayCentre
        fields = [
            "id",
            "name",
            "region",
            "region_name",
            "address",
            "capacity",
            "accessibility",
            "phone",
            "members",
        ]


class SubsidyApplicationSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="status_label", read_only=True)
    ledger_entry = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = SubsidyApplication
        fields = [
            "id",
            "person",
            "person_name",
            "kind",
            "kind_display",
            "amount",
            "months",
            "business_name",
            "training_record",
            "note",
            "eligibility",
            "status",
            "status_display",
            "refusal_reason",
            "ledger_entry",
            "applied_at",
        ]


class SubsidyApplicationInputSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, help_text="申请人编号；求职者本人申请时省略")
    kind = serializers.ChoiceField(choices=SubsidyKind.choices)
    months = serializers.IntegerField(required=False, min_value=1, max_value=12)
    business_name = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")
    business_credit_code = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    training_record = serializers.IntegerField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
