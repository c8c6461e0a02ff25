"""Forms of the 残疾人之家 and individual-subsidy pages: parse only; rules live in the services."""

from django import forms

from daycentres.choices import SubsidyKind

from .forms import AccessibleFormMixin


class SubsidyApplyForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="补贴类型",
        choices=[
            (SubsidyKind.STARTUP, SubsidyKind.STARTUP.label),
            (SubsidyKind.FLEXIBLE_INSURANCE, SubsidyKind.FLEXIBLE_INSURANCE.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择补贴类型"},
    )
    business_name = forms.CharField(
        label="创业实体名称",
        required=False,
        max_length=120,
        help_text="申请自主创业补贴时填写，与营业执照一致",
    )
    business_credit_code = forms.CharField(
        label="统一社会信用代码", required=False, max_length=40, help_text="申请自主创业补贴时填写，18位"
    )
    months = forms.IntegerField(
        label="补贴月数",
        required=False,
        min_value=1,
        max_value=12,
        help_text="申请灵活就业社保补贴时填写，1到12个月",
        error_messages={
            "invalid": "补贴月数应为整数",
            "min_value": "补贴月数至少为1",
            "max_value": "补贴月数最多为12",
        },
    )


class RefuseForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label="不予受理的理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明不予受理的理由"},
    )
