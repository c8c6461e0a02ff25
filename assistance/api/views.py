"""就业援助 API, /api/v1/assistance/: the service staff's seekers, cases and assessments.

Scoped by ``visible_to`` (the seeker their own, service staff their regions', administrators
all, read only); the services decide who may write and check consent; this parses and renders.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.accounts.models import Person
from backend.api.parsers import JSONParser
from backend.api.schema import ERROR
from matching.models import JobPosting

from .. import selectors, services
from ..choices import SeekerReason
from ..filtersets import AssessmentFilterSet, CaseFilterSet
from . import serializers as s

READERS = {Role.SEEKER, Role.SERVICE, Role.ADMIN}
SERVICE = {Role.SERVICE}


@extend_schema_view(
    list=extend_schema(
        summary="需要就业服务的求职者（就业服务专员，本人负责区域）",
        parameters=[OpenApiParameter("reason", str, enum=SeekerReason.values, description="列入原因")],
        responses={200: s.SeekerRowSerializer(many=True), 400: ERROR},
    )
)
class SeekerViewSet(viewsets.GenericViewSet):
    permission_classes = [HasRole]
    allowed_roles = SERVICE
    serializer_class = s.SeekerRowSerializer
    pagination_class = None

    def get_queryset(self):
        # The rows are built by a selector (list below); the schema only needs the shape.
        return Person.objects.none()

    def list(self, request):
        reason = request.query_params.get("reason", "")
        if reason and reason not in SeekerReason.values:
            raise ValidationError({"reason": "列入原因应为 asked 或 not_employed"})
        rows = selectors.service_seekers(user=request.user, reason=reason)
        response = Response(s.SeekerRowSerializer(rows, many=True).data)
        response["Cache-Control"] = "no-store"
        return response


@extend_schema_view(
    list=extend_schema(summary="就业援助个案列表"),
    retrieve=extend_schema(
        summary="就业援助个案（计划、联系、推荐、回访）", responses=s.CaseDetailSerializer
    ),
)
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = CaseFilterSet
    permission_classes = [HasRole]
    allowed_roles = {"default": SERVICE, "list": READERS, "retrieve": READERS}
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return selectors.cases_for(self.request.user).order_by("-opened_at", "-id")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and self.request.query_params.get("follow_up_due") == "true":
            ids = [case.pk for case, _slot in selectors.cases_with_due_follow_ups(queryset)]
            queryset = queryset.filter(pk__in=ids)
        return queryset

    def get_serializer_class(self):
        return s.CaseSerializer if self.action == "list" else s.CaseDetailSerializer

    def _detail(self, case, code=200):
        case = self.get_queryset().get(pk=case.pk)
        response = Response(s.CaseDetailSerializer(case).data, status=code)
        response["Cache-Control"] = "no-store"
        return response

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(
        summary="建立就业援助个案（须本人已同意）",
        request=s.CaseOpenSerializer,
        responses={201: s.CaseDetailSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        v = self._input(s.CaseOpenSerializer)
        row = selectors.service_seeker(user=request.user, person_id=v["person"])
        if row is None:
            raise ValidationError({"person": "没有找到该求职者（只能为您负责区域内需要服务的求职者建档）"})
        return self._detail(services.case_open(by=request.user, person=row.person, plan=v["plan"]), 201)

    def _act(self, serializer_class, service, **extra):
        case = self.get_object()
        service(by=self.request.user, case=case, **self._input(serializer_class), **extra)
        return self._detail(case)

    @extend_schema(summary="修改援助计划", request=s.PlanSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def plan(self, request, pk=None):
        return self._act(s.PlanSerializer, services.case_plan_update)

    @extend_schema(
        summary="添加援助目标", request=s.GoalInSerializer, responses={200: s.CaseDetailSerializer}
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def goals(self, request, pk=None):
        case = self.get_object()
        v = self._input(s.GoalInSerializer)
        services.case_goal_add(by=request.user, case=case, text_=v["text"], target_date=v["target_date"])
        return self._detail(case)

    @extend_schema(summary="记录联系", request=s.ContactInSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def contacts(self, request, pk=None):
        return self._act(s.ContactInSerializer, services.case_contact_add)

    @extend_schema(
        summary="推荐岗位或培训", request=s.ReferralInSerializer, responses={200: s.CaseDetailSerializer}
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def referrals(self, request, pk=None):
        case = self.get_object()
        v = self._input(s.ReferralInSerializer)
        posting = JobPosting.objects.currently_open().filter(pk=v.pop("posting") or 0).first()
        services.case_referral_add(by=request.user, case=case, posting=posting, **v)
        return self._detail(case)

    @extend_schema(
        summary="更新推荐结果", request=s.ReferralStatusSerializer, responses={200: s.CaseDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="referral-status", filterset_class=None)
    def referral_status(self, request, pk=None):
        case = self.get_object()
        v = self._input(s.ReferralStatusSerializer)
        services.case_referral_update(
            by=request.user, case=case, referral_id=v["referral"], status=v["status"]
        )
        return self._detail(case)

    @extend_schema(summary="登记就业", request=s.PlacementSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def placement(self, request, pk=None):
        return self._act(s.PlacementSerializer, services.case_place)

    @extend_schema(
        summary="登记稳岗回访（就业后第1、3、6个月）",
        request=s.FollowUpInSerializer,
        responses={200: s.CaseDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="follow-ups", filterset_class=None)
    def follow_ups(self, request, pk=None):
        case = self.get_object()
        v = self._input(s.FollowUpInSerializer)
        v["month"] = int(v["month"])
        services.case_follow_up_record(by=request.user, case=case, **v)
        return self._detail(case)

    @extend_schema(summary="结案", request=s.CloseSerializer, responses={200: s.CaseDetailSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def close(self, request, pk=None):
        return self._act(s.CloseSerializer, services.case_close)

    @extend_schema(
        summary="为该求职者推荐的岗位（与本人看到的相同）",
        request=None,
        responses={200: s.MatchSerializer(many=True), 404: ERROR},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def matches(self, request, pk=None):
        case = self.get_object()
        found = selectors.case_matches(
            case=case, by=request.user, request_id=getattr(request, "request_id", "")
        )
        response = Response(s.MatchSerializer(found, many=True).data)
        response["Cache-Control"] = "no-store"
        return response


@extend_schema_view(
    list=extend_schema(summary="职业能力测评列表"),
    retrieve=extend_schema(summary="职业能力测评"),
)
class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = AssessmentFilterSet
    serializer_class = s.AssessmentSerializer
    permission_classes = [HasRole]
    allowed_roles = {"default": READERS, "create": SERVICE, "answer": {Role.SEEKER}}
    http_method_names = ["get", "post", "head", "options"]
    parser_classes = [JSONParser]

    def get_queryset(self):
        return selectors.assessments_for(self.request.user).order_by("-assessed_on", "-id")

    @extend_schema(
        summary="记录职业能力测评（就业服务专员与求职者一起填写，须本人确认）",
        request=s.AssessmentInSerializer,
        responses={201: s.AssessmentSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request):
        data = s.AssessmentInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        row = selectors.service_seeker(user=request.user, person_id=v.pop("person"))
        if row is None:
            raise ValidationError({"person": "没有找到该求职者（只能为您负责区域内需要服务的求职者测评）"})
        case_id = v.pop("case")
        case = selectors.cases_for(request.user).filter(pk=case_id).first() if case_id else None
        if case_id and case is None:
            raise ValidationError({"case": "没有找到该个案"})
        assessment = services.assessment_create(by=request.user, person=row.person, case=case, **v)
        return Response(s.AssessmentSerializer(assessment).data, status=201)

    @extend_schema(
        summary="本人确认或不同意测评结果（确认后写入求职资料）",
        request=s.AnswerSerializer,
        responses={200: s.AssessmentSerializer, 400: ERROR, 403: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def answer(self, request, pk=None):
        assessment = self.get_object()
        v = s.AnswerSerializer(data=request.data)
        v.is_valid(raise_exception=True)
        assessment = services.assessment_answer(user=request.user, assessment=assessment, **v.validated_data)
        return Response(s.AssessmentSerializer(assessment).data)
