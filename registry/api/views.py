"""Registry API: upload a 残疾人证核验数据 or 社保缴费明细 file (checked whole, optionally as a dry
run) and read the import history. Auditors of any kind and administrators only
(``backend.accounts.permissions.may_import_registry``)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from backend.accounts.permissions import may_import_registry
from backend.api.errors import error_response
from backend.api.schema import ErrorSerializer
from quota.core.file_checks import size_text
from quota.services.upload_limits import upload_limit, upload_refusal

from ..filtersets import DataImportFilterSet
from ..selectors import data_import_list
from ..services import UPLOAD_MAX_BYTES, ImportCheck, ImportRefused, registry_import, registry_import_check
from . import serializers as s

UPLOAD_NOTE = (
    f"文件不超过{size_text(UPLOAD_MAX_BYTES)}（.csv 或 .xlsx）；超过时返回 413，文件不会被读取或保存。"
    "更大的文件请在服务器上用 manage.py import_certificates / import_insurance 导入。"
)


class MayImportRegistry(BasePermission):
    message = "只有审核人员或系统管理员可以导入和查看核验数据"

    def has_permission(self, request, view):
        return may_import_registry(request.user)


def refusal_response(errors, rows: int = 0) -> Response:
    """400 with every problem (row and column named), in the API's one error shape."""
    messages = [error.message for error in errors]
    return Response(
        {
            "detail": f"文件有 {len(errors)} 处问题（共 {rows} 行数据），未导入任何内容。请改正后重新上传。",
            "errors": {"file": messages},
            "rows": [error.as_dict() for error in errors],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


def check_response(check: ImportCheck) -> Response:
    return Response(
        {
            "dry_run": True,
            "kind": check.kind,
            "source": check.source,
            **check.counts(),
            "sample": check.sample,
        }
    )


@extend_schema_view(list=extend_schema(summary="核验数据导入记录"))
class DataImportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The import history, and the upload that adds to it."""

    serializer_class = s.DataImportSerializer
    filterset_class = DataImportFilterSet
    permission_classes = [MayImportRegistry]
    parser_classes = [MultiPartParser]  # the upload; the list reads no body
    throttle_scope = None  # "registry_import" on the upload
    ordering_fields = ["created_at", "rows"]

    def get_queryset(self):
        return data_import_list(user=self.request.user).order_by("-created_at", "-id")

    def get_throttles(self):
        self.throttle_scope = "registry_import" if self.action == "create" else None
        return super().get_throttles()

    @extend_schema(
        summary="导入残疾人证核验数据或社保缴费明细",
        description=(
            "先检查整个文件：只要有一行有问题就什么都不保存，返回 400，rows 列出问题（行号、列、原因，最多 50 条）。"
            "kind：certificates 表头 certificate_no,name,status,category,grade,issued_on,valid_until,status_changed_on；"
            "insurance 表头 credit_code,resident_id,month,insurance_types,base。"
            "dry_run=true 时只返回将新增、更新、未变的条数和前几行（已遮蔽），不保存。同一文件再次导入不改变任何记录。"
            + UPLOAD_NOTE
        ),
        request={"multipart/form-data": s.RegistryUploadSerializer},
        responses={
            200: OpenApiResponse(s.RegistryCheckSerializer, description="dry_run：检查结果，未保存"),
            201: OpenApiResponse(s.DataImportSerializer, description="已导入"),
            400: OpenApiResponse(s.RegistryRefusalSerializer, description="文件有问题，未导入任何内容"),
            413: OpenApiResponse(ErrorSerializer, description="文件超过大小上限，未读取"),
        },
    )
    @upload_limit(UPLOAD_MAX_BYTES)
    def create(self, request):
        upload = s.RegistryUploadSerializer(data=request.data)
        if refusal := upload_refusal(request):
            return error_response(
                {"file": [refusal]}, detail=refusal, code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
            )
        upload.is_valid(raise_exception=True)
        file, kind = upload.validated_data["file"], upload.validated_data["kind"]
        name = str(file.name or "upload")[-200:]
        if upload.validated_data["dry_run"]:
            check = registry_import_check(kind=kind, path_or_file=file, source=name, by=request.user)
            return check_response(check) if check.ok else refusal_response(check.errors, check.rows)
        try:
            data_import = registry_import(kind=kind, path_or_file=file, source=name, by=request.user)
        except ImportRefused as refused:
            return refusal_response(refused.row_errors, refused.rows)
        return Response(s.DataImportSerializer(data_import).data, status=status.HTTP_201_CREATED)
