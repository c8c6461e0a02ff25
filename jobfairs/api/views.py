"""Job-fair API, mounted at /api/v1/: fairs (public when published), booths, registrations,
the seeker's route and the organisers' results."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.accounts.models import Employer
from backend.accounts.selectors import acting_employer
from backend.api.errors import error_response
from backend.api.schema import ERROR

from .. import selectors, services
from ..filtersets import JobFairFilterSet
from ..models import Booth, FairRegistration
from . import serializers as s

ORGANISERS = {Role.SERVICE, Role.ADMIN}


@extend_schema_view(
    list=extend_schema(summary="专场招聘会列表（已发布的公开；组织人另见本区域的草稿）"),
    retrieve=extend_schema(summary="专场招聘会详情"),
)
class JobFairViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.JobFairSerializer
    filterset_class = JobFairFilterSet
    ordering_fields = ["starts_at"]
    permission_classes = [HasRole]
    allowed_roles = {
        "list": None,
        "retrieve": None,
        "create": ORGANISERS,
        "publish": ORGANISERS,
        "booths": {Role.EMPLOYER},
        "register": {Role.SEEKER},
        "route": {Role.SEEKER},
        "default": set(),
    }

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return super().get_permissions()

    def get_queryset(self):
        return selectors.fair_list(user=self.request.user).order_by("starts_at", "id")

    @extend_schema(
        summary="创建专场招聘会（就业服务专员、系统管理员；创建后为草稿）",
        request=s.JobFairInputSerializer,
        responses={201: s.JobFairSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        data = s.JobFairInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fair = services.fair_create(by=request.user, **data.validated_data)
        return Response(s.JobFairSerializer(fair).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="发布招聘会", request=None, responses={200: s.JobFairSerializer, 400: ERROR, 403: ERROR}
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        fair = services.fair_publish(by=request.user, fair=self.get_object())
        return Response(s.JobFairSerializer(fair).data)

    @extend_schema(
        summary="用人单位报名展位（带上本单位正在招聘的岗位）",
        request=s.BoothInputSerializer,
        responses={201: s.BoothSerializer, 400: ERROR, 403: ERROR},
    )
    @action(detail=True, methods=["post"])
    def booths(self, request, pk=None):
        fair = self.get_object()
        data = s.BoothInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            employer = acting_employer(request.user, data.validated_data.get("employer"))
        except Employer.DoesNotExist:
            return error_response({"employer": ["您不是该单位的工作人员"]}, detail="您不是该单位的工作人员")
        if employer is None:
            return error_response({"employer": ["您还没有所属单位"]}, detail="您还没有所属单位")
        booth = services.booth_book(
            by=request.user, fair=fair, employer=employer, posting_ids=data.validated_data["postings"]
        )
        return Response(s.BoothSerializer(booth).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="求职者报名参加招聘会（可说明当天需要的无障碍支持）",
        request=s.RegistrationInputSerializer,
        responses={201: s.RegistrationSerializer, 400: ERROR, 403: ERROR},
    )
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        data = s.RegistrationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        registration = services.registration_create(
            by=request.user, fair=self.get_object(), **data.validated_data
        )
        return Response(s.RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="我的招聘会路线：为我推荐的展位（按展位号或匹配度排序）",
        responses={200: s.RouteStopSerializer(many=True), 400: ERROR},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def route(self, request, pk=None):
        stops = selectors.fair_route(user=request.user, fair=self.get_object())
        response = Response(s.RouteStopSerializer(stops, many=True).data)
        response["Cache-Control"] = "no-store"
        return response


@extend_schema_view(
    list=extend_schema(summary="招聘会展位（已发布招聘会的公开；单位：本单位的；组织人：本区域的）"),
    retrieve=extend_schema(summary="展位详情"),
)
class BoothViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.BoothSerializer
    permission_classes = [HasRole]
    allowed_roles = {"withdraw": {Role.EMPLOYER, Role.SERVICE, Role.ADMIN}, "default": None}

    def get_queryset(self):
        return selectors.booth_list(user=self.request.user).order_by("fair_id", "number")

    @extend_schema(
        summary="撤回展位（招聘会开始前）", request=None, responses={200: s.BoothSerializer, 400: ERROR}
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        booth = services.booth_withdraw(by=request.user, booth=self.get_object())
        return Response(s.BoothSerializer(booth).data)


@extend_schema_view(list=extend_schema(summary="招聘会报名（求职者：本人的；组织人：本区域的）"))
class RegistrationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.RegistrationSerializer
    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER, Role.SERVICE, Role.ADMIN}

    def get_queryset(self):
        return selectors.registration_list(user=self.request.user).order_by("fair_id", "id")


@extend_schema_view(list=extend_schema(summary="招聘会结果（面试、录用意向、入职）"))
class ResultViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ResultSerializer
    permission_classes = [HasRole]
    allowed_roles = {"create": ORGANISERS, "default": None}

    def get_queryset(self):
        return selectors.result_list(user=self.request.user).order_by("fair_id", "id")

    @extend_schema(
        summary="登记招聘会结果（组织人）；入职同时登记实名制就业记录",
        request=s.ResultInputSerializer,
        responses={201: s.ResultSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    def create(self, request):
        data = s.ResultInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booth = get_object_or_404(Booth.objects.visible_to(request.user), pk=data.validated_data["booth"])
        registration = get_object_or_404(
            FairRegistration.objects.visible_to(request.user).select_related("person"),
            pk=data.validated_data["registration"],
            fair_id=booth.fair_id,
        )
        result = services.result_record(
            by=request.user,
            booth=booth,
            person=registration.person,
            kind=data.validated_data["kind"],
            start_date=data.validated_data["start_date"],
            note=data.validated_data["note"],
        )
        return Response(s.ResultSerializer(result).data, status=status.HTTP_201_CREATED)
