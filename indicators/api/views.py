"""API of the indicators app: training records (auditors and administrators, scoped by region)
and the plan's indicators as JSON. Out of scope → 404; bad input → 400 with Chinese messages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role

from .. import selectors, services
from ..filtersets import TrainingRecordFilterSet
from . import serializers as s

STAFF = {Role.AUDITOR, Role.ADMIN}


class TrainingRecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """残疾人职业培训记录（每人每个培训项目一条，计入“职业技能培训人次”）。"""

    serializer_class = s.TrainingRecordSerializer
    filterset_class = TrainingRecordFilterSet
    ordering_fields = ["end_date", "hours", "recorded_at"]
    permission_classes = [HasRole]
    allowed_roles = STAFF
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.training_records_for(self.request.user).order_by("-end_date", "-id")

    def _out(self, record, code=status.HTTP_200_OK):
        return Response(s.TrainingRecordSerializer(self.get_queryset().get(pk=record.pk)).data, status=code)

    @extend_schema(request=s.TrainingRecordInputSerializer, responses={201: s.TrainingRecordSerializer})
    def create(self, request, *args, **kwargs):
        data = s.TrainingRecordInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        record = services.training_record_create(by=request.user, **data.validated_data)
        return self._out(record, status.HTTP_201_CREATED)

    @extend_schema(request=s.TrainingRecordUpdateSerializer, responses=s.TrainingRecordSerializer)
    def partial_update(self, request, *args, **kwargs):
        record = self.get_object()
        data = s.TrainingRecordUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        record = services.training_record_update(record=record, by=request.user, **data.validated_data)
        return self._out(record)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.training_record_delete(record=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PlanIndicatorsView(APIView):
    """“十四五”规划就业指标：实名制新增就业、职业技能培训（对照目标），达比例单位，保障金与补贴。"""

    permission_classes = [HasRole]
    allowed_roles = STAFF

    @extend_schema(parameters=[s.PlanIndicatorQuerySerializer], responses=s.PlanIndicatorsSerializer)
    def get(self, request):
        query = s.PlanIndicatorQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        indicators = selectors.plan_indicators(
            user=request.user, data_year=query.validated_data.get("data_year")
        )
        return Response(selectors.indicators_as_dict(indicators))
