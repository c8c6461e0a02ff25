"""Quota API serializers: input serializers parse, services decide, output serializers render.

Roster identifiers: employer staff see the full certificate number of their OWN roster lines (they
entered them from the certificates they hold; the queryset never returns another employer's
lines).  Auditors and administrators see masked numbers only; the full number comes from the
logged reveal action (``POST /roster-lines/{id}/reveal``, written to the access log).
"""

from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.crypto import mask_identifier

from ..choices import ReportAttachmentKind, RosterCertificateKind, RosterImportMode
from ..models import QuotaReport, ReportAttachment, ReportSnapshot, RosterLine
from ..services.roster_import import MODE_INVALID, MODE_REQUIRED
from .calculator_serializers import LineResultSerializer, month_list, unique_months

# --- reports ----------------------------------------------------------------------------


class SnapshotSerializer(serializers.ModelSerializer):
    """The frozen figures; ``lines`` (per roster line, decrypted) come from the view's
    ``snapshot_lines`` (quota.services.report_figures: shaped for the role, each read logged)."""

    lines = serializers.SerializerMethodField()

    class Meta:
        model = ReportSnapshot
        fields = ["inputs", "policy", "result", "steps", "lines", "created_at"]
        read_only_fields = fields

    @extend_schema_field(LineResultSerializer(many=True))
    def get_lines(self, obj) -> list:
        lines = self.context.get("snapshot_lines")
        return lines(obj.report) if lines else []


class QuotaReportSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    org_type = serializers.CharField(source="employer.org_type", read_only=True)
    region = serializers.CharField(source="employer.region.code", read_only=True)
    levy_year = serializers.IntegerField(read_only=True, help_text="征收年度 = 数据年度 + 1")
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    roster_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = QuotaReport
        fields = [
            "id",
            "employer",
            "employer_name",
            "org_type",
            "region",
            "data_year",
            "levy_year",
            "status",
            "status_display",
            "employee_count",
            "monthly_headcounts",
            "total_wages",
            "roster_count",
            "version",
            "submitted_at",
            "approved_at",
            "updated_at",
        ]
        read_only_fields = fields


class QuotaReportDetailSerializer(QuotaReportSerializer):
    approved_by = serializers.CharField(source="approved_by.username", read_only=True, allow_null=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    snapshot = serializers.SerializerMethodField()

    class Meta(QuotaReportSerializer.Meta):
        fields = [
            *QuotaReportSerializer.Meta.fields,
            "return_reasons",
            "requested_attachments",
            "contact_name",
            "contact_phone",
            "receipt_no",
            "approved_by",
            "created_by",
            "created_at",
            "snapshot",
        ]
        read_only_fields = fields

    @extend_schema_field(SnapshotSerializer(allow_null=True))
    def get_snapshot(self, obj):
        snapshot = ReportSnapshot.objects.filter(report=obj).first()
        return SnapshotSerializer(snapshot, context=self.context).data if snapshot else None


class ReportCreateSerializer(serializers.Serializer):
    employer = serializers.IntegerField(
        required=False, min_value=1, help_text="单位ID；只属于一个单位时可不填"
    )
    data_year = serializers.IntegerField(
        min_value=2000, max_value=2100, help_text="数据年度（保障金在下一年度申报缴纳）"
    )


class ReportFiguresSerializer(serializers.Serializer):
    employee_count = serializers.DecimalField(
        max_digits=12, decimal_places=4, min_value=Decimal("0"), required=False, allow_null=True
    )
    monthly_headcounts = serializers.ListField(
        child=serializers.DecimalField(max_digits=12, decimal_places=4, min_value=Decimal("0")),
        min_length=12,
        max_length=12,
        required=False,
        allow_null=True,
    )
    total_wages = serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True
    )
    expected_version = serializers.IntegerField(
        required=False, min_value=1, help_text="您看到的版本号；已被他人修改时拒绝"
    )

    def validate(self, attrs):
        if attrs.get("employee_count") is not None and attrs.get("monthly_headcounts") is not None:
            message = "年平均人数和12个月的月末人数只填其一"
            raise serializers.ValidationError({"employee_count": message, "monthly_headcounts": message})
        return attrs


class VersionSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField(required=False, min_value=1, help_text="您核对过的版本号")


class ReturnSerializer(serializers.Serializer):
    reasons = serializers.CharField(max_length=2000, help_text="退回原因（必填）")
    requested_attachments = serializers.ListField(
        child=serializers.ChoiceField(choices=ReportAttachmentKind.choices),
        required=False,
        max_length=len(ReportAttachmentKind.choices),
        help_text="要求单位在重新提交前补充的材料类型",
    )


class ContactSerializer(serializers.Serializer):
    contact_name = serializers.CharField(max_length=40, help_text="经办人姓名")
    contact_phone = serializers.CharField(
        max_length=30, help_text="经办人电话：手机号或带区号的固定电话，可含空格和连字符，如 139-1234-5678"
    )
    expected_version = serializers.IntegerField(required=False, min_value=1, help_text="您看到的版本号")


class HireOptionSerializer(serializers.Serializer):
    weight = serializers.IntegerField(help_text="每人折算人数：一级、二级残疾人为2，其他为1")
    grades = serializers.CharField(help_text="残疾等级")
    hires = serializers.IntegerField(help_text="需要招聘的人数")
    start_by = serializers.DateField(help_text="最晚入职日期（当月1日起在岗）")
    months = serializers.IntegerField(help_text="按最晚日期入职时当年计入的月数")


