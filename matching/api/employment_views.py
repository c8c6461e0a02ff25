"""实名制就业 records (issue 10 §6): /api/v1/employment-records/.

Scoped by ``Employment.objects.visible_to``: the person their own records, employer staff their
employers', auditors their regions', administrators all (read only). 残联 auditors enter records
of hires made off the platform; auditors of the agencies that review rosters correct them, with
a reason kept in the history. The services decide who may; this only parses and renders.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.accounts.models import Employer
from backend.api.parsers import JSONParser
from backend.api.schema import ERROR

from .. import services
from ..filtersets import EmploymentFilterSet
from ..models import Employment
from . import employment_serializers as s


def person_named(*, kind: str, number: str, name: str):
    """The registered holder of the certificate, checked against the name (both must match, so
    a number alone finds nobody) — the roster's own lookup."""
    from quota.services.roster import person_for_certificate

    return person_for_certificate(kind=kind, number=number, name=name)


@extend_schema_view(
    list=extend_schema(summary="实名制就业记录列表", description="按角色限定范围。"),
    retrieve=extend_schema(summary="实名制就业记录（含更正历史）", responses=s.EmploymentDetailSerializer),
)
class EmploymentRecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = EmploymentFilterSet
    permission_classes = [HasRole]
    allowed_roles = {
        "default": {Role.SEEKER, Role.EMPLOYER, Role.AUDITOR, Role.ADMIN},
        "create": {Role.AUDITOR},
        "correct": {Role.AUDITOR},
    }
    ordering_fields = ["start_date", "end_date", "created_at"]
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return (
            Employment.objects.visible_to(self.request.user)
            .select_related("person", "employer", "posting")
            .order_by("-start_date", "-id")
        )

    def get_serializer_class(self):
        return s.EmploymentSerializer if self.action == "list" else s.EmploymentDetailSerializer

    def _detail(self, employment, code=200):
        employment = self.get_queryset().get(pk=employment.pk)
        response = Response(s.EmploymentDetailSerializer(employment).data, status=code)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(
        summary="录入实名制就业记录（残联审核人员）",
        request=s.EmploymentCreateSerializer,
        responses={201: s.EmploymentDetailSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        data = s.EmploymentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        employer = Employer.objects.visible_to(request.user).filter(pk=v["employer"]).first()
        if employer is None:
            raise ValidationError({"employer": ["没有找到该用人单位（只能选择您负责区域内的单位）"]})
        person = person_named(kind=v["certificate_kind"], number=v["certificate_no"], name=v["name"])
        employment = services.employment_create(
            by=request.user,
            person=person,
            employer=employer,
            start_date=v["start_date"],
            end_date=v["end_date"],
            end_reason=v["end_reason"],
            source=v["source"],
        )
        return self._detail(employment, 201)

    @extend_schema(
        summary="更正入职日期、离职日期或离职原因（须写明原因）",
        request=s.EmploymentCorrectSerializer,
        responses={200: s.EmploymentDetailSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def correct(self, request, pk=None):
        employment = self.get_object()
        data = s.EmploymentCorrectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employment = services.employment_correct(
            by=request.user, employment=employment, **data.validated_data
        )
        return self._detail(employment)
