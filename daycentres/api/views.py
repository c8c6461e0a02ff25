"""API of the 残疾人之家 (read: auditors, service staff of the region, administrators) and of the
individual-subsidy applications. Out of scope → 404; bad input → 400 with Chinese messages."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from indicators.models import TrainingRecord

from .. import selectors
from ..models import CentreMembership, WorkOrder
from ..services import subsidies
from . import serializers as s

READERS = {Role.AUDITOR, Role.SERVICE, Role.ADMIN}


class DayCentreViewSet(viewsets.ReadOnlyModelViewSet):
    """残疾人之家：地址、容量、无障碍设施、成员与加工项目。"""

    serializer_class = s.DayCentreSerializer
    permission_classes = [HasRole]
    allowed_roles = READERS
    filterset_class = None
    ordering_fields = ["name"]

    def get_queryset(self):
        return selectors.centres_for(self.request.user).order_by("name")

    @extend_schema(responses=s.MemberSerializer(many=True))
    @action(detail=True, methods=["get"])
    def members(self, request, pk=None):
        centre = self.get_object()
        rows = CentreMembership.objects.filter(centre=centre).select_related("person")
        return Response(s.MemberSerializer(rows, many=True).data)

    @extend_schema(responses=s.OrderSerializer(many=True))
    @action(detail=True, methods=["get"])
    def orders(self, request, pk=None):
        centre = self.get_object()
        rows = WorkOrder.objects.filter(centre=centre).select_related("employer")
        return Response(s.OrderSerializer(rows, many=True).data)


class SubsidyApplicationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """个人补贴申请（自主创业、重度残疾人灵活就业社保、职业培训、职业技能鉴定）。"""

    serializer_class = s.SubsidyApplicationSerializer
    permission_classes = [HasRole]
    allowed_roles = {
        "default": {Role.SEEKER, Role.SERVICE, Role.AUDITOR, Role.ADMIN},
        "create": {Role.SEEKER, Role.SERVICE},
        "propose": {Role.AUDITOR},
        "refuse": {Role.AUDITOR},
    }
    filterset_class = None
    ordering_fields = ["applied_at"]

    def get_queryset(self):
        return selectors.applications_for(self.request.user).order_by("-applied_at", "-id")

    def _person(self, request, person_id):
        if request.user.role == Role.SEEKER:
            if request.user.person is None:
                raise Http404
            return request.user.person
        person = selectors.persons_served_by(request.user).filter(pk=person_id).first()
        if person is None:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({"person": ["人员不存在或不在您负责的区域内"]})
        return person

    @extend_schema(
        request=s.SubsidyApplicationInputSerializer, responses={201: s.SubsidyApplicationSerializer}
    )
    def create(self, request, *args, **kwargs):
        data = s.SubsidyApplicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        person = self._person(request, v.pop("person", None))
        record_id = v.pop("training_record", None)
        record = TrainingRecord.objects.filter(person=person, pk=record_id).first() if record_id else None
        application = subsidies.subsidy_application_submit(
            person=person, by=request.user, training_record=record, **v
        )
        return Response(s.SubsidyApplicationSerializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.SubsidyApplicationSerializer)
    @action(detail=True, methods=["post"])
    def propose(self, request, pk=None):
        application = subsidies.subsidy_application_propose(application=self.get_object(), by=request.user)
        return Response(s.SubsidyApplicationSerializer(application).data)

    @extend_schema(request=s.RefuseSerializer, responses=s.SubsidyApplicationSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        application = self.get_object()  # out of scope: 404 before any validation
        data = s.RefuseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = subsidies.subsidy_application_refuse(
            application=application, by=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.SubsidyApplicationSerializer(application).data)
