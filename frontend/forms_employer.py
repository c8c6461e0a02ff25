"""Forms of the employer pages (profile, change requests, choosing the acting employer) and the
auditors' employer pages (registry decisions, deciding change requests). They parse; the rules
(who may change which field, the credit code check, the region level) are in the services."""

from django import forms

from backend.accounts.choices import OrgType

from .forms import AccessibleFormMixin, region_choices

YES_NO = [("no", "否"), ("yes", "是")]


class EmployerContactForm(AccessibleFormMixin, forms.Form):
    """The contact details an employer's administrator keeps up to date."""

    industry = forms.CharField(label="行业", max_length=60, required=False)
    address = forms.CharField(
        label="地址",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label="联系人", max_length=40, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_phone = forms.CharField(
        label="联系电话",
        max_length=20,
        required=False,
        help_text="手机号11位，座机写成 0512-12345678",
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )


class RegistryValuesForm(AccessibleFormMixin, forms.Form):
    """Master data as it should be (pre-filled with the current values), and why."""

    name = forms.CharField(
        label="单位名称",
        max_length=120,
        help_text="与营业执照或登记证书一致",
        error_messages={"required": "请填写单位名称"},
    )
    credit_code = forms.CharField(
        label="统一社会信用代码",
        max_length=40,
        help_text="18位，见营业执照",
        error_messages={"required": "请填写统一社会信用代码"},
    )
    org_type = forms.ChoiceField(
        label="单位性质", choices=OrgType.choices, error_messages={"required": "请选择单位性质"}
    )
    region = forms.ChoiceField(label="所在区镇", error_messages={"required": "请选择所在区镇"})
    sheltered = forms.ChoiceField(
        label="集中安置单位（福利企业等）",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否为集中安置单位"},
    )
    reason = forms.CharField(
        label="申请理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="例如：营业执照已变更（写明变更日期），或原登记有误",
        error_messages={"required": "请写明申请理由"},
    )

    def __init__(self, *args, reason_label: str = "申请理由", reason_help: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()
        self.fields["reason"].label = reason_label
        self.fields["reason"].error_messages["required"] = f"请写明{reason_label}"
        if reason_help:
            self.fields["reason"].help_text = reason_help
        self._link_descriptions()

    @staticmethod
    def initial_for(employer) -> dict:
        return {
            "name": employer.name,
            "credit_code": employer.credit_code,
            "org_type": employer.org_type,
            "region": employer.region.code,
            "sheltered": "yes" if employer.sheltered else "no",
        }

    def changes(self) -> dict:
        """The requested values as the services take them; the service keeps only those that
        differ from the current record."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "credit_code": data["credit_code"],
            "org_type": data["org_type"],
            "region": data["region"],
            "sheltered": data["sheltered"] == "yes",
        }


class ChangeRequestDecideForm(AccessibleFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("approve", "批准：按申请变更登记信息"), ("reject", "驳回：登记信息不变")],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择批准或驳回"},
    )
    reason = forms.CharField(
        label="审核意见",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="单位会看到；批准时写明核对了哪些材料，驳回时写明原因和需要补充什么",
        error_messages={"required": "请写明审核意见"},
    )


class ChooseEmployerForm(AccessibleFormMixin, forms.Form):
    employer = forms.TypedChoiceField(
        label="代表哪家单位办理",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择一家单位", "invalid_choice": "请选择您任职的单位"},
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, employers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].choices = [
            (e.pk, f"{e.name}（{e.credit_code}，{e.region.name}）") for e in employers
        ]
        self._link_descriptions()
