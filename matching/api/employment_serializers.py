"""实名制就业 record serializers (issue 10 §6). Output carries no identifiers and no disability
details: a record says who worked where and when. Input serializers only parse."""

from rest_framework import serializers

from backend.accounts.choices import CertificateKind

from ..choices import ENTERED_SOURCE_CHOICES, EmploymentSource
from ..models import Employment


class EmploymentChangeSerializer(serializers.Serializer):
    """One entry of the record's history: when, who, why (values are on the record itself)."""

    at = serializers.DateTimeField()
    by = serializers.CharField()
    reason = serializers.CharField()


class EmploymentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.name", read_only=True)
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    posting_title = serializers.CharField(source="posting.title", read_only=True, default="")
    source_label = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = Employment
        fields = [
            "id",
            "person",
            "name",
            "employer",
            "employer_name",
            "posting",
            "posting_title",
            "application",
            "start_date",
            "end_date",
            "end_reason",
            "source",
            "source_label",
            "created_at",
        ]
        read_only_fields = fields


class EmploymentDetailSerializer(EmploymentSerializer):
    changes = serializers.SerializerMethodField()

    class Meta(EmploymentSerializer.Meta):
        fields = [*EmploymentSerializer.Meta.fields, "changes"]
        read_only_fields = fields

    def get_changes(self, obj) -> EmploymentChangeSerializer(many=True):
        rows = obj.history.select_related("history_user").order_by("history_id")
        return [
            {
                "at": row.history_date,
                "by": row.history_user.get_full_name() or row.history_user.username
                if row.history_user
                else "系统",
                "reason": row.history_change_reason or ("登记" if row.history_type == "+" else "修改"),
            }
            for row in rows
        ]


class EmploymentCreateSerializer(serializers.Serializer):
    employer = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="用人单位编号")
    certificate_kind = serializers.ChoiceField(
        choices=[(CertificateKind.DISABILITY, "残疾人证"), (CertificateKind.VETERAN, "残疾军人证")],
        default=CertificateKind.DISABILITY,
    )
    certificate_no = serializers.CharField(max_length=40, help_text="证号（与姓名须一致）")
    name = serializers.CharField(max_length=40)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    source = serializers.ChoiceField(
        choices=ENTERED_SOURCE_CHOICES,
        default=EmploymentSource.DPF,
    )


class EmploymentCorrectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, help_text="更正原因（记入修改历史）")
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False, allow_null=True)
    end_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
