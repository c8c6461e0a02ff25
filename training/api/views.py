"""Training API: the course catalogue (published courses for everyone signed in; the 就业服务专员
of a course's region and administrators create, change, publish and delete) and a seeker's own
training records. Out of scope → 404; bad input → 400 with Chinese messages."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.api.schema import ERROR
from indicators.models import TrainingRecord

from .. import selectors, services
from ..filtersets import TrainingCourseFilterSet
from . import serializers as s

MANAGERS = {Role.SERVICE, Role.ADMIN}


@extend_schema_view(
    list=extend_schema(summary="职业技能培训课程（已发布的；就业服务专员另见本区域的草稿）"),
    retrieve=extend_schema(summary="培训课程详情"),
    destroy=extend_schema(summary="删除培训课程（就业服务专员、系统管理员）"),
)
class TrainingCourseViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = s.TrainingCourseSerializer
    filterset_class = TrainingCourseFilterSet
    ordering_fields = ["starts_on", "hours"]
    permission_classes = [HasRole]
    allowed_roles = {"list": None, "retrieve": None, "default": MANAGERS}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.course_list(self.request.user).order_by("starts_on", "id")

    @extend_schema(
        summary="新建培训课程（就业服务专员、系统管理员；默认为草稿）",
        request=s.TrainingCourseInputSerializer,
        responses={201: s.TrainingCourseSerializer, 400: ERROR, 403: ERROR},
    )
    def create(self, request, *args, **kwargs):
        data = s.TrainingCourseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = services.course_create(by=request.user, **data.validated_data)
        return Response(s.TrainingCourseSerializer(course).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="修改培训课程",
        request=s.TrainingCourseUpdateSerializer,
        responses={200: s.TrainingCourseSerializer, 400: ERROR, 403: ERROR},
    )
    def partial_update(self, request, *args, **kwargs):
        course = self.get_object()
        data = s.TrainingCourseUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        course = services.course_update(by=request.user, course=course, **data.validated_data)
        return Response(s.TrainingCourseSerializer(course).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        services.course_delete(by=request.user, course=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="发布培训课程", request=None, responses={200: s.TrainingCourseSerializer, 403: ERROR}
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        course = services.course_set_published(by=request.user, course=self.get_object(), published=True)
        return Response(s.TrainingCourseSerializer(course).data)

    @extend_schema(
        summary="撤回为草稿", request=None, responses={200: s.TrainingCourseSerializer, 403: ERROR}
    )
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        course = services.course_set_published(by=request.user, course=self.get_object(), published=False)
        return Response(s.TrainingCourseSerializer(course).data)


class MyTrainingRecordsView(GenericAPIView):
    """The signed-in seeker's own training records (个人信息保护法 第四十五条: a person sees what
    is held about them)."""

    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}
    serializer_class = s.MyTrainingRecordSerializer
    pagination_class = None

    @extend_schema(summary="我的培训记录", responses={200: s.MyTrainingRecordSerializer(many=True)})
    def get(self, request):
        rows = selectors.training_records_of(request.user)
        response = Response(s.MyTrainingRecordSerializer(rows, many=True).data)
        response["Cache-Control"] = "no-store"
        return response

    def get_queryset(self):  # for the schema generator, which reads the model from it
        return TrainingRecord.objects.none()
