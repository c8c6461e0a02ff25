"""The seeker's saved searches (/api/v1/saved-searches/) and 不合适 list (/api/v1/feedback/…).

Scoped by ``visible_to``: another seeker's search or feedback answers 404. The services decide;
this parses and renders.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.api.schema import ERROR

from .. import services
from ..models import MatchFeedback, SavedSearch
from . import saved_search_serializers as s


@extend_schema_view(
    list=extend_schema(summary="我保存的搜索"),
    retrieve=extend_schema(summary="一个保存的搜索"),
    create=extend_schema(
        summary="保存搜索（有新岗位时站内提醒）",
        request=s.SavedSearchCreateSerializer,
        responses={201: s.SavedSearchSerializer, 400: ERROR},
    ),
    partial_update=extend_schema(
        summary="暂停/恢复提醒，或改提醒频率",
        request=s.SavedSearchUpdateSerializer,
        responses={200: s.SavedSearchSerializer, 400: ERROR},
    ),
    destroy=extend_schema(summary="删除保存的搜索", responses={204: None}),
)
class SavedSearchViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.SavedSearchSerializer
    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return SavedSearch.objects.visible_to(self.request.user)

    def create(self, request):
        data = s.SavedSearchCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = services.saved_search_create(user=request.user, **data.validated_data)
        return Response(s.SavedSearchSerializer(search).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        search = self.get_object()
        data = s.SavedSearchUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        search = services.saved_search_update(user=request.user, search=search, **data.validated_data)
        return Response(s.SavedSearchSerializer(search).data)

    def perform_destroy(self, instance):
        services.saved_search_delete(user=self.request.user, search=instance)


class FeedbackDetailView(APIView):
    """Undo one "不合适": the posting may be suggested again."""

    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}

    @extend_schema(summary="撤销“不合适”", responses={204: None, 404: ERROR})
    def delete(self, request, pk):
        feedback = MatchFeedback.objects.visible_to(request.user).filter(pk=pk).first()
        if feedback is None:
            return Response({"detail": "未找到。", "errors": {}}, status=status.HTTP_404_NOT_FOUND)
        services.feedback_withdraw(user=request.user, feedback=feedback)
        return Response(status=status.HTTP_204_NO_CONTENT)
