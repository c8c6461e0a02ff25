"""人工核验 in the API: an auditor confirms a roster line's certificate with a reason and the
evidence (``registry.services.certificate_confirm``); auditors and administrators read them."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from quota.selectors import roster_lines_for

from ..models import CertificateConfirmation
from ..services import certificate_confirm
from .views import MayImportRegistry


class ConfirmationSerializer(serializers.ModelSerializer):
    confirmed_by = serializers.SerializerMethodField()

    class Meta:
        model = CertificateConfirmation
        fields = [
            "id",
            "certificate_kind",
            "valid_from",
            "valid_until",
            "reason",
            "evidence",
            "confirmed_by",
            "confirmed_at",
            "withdrawn_at",
        ]

    def get_confirmed_by(self, obj) -> str:
        return obj.confirmed_by.first_name or obj.confirmed_by.username


class ConfirmationInputSerializer(serializers.Serializer):
    roster_line = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="名册行编号")
    valid_from = serializers.DateField(help_text="核验有效起始日")
    valid_until = serializers.DateField(
        required=False, allow_null=True, help_text="核验有效截止日；证件长期有效时留空"
    )
    reason = serializers.CharField(max_length=300, help_text="核验理由")
    evidence = serializers.CharField(max_length=300, help_text="核验依据（材料名称、编号）")


@extend_schema_view(list=extend_schema(summary="人工核验记录"))
class ConfirmationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ConfirmationSerializer
    permission_classes = [MayImportRegistry]

    def get_queryset(self):
        return CertificateConfirmation.objects.visible_to(self.request.user).select_related("confirmed_by")

    @extend_schema(
        summary="人工核验名册行的残疾人证",
        description="残联审核人员核对证件原件后登记：起止日期、理由和依据。核验库中状态为注销、死亡、迁出或过期的证件不能人工核验。",
        request=ConfirmationInputSerializer,
        responses={201: ConfirmationSerializer},
    )
    def create(self, request):
        data = ConfirmationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        line = roster_lines_for(request.user).filter(pk=values["roster_line"]).first()
        if line is None:
            raise serializers.ValidationError({"roster_line": "没有这个名册行，或不在您负责的区域"})
        confirmation = certificate_confirm(
            line=line,
            by=request.user,
            valid_from=values["valid_from"],
            valid_until=values.get("valid_until"),
            reason=values["reason"],
            evidence=values["evidence"],
        )
        return Response(ConfirmationSerializer(confirmation).data, status=status.HTTP_201_CREATED)