class HiresNeededSerializer(serializers.Serializer):
    data_year = serializers.IntegerField()
    gap = serializers.DecimalField(
        max_digits=12, decimal_places=4, help_text="差额：应安排人数 − 实际安排人数（折算）"
    )
    met = serializers.BooleanField(help_text="已达到比例或免缴")
    exempt = serializers.BooleanField()
    year_over = serializers.BooleanField(help_text="该数据年度已没有完整的月份可以入职")
    earliest_start = serializers.DateField(allow_null=True)
    options = HireOptionSerializer(many=True)


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="用模板填写的 .xlsx 文件，或由它另存的 .csv 文件（UTF-8 或 GBK）")


class RosterImportSerializer(ImportUploadSerializer):
    mode = serializers.ChoiceField(
        choices=RosterImportMode.choices,
        help_text="必填，无默认值。replace：替换现有名册（文件中没有的人会被删除）；"
        "merge：追加或更新（证号相同的行更新，其余追加，不删除任何行）",
        error_messages={
            "required": MODE_REQUIRED,
            "null": MODE_REQUIRED,
            "blank": MODE_REQUIRED,
            "invalid_choice": MODE_INVALID,
        },
    )
    preview = serializers.BooleanField(
        required=False,
        default=False,
        help_text="为 true 时只检查并返回将保留、更新、追加、删除的行数，不保存",
        error_messages={"invalid": "preview 应为 true 或 false"},
    )


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="表格中的行号（0 表示整个文件）")
    column = serializers.CharField(allow_blank=True)
    reason = serializers.CharField()


class ImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField(help_text="导入的行数（preview 时为 0）")
    version = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=RosterImportMode.choices)
    preview = serializers.BooleanField()
    existing = serializers.IntegerField(help_text="导入前名册的行数")
    kept = serializers.IntegerField(help_text="保留不变的行数（只在 merge 时大于 0）")
    updated = serializers.IntegerField(help_text="证号相同而按文件更新的行数")
    added = serializers.IntegerField(help_text="新增的行数")
    removed = serializers.IntegerField(help_text="删除的行数（只在 replace 时大于 0）")


class CarryForwardResultSerializer(serializers.Serializer):
    copied = serializers.IntegerField()
    version = serializers.IntegerField()


# --- roster lines -----------------------------------------------------------------------


class RosterLineSerializer(serializers.ModelSerializer):
    """For auditors and administrators: the certificate number masked."""

    name = serializers.CharField(source="person.name", read_only=True)
    certificate_no_masked = serializers.SerializerMethodField()
    data_year = serializers.IntegerField(source="report.data_year", read_only=True)

    class Meta:
        model = RosterLine
        fields = [
            "id",
            "report",
            "data_year",
            "line_no",
            "person",
            "name",
            "certificate_kind",
            "certificate_no_masked",
            "months",
            "monthly_wage",
            "on_establishment",
            "contract_start",
            "contract_end",
            "insured_months",
            "dispatched",
            "dispatch_agency",
            "counts_here",
        ]
        read_only_fields = fields

    def get_certificate_no_masked(self, obj) -> str:
        number = obj.person.decrypt("certificate")
        return mask_identifier(number) if number else ""


class LineFieldsSerializer(serializers.Serializer):
    months = month_list(min_length=1, help_text="数据年度内在岗月份")
    monthly_wage = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    on_establishment = serializers.BooleanField(default=False)
    contract_start = serializers.DateField(required=False, allow_null=True)
    contract_end = serializers.DateField(required=False, allow_null=True, help_text="无固定期限合同不填")
    insured_months = month_list(required=False, allow_null=True, help_text="不填表示在岗月份都已缴纳")
    dispatched = serializers.BooleanField(default=False)
    dispatch_agency = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    counts_here = serializers.BooleanField(default=True, help_text="劳务派遣人员：派遣协议约定由本单位计算")
    expected_version = serializers.IntegerField(required=False, min_value=1)

    def validate_months(self, value):
        return unique_months(value)

    def validate_insured_months(self, value):
        return unique_months(value, "社保月份")

    def validate(self, attrs):
        start, end = attrs.get("contract_start"), attrs.get("contract_end")
        if start and end and end < start:
            raise serializers.ValidationError({"contract_end": "劳动合同结束日期不能早于开始日期"})
        return attrs


class RosterLineCreateSerializer(LineFieldsSerializer):
    report = serializers.IntegerField(min_value=1)
    name = serializers.CharField(max_length=40)
    certificate_kind = serializers.ChoiceField(
        choices=RosterCertificateKind.choices, default=RosterCertificateKind.DISABILITY
    )
    certificate_no = serializers.CharField(max_length=40)


class RosterLineUpdateSerializer(LineFieldsSerializer):
    def __init__(self, *args, **kwargs):
        kwargs["partial"] = True
        super().__init__(*args, **kwargs)


class ReportHistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class ReportHistoryEntrySerializer(serializers.Serializer):
    """One version of a report: when, who, why and what changed."""

    at = serializers.DateTimeField()
    by = serializers.CharField()
    reason = serializers.CharField()
    version = serializers.IntegerField()
    changes = ReportHistoryChangeSerializer(many=True)


class ReportAttachmentSerializer(serializers.ModelSerializer):
    """A supporting document of a report; the file itself downloads from ``download_url`` (a
    view that checks who may see the report)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportAttachment
        fields = [
            "id",
            "kind",
            "kind_label",
            "name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return reverse("frontend:quota_attachment_file", args=[obj.pk])


class ReportAttachmentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ReportAttachmentKind.choices, error_messages={"invalid_choice": "请选择材料类型"}
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        allow_empty=False,
        error_messages={"required": "请选择要上传的文件", "empty": "请选择要上传的文件"},
    )
