"""Serializers of the credit process: cases (告知 → 陈述申辩 → 决定), their files and statements,
and the requests to lift or repair a flag.  Input serializers only parse; the services decide."""

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from backend.accounts.models import Employer
from quota.audit.api.serializers import ScopedPrimaryKeyField, _person_name
from quota.audit.choices import ClosureAction, CreditCaseDecision, CreditLevel

from ..models.credit import CreditAttachment, CreditCase, CreditStatement


class CreditAttachmentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="下载地址（需登录，按权限校验）")

    class Meta:
        model = CreditAttachment
        fields = ["id", "name", "content_type", "size", "sha256", "statement", "uploaded_at", "download"]

    def get_download(self, attachment) -> str:
        return reverse("quota-credit-case-file", args=[attachment.case_id, attachment.pk])


class CreditStatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditStatement
        fields = ["id", "text", "submitted_at"]


class CreditCaseSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    credit_code = serializers.CharField(source="employer.credit_code", read_only=True)
    statement_open = serializers.SerializerMethodField(help_text="单位现在还可以陈述申辩")
    ready_to_decide = serializers.SerializerMethodField(help_text="陈述申辩期已满或单位已放弃，可以作出决定")
    opened_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()
    flag = serializers.SerializerMethodField(help_text="认定失信后生成的失信记录编号")
    statements = CreditStatementSerializer(many=True, read_only=True)
    attachments = CreditAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = CreditCase
        fields = [
            "id",
            "employer",
            "employer_name",
            "credit_code",
            "level",
            "reason",
            "basis",
            "evidence",
            "status",
            "notified_on",
            "statement_days",
            "statement_due",
            "statement_open",
            "ready_to_decide",
            "waived_at",
            "opened_by",
            "opened_at",
            "decision",
            "decision_reason",
            "decided_by",
            "decided_at",
            "flag",
            "statements",
            "attachments",
        ]

    def get_statement_open(self, case) -> bool:
        return case.statement_open(timezone.localdate())

    def get_ready_to_decide(self, case) -> bool:
        return case.ready_to_decide(timezone.localdate())

    def get_opened_by(self, case) -> str:
        return _person_name(case.opened_by)

    def get_decided_by(self, case) -> str:
        return _person_name(case.decided_by)

    def get_flag(self, case) -> int | None:
        flag = getattr(case, "flag", None)
        return flag.pk if flag is not None else None


FILES_HELP = "PDF、JPG或PNG文件，每个不超过10MB，一次最多5个（multipart/form-data，字段名 files 可重复）"


def files_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False), help_text=FILES_HELP, **kwargs
    )


class CreditCaseOpenSerializer(serializers.Serializer):
    employer = ScopedPrimaryKeyField(Employer)
    level = serializers.ChoiceField(choices=CreditLevel.choices, help_text="拟认定的失信等级")
    reason = serializers.CharField(max_length=500, help_text="拟认定的事由")
    basis = serializers.CharField(max_length=500, help_text="认定依据（文件和条款）")
    evidence = serializers.CharField(max_length=5000, help_text="证据说明（证据目录）")
    files = files_field(allow_empty=False)


class CreditStatementInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="陈述申辩内容")
    files = files_field(required=False, allow_empty=True)


class CreditCaseDecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=CreditCaseDecision.choices)
    reason = serializers.CharField(max_length=500, help_text="决定理由（对单位陈述申辩的采纳情况）")
    start_date = serializers.DateField(
        required=False, allow_null=True, help_text="认定失信时填写：失信记录起始日期"
    )


class ClosureProposeSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=ClosureAction.choices)
    reason = serializers.CharField(max_length=500)


class ClosureDecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[("approve", "批准"), ("reject", "不批准")])
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, help_text="不批准时必填")
