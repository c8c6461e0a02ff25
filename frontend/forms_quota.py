"""Forms of the quota pages: the public calculator, the report wizard and the what-if.

Forms parse and carry messages only; every rule (who counts, how much is due, what may be
edited) lives in the quota services, whose ValidationErrors are copied onto the form with
``add_service_errors``.
"""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.functional import lazy

from backend.accounts.choices import OrgType
from quota.choices import RosterCertificateKind, RosterImportMode
from quota.core import InputError
from quota.core.amounts import normalize_number_text
from quota.core.file_checks import size_text
from quota.services.calculator import CONTRACT_MONTHS_REQUIRED
from quota.services.roster_import import MODE_REQUIRED
from quota.services.upload_limits import roster_limits
from quota.services.xlsx_cells import CellError, read_months

from .forms import AccessibleFormMixin

MONTH_CHOICES = [(m, f"{m}月") for m in range(1, 13)]
GRADE_CHOICES = [
    ("1", "一级（按2人计算）"),
    ("2", "二级（按2人计算）"),
    ("3", "三级"),
    ("4", "四级"),
]
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]


class AmountField(forms.DecimalField):
    """A DecimalField that takes thousands separators ("9,000,000", full-width "９，０００" too),
    read by the same parser as the calculator API (``quota.core.amounts``)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                value = normalize_number_text(value)
            except InputError as error:
                raise forms.ValidationError(
                    f"{self.label}填写有误：{error.message_zh}", code="invalid"
                ) from error
        return super().to_python(value)


def money_field(label: str, *, required: bool = True, help_text: str = "", **messages) -> forms.DecimalField:
    """A yuan amount typed as text (no browser number widget: it rejects "5,000" silently).

    Every amount field reads "9,000,000" and full-width digits like the calculator API (the
    report wizard used to refuse "3,000,000": issue 14)."""
    return AmountField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=16,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": messages.get("required", f"请填写{label}"),
            "invalid": f"{label}应为数字，如 5000、5,000 或 5000.50",
            "min_value": f"{label}不能为负数",
            "max_digits": f"{label}金额过大，请核对",
            "max_decimal_places": f"{label}最多保留两位小数",
            "max_whole_digits": f"{label}金额过大，请核对",
        },
    )


def count_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    """A head count; may be fractional (an annual average of seasonal staff); "1,200" is read
    (as in :func:`money_field`)."""
    return AmountField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=4,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": f"请填写{label}",
            "invalid": f"{label}应为数字，如 100、1,200 或 100.5",
            "min_value": f"{label}不能为负数",
            "max_digits": f"{label}过大，请核对",
            "max_decimal_places": f"{label}最多保留四位小数",
            "max_whole_digits": f"{label}过大，请核对",
        },
    )


def version_field() -> forms.IntegerField:
    """The report version the page showed: the service refuses a save over someone else's.

    Named ``version`` (not the service's ``expected_version``) so that a stale-version error
    lands in the error summary as a form-level message, not on a hidden input."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class MonthsTextField(forms.CharField):
    """Months typed as "1-12" or "1,2,3,7-12" (the same notation as the xlsx template)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return read_months(text)
        except CellError as error:
            raise forms.ValidationError(str(error)) from error


# Twelve month-end head counts, declared on the class (fields added in __init__ would be missed:
# AccessibleFormMixin validates a bound form as soon as it is built).
MonthlyCounts = type(
    "MonthlyCounts", (forms.Form,), {f"month_{m}": count_field(f"{m}月末人数") for m in range(1, 13)}
)
CalculatorMonthlyCounts = type(
    "CalculatorMonthlyCounts",
    (forms.Form,),
    {f"month_{m}": count_field(f"{m}月末人数") for m in range(1, 13)},
)
MONTH_NAMES = [f"month_{m}" for m in range(1, 13)]
FIRST_DATA_YEAR = 2019  # the seeded policies start with levy year 2020 (98号)


def calculator_years() -> list[tuple[int, str]]:
    """Data years the calculator offers, newest first (evaluated on each use)."""
    this_year = timezone.localdate().year
    return [(y, f"{y}年（{y + 1}年缴纳）") for y in range(this_year, FIRST_DATA_YEAR - 1, -1)]


def report_years() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(y, f"{y}年数据（{y + 1}年缴纳）") for y in range(this_year, this_year - 6, -1)]


def policy_years() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(y, f"{y}年征收（{y - 1}年数据）") for y in range(this_year + 1, FIRST_DATA_YEAR, -1)]


# --- the public calculator -------------------------------------------------------------------


class CalculatorForm(AccessibleFormMixin, CalculatorMonthlyCounts):
    data_year = forms.TypedChoiceField(
        label="数据年度",
        coerce=int,
        choices=calculator_years,
        help_text="人数和工资所属的年度。保障金在下一年度（征收年度）申报缴纳，例如2025年的数据在2026年缴纳。",
        error_messages={"required": "请选择数据年度", "invalid_choice": "请从列表中选择数据年度"},
    )
    org_type = forms.ChoiceField(
        label="单位性质",
        choices=OrgType.choices,
        widget=forms.RadioSelect,
        initial=OrgType.ENTERPRISE,
        help_text="在职职工30人及以下的企业暂免缴纳；机关、事业单位、社会团体不适用这项免征。",
        error_messages={"required": "请选择单位性质", "invalid_choice": "请选择单位性质"},
    )
    employee_count = count_field(
        "在职职工年平均人数",
        help_text="按年平均计算。季节性用工按月折算，如4个月用工60人折合20人。",
    )
    total_wages = money_field(
        "在职职工工资总额（元）",
        help_text="数据年度全年应发工资总额，单位：元，可写 9,000,000",
    )
    social_average_wage = money_field(
        "社会平均工资（元/年）",
        required=False,
        help_text="可不填：不填时按政策页列出的太仓市参数计算。单位年平均工资超过社会平均工资2倍的，按2倍计算。",
    )

    field_order = ["data_year", "org_type", "employee_count", *MONTH_NAMES, "total_wages"]

    @property
    def month_fields(self):
        return [self[f"month_{m}"] for m in range(1, 13)]

    @property
    def months_open(self) -> bool:
        """Show the 12 monthly inputs unfolded when any holds a value or an error."""
        return any(
            self[f"month_{m}"].value() not in (None, "") or self[f"month_{m}"].errors for m in range(1, 13)
        )

    def clean(self):
        cleaned = super().clean()
        months = [cleaned.get(f"month_{m}") for m in range(1, 13)]
        filled = [m for m in months if m is not None]
        has_months = bool(filled)
        has_count = cleaned.get("employee_count") is not None
        if "employee_count" in self.errors or any(f"month_{m}" in self.errors for m in range(1, 13)):
            return cleaned
        if has_count and has_months:
            self.add_error("employee_count", "年平均人数和各月末人数只填其一：请清空其中一种")
        elif not has_count and not has_months:
            self.add_error("employee_count", "请填写在职职工年平均人数，或者填写12个月的月末人数")
        elif has_months and len(filled) != 12:
            missing = next(m for m, value in enumerate(months, start=1) if value is None)
            self.add_error(f"month_{missing}", "按月填写时，12个月都要填写（没有职工的月份填0）")
        cleaned["monthly_headcounts"] = months if has_months and len(filled) == 12 else None
        return cleaned


class CalculatorEmployeeForm(AccessibleFormMixin, forms.Form):
    """One disabled employee in the calculator; a row left empty is ignored."""

    certificate_no = forms.CharField(
        label="残疾人证号或残疾军人证号",
        max_length=40,
        required=False,
        help_text="残疾人证号为20位，等级从证号中读取",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    veteran = forms.BooleanField(label="这是残疾军人证", required=False)
    veteran_grade = forms.TypedChoiceField(
        label="残疾军人证等级",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "不是残疾军人")] + [(str(g), f"{g}级") for g in range(1, 9)],
    )
    monthly_wage = money_field("月工资（元）", required=False)
    contract_months = forms.IntegerField(
        label="劳动合同期限（月）",
        required=False,
        min_value=0,
        max_value=1200,
        help_text="必填：劳动合同或服务协议满一年（12个月）才计入。无固定期限合同填 999 或勾选下面的"
        "“无固定期限合同”；在编人员勾选“在编人员”，不用填",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": "合同期限应为整数（月）",
            "min_value": "合同期限不能为负数",
            "max_value": "合同期限过长，请核对",
        },
    )
    open_ended_contract = forms.BooleanField(label="无固定期限合同", required=False)
    on_establishment = forms.BooleanField(label="在编人员（机关、事业单位编制内）", required=False)
    months = MonthsTextField(
        label="在岗月份", required=False, max_length=60, help_text="如 1-12 或 1,2,3,7-12；不填表示全年在岗"
    )
    insured_months = MonthsTextField(
        label="足额缴纳社保的月份",
        required=False,
        max_length=60,
        help_text="写法同上；不填表示在岗月份都已缴纳",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("certificate_no") and "certificate_no" not in self.errors:
            self.add_error("certificate_no", "请填写证号，或清空这一行")
        if cleaned.get("monthly_wage") is None and "monthly_wage" not in self.errors:
            self.add_error("monthly_wage", "请填写月工资（元）")
        if (
            cleaned.get("contract_months") is None
            and "contract_months" not in self.errors
            and not (cleaned.get("on_establishment") or cleaned.get("open_ended_contract"))
        ):
            self.add_error("contract_months", CONTRACT_MONTHS_REQUIRED)
        if (
            cleaned.get("veteran")
            and cleaned.get("veteran_grade") is None
            and "veteran_grade" not in self.errors
        ):
            self.add_error("veteran_grade", "残疾军人请选择残疾军人证等级（1至8级）")
        return cleaned

    def as_employee(self) -> dict:
        """The mapping ``levy_calculation(disabled_employees=...)`` takes (same as the API)."""
        data = self.cleaned_data
        item = {
            "certificate_no": data["certificate_no"],
            "veteran": data["veteran"],
            "monthly_wage": data["monthly_wage"],
            "on_establishment": data["on_establishment"],
            "contract_months": data["contract_months"],
            "open_ended_contract": data["open_ended_contract"],
        }
        if data["veteran"]:
            item["grade"] = data["veteran_grade"]
        if data["months"]:
            item["months"] = data["months"]
        if data["insured_months"] is not None:
            item["insured_months"] = data["insured_months"]
        return item


class BaseEmployeeFormSet(forms.BaseFormSet):
    """Every row is optional ("extra"): a row left empty is skipped, never validated, even when
    it was re-rendered from typed values (the "再加5行" button)."""

    def initial_form_count(self):
        return 0

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed()]


EmployeeFormSet = forms.formset_factory(
    CalculatorEmployeeForm, formset=BaseEmployeeFormSet, extra=0, max_num=200, absolute_max=200
)


# --- the policy page ---------------------------------------------------------------------------


class PolicyYearForm(forms.Form):
    levy_year = forms.TypedChoiceField(
        label="征收年度",
        coerce=int,
        required=False,
        choices=policy_years,
        error_messages={"invalid_choice": "请从列表中选择征收年度；下面显示的是本年度的规定"},
    )


# --- the employer's report wizard ------------------------------------------------------------


class ReportCreateForm(AccessibleFormMixin, forms.Form):
    data_year = forms.TypedChoiceField(
        label="申报哪一年的数据",
        coerce=int,
        choices=report_years,
        help_text="通常是上一年。该年度的保障金在下一年度申报缴纳。",
        error_messages={"required": "请选择数据年度", "invalid_choice": "请从列表中选择数据年度"},
    )


class HeadcountForm(AccessibleFormMixin, MonthlyCounts):
    mode = forms.ChoiceField(
        label="怎样填写在职职工人数",
        widget=forms.RadioSelect,
        choices=[
            ("monthly", "按月填写12个月的月末人数（推荐，系统算年平均）"),
            ("annual", "直接填写年平均人数"),
        ],
        initial="monthly",
        error_messages={"required": "请选择填写方式", "invalid_choice": "请选择填写方式"},
    )
    employee_count = count_field(
        "在职职工年平均人数",
        help_text="选择“直接填写年平均人数”时填写。季节性用工按月折算，如4个月用工60人折合20人。",
    )
    version = version_field()

    field_order = ["mode", *MONTH_NAMES, "employee_count"]

    @property
    def month_fields(self):
        return [self[f"month_{m}"] for m in range(1, 13)]

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        cleaned["monthly_headcounts"] = None
        if mode == "annual":
            if cleaned.get("employee_count") is None and "employee_count" not in self.errors:
                self.add_error("employee_count", "请填写在职职工年平均人数")
        elif mode == "monthly":
            months = [cleaned.get(f"month_{m}") for m in range(1, 13)]
            for month, value in enumerate(months, start=1):
                if value is None and f"month_{month}" not in self.errors:
                    self.add_error(f"month_{month}", f"请填写{month}月末人数（没有职工填0）")
            if all(value is not None for value in months):
                cleaned["monthly_headcounts"] = months
        return cleaned


class WagesForm(AccessibleFormMixin, forms.Form):
    total_wages = money_field(
        "在职职工工资总额（元）",
        help_text="数据年度全年应发工资总额（含奖金、津贴、补贴），单位：元，可写 9,000,000",
    )
    version = version_field()


class RosterLineFieldsMixin(forms.Form):
    """The facts of one roster line (shared by the add and the edit form)."""

    months = forms.TypedMultipleChoiceField(
        label="在岗月份",
        choices=MONTH_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="数据年度内在岗的月份",
        error_messages={"required": "请至少选择一个在岗月份"},
    )
    insured_months = forms.TypedMultipleChoiceField(
        label="足额缴纳社会保险的月份",
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="没有足额缴纳社保的月份不计入",
    )
    monthly_wage = money_field("月工资（元）", help_text="每月实际发放的工资；低于当地最低工资标准的不计入")
    on_establishment = forms.BooleanField(label="在编人员（机关、事业单位编制内）", required=False)
    contract_start = forms.DateField(
        label="劳动合同开始日期",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="如 2024-01-01；在编人员不用填。合同或服务协议须满一年才计入",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": "日期无法识别，请写成 2024-01-01"},
    )
    contract_end = forms.DateField(
        label="劳动合同结束日期",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="无固定期限劳动合同不填",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": "日期无法识别，请写成 2025-12-31"},
    )
    dispatched = forms.BooleanField(label="劳务派遣人员", required=False)
    dispatch_agency = forms.CharField(label="派遣单位名称", max_length=120, required=False)
    counts_here = forms.BooleanField(
        label="派遣协议约定由本单位计入",
        required=False,
        initial=True,
        help_text="只对劳务派遣人员有效；同一人同一月份只能由一家单位计入",
    )

    LINE_FIELDS = (
        "months",
        "insured_months",
        "monthly_wage",
        "on_establishment",
        "contract_start",
        "contract_end",
        "dispatched",
        "dispatch_agency",
        "counts_here",
    )

    def line_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.LINE_FIELDS}


class RosterLineAddForm(AccessibleFormMixin, RosterLineFieldsMixin):
    name = forms.CharField(
        label="姓名",
        max_length=40,
        help_text="与证件上的姓名一致",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写姓名"},
    )
    certificate_kind = forms.ChoiceField(
        label="证件类型",
        choices=RosterCertificateKind.choices,
        initial=RosterCertificateKind.DISABILITY,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择证件类型"},
    )
    certificate_no = forms.CharField(
        label="证号",
        max_length=40,
        help_text="残疾人证号为20位：身份证号18位＋类别1位＋等级1位",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "请填写证号"},
    )
    version = version_field()

    field_order = ["name", "certificate_kind", "certificate_no"]


class RosterLineEditForm(AccessibleFormMixin, RosterLineFieldsMixin):
    version = version_field()


def _roster_upload_hint() -> str:
    limit = size_text(roster_limits().max_file_bytes)
    people = roster_limits().max_people
    return (
        f"请用下载的模板填写，最多{people}人，文件不超过{limit}。只要有一行有问题，就什么都不保存；"
        "全部通过后会先告诉您将保留、更新、追加和删除多少行，由您确认后才保存。"
    )


class RosterUploadForm(AccessibleFormMixin, forms.Form):
    # Before the file, as on the page: the error summary lists the fields in this order.
    mode = forms.ChoiceField(
        label="导入方式",
        choices=RosterImportMode.choices,
        widget=forms.RadioSelect,
        help_text="替换：名册改为文件中的人员，文件里没有的人会从名册删除。"
        "追加或更新：按证号对照，名册中已有的人按文件更新，其余的人追加，不删除任何人。",
        error_messages={"required": MODE_REQUIRED, "invalid_choice": MODE_REQUIRED},
    )

    file = forms.FileField(
        label="选择填好的名册文件（.xlsx 或 .csv）",
        help_text=lazy(_roster_upload_hint, str)(),  # read at each rendering: the limit is a setting
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={
            "required": "请选择要导入的名册文件（.xlsx 或 .csv）",
            "empty": "文件是空的，请重新选择",
        },
    )

    def __init__(self, *args, refused: str = "", **kwargs):
        """``refused``: why the upload handler dropped the file (too large), shown on the field."""
        super().__init__(*args, **kwargs)
        self.refused = refused
        if refused:
            self.fields["file"].required = False

    def clean_file(self):
        if self.refused:
            raise forms.ValidationError(self.refused)
        return self.cleaned_data["file"]


class RosterImportConfirmForm(AccessibleFormMixin, forms.Form):
    """The confirmation of a checked roster file (the file waits on the server)."""

    version = version_field()


class SubmitForm(AccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label="我确认以上信息真实、准确，由本单位负责",
        error_messages={"required": "提交前请勾选确认以上信息真实、准确"},
    )
    version = version_field()


class WhatIfForm(AccessibleFormMixin, forms.Form):
    hires = forms.IntegerField(
        label="再招残疾职工人数",
        min_value=1,
        max_value=500,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "请填写再招的人数",
            "invalid": "人数应为整数，如 1",
            "min_value": "人数至少为1",
            "max_value": "人数最多500",
        },
    )
    grade = forms.ChoiceField(
        label="残疾等级",
        choices=GRADE_CHOICES,
        initial="4",
        widget=forms.RadioSelect,
        help_text="一级、二级残疾人每人按2人计算",
        error_messages={"required": "请选择残疾等级", "invalid_choice": "请选择残疾等级"},
    )
    months = forms.IntegerField(
        label="在本数据年度工作几个月",
        min_value=1,
        max_value=12,
        initial=12,
        help_text="按年底前连续工作计算，如6个月即7至12月",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "请填写工作月数",
            "invalid": "月数应为1至12的整数",
            "min_value": "月数应为1至12",
            "max_value": "月数应为1至12",
        },
    )
    monthly_wage = money_field(
        "月工资（元）", required=False, help_text="可不填：不填时按当地最低工资标准计算"
    )


class RosterDraftDecisionForm(AccessibleFormMixin, forms.Form):
    """One proposal of the roster draft: add it to the roster (with the months and the wage) or
    leave it off with a reason (the service decides; this parses)."""

    decision = forms.ChoiceField(
        label="如何处理",
        choices=[("confirm", "确认加入名册"), ("remove", "不列入名册")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择确认加入名册或不列入名册"},
    )
    months = forms.TypedMultipleChoiceField(
        label="在岗月份",
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="已按实名制就业记录勾选；加入名册时请核对",
    )
    monthly_wage = money_field("月工资（元）", required=False, help_text="加入名册时必填：每月实际发放的工资")
    on_establishment = forms.BooleanField(label="在编人员（机关、事业单位编制内）", required=False)
    reason = forms.CharField(
        label="不列入名册的原因",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="选择“不列入名册”时必填，例如：已离职、非本单位职工",
    )
    version = version_field()

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == "confirm":
            if not cleaned.get("months"):
                self.add_error("months", "请至少选择一个在岗月份")
            if cleaned.get("monthly_wage") is None and "monthly_wage" not in self.errors:
                self.add_error("monthly_wage", "确认加入名册时请填写月工资（元）")
        if decision == "remove" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "请写明不列入名册的原因（例如：已离职、非本单位职工）")
        return cleaned
