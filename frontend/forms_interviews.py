"""Forms of interview invitations (parse only; ``matching.services.interviews`` validates)."""

from datetime import datetime

from django import forms
from django.utils import timezone

from matching.choices import ContactChannel, InterviewArrangement, InvitationResponse

from .forms_jobs import JobsForm


class InvitationForm(JobsForm):
    date = forms.DateField(
        label="面试日期",
        help_text="如 2026-12-20",
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写面试日期", "invalid": "面试日期格式应为 2026-12-20"},
    )
    time = forms.TimeField(
        label="面试时间",
        help_text="24小时制，如 14:30",
        input_formats=["%H:%M", "%H：%M", "%H点%M", "%H点"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "请填写面试时间", "invalid": "面试时间格式应为 14:30"},
    )
    place = forms.CharField(
        label="面试地点或线上会议链接",
        max_length=200,
        error_messages={"required": "请填写面试地点", "max_length": "面试地点不超过200个字"},
    )
    arrangements = forms.MultipleChoiceField(
        label="提供的无障碍安排（可多选）",
        choices=InterviewArrangement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "请从列表中选择无障碍安排"},
    )
    arrangements_note = forms.CharField(
        label="其他安排说明（选填）",
        max_length=200,
        required=False,
        help_text="如：到达后请在一楼前台出示短信，工作人员会陪同到面试室",
        error_messages={"max_length": "其他安排说明不超过200个字"},
    )
    contact_channel = forms.ChoiceField(
        label="我们怎样联系求职者",
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择联系方式", "invalid_choice": "请选择联系方式"},
    )
    contact_detail = forms.CharField(
        label="联系人及号码",
        max_length=100,
        help_text="求职者有问题时联系谁，如：人事部 王女士 139-1234-5678",
        error_messages={"required": "请填写联系人及号码", "max_length": "联系人及号码不超过100个字"},
    )

    def starts_at(self):
        """The chosen moment as an aware datetime (Asia/Shanghai)."""
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["date"], data["time"]))


class InvitationResponseForm(JobsForm):
    response = forms.ChoiceField(
        label="您的答复",
        choices=[
            (InvitationResponse.ACCEPTED, "接受，我会按时参加"),
            (InvitationResponse.RESCHEDULE, "这个时间不方便，请另约时间"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择接受邀请或申请改期", "invalid_choice": "请选择接受邀请或申请改期"},
    )
    note = forms.CharField(
        label="留言（申请改期时写明方便的时间）",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "留言不超过200个字"},
    )
