"""Forms for the base pages. Validation rules live in services; forms parse and carry messages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from backend.accounts.choices import CertificateKind, OrgType
from backend.accounts.models import Region


class AccessibleFormMixin:
    """Link hints and errors to their control (aria-describedby) and mark invalid controls."""

    def _link_descriptions(self):
        for name, field in self.fields.items():
            bound = self[name]
            ids = []
            if field.help_text:
                ids.append(f"{bound.id_for_label}-hint")
            # _errors, not errors: reading .errors would validate a bound form before a subclass
            # has finished setting its choices.
            if name in (self._errors or {}):
                ids.append(f"{bound.id_for_label}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._link_descriptions()

    def full_clean(self):
        super().full_clean()
        self._link_descriptions()

    def refuse(self, message: str):
        """Show ``message`` above the form without validating it (a throttled submission: the
        login form's validation would check the password)."""
        self._errors = forms.utils.ErrorDict()
        self.cleaned_data = {}
        self.add_error(None, message)
        self._link_descriptions()
        return self

    def add_service_errors(self, exc):
        """Copy a service's ValidationError onto the form, keyed by field where the form has one."""
        if hasattr(exc, "message_dict"):
            for field, messages in exc.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        else:
            for message in exc.messages:
                self.add_error(None, message)
        self._link_descriptions()


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。请检查后重新输入（密码区分大小写）。",
        "inactive": "您的账号正在等待审核，审核通过后才能登录。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].label = "密码"
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].error_messages["required"] = "请输入用户名"
        self.fields["password"].error_messages["required"] = "请输入密码"


class OTPForm(AccessibleFormMixin, forms.Form):
    otp = forms.CharField(
        label="动态验证码",
        max_length=20,
        help_text="打开手机上的身份验证器，输入“太仓残疾人就业平台”当前显示的6位数字",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "请输入6位动态验证码"},
    )


class RegistrationDecisionForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="核实结果",
        choices=[
            ("link", "是本人：把新账号关联到已登记的人员档案"),
            ("reject", "不是本人或无法核实：驳回"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择核实结果"},
    )
    note = forms.CharField(
        label="核实说明",
        max_length=200,
        required=False,
        help_text="例如：已电话联系档案中的手机号，本人确认注册。驳回时必填。",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PasswordNotKeptMixin:
    """A registration form that came back with problems keeps everything typed except the
    password: GOV.UK practice (a page with a password in its HTML can be cached or shown on
    the screen of a shared computer). Every field is checked in the same submit (the views call
    the service's ``*_register_validate``), so at most one more typing of the password is
    needed, and the hint says so instead of leaving an unexplained empty box."""

    PASSWORD_AGAIN = "为保护您的密码，页面退回时不保留密码，请重新输入。至少10位，不要只用数字"

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self.fields["password"].help_text = self.PASSWORD_AGAIN
            # A BoundField copies its help text when first built (the mixin built it already).
            self["password"].help_text = self.PASSWORD_AGAIN


def region_choices():
    return [("", "请选择")] + [(r.code, r.name) for r in Region.objects.filter(level__in=["town", "zone"])]


class SeekerRegisterForm(PasswordNotKeptMixin, AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label="姓名",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "请填写姓名"},
    )
    resident_id = forms.CharField(
        label="身份证号",
        max_length=30,
        help_text="18位，最后一位可能是X",
        error_messages={"required": "请填写身份证号"},
    )
    phone = forms.CharField(
        label="手机号",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    region = forms.ChoiceField(label="所在区镇", required=False)
    certificate_kind = forms.ChoiceField(
        label="持有的证件", choices=CertificateKind.choices, initial="disability", widget=forms.RadioSelect
    )
    certificate_no = forms.CharField(
        label="证号",
        max_length=40,
        required=False,
        help_text="残疾人证号为20位：身份证号18位＋类别1位＋等级1位",
    )
    veteran_grade = forms.IntegerField(
        label="残疾军人证等级（1至8级）", required=False, min_value=1, max_value=8
    )
    username = forms.CharField(
        label="用户名",
        max_length=40,
        help_text="3至40位字母或数字，登录时使用",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": "请设置用户名"},
    )
    password = forms.CharField(
        label="密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少10位，不要只用数字",
        error_messages={"required": "请设置密码"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()
        # Dependent fields, revealed by app.js (field.html): the number only with a certificate,
        # the grade only for a veteran's certificate.
        self.fields["certificate_no"].reveal = {"name": "certificate_kind", "values": "disability veteran"}
        self.fields["veteran_grade"].reveal = {"name": "certificate_kind", "values": "veteran"}


class EmployerRegisterForm(PasswordNotKeptMixin, AccessibleFormMixin, forms.Form):
    employer_name = forms.CharField(
        label="单位名称",
        max_length=120,
        help_text="与营业执照或登记证书一致",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": "请填写单位名称"},
    )
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=40,
        help_text="18位，见营业执照",
        error_messages={"required": "请填写统一社会信用代码"},
    )
    org_type = forms.ChoiceField(
        label="单位性质",
        choices=[("", "请选择")] + OrgType.choices,
        error_messages={"required": "请选择单位性质"},
    )
    region = forms.ChoiceField(label="所在区镇", error_messages={"required": "请选择所在区镇"})
    contact_name = forms.CharField(
        label="联系人", max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_phone = forms.CharField(
        label="联系电话", max_length=20, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    username = forms.CharField(
        label="用户名",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": "请设置用户名"},
    )
    password = forms.CharField(
        label="密码",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少10位，不要只用数字",
        error_messages={"required": "请设置密码"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()


class PersonCorrectionForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(
        label="姓名",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "请填写姓名"},
    )
    phone = forms.CharField(
        label="手机号", max_length=20, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
