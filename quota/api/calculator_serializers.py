"""Serializers of the public calculator, its result (shared with the report preview) and policies.

Figures are strings (money 2 places, head counts 4, ratio 6) so no float ever carries money.
"""

from decimal import Decimal

from rest_framework import serializers

from backend.accounts.choices import OrgType
from quota.core import InputError
from quota.core.amounts import normalize_number_text

from ..models import QuotaPolicy
from ..models.policy import POLICY_PARAMETERS
from ..services.calculator import CONTRACT_MONTHS_REQUIRED


class AmountField(serializers.DecimalField):
    """A DecimalField that also takes text with thousands separators ("9,000,000", full-width
    "９，０００" too), read exactly by the core's one number parser.  JSON numbers are taken as
    before (DRF reads them through their shortest text); money in responses stays a string."""

    def to_internal_value(self, data):
        if isinstance(data, str) and data.strip() and len(data) <= self.MAX_STRING_LENGTH:
            try:
                data = normalize_number_text(data)
            except InputError as error:
                raise serializers.ValidationError(error.message_zh) from error
        return super().to_internal_value(data)


def _month():
    messages = {"invalid": "月份应为1至12的整数", "min_value": "月份应为1至12", "max_value": "月份应为1至12"}
    return serializers.IntegerField(min_value=1, max_value=12, error_messages=messages)


def month_list(**kwargs):
    return serializers.ListField(child=_month(), max_length=12, **kwargs)


def unique_months(value, label="月份"):
    if value is not None and len(set(value)) != len(value):
        raise serializers.ValidationError(f"{label}有重复")
    return value


# --- calculator -------------------------------------------------------------------------


class CalculatorEmployeeSerializer(serializers.Serializer):
    certificate_no = serializers.CharField(max_length=40, help_text="残疾人证号（20位）或残疾军人证号")
    months = month_list(required=False, min_length=1, help_text="数据年度内在岗的月份，默认1—12")
    veteran = serializers.BooleanField(default=False, help_text="是否残疾军人证")
    grade = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=8,
        help_text="残疾军人证等级1—8（残疾人证的等级从证号读取）",
    )
    monthly_wage = AmountField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), help_text="月工资（元），可写 6,000"
    )
    contract_months = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=1200,
        help_text="劳动合同或服务协议期限（月）。必填，除非 on_establishment（在编）或 open_ended_contract"
        "（无固定期限合同）为 true；不满 min_contract_months（12）个月的不计入",
    )
    open_ended_contract = serializers.BooleanField(
        default=False, help_text="无固定期限劳动合同（等同合同期限 999 个月，不用填 contract_months）"
    )
    insured_months = month_list(
        required=False, allow_null=True, help_text="足额缴纳社保的月份；不填表示在岗月份都已缴纳"
    )
    on_establishment = serializers.BooleanField(default=False, help_text="是否在编（在编无需劳动合同）")
    certificate_valid_until = serializers.DateField(
        required=False, allow_null=True, help_text="证件有效期至（含当日）；不填不核对"
    )

    def validate_months(self, value):
        return unique_months(value)

    def validate_insured_months(self, value):
        return unique_months(value, "社保月份")

    def validate(self, attrs):
        errors = {}
        if attrs.get("veteran") and attrs.get("grade") is None:
            errors["grade"] = "残疾军人请填写残疾军人证等级（1至8级）"
        if attrs.get("contract_months") is None and not (
            attrs.get("on_establishment") or attrs.get("open_ended_contract")
        ):
            errors["contract_months"] = CONTRACT_MONTHS_REQUIRED
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class CalculatorRequestSerializer(serializers.Serializer):
    data_year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        help_text="数据年度：人数和工资所属年度；保障金在下一年度（征收年度）申报缴纳",
    )
    region = serializers.CharField(max_length=12, default="320585", help_text="区划代码，默认太仓市 320585")
    org_type = serializers.ChoiceField(choices=OrgType.choices)
    employee_count = AmountField(
        max_digits=12,
        decimal_places=4,
        min_value=Decimal("0"),
        required=False,
        allow_null=True,
        help_text="在职职工年平均人数",
    )
    monthly_headcounts = serializers.ListField(
        child=AmountField(max_digits=12, decimal_places=4, min_value=Decimal("0")),
        min_length=12,
        max_length=12,
        required=False,
        allow_null=True,
        help_text="12个月的月末在职职工人数（与年平均人数二选一）",
    )
    total_wages = AmountField(
        max_digits=16, decimal_places=2, min_value=Decimal("0"), help_text="工资总额（元），可写 9,000,000"
    )
    social_average_wage = AmountField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        allow_null=True,
        help_text="社会平均工资（元/年），不填按政策参数",
    )
    disabled_employees = CalculatorEmployeeSerializer(many=True, required=False, max_length=2000)

    def validate(self, attrs):
        has_count = attrs.get("employee_count") is not None
        has_months = attrs.get("monthly_headcounts") is not None
        if has_count == has_months:
            message = "请填写年平均在职职工人数（employee_count）或12个月的月末人数（monthly_headcounts），二者只填其一"
            raise serializers.ValidationError({"employee_count": message, "monthly_headcounts": message})
        return attrs


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    months = serializers.ListField(child=serializers.IntegerField())


