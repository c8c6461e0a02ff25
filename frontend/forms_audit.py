"""Forms of the auditors' pages (and the employer's credit objection).

Forms parse and carry messages only; the rules (who may decide, what a reason must say, how a
surcharge is computed) live in the quota and indicators services, whose ValidationErrors are
copied onto the form with ``add_service_errors``.
"""

from decimal import Decimal

from django import forms
from django.utils import timezone

from backend.accounts.choices import AccessPurpose
from indicators.choices import TrainingKind
from quota.audit.choices import (
    AdjustmentKind,
    ClosureAction,
    CreditCaseDecision,
    CreditLevel,
    LedgerKind,
    ObjectionDecision,
)
from quota.choices import ReportAttachmentKind
from quota.services.attachments import MAX_FILE_BYTES, MAX_FILES

from .forms import AccessibleFormMixin
from .forms_quota import AmountField

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
FIRST_DATA_YEAR = 2015  # 财税〔2015〕72号 applies from 2015-10-01


def date_field(label: str, *, required: bool = True, help_text: str = "例如 2026-03-31") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(attrs={"autocomplete": "off", "inputmode": "numeric"}, format="%Y-%m-%d"),
        error_messages={"required": f"请填写{label}", "invalid": f"{label}格式不正确，请写成 2026-03-31"},
    )


def money_field(label: str) -> forms.DecimalField:
    # AmountField: auditors type "9,000,000" like everyone else (issue 14).
    return AmountField(
        label=label,
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        help_text="单位：元，最多两位小数，例如 10000 或 10000.50",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": f"请填写{label}",
            "invalid": f"{label}应为数字，例如 10000.50 或 10,000.50",
            "min_value": f"{label}应大于0",
            "max_digits": f"{label}过大，请核对",
            "max_whole_digits": f"{label}过大，请核对",
            "max_decimal_places": f"{label}最多保留两位小数（分）",
        },
    )


def text_area(label: str, *, max_length: int, help_text: str = "", required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": f"请填写{label}", "max_length": f"{label}不能超过{max_length}个字"},
    )


def year_choices(first: int = FIRST_DATA_YEAR) -> list[tuple[int, str]]:
    current = timezone.localdate().year
    return [(year, f"{year}年") for year in range(current, first - 1, -1)]


def choices_changed(form) -> None:
    """AccessibleFormMixin validates a bound form inside ``__init__``; after a form sets its
    choices (they depend on the year or the user) it must validate again with them."""
    if form.is_bound:
        form._errors = None
        for field in form.fields.values():
            field.widget.attrs.pop("aria-invalid", None)
            field.widget.attrs.pop("aria-describedby", None)
        form._link_descriptions()


