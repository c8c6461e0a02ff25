"""Forms of the job-market pages. They parse input and carry messages; the matching services
decide what is allowed (pay order, closing dates, known codes, who may do what)."""

from django import forms

from backend.accounts.models import Region
from matching.choices import Education, EmploymentForm, FeedbackReason, Hours, SavedSearchFrequency
from matching.core.accommodations import group_codes
from matching.core.skills import split_skills
from matching.reference import accommodation_choices, demand_choices
from matching.selectors.search import SORTS
from quota.core.amounts import parse_amount_range
from quota.core.errors import InputError

from .forms import AccessibleFormMixin

TEXTAREA = {"rows": 4}
GRADE_LABELS = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}  # 残疾人证等级 (GB/T 26341-2010)
MONEY_ERRORS = {
    "invalid": "请填写数字，例如 3500",
    "max_digits": "金额过大，请核对",
    "max_decimal_places": "最多保留两位小数",
    "max_whole_digits": "金额过大，请核对",
}


def town_choices() -> list[tuple[str, str]]:
    """The towns and zones of the platform's regions (区镇), by code."""
    return [(r.code, r.name) for r in Region.objects.filter(level__in=["town", "zone"]).order_by("code")]


class LenientMoneyField(forms.DecimalField):
    """Reads "6,000", full-width "６０００" and "4.5k" like every other amount on the platform
    (quota.core.amounts); a range ("4000-5000") is refused here and split by the form that
    offers it (PostingDetailsForm)."""

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                low, high = parse_amount_range(value)
            except InputError as error:
                # The field's own words ("请填写数字，例如 3500"), or the parser's when it can say
                # more (a misplaced thousands separator, a backward range).
                specific = "," in value or "，" in value or "范围" in error.message_zh
                message = (
                    f"{self.label}填写有误：{error.message_zh}"
                    if specific
                    else self.error_messages["invalid"]
                )
                raise forms.ValidationError(message, code="invalid") from error
            if high is not None:
                raise forms.ValidationError(f"{self.label}只填一个数，例如 3500", code="invalid")
            value = str(low)
        return super().to_python(value)