class LineResultSerializer(serializers.Serializer):
    line_id = serializers.CharField()
    counted = serializers.BooleanField()
    weight = serializers.IntegerField()
    months_counted = serializers.IntegerField()
    months = serializers.ListField(child=serializers.IntegerField())
    contribution = serializers.CharField(help_text="折算人数 = 权重 × 计入月数 ÷ 12（4位小数）")
    category = serializers.IntegerField(allow_null=True)
    category_name = serializers.CharField(allow_blank=True)
    grade = serializers.IntegerField(allow_null=True)
    veteran = serializers.BooleanField()
    reasons = ReasonSerializer(many=True)


class PolicyResolvedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField()
    region_name = serializers.CharField()
    levy_year = serializers.IntegerField(help_text="征收年度")
    data_year = serializers.IntegerField(help_text="数据年度 = 征收年度 − 1")
    levy_year_from = serializers.IntegerField()
    levy_year_to = serializers.IntegerField(allow_null=True)
    parameters = serializers.DictField()
    labels = serializers.DictField(child=serializers.CharField())
    sources = serializers.DictField(child=serializers.CharField())
    unconfirmed = serializers.ListField(child=serializers.CharField())


class ResultFieldsSerializer(serializers.Serializer):
    """Figures as strings: money 2 places, head counts 4, ratio 6 (plus a percentage)."""

    data_year = serializers.IntegerField()
    levy_year = serializers.IntegerField(help_text="征收年度：数据年度的下一年")
    employee_count = serializers.CharField()
    required_count = serializers.CharField()
    counted_disabled = serializers.CharField()
    ratio = serializers.CharField()
    ratio_percent = serializers.CharField()
    shortfall = serializers.CharField()
    average_wage = serializers.CharField()
    wage_cap = serializers.CharField(allow_blank=True)
    wage_cap_unknown = serializers.BooleanField()
    social_average_wage = serializers.CharField(allow_blank=True)
    wage_base = serializers.CharField()
    gross_levy = serializers.CharField()
    payable_share = serializers.CharField()
    payable_share_percent = serializers.CharField()
    levy_due = serializers.CharField(help_text="应缴保障金（元，2位小数）")
    exempt = serializers.BooleanField()
    exempt_reason = serializers.CharField(allow_blank=True)
    tier = serializers.CharField()
    reward_meet = serializers.CharField()
    reward_above = serializers.CharField()
    rewards = serializers.DictField(child=serializers.CharField())
    steps = serializers.ListField(child=serializers.CharField())


class CalculationResponseSerializer(ResultFieldsSerializer):
    employees = LineResultSerializer(many=True)
    policy = PolicyResolvedSerializer()


class VerifiedLineSerializer(LineResultSerializer):
    """Lines of reports approved before verification existed carry no verification fields."""

    verification = serializers.ChoiceField(
        required=False,
        choices=[("verified", "已核验"), ("pending", "待核验"), ("mismatch", "不一致")],
        help_text="证件和参保月份是否已与残联核验库、社保缴费记录核对一致",
    )
    verification_name = serializers.CharField(required=False)
    verification_message = serializers.CharField(
        required=False, allow_blank=True, help_text="待核验或不一致的原因"
    )


class VerificationCountsSerializer(serializers.Serializer):
    verified = serializers.IntegerField()
    pending = serializers.IntegerField()
    mismatch = serializers.IntegerField()


class IfConfirmedSerializer(serializers.Serializer):
    counted_disabled = serializers.CharField()
    ratio = serializers.CharField()
    levy_due = serializers.CharField()
    exempt = serializers.BooleanField()


class PreviewResponseSerializer(ResultFieldsSerializer):
    """A stored report's figures on verified facts, and what they would be if every pending
    certificate were confirmed."""

    lines = VerifiedLineSerializer(many=True)
    policy = PolicyResolvedSerializer()
    verification = VerificationCountsSerializer(required=False, help_text="已核验、待核验、不一致的人数")
    if_confirmed = IfConfirmedSerializer(
        required=False, help_text="如待核验的证件全部核验通过时的数字（审核通过后的快照没有此项）"
    )


# --- policies ---------------------------------------------------------------------------


class QuotaPolicySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = QuotaPolicy
        fields = [
            "id",
            "region",
            "region_name",
            "levy_year_from",
            "levy_year_to",
            *POLICY_PARAMETERS,
            "sources",
            "unconfirmed",
            "notes",
            "updated_at",
        ]
        read_only_fields = fields