class DataYearForm(AccessibleFormMixin, forms.Form):
    """The data year of an annual audit or of the rewards proposed from the policy."""

    data_year = forms.TypedChoiceField(
        label="数据年度",
        coerce=int,
        help_text="职工人数和工资所属的年度；保障金在下一年度征收",
        error_messages={"required": "请选择数据年度", "invalid_choice": "请从列表中选择数据年度"},
    )

    def __init__(self, *args, finished_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        years = year_choices()
        if finished_only:  # an audit needs a finished year (quota.audit.services.run.audit_start)
            years = [(year, label) for year, label in years if year < timezone.localdate().year]
        self.fields["data_year"].choices = [("", "请选择")] + years
        choices_changed(self)


class ReturnForm(AccessibleFormMixin, forms.Form):
    reasons = text_area(
        "退回原因",
        max_length=2000,
        help_text="写清楚哪里有问题、单位应怎样修改，例如“第3行证件已过期，请核对后删除”",
    )
    requested_attachments = forms.MultipleChoiceField(
        label="要求单位补充的材料（可不选）",
        choices=ReportAttachmentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="单位重新提交前必须上传所选材料",
        error_messages={"invalid_choice": "请从列表中选择材料类型"},
    )


class RevealForm(AccessibleFormMixin, forms.Form):
    purpose = forms.ChoiceField(
        label="查看用途",
        choices=[("", "请选择")] + [(AccessPurpose.AUDIT, AccessPurpose.AUDIT.label)],
        initial=AccessPurpose.AUDIT,
        error_messages={"required": "请选择查看用途"},
    )
    reason = forms.CharField(
        label="查看原因",
        max_length=200,
        help_text="会记入访问日志，本人可以看到，例如“核对挂靠线索”",
        error_messages={"required": "请写明查看原因", "max_length": "查看原因不能超过200个字"},
    )


class CertificateConfirmForm(AccessibleFormMixin, forms.Form):
    """人工核验: the span the auditor found the certificate valid for, why, and on what evidence."""

    valid_from = date_field("核验有效起始日", help_text="证件的发证日期或核对确认的起始日，例如 2020-03-01")
    valid_until = date_field("核验有效截止日", required=False, help_text="证件上的有效期；长期有效请留空")
    reason = forms.CharField(
        label="核验理由",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如“本人持证到残联窗口核对原件，证件有效”",
        error_messages={"required": "请填写核验理由", "max_length": "核验理由不能超过300个字"},
    )
    evidence = forms.CharField(
        label="核验依据（材料名称、编号）",
        max_length=300,
        help_text="例如“残疾军人证原件及复印件，档案号 2025-0312”",
        error_messages={"required": "请填写核验依据", "max_length": "核验依据不能超过300个字"},
    )


class NoticeIssueForm(AccessibleFormMixin, forms.Form):
    due_date = date_field("缴款期限")


class PaymentForm(AccessibleFormMixin, forms.Form):
    amount = money_field("缴纳金额")
    paid_on = date_field(
        "缴纳日期", help_text="以银行或税务回单日期为准，例如 2026-06-30；逾期缴纳会自动计算滞纳金"
    )


class AdjustmentForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="类型",
        choices=AdjustmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择减免或缓缴"},
    )
    amount = money_field("减免金额")
    new_due_date = date_field(
        "缓缴至", required=False, help_text="选择缓缴时填写，最长6个月，例如 2026-12-31"
    )
    reason = text_area("理由", max_length=500, help_text="困难情况和批准依据（财税〔2015〕72号第十七条）")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].required = False
        self.fields["amount"].help_text = "选择减免时填写，单位：元"
        choices_changed(self)


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = text_area("理由", max_length=500)


class LedgerProposeForm(AccessibleFormMixin, forms.Form):
    employer = forms.TypedChoiceField(
        label="用人单位",
        coerce=int,
        error_messages={"required": "请选择用人单位", "invalid_choice": "请从列表中选择用人单位"},
    )
    data_year = forms.TypedChoiceField(
        label="数据年度",
        coerce=int,
        error_messages={"required": "请选择数据年度", "invalid_choice": "请从列表中选择数据年度"},
    )
    kind = forms.ChoiceField(
        label="类型",
        choices=LedgerKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择补贴或奖励的类型"},
    )
    amount = money_field("金额")
    basis = text_area(
        "依据",
        max_length=500,
        help_text="文件、人数和标准，例如“2名残疾职工 × 岗位补贴每人每年3000元（太残联〔2024〕5号）”",
    )

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "请选择")] + [(e.pk, e.name) for e in employers]
        self.fields["data_year"].choices = [("", "请选择")] + year_choices()
        choices_changed(self)


class LedgerDecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="审批结果",
        choices=[("approve", "批准"), ("reject", "驳回")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择批准或驳回"},
    )
    note = text_area("审批意见", max_length=500, required=False, help_text="驳回时必须写明理由")