def money_field(label: str, help_text: str = "") -> forms.DecimalField:
    return LenientMoneyField(
        label=label,
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages=MONEY_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def checkboxes(label: str, help_text: str = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, required=False, help_text=help_text, widget=forms.CheckboxSelectMultiple
    )


def date_field(label: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        error_messages={"invalid": "日期格式应为 2025-03-01"},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class SkillsField(forms.CharField):
    """Splits "打字、Excel，包装" into ["打字", "Excel", "包装"] (the services check each item)."""

    def to_python(self, value):
        return split_skills(super().to_python(value))


class JobsForm(AccessibleFormMixin, forms.Form):
    """Choices that come from the database are filled in per request, in ``prepare_fields``,
    before anything reads ``errors`` (the mixin does, to link error messages)."""

    def __init__(self, *args, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)
        self.prepare_fields()
        self._link_descriptions()

    def prepare_fields(self) -> None:
        """Fill in choices that come from the database."""

    def _link_descriptions(self):
        super()._link_descriptions()
        # Radio and checkbox groups are described by their <fieldset> (field.html); their
        # options have no id of the group's own to point at.
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                field.widget.attrs.pop("aria-describedby", None)

    def set_choices(self, name: str, choices) -> None:
        self.fields[name].choices = list(choices)


# ------------------------------------------------------------------ seeker profile steps


class WishForm(JobsForm):
    desired = forms.CharField(
        label="您想做什么工作",
        max_length=200,
        help_text="可以写几个，用顿号隔开，例如：客服、数据录入、包装工",
        error_messages={"required": "请写下您想做的工作，例如：客服、包装工"},
    )
    visible_to_employers = forms.BooleanField(
        label="允许用人单位在“推荐人选”中看到我的求职意向和技能",
        required=False,
        help_text="单位看不到您的全名、身份证号、电话和残疾信息；残疾信息只在您申请岗位并选择展示时给那家单位看。",
    )


class SkillsForm(JobsForm):
    skills = SkillsField(
        label="您会的技能",
        required=False,
        help_text="用顿号或逗号隔开，例如：电脑打字、Excel、包装、手语",
    )
    experience = forms.CharField(
        label="工作经历",
        required=False,
        max_length=2000,
        error_messages={"max_length": "工作经历不超过2000个字"},
        help_text="做过什么工作、做了多久，简单写几句就行",
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    education = forms.ChoiceField(label="学历", required=False)

    def prepare_fields(self):
        self.set_choices(
            "education", [("", "不填写")] + [(c, label) for c, label in Education.choices if c != "none"]
        )


class PlaceForm(JobsForm):
    regions = checkboxes("希望在哪些区镇工作", "不选表示哪里都可以")
    employment_forms = checkboxes("希望的就业形式", "不选表示都可以")
    hours = checkboxes("希望的工作时间", "不选表示都可以")

    def prepare_fields(self):
        self.set_choices("regions", town_choices())
        self.set_choices("employment_forms", EmploymentForm.choices)
        self.set_choices("hours", Hours.choices)


class PayForm(JobsForm):
    expected_pay = money_field("期望月薪（元）", "税前每月多少元，例如 3500。不填表示可以面议")


class DisabilityForm(JobsForm):
    needs = checkboxes(
        "工作时您需要的支持",
        "例如用读屏软件、需要无障碍通道。只在您同意后才用于推荐或给单位看",
    )
    can_do = checkboxes(
        "下面这些工作要求，您能做到的请勾选",
        "勾选后，即使这类要求一般不适合您的残疾类别，我们也会照常推荐",
    )
    use_disability_for_matching = forms.BooleanField(
        label="同意：用我的残疾信息为我推荐岗位",
        required=False,
        help_text="我们会避开不适合您身体情况的岗位，并优先推荐提供您所需支持的单位。"
        "只用于给您本人的推荐，单位看到的推荐人选不受影响。"
        "不同意也能找工作，只是推荐不考虑身体情况。可以随时在“我的信息”里撤回。",
    )
    share_disability_with_employers = forms.BooleanField(
        label="同意：我申请岗位时，可以让该单位看到我的残疾信息",
        required=False,
        help_text="每次申请时您还可以再选择给不给这家单位看。不同意，单位就看不到。",
    )

    def prepare_fields(self):
        self.set_choices("needs", accommodation_choices().items())
        self.set_choices("can_do", demand_choices().items())

    def needs_groups(self) -> list[tuple[str, list]]:
        """The needs checkboxes by what they are for (看、听和说、行动…), for one <fieldset>
        each inside the field's own."""
        options = {option.data["value"]: option for option in self["needs"]}
        return [(label, [options[c] for c in codes]) for label, codes in group_codes(options)]


# ------------------------------------------------------------------ seeker actions


class ApplyForm(JobsForm):
    share_disability = forms.BooleanField(
        label="让这家单位看到我的残疾信息（类别、等级和需要的支持）",
        required=False,
        help_text="单位可以提前准备无障碍条件。不勾选也能正常申请，单位看不到。申请后可以在“我的申请”里随时关闭。",
    )
    note = forms.CharField(
        label="给单位的留言",
        required=False,
        max_length=500,
        error_messages={"max_length": "留言不超过500个字"},
        help_text="可以不写。500字以内",
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class FeedbackForm(JobsForm):
    reason = forms.ChoiceField(
        label="为什么不合适",
        choices=FeedbackReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择不合适的原因"},
    )
    text = forms.CharField(label="补充说明", required=False, help_text="可以不写。200字以内")


class JobSearchForm(JobsForm):
    q = forms.CharField(label="关键词", required=False, help_text="岗位名称或技能，例如：客服")
    region = forms.ChoiceField(label="工作区镇", required=False)
    employment_form = checkboxes("就业形式")
    hours = checkboxes("工作时间")
    # "6,000" and "４５００" read like every other amount (issue 14); whole yuan only.
    pay_min = LenientMoneyField(
        label="月薪不低于（元）",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=0,
        error_messages={
            "invalid": "请填写整数，例如 3000 或 3,000",
            "min_value": "月薪不能为负数",
            "max_decimal_places": "请填写整数，例如 3000",
            "max_digits": "月薪不低于的金额过大，请核对",
            "max_whole_digits": "月薪不低于的金额过大，请核对",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    accommodations = checkboxes("单位提供的支持（全部满足）")
    remote = forms.BooleanField(label="只看可以居家工作的岗位", required=False)
    guaranteed_interview = forms.BooleanField(label="只看保障面试的岗位", required=False)
    sort = forms.ChoiceField(label="排序", required=False)

    def __init__(self, *args, can_match: bool = False, **kwargs):
        # 匹配度 needs the seeker's profile: offered (and accepted) only when there is one.
        self.can_match = can_match
        super().__init__(*args, **kwargs)

    def prepare_fields(self):
        sorts = [(k, v) for k, v in SORTS.items() if k != "match" or self.can_match]
        self.set_choices("sort", [("", "默认（关键词相关度，其次最新）")] + sorts)
        self.fields["sort"].error_messages["invalid_choice"] = (
            "按匹配度排序需要先登录并填写求职资料" if self.data.get("sort") == "match" else "请选择排序方式"
        )
        self.set_choices("region", [("", "不限")] + town_choices())
        self.set_choices("employment_form", EmploymentForm.choices)
        self.set_choices("hours", Hours.choices)
        self.set_choices("accommodations", accommodation_choices().items())

    def filters(self) -> dict:
        """The JobPostingFilterSet parameters of the valid form (empty ones left out)."""
        data = self.cleaned_data
        out = {}
        for name in ("region", "employment_form", "hours", "accommodations"):
            if data.get(name):
                out[name] = data[name]
        if data.get("pay_min") is not None:
            out["pay_min"] = int(data["pay_min"])
        # The FilterSet takes the API's words ("true"/"false"): a bare True read as "True" and
        # was refused as not one of the choices. An unticked box means no filter, not "false".
        for name in ("remote", "guaranteed_interview"):
            if data.get(name):
                out[name] = "true"
        return out


class SavedSearchForm(JobsForm):
    """保存这个搜索 on /jobs/: the query rides along as the page's own query string."""

    name = forms.CharField(
        label="给这个搜索起个名字",
        required=False,
        max_length=60,
        help_text="不填就用搜索条件作名字。60字以内",
        error_messages={"max_length": "名称不超过60个字"},
    )
    frequency = forms.ChoiceField(
        label="有新岗位时提醒我",
        choices=SavedSearchFrequency.choices,
        initial=SavedSearchFrequency.DAILY,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择提醒频率", "invalid_choice": "请选择提醒频率：每天或每周"},
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


# ------------------------------------------------------------------ employer postings


class PostingDetailsForm(JobsForm):
    """Step 1 of a posting: what the job is."""

    title = forms.CharField(
        label="岗位名称",
        max_length=80,
        help_text="例如：电话客服、包装工、数据录入员",
        error_messages={"required": "请填写岗位名称", "max_length": "岗位名称不超过80个字"},
    )
    description = forms.CharField(
        label="岗位描述",
        required=False,
        help_text="做什么、在哪里做、怎么做。我们会据此勾选岗位要求，请在下一步核对",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    skills = SkillsField(label="技能要求", required=False, help_text="用顿号或逗号隔开，例如：Excel、打字")
    employment_form = forms.ChoiceField(label="就业形式", widget=forms.RadioSelect)
    region = forms.ChoiceField(label="工作区镇", required=False, help_text="居家就业可以不选")
    address = forms.CharField(label="工作地址", required=False, max_length=200)
    hours = forms.ChoiceField(label="工作时间", widget=forms.RadioSelect)
    pay_min = money_field("月薪下限（元）", "税前，例如 3000；也可以写范围 3000-4500")
    pay_max = money_field("月薪上限（元）", "税前，例如 4500")
    education = forms.ChoiceField(label="学历要求")
    headcount = forms.IntegerField(
        label="招聘人数",
        error_messages={"required": "请填写招聘人数", "invalid": "招聘人数应为整数，例如 2"},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    opens_on = date_field("发布日期", "不填表示今天")
    closes_on = date_field("截止日期", "不填表示长期招聘")
    guaranteed_interview = forms.BooleanField(
        label="保障面试：符合基本条件的残疾人求职者都能获得面试机会", required=False
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(self._split_pay_range(data), *args, **kwargs)

    @staticmethod
    def _split_pay_range(data):
        """ "4000-5000" typed into the lower bound fills both bounds (when the upper is empty):
        how pay is written in job ads (智联招聘, BOSS直聘)."""
        if data is None:
            return None
        text = (data.get("pay_min") or "").strip()
        if not text or (data.get("pay_max") or "").strip():
            return data
        try:
            low, high = parse_amount_range(text)
        except InputError:
            return data  # the field reports it
        if high is None:
            return data
        data = data.copy()
        data["pay_min"], data["pay_max"] = f"{low:f}", f"{high:f}"
        return data

    def prepare_fields(self):
        self.set_choices("employment_form", EmploymentForm.choices)
        self.set_choices("region", [("", "请选择")] + town_choices())
        self.set_choices("hours", Hours.choices)
        self.set_choices("education", Education.choices)
        self.fields["employment_form"].error_messages["required"] = "请选择就业形式"
        # A home-based job has no workplace address (revealed by app.js, field.html).
        self.fields["address"].reveal = {
            "name": "employment_form",
            "values": "competitive sheltered assisted",
        }
        self.fields["hours"].error_messages["required"] = "请选择工作时间"


class PostingChecklistForm(JobsForm):
    """Step 2 of a posting: the occupation code, the accessibility checklist and the demands."""

    occupation_code = forms.CharField(
        label="建议职业编码",
        required=False,
        help_text="根据岗位名称从《职业分类大典》中找到的职业，请选择最接近的一个。"
        "您的选择也会帮助平台为名称相近的岗位编码：两家以上单位为同一岗位名称选了同一个职业后，"
        "平台会优先建议它（残联工作人员可以撤销）",
        widget=forms.Select,
    )
    accommodations = checkboxes("单位能提供的无障碍条件", "请勾选工作场所已经具备或可以安排的")
    demands = checkboxes(
        "岗位要求",
        "我们根据岗位描述自动勾选了这些要求，请核对：去掉不需要的，补上漏掉的",
    )

    def __init__(self, *args, suggestions=(), **kwargs):
        self.suggestions = list(suggestions)
        super().__init__(*args, **kwargs)

    def prepare_fields(self):
        self.set_choices("accommodations", accommodation_choices().items())
        self.set_choices("demands", demand_choices().items())
        self.fields["occupation_code"].widget.choices = [("", "暂不选择")] + [
            (s["code"], f"{s['name']}（{s['code']}）") for s in self.suggestions
        ]


class ApplicationMoveForm(JobsForm):
    status = forms.ChoiceField(
        label="下一步", widget=forms.RadioSelect, error_messages={"required": "请选择这份申请的下一步"}
    )
    start_date = date_field("入职日期", "只在办理入职时填写；不填表示今天")

    def __init__(self, *args, allowed=(), **kwargs):
        self.allowed = list(allowed)
        super().__init__(*args, **kwargs)

    def prepare_fields(self):
        self.set_choices("status", self.allowed)
        if "hired" not in dict(self.allowed):
            del self.fields["start_date"]
        else:
            self.fields["start_date"].reveal = {"name": "status", "values": "hired"}


class ApplicationFilterForm(JobsForm):
    posting = forms.ChoiceField(label="岗位", required=False)
    status = forms.ChoiceField(label="状态", required=False)

    def __init__(self, *args, postings=(), statuses=(), **kwargs):
        self.postings, self.statuses = list(postings), list(statuses)
        super().__init__(*args, **kwargs)

    def prepare_fields(self):
        self.set_choices("posting", [("", "全部岗位")] + [(str(p.pk), p.title) for p in self.postings])
        self.set_choices("status", [("", "全部状态")] + self.statuses)

    def filters(self) -> dict:
        """The ApplicationFilterSet parameters of the valid form."""
        out = {}
        if self.cleaned_data.get("posting"):
            out["posting"] = self.cleaned_data["posting"]
        if self.cleaned_data.get("status"):
            out["status"] = [self.cleaned_data["status"]]
        return out
