"""Registry serializers. Output serializers never carry plaintext identifiers: lists show masked
values; the full values come only from the logged reveal endpoint."""

from rest_framework import serializers

from ..choices import (
    AccessPurpose,
    CertificateKind,
    ConsentScope,
    OrgType,
    RegistrationMatch,
    RegistrationReviewStatus,
)
from ..models import AccessLog, Consent, Employer, EmployerChangeRequest, Person, Region, User
from ..registration import registration_review_summary
from ..selectors import person_masked_identifiers


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class RegionField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault(
            "error_messages", {"does_not_exist": "区划代码 {value} 不存在", "invalid": "区划代码无效"}
        )
        super().__init__(**kwargs)


class EmployerSerializer(serializers.ModelSerializer):
    """An employer as every role reads it. Nothing here is writable: contact details change
    through ``EmployerContactUpdateSerializer``, master data only by a registry decision."""

    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Employer
        fields = [
            "id",
            "name",
            "credit_code",
            "org_type",
            "sheltered",
            "region",
            "region_name",
            "industry",
            "address",
            "contact_name",
            "contact_phone",
            "status",
        ]
        read_only_fields = fields


class EmployerContactUpdateSerializer(serializers.Serializer):
    """PATCH of an employer: the contact details are the only writable fields.

    Other keys are passed through to the service, which refuses each with its own message
    (master data: "…等登记信息只能通过变更申请修改") instead of ignoring it.
    """

    industry = serializers.CharField(max_length=60, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if hasattr(data, "keys"):
            values.update({key: data[key] for key in data.keys() if key not in self.fields})
        return values


class RegistryValuesSerializer(serializers.Serializer):
    """Master-data values of a registry decision or a change request (only those that change).
    The service validates them (credit code check character, region level, uniqueness)."""

    name = serializers.CharField(max_length=120, required=False)
    credit_code = serializers.CharField(max_length=40, required=False)
    org_type = serializers.ChoiceField(
        choices=OrgType.choices, required=False, error_messages={"invalid_choice": "请选择单位性质"}
    )
    sheltered = serializers.BooleanField(required=False)
    region = serializers.CharField(max_length=12, required=False, help_text="区镇的区划代码")

    def changes(self) -> dict:
        names = ("name", "credit_code", "org_type", "sheltered", "region")
        return {key: value for key, value in self.validated_data.items() if key in names}


class RegistryChangeSerializer(RegistryValuesSerializer):
    reason = serializers.CharField(max_length=500, help_text="变更理由（记入单位的变更记录）")


class FieldChangeSerializer(serializers.Serializer):
    label = serializers.CharField()
    old = serializers.CharField()
    new = serializers.CharField()


class EmployerHistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField()
    reason = serializers.CharField()
    registry = serializers.BooleanField()
    changes = FieldChangeSerializer(many=True)


class EmployerChangeRequestSerializer(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name", read_only=True)
    requested_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = EmployerChangeRequest
        fields = [
            "id",
            "employer",
            "employer_name",
            "changes",
            "previous",
            "reason",
            "status",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]
        read_only_fields = fields

    def get_requested_by(self, obj) -> str:
        return obj.requested_by.first_name or obj.requested_by.username

    def get_decided_by(self, obj) -> str:
        return (obj.decided_by.first_name or obj.decided_by.username) if obj.decided_by else ""


class ChangeRequestCreateSerializer(RegistryValuesSerializer):
    employer = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="申请变更的单位；只在一家单位任职时可以省略",
    )
    reason = serializers.CharField(max_length=500, help_text="申请理由")


class ChangeRequestDecideSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="审核意见（单位可以看到）")


class PersonSerializer(serializers.ModelSerializer):
    """A person with masked identifiers (no access-log entry needed for masked values).

    No birth date: it is the 8 digits the resident-ID mask hides, and beside the masked ID and
    the region it rebuilt whole IDs. The full values come only from the logged ``reveal``.
    """

    resident_id_masked = serializers.SerializerMethodField()
    certificate_no_masked = serializers.SerializerMethodField()
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "sex",
            "certificate_kind",
            "certificate_valid_until",
            "phone",
            "region",
            "resident_id_masked",
            "certificate_no_masked",
        ]

    def get_resident_id_masked(self, obj) -> str:
        return person_masked_identifiers(obj)["resident_id"]

    def get_certificate_no_masked(self, obj) -> str:
        return person_masked_identifiers(obj)["certificate_no"]


class PersonUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=40, required=False)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    region = RegionField(required=False)


class RevealRequestSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(
        choices=AccessPurpose.choices, error_messages={"invalid_choice": "请选择查看原因"}
    )
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RevealResponseSerializer(serializers.Serializer):
    resident_id = serializers.CharField()
    certificate_no = serializers.CharField(allow_blank=True)
    disability_category = serializers.IntegerField(required=False, allow_null=True)
    disability_grade = serializers.IntegerField(required=False)


class ConsentSerializer(serializers.ModelSerializer):
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Consent
        fields = ["id", "scope", "purpose", "granted_at", "withdrawn_at", "active"]
        read_only_fields = fields


class ConsentGrantSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(choices=ConsentScope.choices)
    purpose = serializers.CharField(max_length=200, required=False, allow_blank=True)


class AccessLogSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True)

    class Meta:
        model = AccessLog
        fields = ["id", "at", "actor", "actor_role", "person", "field", "purpose", "reason", "request_id"]
        read_only_fields = fields


class MeSerializer(serializers.ModelSerializer):
    employers = serializers.SerializerMethodField()
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "role", "auditor_kind", "elder_mode", "person", "employers", "regions"]
        read_only_fields = fields

    def get_employers(self, obj) -> list[int]:
        return list(obj.memberships.values_list("employer_id", flat=True))


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=200, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="审核人员和系统管理员（生产环境）：身份验证器当前显示的6位动态验证码",
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)


class SeekerRegisterSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=40)
    password = serializers.CharField(max_length=200)
    name = serializers.CharField(max_length=40)
    resident_id = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    region = RegionField(required=False, allow_null=True)
    certificate_kind = serializers.ChoiceField(choices=CertificateKind.choices, default=CertificateKind.NONE)
    certificate_no = serializers.CharField(max_length=40, required=False, allow_blank=True)
    veteran_grade = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=8)
    certificate_valid_until = serializers.DateField(required=False, allow_null=True)


class EmployerRegisterSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=40)
    password = serializers.CharField(max_length=200)
    employer_name = serializers.CharField(max_length=120)
    credit_code = serializers.CharField(max_length=40)
    org_type = serializers.ChoiceField(choices=OrgType.choices)
    region = RegionField()
    contact_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    industry = serializers.CharField(max_length=60, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RegisteredSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    active = serializers.BooleanField()


class SeekerRegisteredSerializer(serializers.Serializer):
    """The one answer to an accepted seeker registration (never says whether the person was
    already registered)."""

    username = serializers.CharField()
    detail = serializers.CharField()


class RegistrationReviewSerializer(serializers.Serializer):
    """A registration that matched a registered person, as its reviewer reads it: the submission
    beside the registered person; the resident ID masked."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RegistrationReviewStatus.choices)
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    username = serializers.CharField(help_text="新注册的账号")
    name = serializers.CharField(help_text="填写的姓名")
    phone = serializers.CharField(help_text="填写的手机号")
    submitted_region = serializers.CharField(help_text="填写的区镇")
    matched_on = serializers.ChoiceField(
        choices=RegistrationMatch.choices, help_text="与已登记人员重复的证件"
    )
    matched_on_label = serializers.CharField()
    resident_id = serializers.CharField(help_text="填写的身份证号（脱敏）")
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    person_phone = serializers.CharField(help_text="人员档案中的手机号，用于电话核实")
    person_region = serializers.CharField()
    person_login = serializers.CharField(help_text="目前关联该人员档案的账号（没有则为空）")
    region = serializers.CharField(allow_null=True, help_text="负责区域代码")
    decided_by = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()

    def to_representation(self, instance):
        return super().to_representation(registration_review_summary(instance))


class RegistrationReviewDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="核实说明；驳回时必填"
    )
