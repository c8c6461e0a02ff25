"""Job-market API. Views parse, call one service or selector, and render.

Querysets are scoped (`visible_to` / `managed_by`), so another employer's posting or another
seeker's application answers 404, never 403 (the caller learns nothing about it).
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.accounts.models import Employer
from backend.accounts.selectors import acting_employer, person_active_consents
from backend.api.schema import ERROR
from training.selectors import course_offers_for_matches

from .. import selectors, services
from ..choices import ApplicationStatus
from ..filtersets import ApplicationFilterSet, JobPostingFilterSet
from ..models import Application, Invitation, JobPosting, MatchFeedback, SeekerProfile
from ..selectors.matching import seeker_profile_for
from ..services.interviews import invitation_create, invitation_respond
from . import serializers as s
from .saved_search_serializers import FeedbackListSerializer

K_PARAM = OpenApiParameter("k", int, description="返回条数（1–50，默认10）")
Q_PARAM = OpenApiParameter("q", str, description="关键词（岗位名称、技能、描述）")
MINE_PARAM = OpenApiParameter("mine", bool, description="只看本单位发布的岗位（含已关闭）")
TITLE_PARAM = OpenApiParameter("title", str, required=True, description="岗位名称，如“抖音快手客服 不加班”")


def _k(request) -> int:
    raw = request.query_params.get("k", "10")
    try:
        k = int(raw)
    except ValueError:
        raise ValidationError({"k": ["返回条数应为1至50的整数"]}) from None
    if not 1 <= k <= selectors.matching.MAX_K:
        raise ValidationError({"k": ["返回条数应为1至50的整数"]})
    return k


def _flag(request, name: str) -> bool:
    raw = request.query_params.get(name, "").lower()
    if raw in ("", "false", "0", "no"):
        return False
    if raw in ("true", "1", "yes"):
        return True
    raise ValidationError({name: ["应为 true 或 false"]})


def _request_id(request) -> str:
    return getattr(request, "request_id", "") or ""


@extend_schema_view(
    list=extend_schema(
        summary="搜索岗位",
        parameters=[Q_PARAM, MINE_PARAM],
        responses={200: s.JobPostingSerializer(many=True), 400: ERROR},
    ),
    retrieve=extend_schema(summary="岗位详情"),
    create=extend_schema(summary="发布岗位（用人单位）", request=s.JobPostingWriteSerializer),
    partial_update=extend_schema(summary="修改岗位（本单位）", request=s.JobPostingWriteSerializer),
)
class JobPostingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Open postings are public; employers manage their own."""

    serializer_class = s.JobPostingSerializer
    filterset_class = JobPostingFilterSet
    # The schema reads the FilterSet through the backend; `list` hands the parameters to the
    # job_search selector, which applies the same FilterSet.
    filter_backends = [DjangoFilterBackend]
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_classes = [HasRole]
    # Editing and candidates are open to any signed-in user here and scoped by `managed_by`,
    # so a posting of another employer answers 404 whoever asks.
    allowed_roles = {"default": None, "create": {Role.EMPLOYER}, "apply": {Role.SEEKER}}

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return super().get_permissions()

    def get_queryset(self):
        user = self.request.user
        if self.action in ("partial_update", "close", "candidates"):
            return JobPosting.objects.managed_by(user).select_related("employer", "region")
        return JobPosting.objects.visible_to(user).select_related("employer", "region")

    def list(self, request):
        postings = selectors.job_search(
            user=request.user,
            q=request.query_params.get("q", ""),
            filters=request.query_params,
            mine=_flag(request, "mine") and request.user.is_authenticated,
        )
        page = self.paginate_queryset(postings)
        return self.get_paginated_response(s.JobPostingSerializer(page, many=True).data)

    def create(self, request):
        data = s.JobPostingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        employer = values.pop("employer", None)
        # One answer to "for which employer" (accounts.selectors.acting_employer): the explicit
        # ``employer`` if the user is its staff, the only one, or a 400 asking which.
        try:
            employer = acting_employer(request.user, getattr(employer, "pk", employer))
        except Employer.DoesNotExist:
            raise ValidationError({"employer": ["您不是该单位的工作人员"]}) from None
        if employer is None:
            raise ValidationError({"employer": ["请选择发布岗位的单位"]})
        posting = services.posting_create(user=request.user, employer=employer, **values)
        return Response(s.JobPostingSerializer(posting).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        posting = self.get_object()
        data = s.JobPostingWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "employer" in values:
            raise ValidationError({"employer": ["岗位所属单位不能修改"]})
        posting = services.posting_update(user=request.user, posting=posting, **values)
        return Response(s.JobPostingSerializer(posting).data)

    @extend_schema(summary="停止招聘", request=None, responses=s.JobPostingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        posting = services.posting_close(user=request.user, posting=self.get_object())
        return Response(s.JobPostingSerializer(posting).data)

    @extend_schema(
        summary="推荐人选（仅本岗位所属单位）",
        parameters=[K_PARAM],
        responses={200: s.CandidateSerializer(many=True), 400: ERROR},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def candidates(self, request, pk=None):
        matches = selectors.match_candidates_for_posting(
            user=request.user, posting=self.get_object(), k=_k(request), request_id=_request_id(request)
        )
        response = Response(s.CandidateSerializer(matches, many=True).data)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(
        summary="申请岗位（求职者）", request=s.ApplySerializer, responses={201: s.ApplicationSerializer}
    )
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        posting = self.get_object()
        data = s.ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_create(user=request.user, posting=posting, **data.validated_data)
        return Response(s.ApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="申请列表（求职者：本人的；单位：本单位岗位收到的）"),
    retrieve=extend_schema(summary="申请详情"),
    partial_update=extend_schema(
        summary="求职者开启或关闭向该单位展示残疾信息",
        request=s.ApplicationSharingSerializer,
        responses={200: s.ApplicationSerializer, 400: ERROR},
    ),
)
class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ApplicationSerializer
    filterset_class = ApplicationFilterSet
    ordering_fields = ["created_at", "updated_at"]
    permission_classes = [HasRole]
    allowed_roles = {
        "default": {Role.SEEKER, Role.EMPLOYER, Role.AUDITOR, Role.ADMIN},
        "partial_update": {Role.SEEKER},
        "invite": {Role.EMPLOYER},
        "respond": {Role.SEEKER},
    }
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return Application.objects.visible_to(self.request.user).select_related(
            "posting__employer", "seeker__person"
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "applicants": getattr(self, "_applicants", {})}

    def _with_applicants(self, applications):
        self._applicants = selectors.records.applicant_details(
            user=self.request.user, applications=applications, request_id=_request_id(self.request)
        )

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._with_applicants(page)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response["Cache-Control"] = "no-store"
        return response

    def retrieve(self, request, pk=None):
        application = self.get_object()
        self._with_applicants([application])
        response = Response(self.get_serializer(application).data)
        response["Cache-Control"] = "no-store"
        return response

    def partial_update(self, request, pk=None):
        """Only the seeker's sharing choice can change here; the status moves by ``transition``."""
        application = self.get_object()
        data = s.ApplicationSharingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application = services.application_set_sharing(
            user=request.user, application=application, share=data.validated_data["share_disability"]
        )
        return self.retrieve(request, pk=application.pk)

    @extend_schema(summary="变更申请状态（单位推进；求职者只能撤回）", request=s.TransitionSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        application = self.get_object()
        data = s.TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = data.validated_data["status"]
        if request.user.role == Role.SEEKER:
            if target != ApplicationStatus.WITHDRAWN:
                raise ValidationError({"status": ["求职者只能撤回自己的申请"]})
            application = services.application_withdraw(user=request.user, application=application)
        elif request.user.role in (Role.EMPLOYER, Role.ADMIN):
            application = services.application_transition(
                user=request.user,
                application=application,
                status=target,
                start_date=data.validated_data.get("start_date"),
            )
        else:
            return Response({"detail": "无权处理求职申请。", "errors": {}}, status=403)
        return self.retrieve(request, pk=application.pk)

    @extend_schema(
        summary="本申请的面试邀请（最新的在前）",
        responses={200: s.InvitationSerializer(many=True)},
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def invitations(self, request, pk=None):
        application = self.get_object()
        invitations = Invitation.objects.visible_to(request.user).filter(application=application)
        return Response(s.InvitationSerializer(invitations, many=True).data)

    @extend_schema(
        summary="邀请面试（单位；申请改为“邀请面试”，通知求职者）",
        request=s.InviteSerializer,
        responses={201: s.InvitationSerializer, 400: ERROR},
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        application = self.get_object()
        data = s.InviteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitation_create(user=request.user, application=application, **data.validated_data)
        return Response(s.InvitationSerializer(invitation).data, status=201)

    @extend_schema(
        summary="答复最新的面试邀请（求职者：接受或申请改期）",
        request=s.InvitationRespondSerializer,
        responses={200: s.InvitationSerializer, 400: ERROR},
    )
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        application = self.get_object()
        data = s.InvitationRespondSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = application.invitations.first()
        if invitation is None:
            raise ValidationError({"response": ["这份申请还没有面试邀请"]})
        invitation = invitation_respond(
            user=request.user,
            invitation=invitation,
            response=data.validated_data["response"],
            note=data.validated_data.get("note", ""),
        )
        return Response(s.InvitationSerializer(invitation).data)


class MatchedJobsView(GenericAPIView):
    """Jobs suggested for the signed-in seeker, best first, each with its reasons."""

    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}
    filter_backends = [DjangoFilterBackend]  # for the schema; the selector applies the FilterSet
    filterset_class = JobPostingFilterSet
    pagination_class = None

    @extend_schema(
        summary="为我推荐的岗位",
        parameters=[K_PARAM],
        filters=True,
        responses={200: s.MatchedJobSerializer(many=True), 400: ERROR},
    )
    def get(self, request):
        matches = selectors.match_jobs_for_seeker(
            user=request.user, filters=request.query_params, k=_k(request)
        )
        # Courses for the gaps of the well-matched jobs (issue 13), for the whole list at once.
        offers = course_offers_for_matches(matches=matches, profile=seeker_profile_for(request.user))
        return Response(s.MatchedJobSerializer(matches, many=True, context={"course_offers": offers}).data)

    def get_queryset(self):  # lets the schema generator read the FilterSet's model
        return JobPosting.objects.none()


class ProfileView(APIView):
    """The signed-in seeker's own profile."""

    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}

    def _render(self, profile):
        consents = person_active_consents(profile.person)
        response = Response(s.ProfileSerializer(profile, context={"consents": consents}).data)
        response["Cache-Control"] = "no-store"
        return response

    def _person(self, request):
        if not request.user.person_id:
            raise ValidationError({"person": ["您的账号还没有关联个人档案"]})
        return request.user.person

    @extend_schema(summary="我的求职档案", responses=s.ProfileSerializer)
    def get(self, request):
        person = self._person(request)
        # Reading creates nothing: without a profile the defaults are shown until the first save.
        profile = SeekerProfile.objects.filter(person=person).first() or SeekerProfile(person=person)
        return self._render(profile)

    @extend_schema(
        summary="修改我的求职档案", request=s.ProfileWriteSerializer, responses=s.ProfileSerializer
    )
    def patch(self, request):
        data = s.ProfileWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(person=self._person(request), **data.validated_data)
        return self._render(profile)


class FeedbackView(APIView):
    """ "不合适": hide a suggested posting and say why."""

    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}

    @extend_schema(summary="我标记为不合适的岗位", responses=FeedbackListSerializer(many=True))
    def get(self, request):
        rows = MatchFeedback.objects.visible_to(request.user).select_related("posting__employer")
        return Response(FeedbackListSerializer(rows, many=True).data)

    @extend_schema(
        summary="对推荐岗位说“不合适”",
        request=s.FeedbackSerializer,
        responses={201: s.FeedbackResultSerializer},
    )
    def post(self, request):
        data = s.FeedbackSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        posting = JobPosting.objects.visible_to(request.user).filter(pk=v["posting"]).first()
        if posting is None:
            raise ValidationError({"posting": ["岗位不存在"]})
        feedback = services.feedback_record(
            user=request.user, posting=posting, reason=v["reason"], text=v.get("text", "")
        )
        return Response(s.FeedbackResultSerializer(feedback).data, status=status.HTTP_201_CREATED)


class OccupationSuggestView(APIView):
    """Occupation codes (职业分类大典 2022) for a free-text job title."""

    permission_classes = [AllowAny]

    @extend_schema(
        summary="职业分类建议",
        parameters=[TITLE_PARAM],
        responses={200: s.OccupationSuggestionSerializer(many=True), 400: ERROR},
    )
    def get(self, request):
        suggestions = selectors.occupation_suggest(title=request.query_params.get("title", ""))
        return Response(s.OccupationSuggestionSerializer(suggestions, many=True).data)
