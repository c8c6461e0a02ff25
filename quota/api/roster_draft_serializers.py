"""The roster draft from facts (issue 10 §6): proposals out, one decision in."""

from decimal import Decimal

from rest_framework import serializers

from backend.accounts.crypto import mask_identifier

from ..choices import DraftSource
from ..models import RosterDraftDecision
from .calculator_serializers import month_list, unique_months


class ProposalSerializer(serializers.Serializer):
    """A proposed line as the roster shows a line: the name, the certificate number masked."""

    person = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person.name")
    certificate_kind = serializers.CharField(source="person.certificate_kind")
    certificate_no_masked = serializers.SerializerMethodField()
    source = serializers.ChoiceField(choices=DraftSource.choices)
    source_label = serializers.CharField()
    months = serializers.ListField(child=serializers.IntegerField())
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)

    def get_certificate_no_masked(self, obj) -> str:
        number = obj.person.decrypt("certificate")
        return mask_identifier(number) if number else ""


class DraftDecisionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)

    class Meta:
        model = RosterDraftDecision
        fields = [
            "person",
            "name",
            "source",
            "source_label",
            "months",
            "decision",
            "decision_label",
            "reason",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields


class RosterDraftSerializer(serializers.Serializer):
    data_year = serializers.IntegerField()
    proposals = ProposalSerializer(many=True)
    decisions = DraftDecisionSerializer(many=True)
    may_decide = serializers.BooleanField()


class DraftDecisionInputSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="建议行的人员编号")
    decision = serializers.ChoiceField(
        choices=[("confirm", "确认加入名册"), ("remove", "不列入名册")],
        error_messages={"invalid_choice": "请选择确认加入名册（confirm）或不列入名册（remove）"},
    )
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    monthly_wage = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        default=None,
    )
    months = month_list(min_length=1, required=False, help_text="在岗月份（默认为建议的月份）")
    on_establishment = serializers.BooleanField(default=False)
    expected_version = serializers.IntegerField(min_value=1, required=False)

    def validate_months(self, value):
        return unique_months(value)

    def validate(self, attrs):
        if attrs["decision"] == "confirm" and attrs.get("monthly_wage") is None:
            raise serializers.ValidationError({"monthly_wage": "确认加入名册时请填写月工资（元）"})
        if attrs["decision"] == "remove" and not attrs.get("reason", "").strip():
            raise serializers.ValidationError(
                {"reason": "请写明不列入名册的原因（例如：已离职、非本单位职工）"}
            )
        return attrs
