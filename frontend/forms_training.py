"""Forms of the staff's training-course pages: they parse; the rules (dates, fee, skills, who may
keep which region's courses) live in training.services."""

import re

from django import forms

from backend.accounts.models import Region
from training.choices import ACCESS_ARRANGEMENTS, CostKind
from training.services import MAX_HOURS

from .forms import AccessibleFormMixin

DATE_HINT = "格式：年-月-日，例如 2026-06-01"
# Skills are typed as one line; people separate them with 、，, ; or spaces (full or half width).
SKILL_SEPARATORS = re.compile(r"[、，,；;\s]+")


def _date(label: str, required: bool = True, hint: str = DATE_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=hint,
        error_messages={"required": f"请填写{label}", "invalid": f"{label}格式不对。{DATE_HINT}"},
    )


class CourseForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label="课程名称", max_length=100, error_messages={"required": "请填写课程名称"})
    provider = forms.CharField(
        label="培训机构", max_length=120, error_messages={"required": "请填写培训机构"}
    )
    skills = forms.CharField(
        label="教授的技能",
        max_length=400,
        help_text="用顿号或逗号分开，例如：在线客服、打字、Excel。求职者岗位“还缺少”的技能据此推荐课程",
        error_messages={"required": "请至少填写一项课程教授的技能，例如：在线客服、打字"},
    )
    region = forms.ModelChoiceField(
        label="开课区镇", queryset=Region.objects.none(), error_messages={"required": "请选择开课区镇"}
    )
    venue = forms.CharField(label="上课地点", max_length=200, required=False)
    starts_on = _date("开课日期")
    ends_on = _date("结课日期")
    enrol_by = _date("报名截止", required=False, hint="留空为开课前一天都可以报名。" + DATE_HINT)
    hours = forms.IntegerField(
        label="学时",
        min_value=1,
        max_value=MAX_HOURS,
        error_messages={
            "required": "请填写学时",
            "invalid": "学时应为整数",
            "min_value": f"学时应为1至{MAX_HOURS}",
            "max_value": f"学时应为1至{MAX_HOURS}",
        },
    )
    cost_kind = forms.ChoiceField(
        label="费用",
        choices=CostKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择费用"},
    )
    fee = forms.DecimalField(
        label="个人支付（元）",
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text="免费课程填0或留空",
        error_messages={
            "invalid": "个人支付金额应为数字，例如 0 或 300.00",
            "max_decimal_places": "个人支付金额最多两位小数",
            "max_digits": "个人支付金额过大，请核对",
            "max_whole_digits": "个人支付金额过大，请核对",
        },
    )
    cost_note = forms.CharField(label="费用说明", max_length=200, required=False)
    access = forms.MultipleChoiceField(
        label="无障碍安排",
        choices=list(ACCESS_ARRANGEMENTS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="可多选；请如实填写，求职者据此决定是否报名",
    )
    access_notes = forms.CharField(label="其他无障碍说明", max_length=300, required=False)
    how_to_enrol = forms.CharField(
        label="报名方式",
        max_length=300,
        help_text="例如：拨打电话、到哪里报名",
        error_messages={"required": "请写明报名方式，例如：拨打电话、到哪里报名"},
    )
    description = forms.CharField(
        label="课程介绍", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()

    def clean_skills(self):
        return [s for s in SKILL_SEPARATORS.split(self.cleaned_data["skills"]) if s]

    def clean_fee(self):
        fee = self.cleaned_data["fee"]
        return fee if fee is not None else 0

    @staticmethod
    def initial_for(course) -> dict:
        """The form's values for an existing course (skills back as one line)."""
        initial = {name: getattr(course, name) for name in CourseForm.base_fields}
        initial["skills"] = "、".join(course.skills)
        return initial


class RevokeAliasForm(AccessibleFormMixin, forms.Form):
    """Revoking a learned alias; whether a reason is enough is the service's rule, the form only
    asks (the same words as the service)."""

    reason = forms.CharField(
        label="撤销原因",
        max_length=200,
        help_text="例如：该岗位名称对应的职业不唯一",
        error_messages={"required": "请填写撤销原因", "max_length": "撤销原因不超过200个字"},
    )
