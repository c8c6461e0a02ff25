"""Forms of the 实名制就业 record pages (issue 10 §6): they parse; the services decide."""

from django import forms

from backend.accounts.choices import CertificateKind
from matching.choices import ENTERED_SOURCE_CHOICES, EmploymentSource

from .forms import AccessibleFormMixin
from .forms_audit import date_field


class EmploymentCreateForm(AccessibleFormMixin, forms.Form):
    employer = forms.TypedChoiceField(
        label="用人单位",
        coerce=int,
        error_messages={"required": "请选择用人单位", "invalid_choice": "请选择用人单位"},
    )
    name = forms.CharField(
        label="姓名",
        max_length=40,
        help_text="与证件上的姓名一致",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "请填写姓名"},
    )
    certificate_kind = forms.ChoiceField(
        label="证件类型",
        choices=[(CertificateKind.DISABILITY, "残疾人证"), (CertificateKind.VETERAN, "残疾军人证")],
        initial=CertificateKind.DISABILITY,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择证件类型"},
    )
    certificate_no = forms.CharField(
        label="证号",
        max_length=40,
        help_text="证号和姓名须与残联登记的证件一致",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "请填写证号"},
    )
    start_date = date_field("入职日期", help_text="如 2026-03-01")
    end_date = date_field("离职日期", required=False, help_text="仍在职的不填")
    end_reason = forms.CharField(label="离职原因", max_length=200, required=False)
    source = forms.ChoiceField(
        label="来源",
        choices=ENTERED_SOURCE_CHOICES,
        initial=EmploymentSource.DPF,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择来源"},
    )

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [("", "请选择"), *[(e.pk, e.name) for e in employers]]
        self._link_descriptions()


class EmploymentCorrectForm(AccessibleFormMixin, forms.Form):
    start_date = date_field("入职日期", help_text="如 2026-03-01")
    end_date = date_field("离职日期", required=False, help_text="仍在职的不填")
    end_reason = forms.CharField(label="离职原因", max_length=200, required=False)
    reason = forms.CharField(
        label="更正原因",
        max_length=200,
        help_text="记入修改历史，例如：单位提供了离职证明",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明更正原因（将记入修改历史）"},
    )
