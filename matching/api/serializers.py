"""Job-market serializers. Input serializers only parse; the services decide.

Output for employers never carries identifiers, and disability details only where the seeker
chose to share them (the selectors decide and log; these only render).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.api.serializers import RegionField
from backend.accounts.models import Employer
from training.api.serializers import CourseOfferSerializer

from ..choices import (
    Accommodation,
    ApplicationStatus,
    ContactChannel,
    Education,
    EmploymentForm,
    FeedbackReason,
    Hours,
    InterviewArrangement,
    InvitationResponse,
)
from ..core.accommodations import ACCOMMODATIONS
from ..core.explain import ranked_reasons
from ..models import Application, Invitation, JobPosting, LearnedAlias, SeekerProfile


def _skill():
    return serializers.CharField(max_length=30)


class EmployerBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Employer
        fields = ["id", "name", "sheltered"]


class JobPostingSerializer(serializers.ModelSerializer):
    employer = EmployerBriefSerializer(read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True, default="")
    employment_form_label = serializers.CharField(source="get_employment_form_display", read_only=True)
    hours_label = serializers.CharField(source="get_hours_display", read_only=True)
    accommodation_labels = serializers.SerializerMethodField()
    # 招聘中 only between 发布日期 and 截止日期; an open posting before then is 待发布.
    state_label = serializers.CharField(
        read_only=True, help_text="今天的招聘状态：招聘中、待发布（…起）、已截止、已关闭"
    )

    class Meta:
        model = JobPosting
        fields = [
            "id",
            "employer",
            "title",
            "description",
            "skills",
            "occupation_code",
            "region",
            "region_name",
            "address",
            "employment_form",
            "employment_form_label",
            "hours",
            "hours_label",
            "pay_min",
            "pay_max",
            "education",
            "headcount",
            "accommodations",
            "accommodation_labels",
            "demands",
            "demands_confirmed",
            "status",
            "state_label",
            "opens_on",
            "closes_on",
            "guaranteed_interview",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_accommodation_labels(self, posting) -> list[str]:
        return [ACCOMMODATIONS.get(code, code) for code in posting.accommodations]


class JobPostingWriteSerializer(serializers.Serializer):
    """Fields of a posting an employer may set; ``demands`` omitted = derived from the text."""

    employer = serializers.PrimaryKeyRelatedField(
        queryset=Employer.objects.all(), required=False, help_text="所属单位（只属于一个单位时可省略）"
    )
    title = serializers.CharField(max_length=80)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    skills = serializers.ListField(child=_skill(), max_length=30, required=False)
    occupation_code = serializers.CharField(max_length=12, required=False, allow_blank=True)
    region = RegionField(required=False, allow_null=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    employment_form = serializers.ChoiceField(choices=EmploymentForm.choices, required=False)
    hours = serializers.ChoiceField(choices=Hours.choices, required=False)
    pay_min = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    pay_max = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    education = serializers.ChoiceField(choices=Education.choices, required=False)
    headcount = serializers.IntegerField(min_value=1, max_value=10000, required=False)
    accommodations = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=40, required=False
    )
    demands = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=40,
        required=False,
        allow_null=True,
        help_text="岗位对身体条件的要求（代码）；不填则由系统从描述中识别，待单位确认",
    )
    opens_on = serializers.DateField(required=False)
    closes_on = serializers.DateField(required=False, allow_null=True)
    guaranteed_interview = serializers.BooleanField(required=False)


class ConflictSerializer(serializers.Serializer):
    demand = serializers.CharField()
    label = serializers.CharField()
    level = serializers.ChoiceField(choices=[("exclude", "通常不适合"), ("lower", "可能有困难")])
    resolved = serializers.BooleanField()
    resolved_by = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField(source="note_zh")


class MatchReasonSerializer(serializers.Serializer):
    text = serializers.CharField()
    tone = serializers.ChoiceField(choices=[("fit", "符合"), ("gap", "请留意"), ("info", "说明")])
    source = serializers.CharField(help_text="这条理由的依据（求职者自己填写的、岗位信息或职业分类）")


class MatchedJobSerializer(serializers.Serializer):
    """One suggested posting with the reasons that ranked it."""

    posting = JobPostingSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField(), source="explanation.reasons_zh")
    reason_details = serializers.SerializerMethodField(
        help_text="同 reasons，按重要程度排序，带符合/请留意和依据"
    )
    matched_skills = serializers.ListField(child=serializers.CharField(), source="explanation.matched_skills")
    missing_skills = serializers.ListField(child=serializers.CharField(), source="explanation.missing_skills")
    accommodations_needed = serializers.ListField(
        child=serializers.CharField(), source="explanation.accommodations_needed"
    )
    accommodations_offered = serializers.ListField(
        child=serializers.CharField(), source="explanation.accommodations_offered"
    )
    accommodations_met = serializers.ListField(
        child=serializers.CharField(), source="explanation.accommodations_met"
    )

    @extend_schema_field(MatchReasonSerializer(many=True))
    def get_reason_details(self, obj) -> list[dict]:
        return MatchReasonSerializer(ranked_reasons(obj.explanation), many=True).data

    conflicts = ConflictSerializer(many=True, source="explanation.conflicts")
    region_note = serializers.CharField(source="explanation.region_note")
    occupation = serializers.CharField(source="explanation.occupation")
    training = serializers.SerializerMethodField(
        help_text="可以通过培训补上的技能：开放报名、能补上这个岗位所缺技能的课程（只对很合适的岗位）"
    )

    @extend_schema_field(CourseOfferSerializer(many=True))
    def get_training(self, obj) -> list[dict]:
        # The view puts the offers of the whole list in the context (one query for all cards).
        offers = self.context.get("course_offers", {}).get(obj.posting.pk, [])
        return CourseOfferSerializer(offers, many=True).data


class DisabilitySerializer(serializers.Serializer):
    category = serializers.IntegerField()
    category_label = serializers.CharField()
    grade = serializers.IntegerField(allow_null=True)


class CandidateSerializer(serializers.Serializer):
    """A suggested seeker as the employer may see them: no identifiers, no name in full, and no
    disability details at all — those reach an employer only with an application the seeker chose
    to share them with (ApplicantSerializer)."""

    profile_id = serializers.IntegerField(source="profile.pk")
    display_name = serializers.CharField()
    score = serializers.FloatField()
    desired = serializers.CharField(source="profile.desired")
    skills = serializers.ListField(child=serializers.CharField(), source="profile.skills")
    experience = serializers.CharField(source="profile.experience")
    education = serializers.CharField(source="profile.education")
    regions = serializers.ListField(child=serializers.CharField(), source="region_names")
    employment_forms = serializers.ListField(child=serializers.CharField(), source="profile.employment_forms")
    hours = serializers.ListField(child=serializers.CharField(), source="profile.hours")
    expected_pay = serializers.DecimalField(
        max_digits=14, decimal_places=2, source="profile.expected_pay", allow_null=True
    )
    matched_skills = serializers.ListField(child=serializers.CharField())
    missing_skills = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())


class ApplySerializer(serializers.Serializer):
    share_disability = serializers.BooleanField(
        default=False, help_text="向该单位展示我的残疾类别、等级和需要的支持（视为同意展示）"
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ApplicationSharingSerializer(serializers.Serializer):
    share_disability = serializers.BooleanField(
        help_text="是否向该单位展示我的残疾类别、等级和需要的支持（随时可以关闭）"
    )


class ApplicantSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    desired = serializers.CharField()
    skills = serializers.ListField(child=serializers.CharField())
    experience = serializers.CharField()
    education = serializers.CharField()
    disability_shared = serializers.BooleanField()
    disability = DisabilitySerializer(allow_null=True)
    needs = serializers.ListField(child=serializers.CharField())


class ApplicationPostingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    employer = serializers.CharField()
    status = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    posting = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    applicant = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "posting",
            "status",
            "status_label",
            "share_disability",
            "note",
            "applicant",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ApplicationPostingSerializer)
    def get_posting(self, application) -> dict:
        p = application.posting
        return {"id": p.pk, "title": p.title, "employer": p.employer.name, "status": p.status}

    @extend_schema_field(ApplicantSerializer(allow_null=True))
    def get_applicant(self, application) -> dict | None:
        """Filled only for the employer (see selectors.records.applicant_details)."""
        details = self.context.get("applicants", {}).get(application.pk)
        return ApplicantSerializer(details).data if details else None


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ApplicationStatus.choices)
    start_date = serializers.DateField(required=False, help_text="入职日期（办理入职时填写，默认今天）")


class FeedbackSerializer(serializers.Serializer):
    posting = serializers.IntegerField(min_value=1, max_value=2**62)
    reason = serializers.ChoiceField(choices=FeedbackReason.choices)
    text = serializers.CharField(max_length=200, required=False, allow_blank=True)


class FeedbackResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    posting = serializers.IntegerField(source="posting_id")
    reason = serializers.CharField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProfileWriteSerializer(serializers.Serializer):
    """What a seeker may change in their profile; the two switches grant or withdraw consents."""

    desired = serializers.CharField(max_length=200, required=False, allow_blank=True)
    occupation_codes = serializers.ListField(
        child=serializers.CharField(max_length=12), max_length=5, required=False
    )
    skills = serializers.ListField(child=_skill(), max_length=30, required=False)
    experience = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    regions = serializers.ListField(
        child=serializers.CharField(max_length=12), max_length=30, required=False, help_text="区划代码"
    )
    employment_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentForm.choices), max_length=4, required=False
    )
    hours = serializers.ListField(
        child=serializers.ChoiceField(choices=Hours.choices), max_length=3, required=False
    )
    expected_pay = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=Accommodation.choices), max_length=40, required=False
    )
    can_do = serializers.ListField(child=serializers.CharField(max_length=40), max_length=40, required=False)
    visible_to_employers = serializers.BooleanField(required=False)
    use_disability_for_matching = serializers.BooleanField(
        required=False, help_text="同意使用我的残疾类别、等级和需要的支持为我推荐岗位"
    )
    share_disability_with_employers = serializers.BooleanField(
        required=False, help_text="同意向我申请的单位展示残疾信息"
    )


class ProfileSerializer(serializers.ModelSerializer):
    """The seeker's own profile; the two switches are read from their consents."""

    use_disability_for_matching = serializers.SerializerMethodField()
    share_disability_with_employers = serializers.SerializerMethodField()

    class Meta:
        model = SeekerProfile
        fields = [
            "desired",
            "occupation_codes",
            "skills",
            "experience",
            "education",
            "regions",
            "employment_forms",
            "hours",
            "expected_pay",
            "needs",
            "can_do",
            "visible_to_employers",
            "use_disability_for_matching",
            "share_disability_with_employers",
            "updated_at",
        ]
        read_only_fields = fields

    def get_use_disability_for_matching(self, profile) -> bool:
        return "disability_matching" in self.context.get("consents", set())

    def get_share_disability_with_employers(self, profile) -> bool:
        return "disability_sharing" in self.context.get("consents", set())


class OccupationSuggestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    score = serializers.FloatField()
    learned = serializers.BooleanField(help_text="至少两家单位为这个岗位名称确认过该编码")


class LearnedAliasSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = LearnedAlias
        fields = [
            "id",
            "title_key",
            "code",
            "status",
            "status_label",
            "supporters",
            "dissenters",
            "promoted_at",
            "revoked_at",
            "revoke_reason",
        ]


class LearnedAliasRevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=200, error_messages={"blank": "请填写撤销原因", "required": "请填写撤销原因"}
    )


class InvitationSerializer(serializers.ModelSerializer):
    """An interview invitation as both sides see it."""

    contact_channel_display = serializers.CharField(source="get_contact_channel_display", read_only=True)
    response_display = serializers.CharField(source="get_response_display", read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "application",
            "starts_at",
            "place",
            "arrangements",
            "arrangements_note",
            "contact_channel",
            "contact_channel_display",
            "contact_detail",
            "response",
            "response_display",
            "response_note",
            "responded_at",
            "created_at",
        ]
        read_only_fields = fields


class InviteSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(
        help_text="面试时间（ISO 8601，带时区，如 2026-12-20T14:30:00+08:00）"
    )
    place = serializers.CharField(max_length=200, help_text="面试地点或线上会议链接")
    arrangements = serializers.ListField(
        child=serializers.ChoiceField(choices=InterviewArrangement.choices),
        required=False,
        max_length=len(InterviewArrangement.choices),
        help_text="提供的无障碍安排",
    )
    arrangements_note = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_channel = serializers.ChoiceField(
        choices=ContactChannel.choices, help_text="联系方式；求职者希望文字联系时不能选电话"
    )
    contact_detail = serializers.CharField(max_length=100, help_text="联系人及号码")


class InvitationRespondSerializer(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=[(InvitationResponse.ACCEPTED, "接受"), (InvitationResponse.RESCHEDULE, "申请改期")]
    )
    note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="申请改期时写明方便的时间"
    )
