"""The aliases employers taught the occupation coder (/api/v1/learned-aliases/): 残联 就业服务专员
and administrators list them and revoke a wrong one. City-wide reference data, no tenant; every
other role is refused (backend.accounts.permissions.may_curate_aliases)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from backend.api.schema import ERROR

from .. import services
from ..models import LearnedAlias
from . import serializers as s


@extend_schema_view(list=extend_schema(summary="单位确认的岗位别名（职业编码）"))
class LearnedAliasViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = s.LearnedAliasSerializer
    permission_classes = [HasRole]
    # The roles of may_curate_aliases; the queryset and the service check again.
    allowed_roles = {Role.SERVICE, Role.ADMIN}

    def get_queryset(self):
        return LearnedAlias.objects.visible_to(self.request.user).order_by("title_key", "code")

    @extend_schema(
        summary="撤销一个岗位别名（之后的单位确认不会再启用它）",
        request=s.LearnedAliasRevokeSerializer,
        responses={200: s.LearnedAliasSerializer, 400: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = s.LearnedAliasRevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alias = services.learned_alias_revoke(
            by=request.user, alias=self.get_object(), reason=data.validated_data["reason"]
        )
        return Response(s.LearnedAliasSerializer(alias).data)
