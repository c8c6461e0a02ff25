"""Forms of the inbox settings, password reset and sign-language booking pages. Rules live in
the services (notifications/services/); the forms parse and carry messages."""

from django import forms

from notifications.choices import ContactMethod, NotificationKind, TimeSlot

from .forms import AccessibleFormMixin


class _ServiceChecked:
    """Marked required ("*") but an empty value is left to the service, which reports every
    problem of the form at once (a form-level "required" would hide the service's other errors)."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class CharField(_ServiceChecked, forms.CharField):
    pass


class DateField(_ServiceChecked, forms.DateField):
    pass


class ChoiceField(_ServiceChecked, forms.ChoiceField):
    pass


class PreferencesForm(AccessibleFormMixin, forms.Form):
    """Two checkboxes (短信, 电子邮件) per kind of message; the inbox is always on."""

    def __init__(self, *args, current: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = []
        for row in current:
            kind = row["kind"]
            self.fields[f"sms_{kind}"] = forms.BooleanField(label="短信", required=False, initial=row["sms"])
            self.fields[f"email_{kind}"] = forms.BooleanField(
                label="电子邮件", required=False, initial=row["email"]
            )
            self.kinds.append(
                {"label": row["label"], "sms": self[f"sms_{kind}"], "email": self[f"email_{kind}"]}
            )

    def choices(self) -> dict[str, dict[str, bool]]:
        d = self.cleaned_data
        return {k: {"sms": d[f"sms_{k}"], "email": d[f"email_{k}"]} for k in NotificationKind.values}


class ResetRequestForm(AccessibleFormMixin, forms.Form):
    identifier = forms.CharField(
        label="用户名、手机号或电子邮箱",
        max_length=254,
        help_text="填写注册时用的用户名，或账号登记的手机号、电子邮箱",
        error_messages={"required": "请输入用户名、手机号或电子邮箱"},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class ResetConfirmForm(AccessibleFormMixin, forms.Form):
    code = CharField(
        label="验证码",
        max_length=12,
        help_text="短信或邮件中的6位数字，10分钟内有效",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    password1 = CharField(
        label="新密码",
        strip=False,
        help_text="至少10个字符，不能全是数字，不能太常见，也不要和用户名相似",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = CharField(
        label="再次输入新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class BookingForm(AccessibleFormMixin, forms.Form):
    wanted_date = DateField(
        label="希望日期",
        help_text="工作日（周一至周五），明天起60天以内",
        error_messages={"invalid": "希望日期格式应为 年-月-日（例如 2027-01-15）"},
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    slot = ChoiceField(label="时段", choices=TimeSlot.choices, widget=forms.RadioSelect)
    topic = CharField(
        label="想咨询的事情",
        max_length=200,
        help_text="例如：怎样申请岗位、怎样填写年报；最多200字",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_method = ChoiceField(
        label="我们怎样联系您", choices=ContactMethod.choices, widget=forms.RadioSelect
    )
    contact_detail = CharField(
        label="联系号码或账号",
        max_length=100,
        help_text="手机号、微信号或视频通话号码",
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
