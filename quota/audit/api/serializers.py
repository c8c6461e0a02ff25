"""Serializers of the audit and decision API: explicit fields, no identifiers in clear.

Input serializers only parse; every rule lives in the services.  Object references in a body
(employer, report, notice) are looked up in the caller's scope, so an object outside it is
"不存在" (400), never a hint that it exists.
"""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.models import Employer
from quota.audit.choices import AdjustmentKind, LedgerKind, ObjectionDecision
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.models import QuotaReport
from quota.models.credit import CreditClosure
from quota.models.decisions import (
    CreditFlag,
    CreditObjection,
    LedgerEntry,
    LevyAdjustment,
    LevyNotice,
    LevyPayment,
)
from quota.selectors.notices import notice_surcharge_to_date

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": Decimal("0.01")}


def _person_name(user) -> str:
    return (user.first_name or user.username) if user else ""


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A primary key resolved within ``Model.objects.visible_to(request.user)``."""

    def __init__(self, model, **kwargs):
        self.model = model
        kwargs.setdefault("error_messages", {"does_not_exist": "编号 {pk_value} 不存在或不在您的权限范围内"})
        super().__init__(**kwargs)

    def get_queryset(self):
        return self.model.objects.visible_to(self.context["request"].user)


# --- audit runs, results, findings ---------------------------------------------------------
class AuditRunSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = AuditRun
        fields = [
            "id",
            "data_year",
            "regions",
            "status",
            "progress",
            "counts",
            "error",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_created_by(self, run) -> str:
        # An automatic re-check has no person behind it: say what started it.
        return (
            _person_name(run.created_by)
            if run.created_by
            else f"{run.get_trigger_display()}：{run.trigger_reason}"
        )


class AuditStartSerializer(serializers.Serializer):
    data_year = serializers.IntegerField(
        min_value=2015, max_value=2100, help_text="数据年度（保障金在下一年度征收）"
    )


class AuditResultSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    credit_code = serializers.CharField(source="employer.credit_code", read_only=True)
    org_type = serializers.CharField(source="employer.org_type", read_only=True)
    region = serializers.CharField(source="employer.region.code", read_only=True)
    region_name = serializers.CharField(source="employer.region.name", read_only=True)

    class Meta:
        model = AuditResult
        fields = [
            "id",
            "employer",
            "employer_name",
            "credit_code",
            "org_type",
            "region",
            "region_name",
            "report",
            "status",
            "employee_count",
            "counted_disabled",
            "ratio",
            "levy_due",
            "exempt",
            "findings_count",
            "max_severity",
            "error",
        ]


class AuditFindingSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    roster_line_no = serializers.IntegerField(source="roster_line.line_no", read_only=True, default=None)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = AuditFinding
        fields = [
            "id",
            "employer",
            "employer_name",
            "report",
            "roster_line",
            "roster_line_no",
            "kind",
            "kind_display",
            "severity",
            "message",
        ]


# --- levy notices, payments, adjustments ------------------------------------------------------
class AccruedSurchargeSerializer(serializers.Serializer):
    """The surcharge the unpaid levy has accrued from the current due date to ``as_of`` (today):
    outstanding × daily_rate × days_overdue, rounded once (《残疾人就业条例》第二十七条;
    财税〔2015〕72号 第二十六条).  Not yet recorded: it is fixed when the payment is recorded."""

    as_of = serializers.DateField(help_text="计算截至日期（今天）")
    due_date = serializers.DateField(help_text="适用的缴款期限（含缓缴）")
    days_overdue = serializers.IntegerField(source="days", help_text="逾期天数")
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="尚欠保障金（元）")
    daily_rate = serializers.DecimalField(
        max_digits=8, decimal_places=6, help_text="滞纳金日费率（政策参数）"
    )
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="截至今日的滞纳金（元）")
    source = serializers.CharField(help_text="日费率的出处")


class LevyNoticeSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    outstanding = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    levy_year = serializers.SerializerMethodField()
    issued_by = serializers.SerializerMethodField()
    surcharge_accrued = serializers.SerializerMethodField(
        help_text="尚欠保障金逾期未缴时，截至今日累计的滞纳金（尚未登记）；未逾期、已缴清或已作废时为 null"
    )

    class Meta:
        model = LevyNotice
        fields = [
            "id",
            "employer",
            "employer_name",
            "report",
            "data_year",
            "levy_year",
            "amount",
            "reduced_amount",
            "paid_amount",
            "outstanding",
            "surcharge_amount",
            "surcharge_accrued",
            "due_date",
            "current_due_date",
            "status",
            "cancel_reason",
            "issued_at",
            "issued_by",
        ]

    def get_levy_year(self, notice) -> int:
        return notice.data_year + 1

    @extend_schema_field(AccruedSurchargeSerializer(allow_null=True))
    def get_surcharge_accrued(self, notice) -> dict | None:
        # One "today" and one policy cache per response (the view puts them in the context).
        accrued = notice_surcharge_to_date(
            notice, today=self.context.get("today"), policies=self.context.setdefault("policies", {})
        )
        return None if accrued is None else AccruedSurchargeSerializer(accrued).data

    def get_issued_by(self, notice) -> str:
        return _person_name(notice.issued_by)


class NoticeIssueSerializer(serializers.Serializer):
    report = ScopedPrimaryKeyField(QuotaReport, help_text="审核通过的申报编号")
    due_date = serializers.DateField(help_text="缴款期限")
    issued_on = serializers.DateField(
        required=False, allow_null=True, help_text="补录纸质通知时填写开具日期；默认今天"
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="理由")


class LevyPaymentSerializer(serializers.ModelSerializer):
    employer = serializers.IntegerField(source="notice.employer_id", read_only=True)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = LevyPayment
        fields = [
            "id",
            "notice",
            "employer",
            "amount",
            "paid_on",
            "due_date_applied",
            "days_late",
            "daily_rate",
            "surcharge",
            "recorded_by",
            "recorded_at",
        ]

    def get_recorded_by(self, payment) -> str:
        return _person_name(payment.recorded_by)


class PaymentRecordSerializer(serializers.Serializer):
    notice = ScopedPrimaryKeyField(LevyNotice)
    amount = serializers.DecimalField(**MONEY, help_text="缴纳的保障金（元），不含滞纳金")
    paid_on = serializers.DateField(help_text="缴纳日期")


class LevyAdjustmentSerializer(serializers.ModelSerializer):
    approved_by = serializers.SerializerMethodField()

    class Meta:
        model = LevyAdjustment
        fields = ["id", "notice", "kind", "amount", "new_due_date", "reason", "approved_by", "approved_at"]

    def get_approved_by(self, adjustment) -> str:
        return _person_name(adjustment.approved_by)


class AdjustmentInputSerializer(serializers.Serializer):
    notice = ScopedPrimaryKeyField(LevyNotice)
    kind = serializers.ChoiceField(choices=AdjustmentKind.choices)
    amount = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, help_text="减免金额（减免时填写）"
    )
    new_due_date = serializers.DateField(
        required=False, allow_null=True, help_text="缓缴后的缴款期限（缓缴时填写）"
    )
    reason = serializers.CharField(max_length=500)


# --- ledger ----------------------------------------------------------------------------------
class LedgerEntrySerializer(serializers.ModelSerializer):
    employer_name = serializers.SerializerMethodField()
    payee_type = serializers.SerializerMethodField(help_text="单位、个人或残疾人之家")
    payee_name = serializers.SerializerMethodField()
    proposed_by = serializers.SerializerMethodField()
    approved_by = serializers.SerializerMethodField()
    self_approved = serializers.SerializerMethodField()
    paid_by = serializers.SerializerMethodField()

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "employer",
            "employer_name",
            "person",
            "centre",
            "payee_type",
            "payee_name",
            "report",
            "data_year",
            "kind",
            "amount",
            "basis",
            "status",
            "proposed_by",
            "proposed_at",
            "approved_by",
            "approved_at",
            "self_approved",
            "decision_note",
            "paid_at",
            "paid_by",
        ]

    def get_employer_name(self, entry) -> str:
        return entry.employer.name if entry.employer_id else ""

    def get_payee_type(self, entry) -> str:
        return entry.payee_type

    def get_payee_name(self, entry) -> str:
        return entry.payee.name

    def get_proposed_by(self, entry) -> str:
        return _person_name(entry.proposed_by)

    def get_approved_by(self, entry) -> str:
        return _person_name(entry.approved_by)

    def get_self_approved(self, entry) -> bool:
        # Always false for entries decided since four eyes are required; kept for older rows.
        return entry.approved_by_id is not None and entry.approved_by_id == entry.proposed_by_id

    def get_paid_by(self, entry) -> str:
        return _person_name(entry.paid_by)


class LedgerProposeSerializer(serializers.Serializer):
    employer = ScopedPrimaryKeyField(Employer)
    data_year = serializers.IntegerField(min_value=2015, max_value=2100)
    kind = serializers.ChoiceField(choices=LedgerKind.choices)
    amount = serializers.DecimalField(**MONEY)
    basis = serializers.CharField(max_length=500)
    report = ScopedPrimaryKeyField(QuotaReport, required=False, allow_null=True)


class DataYearSerializer(serializers.Serializer):
    data_year = serializers.IntegerField(min_value=2015, max_value=2100)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


# --- credit flags ------------------------------------------------------------------------------
class CreditObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditObjection
        fields = ["id", "text", "submitted_at", "decision", "decided_at", "decision_reason"]


class CreditClosureSerializer(serializers.ModelSerializer):
    proposed_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = CreditClosure
        fields = [
            "id",
            "action",
            "reason",
            "status",
            "proposed_by",
            "proposed_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]

    def get_proposed_by(self, closure) -> str:
        return _person_name(closure.proposed_by)

    def get_decided_by(self, closure) -> str:
        return _person_name(closure.decided_by)


class CreditFlagSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(read_only=True, help_text="认定时的单位名称")
    credit_code = serializers.CharField(read_only=True, help_text="认定时的统一社会信用代码")
    objections = CreditObjectionSerializer(many=True, read_only=True)
    closures = CreditClosureSerializer(many=True, read_only=True, help_text="撤销或信用修复申请及复核结果")

    class Meta:
        model = CreditFlag
        fields = [
            "id",
            "employer",
            "employer_name",
            "credit_code",
            "level",
            "reason",
            "evidence",
            "start_date",
            "end_date",
            "status",
            "decided_at",
            "closed_at",
            "closed_reason",
            "case",
            "objections",
            "closures",
        ]


class ObjectionSubmitSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000, help_text="异议内容")


class ObjectionDecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(ObjectionDecision.ACCEPTED, "异议成立"), (ObjectionDecision.REJECTED, "异议不成立")]
    )
    reason = serializers.CharField(max_length=500)
