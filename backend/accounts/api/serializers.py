"""Registry serializers. Output serializers never carry plaintext identifiers: lists show masked
values; the full values come only from the logged reveal endpoint."""

from rest_framework import serializers

from ..choices import AccessPurpose, CertificateKind, ConsentScope, OrgType
from ..models import AccessLog, Consent, Employer, Person, Region, User
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
    region = RegionField()
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
        read_only_fields = ["id", "status"]


class EmployerUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    credit_code = serializers.CharField(max_length=40, required=False)
    org_type = serializers.ChoiceField(choices=OrgType.choices, required=False)
    sheltered = serializers.BooleanField(required=False)
    region = RegionField(required=False)
    industry = serializers.CharField(max_length=60, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)


class PersonSerializer(serializers.ModelSerializer):
    """A person with masked identifiers (no access-log entry needed for masked values)."""

    resident_id_masked = serializers.SerializerMethodField()
    certificate_no_masked = serializers.SerializerMethodField()
    region = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "birth_date",
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
