"""Forms of the job-fair pages: they parse; the rules live in jobfairs.services."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from backend.accounts.models import Region
from jobfairs.choices import ACCESS_NEEDS, FairFormat, ResultKind
from jobfairs.services.fairs import MAX_BOOTHS

from .forms import AccessibleFormMixin

SHANGHAI = ZoneInfo("Asia/Shanghai")
DATETIME_HINT = "格式：年-月-日 时:分，例如 2026-05-20 09:00"


class FairForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(
        label="招聘会名称", max_length=80, error_messages={"required": "请填写招聘会名称"}
    )
    format = forms.ChoiceField(
        label="形式",
        choices=FairFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择招聘会形式"},
    )
    starts_at = forms.DateTimeField(
        label="开始时间",
        help_text=DATETIME_HINT,
        error_messages={"required": "请填写开始时间", "invalid": "开始时间格式不对。" + DATETIME_HINT},
    )
    ends_at = forms.DateTimeField(
        label="结束时间",
        help_text=DATETIME_HINT,
        error_messages={"required": "请填写结束时间", "invalid": "结束时间格式不对。" + DATETIME_HINT},
    )
    region = forms.ModelChoiceField(
        label="举办区镇", queryset=Region.objects.none(), error_messages={"required": "请选择举办区镇"}
    )
    venue = forms.CharField(
        label="地点（现场招聘会）", max_length=200, required=False, help_text="现场招聘会必填"
    )
    online_platform = forms.CharField(
        label="网络平台（网络招聘会）",
        max_length=200,
        required=False,
        help_text="网络招聘会必填，例如平台名称和进入方式",
    )
    booth_capacity = forms.IntegerField(
        label="展位数量",
        min_value=1,
        max_value=MAX_BOOTHS,
        error_messages={
            "required": "请填写展位数量",
            "invalid": "展位数量应为整数",
            "min_value": f"展位数量应为1至{MAX_BOOTHS}",
            "max_value": f"展位数量应为1至{MAX_BOOTHS}",
        },
    )
    step_free = forms.BooleanField(label="无台阶通行（坡道或电梯）", required=False)
    sign_language = forms.BooleanField(label="手语翻译", required=False)
    screen_reader_materials = forms.BooleanField(label="读屏友好的电子材料", required=False)
    accessible_toilet = forms.BooleanField(label="无障碍卫生间", required=False)
    quiet_room = forms.BooleanField(label="安静休息室", required=False)
    captions = forms.BooleanField(label="实时字幕（网络招聘会）", required=False)
    access_notes = forms.CharField(label="其他无障碍说明", max_length=300, required=False)
    description = forms.CharField(
        label="简介", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()

    def clean_starts_at(self):
        return _local(self.cleaned_data["starts_at"])

    def clean_ends_at(self):
        return _local(self.cleaned_data["ends_at"])


def _local(value):
    """Typed times are Shanghai time whatever the server's zone."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value, SHANGHAI)
    return value.astimezone(SHANGHAI) if value is not None else None


class BoothForm(AccessibleFormMixin, forms.Form):
    postings = forms.TypedMultipleChoiceField(
        label="带到展位的岗位",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="从本单位正在招聘的岗位中选择1至5个",
        error_messages={"required": "请至少选择一个招聘岗位"},
    )

    def __init__(self, *args, postings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postings"].choices = [(p.pk, p.title) for p in postings]


class RegistrationForm(AccessibleFormMixin, forms.Form):
    access_needs = forms.MultipleChoiceField(
        label="当天需要的无障碍支持",
        choices=list(ACCESS_NEEDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="可多选；组织人会提前准备",
    )
    needs_note = forms.CharField(label="其他需要", max_length=200, required=False)


class ResultForm(AccessibleFormMixin, forms.Form):
    booth = forms.TypedChoiceField(label="展位", coerce=int, error_messages={"required": "请选择展位"})
    registration = forms.TypedChoiceField(
        label="求职者", coerce=int, error_messages={"required": "请选择求职者"}
    )
    kind = forms.ChoiceField(
        label="结果",
        choices=ResultKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择结果"},
    )
    start_date = forms.DateField(
        label="入职日期",
        required=False,
        help_text="结果为“入职”时必填，格式：年-月-日",
        error_messages={"invalid": "入职日期格式不对，请按 年-月-日 填写"},
    )
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, booths=(), registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].choices = [("", "请选择")] + [
            (b.pk, f"{b.number}号 {b.employer.name}") for b in booths
        ]
        self.fields["registration"].choices = [("", "请选择")] + [
            (r.pk, r.person.name) for r in registrations
        ]
