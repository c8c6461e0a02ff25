"""Forms of the declaration's paperwork: the 经办人 step and the supporting documents.

They parse only; the services validate (the phone is normalised by ``report_set_contact``)."""

from django import forms

from quota.choices import ReportAttachmentKind

from .forms import AccessibleFormMixin
from .forms_audit import files_field
from .forms_quota import version_field


class ContactForm(AccessibleFormMixin, forms.Form):
    contact_name = forms.CharField(
        label="经办人姓名",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "请填写经办人姓名", "max_length": "经办人姓名不超过40个字"},
    )
    contact_phone = forms.CharField(
        label="经办人电话",
        max_length=30,
        help_text="手机号或带区号的固定电话，如 139-1234-5678 或 0512-53512345",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": "请填写经办人电话", "max_length": "经办人电话太长，请核对"},
    )
    version = version_field()


class AttachmentForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="材料类型",
        choices=ReportAttachmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择材料类型", "invalid_choice": "请选择材料类型"},
    )
    files = files_field("选择文件", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].error_messages["required"] = "请选择要上传的文件（PDF、JPG或PNG）"
