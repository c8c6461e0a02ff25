"""Forms of the 核验数据导入 pages (frontend/views/registry_imports.py)."""

from django import forms

from quota.core.file_checks import size_text
from registry.choices import ImportKind
from registry.services import UPLOAD_MAX_BYTES

from .forms import AccessibleFormMixin

KIND_REQUIRED = "请选择要导入的数据类型"


class RegistryUploadForm(AccessibleFormMixin, forms.Form):
    # Before the file: when the upload handler drops an oversized file, this field still arrives.
    kind = forms.ChoiceField(
        label="数据类型",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        help_text="残疾人证核验数据的表头：certificate_no,name,status,category,grade,issued_on,valid_until,"
        "status_changed_on。社保缴费明细的表头：credit_code,resident_id,month,insurance_types,base。",
        error_messages={"required": KIND_REQUIRED, "invalid_choice": KIND_REQUIRED},
    )
    file = forms.FileField(
        label="选择文件（.csv 或 .xlsx）",
        help_text=f"第一行为表头；CSV 用 UTF-8 或 GBK 编码；文件不超过{size_text(UPLOAD_MAX_BYTES)}。",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": "请选择要导入的文件（.csv 或 .xlsx）", "empty": "文件是空的，请重新选择"},
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
        return self.cleaned_data.get("file")


class RegistryConfirmForm(AccessibleFormMixin, forms.Form):
    """The confirmation of a checked file (the file waits on the server, encrypted)."""
