"""Forms of the 残疾人之家 and individual-subsidy pages: parse only; rules live in the services."""

from decimal import Decimal

from django import forms

from backend.accounts.models import Employer, Person
from daycentres.choices import DistributionBasis, OrderStatus, SubsidyKind
from daycentres.models import CentreMembership

from .forms import AccessibleFormMixin
from .forms_audit import date_field, money_field


class SubsidyApplyForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="补贴类型",
        choices=SubsidyKind.choices,
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
    training_record = forms.TypedChoiceField(
        label="培训或鉴定记录",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="申请职业培训补贴或职业技能鉴定补贴时选择；记录由残联登记，见“我的信息”",
        error_messages={"invalid_choice": "请选择本人的培训或鉴定记录"},
    )

    def __init__(self, *args, training_records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_record"].choices = [("", "（不申请培训、鉴定补贴时不选）")] + [
            (r.pk, f"{r.course_name}（{r.provider}，{r.end_date:%Y-%m-%d}结业）") for r in training_records
        ]


class RefuseForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label="不予受理的理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明不予受理的理由"},
    )


# --- the 就业服务专员's forms on the centre pages (each prefixed: several share one page) ---


class MemberAddForm(AccessibleFormMixin, forms.Form):
    prefix = "member"
    person = forms.ModelChoiceField(
        label="加入的人员",
        queryset=Person.objects.none(),
        empty_label="请选择",
        help_text="本区镇持残疾人证、尚未加入残疾人之家的人员",
        error_messages={"required": "请选择加入的人员", "invalid_choice": "所选人员不在可加入的名单中"},
    )
    joined_on = date_field("入托日期")

    def __init__(self, *args, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons if persons is not None else Person.objects.none()
        self.fields["person"].label_from_instance = lambda p: p.name


class MemberLeaveForm(AccessibleFormMixin, forms.Form):
    prefix = "leave"
    membership = forms.ModelChoiceField(
        label="离开的成员",
        queryset=CentreMembership.objects.none(),
        empty_label="请选择",
        error_messages={
            "required": "请选择离开的成员",
            "invalid_choice": "所选成员不在本残疾人之家的在册名单中",
        },
    )
    left_on = date_field("离开日期")

    def __init__(self, *args, memberships=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = memberships if memberships is not None else CentreMembership.objects.none()
        field.label_from_instance = lambda m: m.person.name


class OrderForm(AccessibleFormMixin, forms.Form):
    prefix = "order"
    employer_credit_code = forms.CharField(
        label="委托单位统一社会信用代码",
        max_length=40,
        help_text="项目调配中心订单上的委托单位，18位",
        error_messages={"required": "请填写委托单位统一社会信用代码"},
    )
    product = forms.CharField(
        label="产品或工序",
        max_length=120,
        help_text="例如 汽车线束装配",
        error_messages={"required": "请填写产品或工序"},
    )
    quantity = forms.IntegerField(
        label="数量（件）",
        min_value=1,
        error_messages={
            "required": "请填写数量",
            "invalid": "数量应为整数",
            "min_value": "数量应为正整数",
        },
    )
    unit_price = money_field("单价")
    received_on = date_field("接单日期")
    due_on = date_field("交付日期")

    def clean_employer_credit_code(self):
        code = self.cleaned_data["employer_credit_code"].strip().upper()
        employer = Employer.objects.filter(credit_code=code).first()
        if employer is None:
            raise forms.ValidationError("平台上没有这个统一社会信用代码的单位，请核对订单")
        self.cleaned_data["employer"] = employer
        return code


class IncomeForm(AccessibleFormMixin, forms.Form):
    prefix = "income"
    amount = money_field("收入金额")
    received_on = date_field("到账日期")
    note = forms.CharField(label="备注", max_length=200, required=False, help_text="例如 第一批货款")


class DistributionForm(AccessibleFormMixin, forms.Form):
    """Amount, basis and one hours-or-pieces field per member on the roll (``q_<membership id>``)."""

    prefix = "dist"
    amount = money_field("分配总额")
    basis = forms.ChoiceField(
        label="分配依据",
        choices=DistributionBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择按工时或按件数分配"},
    )
    distributed_on = date_field("分配日期")

    def __init__(self, *args, memberships=(), **kwargs):
        self.memberships = list(memberships)
        super().__init__(*args, **kwargs)
        for membership in self.memberships:
            name = membership.person.name
            self.fields[f"q_{membership.pk}"] = forms.DecimalField(
                label=f"{name}的工时或件数",
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=2,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                error_messages={
                    "invalid": f"{name}的工时或件数应为数字",
                    "min_value": f"{name}的工时或件数不能为负数",
                    "max_decimal_places": f"{name}的工时或件数最多两位小数",
                    "max_digits": f"{name}的工时或件数过大，请核对",
                    "max_whole_digits": f"{name}的工时或件数过大，请核对",
                },
            )
        self._link_descriptions()

    def quantities(self) -> dict[int, Decimal]:
        return {
            m.pk: self.cleaned_data[f"q_{m.pk}"]
            for m in self.memberships
            if self.cleaned_data.get(f"q_{m.pk}") is not None
        }


class SubsidyOnBehalfForm(SubsidyApplyForm):
    """The 就业服务专员 files for a person of their regions: the seeker's form with the person first."""

    person = forms.ModelChoiceField(
        label="申请人",
        queryset=Person.objects.none(),
        empty_label="请选择",
        help_text="您负责区域内持残疾人证的人员",
        error_messages={"required": "请选择申请人", "invalid_choice": "所选人员不在您负责的区域内"},
    )
    field_order = ["person", "kind", "business_name", "business_credit_code", "months"]

    def __init__(self, *args, persons=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons if persons is not None else Person.objects.none()
        self.fields["person"].label_from_instance = lambda p: f"{p.name}（{p.region.name}）"
        # Training subsidies need the person's own training record: they apply on their page.
        self.fields["kind"].choices = [
            (SubsidyKind.STARTUP, SubsidyKind.STARTUP.label),
            (SubsidyKind.FLEXIBLE_INSURANCE, SubsidyKind.FLEXIBLE_INSURANCE.label),
        ]
        del self.fields["training_record"]
        self.order_fields(self.field_order)
        self._link_descriptions()


class OrderStatusForm(AccessibleFormMixin, forms.Form):
    prefix = "status"
    status = forms.ChoiceField(
        label="项目状态",
        choices=OrderStatus.choices,
        help_text="已完成的项目计入当年运营奖补",
        error_messages={"required": "请选择项目状态", "invalid_choice": "项目状态不正确"},
    )
