"""Registry API serializers: the upload's input, an import's record, a check's outcome."""

from rest_framework import serializers

from ..choices import ImportKind
from ..models import DataImport

KIND_REQUIRED = "请选择数据类型：certificates（残疾人证核验数据）或 insurance（社保缴费明细）"


class DataImportSerializer(serializers.ModelSerializer):
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = DataImport
        fields = [
            "id",
            "kind",
            "source",
            "sha256",
            "created_by",
            "created_at",
            "rows",
            "created",
            "updated",
            "unchanged",
            "rechecked_reports",
        ]

    def get_created_by(self, obj) -> str:
        """The importer's user name; "" for the command line."""
        return obj.created_by.username if obj.created_by_id else ""


class RegistryUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV（UTF-8 或 GBK）或 .xlsx 文件，第一行为表头")
    kind = serializers.ChoiceField(
        choices=ImportKind.choices,
        error_messages={"required": KIND_REQUIRED, "null": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED},
    )
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text="为 true 时只检查并返回将新增、更新、未变的条数和前几行（已遮蔽），不保存",
        error_messages={"invalid": "dry_run 应为 true 或 false"},
    )


class RegistryRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="表格行号（1 为表头，0 为整个文件）")
    column = serializers.CharField(allow_blank=True)
    reason = serializers.CharField()
    message = serializers.CharField()


class RegistryCheckSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    source = serializers.CharField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    sample = serializers.ListField(
        child=serializers.DictField(),
        help_text="前几行（证号、身份证号、姓名已遮蔽；不含残疾类别和等级）",
    )


class RegistryRefusalSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    rows = RegistryRowErrorSerializer(many=True, required=False)