class MultipleFileInput(forms.FileInput):
    """One file control that accepts several files (Django's documented pattern)."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files; their type and size are checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


FILES_HINT = (
    f"PDF、JPG或PNG文件，每个不超过{MAX_FILE_BYTES // (1024 * 1024)}MB，一次最多{MAX_FILES}个；"
    "按住Ctrl键可以选择多个文件。页面提示错误后需要重新选择文件"
)


def files_field(label: str, *, required: bool) -> MultipleFileField:
    return MultipleFileField(
        label=label,
        required=required,
        help_text=FILES_HINT,
        error_messages={
            "required": "请上传至少一个证据材料（PDF、JPG或PNG文件）",
            "empty": "文件是空的，请重新选择",
        },
    )


class CreditCaseOpenForm(AccessibleFormMixin, forms.Form):
    """The notice (告知) of a proposed listing: what, why, on which grounds, with which evidence."""

    employer = forms.TypedChoiceField(
        label="用人单位",
        coerce=int,
        error_messages={"required": "请选择用人单位", "invalid_choice": "请从列表中选择用人单位"},
    )
    level = forms.ChoiceField(
        label="拟认定的失信等级",
        choices=CreditLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择失信等级"},
    )
    reason = text_area(
        "拟认定的事由", max_length=500, help_text="例如“2024年度名册中1人挂靠（同一证件同月被两家单位计入）”"
    )
    basis = text_area("认定依据", max_length=500, help_text="文件名称和条款，例如“发改价格规〔2019〕2015号”")
    evidence = text_area("证据说明", max_length=5000, help_text="证据目录：审核发现、核查记录、文书编号等")
    files = files_field("证据材料", required=True)

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "请选择")] + [(e.pk, e.name) for e in employers]
        choices_changed(self)


class CaseDecideForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="决定",
        choices=[
            (CreditCaseDecision.FLAG, "认定失信（自起始日期起列入失信名单）"),
            (CreditCaseDecision.DROP, "不予认定（撤案）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择认定失信或不予认定"},
    )
    reason = text_area("决定理由", max_length=500, help_text="写明对单位陈述申辩的采纳情况")
    start_date = date_field(
        "起始日期", required=False, help_text="认定失信时填写：今天或之后30天内，例如 2026-11-01"
    )


class StatementForm(AccessibleFormMixin, forms.Form):
    text = text_area("陈述申辩内容", max_length=5000, help_text="说明事实和理由，并列出附上的证明材料")
    files = files_field("证明材料", required=False)


class WaiveForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label="我已阅读告知内容，代表本单位放弃陈述申辩",
        error_messages={"required": "请勾选确认后再提交"},
    )


class ClosureDecideForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="复核结果",
        choices=[("approve", "批准（失信记录今天结束）"), ("reject", "不批准（记录继续生效）")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择批准或不批准"},
    )
    note = text_area("复核意见", max_length=500, required=False, help_text="不批准时必须写明理由")


class ObjectionDecideForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="处理结果",
        choices=[
            (ObjectionDecision.ACCEPTED, "异议成立（撤销失信记录）"),
            (ObjectionDecision.REJECTED, "异议不成立（恢复生效）"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择处理结果"},
    )
    reason = text_area("处理理由", max_length=500)


class FlagCloseForm(AccessibleFormMixin, forms.Form):
    action = forms.ChoiceField(
        label="操作",
        choices=ClosureAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择撤销或信用修复"},
    )
    reason = text_area("理由", max_length=500, help_text="由另一名审核人员复核批准后生效")


class ObjectionForm(AccessibleFormMixin, forms.Form):
    text = text_area("异议内容", max_length=5000, help_text="说明您认为认定有误的理由，并列出可以证明的材料")


class TrainingRecordForm(AccessibleFormMixin, forms.Form):
    certificate_no = forms.CharField(
        label="残疾人证号",
        max_length=40,
        help_text="20位：身份证号18位＋类别1位＋等级1位；残疾军人证号照证件填写",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写残疾人证号"},
    )
    kind = forms.ChoiceField(
        label="类型",
        choices=TrainingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择培训类型"},
    )
    course_name = forms.CharField(
        label="培训项目", max_length=100, error_messages={"required": "请填写培训项目"}
    )
    provider = forms.CharField(
        label="培训机构", max_length=120, error_messages={"required": "请填写培训机构"}
    )
    start_date = date_field("开始日期", help_text="例如 2025-03-01")
    end_date = date_field("结束日期", help_text="培训结束后再登记，例如 2025-04-15")
    hours = forms.IntegerField(
        label="学时",
        min_value=1,
        max_value=2000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "请填写学时",
            "invalid": "学时应为整数，例如 80",
            "min_value": "学时应为1至2000之间的整数",
            "max_value": "学时应为1至2000之间的整数",
        },
    )
    certificate_obtained = forms.BooleanField(label="取得证书", required=False)
    certificate_name = forms.CharField(
        label="证书名称", max_length=100, required=False, help_text="如：中式面点师（五级）"
    )
