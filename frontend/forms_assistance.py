"""Forms of the 就业援助 pages (issue 15): they parse; the services decide."""

from django import forms

from assistance.choices import ContactKind, Outcome, Readiness, ReferralStatus
from assistance.core.assessment import ABILITY_LEVELS
from assistance.core.followups import FOLLOW_UP_MONTHS
from matching.choices import EmploymentForm, Hours
from matching.reference import accommodation_choices, demand_choices

from .forms import AccessibleFormMixin
from .forms_audit import date_field


def _text(label, max_length, *, required=True, rows=None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages={"required": f"请填写{label}", "max_length": f"{label}不超过{max_length}个字"},
    )


def _choice(label, choices, *, radio=True):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"required": f"请选择{label}", "invalid_choice": f"请选择{label}"},
    )


class ActionForm(AccessibleFormMixin, forms.Form):
    """A form of the case page; ``action`` names it in the POST, the prefix keeps ids apart."""

    action = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)


class PlanForm(ActionForm):
    action = "plan"
    plan = _text("援助计划", 2000, rows=4, help_text="写明援助方向、分几步、谁来做")


class GoalForm(ActionForm):
    action = "goal"
    text = _text("目标", 200, help_text="例如：完成中式面点师培训")
    target_date = date_field("计划完成日期", required=False, help_text="可不填，例如 2026-06-30")


class ContactForm(ActionForm):
    action = "contact"
    kind = _choice("联系方式", ContactKind.choices)
    on = date_field("联系日期", help_text="例如 2026-03-31")
    summary = _text("情况记录", 1000, rows=3)


class JobReferralForm(ActionForm):
    action = "job_referral"
    posting = forms.TypedChoiceField(
        label="推荐岗位",
        coerce=int,
        help_text="从为该求职者推荐的岗位中选择",
        error_messages={"required": "请选择推荐岗位", "invalid_choice": "请选择推荐岗位"},
    )
    note = _text("说明", 200, required=False)

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posting"].choices = [("", "请选择")] + [
            (m.posting.pk, f"{m.posting.title}（{m.posting.employer.name}）") for m in matches
        ]
        self._link_descriptions()


class TrainingReferralForm(ActionForm):
    action = "training_referral"
    course_name = _text("培训项目", 100, help_text="例如：中式面点师培训")
    provider = _text("培训机构", 120, required=False)
    note = _text("说明", 200, required=False)


class ReferralStatusForm(ActionForm):
    action = "referral_status"
    referral = forms.TypedChoiceField(
        label="推荐记录",
        coerce=int,
        error_messages={"required": "请选择推荐记录", "invalid_choice": "请选择推荐记录"},
    )
    status = _choice("结果", ReferralStatus.choices)

    def __init__(self, *args, referrals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].choices = [("", "请选择")] + [(r.pk, str(r)) for r in referrals]
        self._link_descriptions()


class PlacementForm(ActionForm):
    action = "placement"
    placed_on = date_field("就业日期", help_text="入职的日期，例如 2026-03-01；回访按此日期计算")
    employer_name = _text("就业单位", 120)
    job = _text("岗位", 80, required=False)


class FollowUpForm(ActionForm):
    action = "follow_up"
    month = forms.TypedChoiceField(
        label="回访",
        coerce=int,
        choices=[(m, f"就业后第{m}个月") for m in FOLLOW_UP_MONTHS],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择第几个月的回访", "invalid_choice": "请选择第几个月的回访"},
    )
    on = date_field("回访日期", help_text="例如 2026-04-01")
    kind = _choice("回访方式", ContactKind.choices)
    still_employed = _choice("是否仍在岗", [("yes", "仍在岗"), ("no", "已离职")])
    note = _text("情况", 500, required=False, rows=2)


class CloseForm(ActionForm):
    action = "close"
    outcome = _choice("结案结果", Outcome.choices)
    note = _text("结案说明", 200, required=False, help_text="结果为“其他”时必填")


ACTION_FORMS = {
    form.action: form
    for form in (
        PlanForm,
        GoalForm,
        ContactForm,
        JobReferralForm,
        TrainingReferralForm,
        ReferralStatusForm,
        PlacementForm,
        FollowUpForm,
        CloseForm,
    )
}

NOT_RATED = ""


class AssessmentForm(AccessibleFormMixin, forms.Form):
    """职业能力测评: one rating per job demand of the matcher, wishes, support needs, readiness."""

    assessed_on = date_field("测评日期", help_text="例如 2026-03-31")
    skills = _text("技能", 300, required=False, help_text="用顿号分隔，例如：电脑打字、面点制作")
    desired = _text("适合的工作方向", 200, required=False, help_text="例如：客服、仓储分拣")
    hours = forms.MultipleChoiceField(
        label="工作时间意向", choices=Hours.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    employment_forms = forms.MultipleChoiceField(
        label="就业形式意向",
        choices=EmploymentForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.MultipleChoiceField(
        label="需要的支持", choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    readiness = _choice("就业准备程度", Readiness.choices)
    advice = _text("职业规划建议", 2000, required=False, rows=4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = list(accommodation_choices().items())
        levels = [(NOT_RATED, "未评定")] + [(str(k), f"{k} {v}") for k, v in ABILITY_LEVELS.items()]
        self.ability_names = []
        for code, label in demand_choices().items():
            name = f"ability_{code}"
            self.fields[name] = forms.ChoiceField(label=f"能力：{label}", choices=levels, required=False)
            self.ability_names.append(name)
        # The ratings are the heart of the 测评 and the page's instructions speak of them first:
        # they come right after the date, not below the advice.
        self.order_fields(["assessed_on", *self.ability_names])
        self._link_descriptions()

    def abilities(self) -> dict[str, int]:
        return {
            name.removeprefix("ability_"): int(self.cleaned_data[name])
            for name in self.ability_names
            if self.cleaned_data.get(name)
        }


class AnswerForm(AccessibleFormMixin, forms.Form):
    answer = _choice(
        "您对测评结果的意见",
        [("confirm", "结果符合我的情况，写入我的求职资料"), ("decline", "不符合，不写入")],
    )


class HelpRequestForm(AccessibleFormMixin, forms.Form):
    asked = forms.BooleanField(
        label="我需要就业服务人员帮助",
        required=False,
        help_text="勾选后，本区镇的就业服务专员可以查看您的求职资料，与您联系，为您建档提供就业援助。随时可以取消。",
    )
