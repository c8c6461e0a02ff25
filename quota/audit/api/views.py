"""API of the annual audit: start a run, follow its progress, list and export its results.

Auditors start runs over their own regions and see runs, results and findings there;
administrators read only; employer staff and job-seekers have no access.  Out of scope → 404.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from quota.audit.api import serializers as s
from quota.audit.filtersets import AuditFindingFilterSet, AuditResultFilterSet
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.audit.selectors import audit_findings, audit_results
from quota.audit.services.run import audit_start
from quota.services.exports import FORMATS, ExportFile, audit_export

READERS = {Role.AUDITOR, Role.ADMIN}


class _NoFormatOverride:
    URL_FORMAT_OVERRIDE = None


class ExportNegotiation(DefaultContentNegotiation):
    """``?format=xlsx|csv`` names the file format here, not a DRF renderer; errors stay JSON."""

    settings = _NoFormatOverride()


def file_response(export: ExportFile) -> HttpResponse:
    """A download that no cache keeps (it may describe persons, masked or not)."""
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


FORMAT_PARAMETER = OpenApiParameter(
    "format", str, enum=list(FORMATS), default="xlsx", description="文件格式：xlsx 或 csv"
)
EXPORT_RESPONSES = {
    (200, FORMATS["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="xlsx 文件"),
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="CSV 文件（UTF-8，带BOM）"),
}


class AuditRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Annual audit runs (年度审核) over the auditor's regions."""

    serializer_class = s.AuditRunSerializer
    permission_classes = [HasRole]
    allowed_roles = {"default": READERS, "create": {Role.AUDITOR}}
    filter_backends: list = []
    content_negotiation_class = ExportNegotiation
    throttle_scope = None  # "export" on the export action

    def get_queryset(self):
        return (
            AuditRun.objects.visible_to(self.request.user)
            .select_related("created_by")
            .prefetch_related("regions")
        )

    @extend_schema(
        request=s.AuditStartSerializer,
        responses={202: s.AuditRunSerializer},
        description="发起年度审核（后台任务）；返回 202 和审核编号，用 GET 查看进度。",
    )
    def create(self, request):
        data = s.AuditStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = audit_start(data_year=data.validated_data["data_year"], by=request.user)
        run.refresh_from_db()  # in-process tasks have already finished by now
        return Response(s.AuditRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(
        parameters=[
            FORMAT_PARAMETER,
            OpenApiParameter("table", str, enum=["results", "findings"], description="CSV 导出哪张表"),
            OpenApiParameter("region", str, description="区划代码（含下级）"),
            OpenApiParameter("status", str, description="申报状态"),
            OpenApiParameter("org_type", str, description="单位性质"),
            OpenApiParameter("has_findings", bool, description="是否有问题"),
            OpenApiParameter("ordering", str, description="排序"),
        ],
        responses=EXPORT_RESPONSES,
    )
    @action(detail=True, methods=["get"], throttle_scope="export")
    def export(self, request, pk=None):
        """审核结果导出（xlsx 含问题清单；人员证号脱敏）。"""
        run = self.get_object()
        export = audit_export(
            run=run,
            user=request.user,
            fmt=request.query_params.get("format", "xlsx"),
            table=request.query_params.get("table", "results"),
            filters=request.query_params,
        )
        return file_response(export)


class _RunChildList(generics.ListAPIView):
    permission_classes = [HasRole]
    allowed_roles = READERS
    filter_backends = [DjangoFilterBackend]

    def run(self) -> AuditRun:
        return get_object_or_404(AuditRun.objects.visible_to(self.request.user), pk=self.kwargs["pk"])


class AuditResultListView(_RunChildList):
    """每个单位的审核结果：N、D、比例、应缴保障金、状态、问题数；可筛选、排序、分页。"""

    serializer_class = s.AuditResultSerializer
    filterset_class = AuditResultFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditResult.objects.none()
        return audit_results(run=self.run(), user=self.request.user)


class AuditFindingListView(_RunChildList):
    """审核发现的问题（严重程度与中文说明）。"""

    serializer_class = s.AuditFindingSerializer
    filterset_class = AuditFindingFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AuditFinding.objects.none()
        return audit_findings(run=self.run(), user=self.request.user)
