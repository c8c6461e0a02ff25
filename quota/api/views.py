"""Quota API: the public calculator, policies, annual reports and their rosters.

The levy for data year Y (数据年度) is declared and paid in levy year Y+1 (征收年度); policies are
keyed by the levy year.  Every queryset is scoped with ``visible_to(user)``, so a report outside
the caller's scope is a 404; writes go through an input serializer and one service.
"""

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse

from backend.accounts.api.permissions import HasRole
from backend.accounts.api.serializers import RevealRequestSerializer, RevealResponseSerializer
from backend.accounts.choices import Role
from backend.accounts.models import Employer
from backend.accounts.selectors import acting_employer, person_reveal
from backend.api.errors import error_response
from backend.api.parsers import JSONParser
from backend.api.schema import ErrorSerializer

from .. import services
from ..core import to_decimal
from ..core.file_checks import size_text
from ..filtersets import QuotaReportFilterSet, RosterLineFilterSet
from ..models import QuotaReport
from ..selectors import report_list_for, roster_lines_for
from ..selectors.declaration import hires_needed_for_report
from ..selectors.report_history import report_history
from ..services import roster_draft
from ..services.declaration import report_attachment_add, report_attachment_remove, report_set_contact
from ..services.report_figures import report_figures
from ..services.roster import LineData
from ..services.upload_limits import roster_limits, upload_limit, upload_refusal
from . import calculator_serializers as cs
from . import roster_draft_serializers as ds
from . import serializers as s

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
YEAR_NOTE = "数据年度 Y 的保障金在征收年度 Y+1 申报缴纳；政策参数按征收年度确定。"


def xlsx_response(workbook, filename: str, *, status_code: int = 200) -> HttpResponse:
    response = HttpResponse(services.workbook_bytes(workbook), content_type=XLSX, status=status_code)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


REPORT_ROLES = {Role.EMPLOYER, Role.AUDITOR, Role.ADMIN}
UPLOAD_NOTE = (
    f"文件不超过{size_text(settings.ROSTER_UPLOAD_MAX_BYTES)}（.xlsx 或 .csv）；超过时返回 413，文件不会被读取或保存。"
    "解压后过大、含 DOCTYPE、行数或单元格过多的文件整份拒绝（问题写在第 0 行，即整个文件）。"
)


def roster_file_limit() -> int:
    return roster_limits().max_file_bytes


@extend_schema_view(
    list=extend_schema(summary="年度申报列表", description="按角色限定范围。" + YEAR_NOTE),
    retrieve=extend_schema(
        summary="年度申报详情（审核通过后含快照）", responses=s.QuotaReportDetailSerializer
    ),
)
class QuotaReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Annual reports: employer staff create and edit their own; auditors of the region return
    or approve; administrators read only (三员分立)."""

    filterset_class = QuotaReportFilterSet
    permission_classes = [HasRole]
    allowed_roles = {
        "default": REPORT_ROLES,
        "create": {Role.EMPLOYER},
        "partial_update": {Role.EMPLOYER},
        "submit": {Role.EMPLOYER},
        "carry_forward": {Role.EMPLOYER},
        "roster_import": {Role.EMPLOYER},
        "roster_errors": {Role.EMPLOYER},
        "return_report": {Role.AUDITOR},
        "contact": {Role.EMPLOYER},
        "hires_needed": {Role.EMPLOYER, Role.AUDITOR},
        "approve": {Role.AUDITOR},
        "roster_draft": REPORT_ROLES,  # reading: staff and auditors; deciding: the service allows staff only
    }
    ordering_fields = ["data_year", "updated_at", "submitted_at", "employer__name", "status"]
    # "delete" only reaches the attachment action: there is no destroy on reports themselves.
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        # An aggregate drops Meta.ordering; paginate in a stable order.
        return (
            report_list_for(self.request.user)
            .annotate(roster_count=Count("roster"))
            .order_by("-data_year", "employer__name", "id")
        )

    def get_serializer_class(self):
        return s.QuotaReportDetailSerializer if self.action != "list" else s.QuotaReportSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "snapshot_lines": self._snapshot_lines}

    def _snapshot_lines(self, report) -> list:
        """An approved report's per-line results for this user (decrypted, shaped by role, each
        read of a category or grade logged)."""
        request = self.request
        return report_figures(
            report=report, user=request.user, request_id=getattr(request, "request_id", "")
        )["lines"]

    def _detail(self, report, code=200):
        report = self.get_queryset().get(pk=report.pk)
        return Response(
            s.QuotaReportDetailSerializer(report, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        summary="新建年度申报（草稿）",
        request=s.ReportCreateSerializer,
        responses={201: s.QuotaReportDetailSerializer},
    )
    def create(self, request):
        data = s.ReportCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # One answer to "for which employer" (accounts.selectors.acting_employer): the explicit
        # ``employer`` if the user is its staff (else 404), the only one, or a 400 asking.
        try:
            employer = acting_employer(request.user, data.validated_data.get("employer"))
        except Employer.DoesNotExist:
            raise Http404 from None
        if employer is None:
            raise ValidationError({"employer": ["您的账号还没有关联用人单位"]})
        report = services.report_create(
            employer=employer, data_year=data.validated_data["data_year"], by=request.user
        )
        return self._detail(report, 201)

    @extend_schema(
        summary="修改人数和工资", request=s.ReportFiguresSerializer, responses=s.QuotaReportDetailSerializer
    )
    def partial_update(self, request, pk=None):
        report = self.get_object()
        data = s.ReportFiguresSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        expected = values.pop("expected_version", None)
        report = services.report_update_figures(
            report=report, by=request.user, expected_version=expected, **values
        )
        return self._detail(report)

    @extend_schema(
        summary="提交（或退回后重新提交）",
        request=s.VersionSerializer,
        responses=s.QuotaReportDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        report = self.get_object()
        data = s.VersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_submit(
            report=report, by=request.user, expected_version=data.validated_data.get("expected_version")
        )
        return self._detail(report)

    @extend_schema(
        summary="退回（审核人员，须写明原因）",
        request=s.ReturnSerializer,
        responses=s.QuotaReportDetailSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_report(self, request, pk=None):
        report = self.get_object()
        data = s.ReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_return(
            report=report,
            by=request.user,
            reasons=data.validated_data["reasons"],
            requested_attachments=data.validated_data.get("requested_attachments", []),
        )
        return self._detail(report)

    @extend_schema(
        summary="填写经办人和电话（电话可含空格和连字符，保存为数字）",
        request=s.ContactSerializer,
        responses=s.QuotaReportDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def contact(self, request, pk=None):
        report = self.get_object()
        data = s.ContactSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        report = report_set_contact(
            report=report,
            by=request.user,
            contact_name=values["contact_name"],
            contact_phone=values["contact_phone"],
            expected_version=values.get("expected_version"),
        )
        return self._detail(report)

    @extend_schema(
        methods=["get"],
        summary="申报材料（社保缴费明细、劳动合同等）",
        responses=s.ReportAttachmentSerializer(many=True),
    )
    @extend_schema(
        methods=["post"],
        summary="上传申报材料（PDF、JPG 或 PNG，按内容检查；任何一个文件不合格则都不保存）",
        request={"multipart/form-data": s.ReportAttachmentUploadSerializer},
        responses={201: s.ReportAttachmentSerializer(many=True), 400: ErrorSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser],
        filterset_class=None,
        pagination_class=None,
    )
    def attachments(self, request, pk=None):
        report = self.get_object()
        if request.method == "GET":
            return Response(s.ReportAttachmentSerializer(report.attachments.all(), many=True).data)
        data = s.ReportAttachmentUploadSerializer(
            data={"kind": request.data.get("kind"), "files": request.FILES.getlist("files")}
        )
        data.is_valid(raise_exception=True)
        stored = report_attachment_add(
            report=report,
            by=request.user,
            kind=data.validated_data["kind"],
            files=data.validated_data["files"],
        )
        return Response(s.ReportAttachmentSerializer(stored, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="删除一份申报材料（草稿或退回修改时）", request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        filterset_class=None,
        pagination_class=None,
    )
    def attachment_remove(self, request, pk=None, attachment_id=None):
        report = self.get_object()
        attachment = get_object_or_404(report.attachments.all(), pk=attachment_id)
        report_attachment_remove(attachment=attachment, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="本数据年度达到安排比例还需招聘的残疾人（人数、等级、最晚入职日期）",
        description="按申报目前的人数和名册计算；一级、二级残疾人每人按2人计算。新招人员也计入在职职工人数。",
        responses={200: s.HiresNeededSerializer, 400: ErrorSerializer},
    )
    @action(
        detail=True, methods=["get"], url_path="hires-needed", filterset_class=None, pagination_class=None
    )
    def hires_needed(self, request, pk=None):
        report = self.get_object()
        needed = hires_needed_for_report(report=report)
        words = {2: "一级或二级", 1: "三级或四级"}
        return Response(
            s.HiresNeededSerializer(
                {
                    "data_year": report.data_year,
                    "gap": to_decimal(needed.gap, 4),
                    "met": needed.met,
                    "exempt": needed.exempt,
                    "year_over": needed.year_over,
                    "earliest_start": needed.earliest_start,
                    "options": [
                        {
                            "weight": option.weight,
                            "grades": words.get(option.weight, ""),
                            "hires": option.hires,
                            "start_by": option.start_by,
                            "months": option.months,
                        }
                        for option in needed.options
                    ],
                }
            ).data
        )

    @extend_schema(
        summary="审核通过（审核人员；生成不可修改的计算快照）",
        request=None,
        responses=s.QuotaReportDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        report = services.report_approve(report=self.get_object(), by=request.user)
        return self._detail(report)

    @extend_schema(
        summary="保障金预览（按当前填写内容计算）",
        description=YEAR_NOTE,
        responses=cs.PreviewResponseSerializer,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def preview(self, request, pk=None):
        # The approval snapshot once approved; per-line category and grade shaped by role and
        # each read logged (report_figures).
        figures = report_figures(
            report=self.get_object(), user=request.user, request_id=getattr(request, "request_id", "")
        )
        return Response(figures)

    @extend_schema(
        summary="申报的修改记录",
        description="每一次修改：时间、操作人、原因和变更的字段（最新的在前）；单位和审核人员都可查看。",
        responses=s.ReportHistoryEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def history(self, request, pk=None):
        entries = report_history(self.get_object())
        return Response(s.ReportHistoryEntrySerializer(entries, many=True).data)

    @extend_schema(
        summary="沿用上年名册",
        description="复制上一数据年度名册中12月仍在岗且合同未到期的人员；在岗月份和社保月份重置为1—12，合同日期保留，请逐人核对。",
        request=None,
        responses=s.CarryForwardResultSerializer,
    )
    @action(detail=True, methods=["post"], url_path="carry-forward")
    def carry_forward(self, request, pk=None):
        report = self.get_object()
        copied = services.report_carry_forward(report=report, by=request.user)
        report.refresh_from_db()
        return Response({"copied": copied, "version": report.version})

    @extend_schema(
        summary="下载名册模板（xlsx）",
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="花名册模板，含“说明”工作表")
        },
    )
    @action(
        detail=False, methods=["get"], url_path="roster-template", filterset_class=None, pagination_class=None
    )
    def roster_template(self, request):
        return xlsx_response(services.roster_template(), "roster-template.xlsx")

    @extend_schema(
        summary="导入名册（xlsx 或 CSV）",
        description=(
            "逐行检查全部内容（最多 50000 人）；只要有一行有问题就什么都不保存，返回 400，rows 列出每一个问题"
            "（行号、列、原因，不截断）。要下载问题清单（xlsx），把同一文件 POST 到 roster-errors。"
            "mode 必填：replace 替换现有名册，merge 追加或更新（按证号匹配：相同的行更新，其余追加，不删除）。"
            "preview=true 时只返回将保留、更新、追加、删除的行数，不保存。"
            "只有草稿或已退回的申报可以导入。" + UPLOAD_NOTE
        ),
        request={"multipart/form-data": s.RosterImportSerializer},
        responses={
            200: s.ImportResultSerializer,
            400: ErrorSerializer,
            413: OpenApiResponse(ErrorSerializer, description="文件超过大小上限，未读取"),
        },
    )
    @upload_limit(roster_file_limit)
    @action(detail=True, methods=["post"], url_path="roster-import", parser_classes=[MultiPartParser])
    def roster_import(self, request, pk=None):
        report = self.get_object()
        upload = _roster_upload(request, s.RosterImportSerializer)
        if isinstance(upload, Response):
            return upload
        file, mode, preview = upload["file"], upload["mode"], upload["preview"]
        if preview:
            result = services.roster_preview(report=report, file=file, mode=mode, by=request.user)
        else:
            result = services.roster_import(report=report, file=file, mode=mode, by=request.user)
        if not result.ok:
            rows = [error.as_dict() for error in result.errors]
            messages = [f"第{e.row}行 {e.column}：{e.reason}" if e.row else e.reason for e in result.errors]
            return Response(
                {
                    "detail": f"名册有 {len(rows)} 处问题，未导入任何内容。请改正后重新导入。",
                    "errors": {"file": messages},
                    "rows": rows,
                    "error_file": reverse(
                        "quota-report-roster-errors", kwargs={"pk": report.pk}, request=request
                    ),
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        report.refresh_from_db()
        return Response(
            {
                "imported": result.imported,
                "version": report.version,
                "preview": preview,
                **result.plan.as_dict(),
            }
        )

    @extend_schema(
        summary="检查名册并下载问题清单（xlsx，不保存）",
        description="只有草稿或已退回的申报可以检查。" + UPLOAD_NOTE,
        request={"multipart/form-data": s.ImportUploadSerializer},
        responses={
            (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="导入问题清单：行号、列、问题"),
            400: ErrorSerializer,
            413: OpenApiResponse(ErrorSerializer, description="文件超过大小上限，未读取"),
        },
    )
    @upload_limit(roster_file_limit)
    @action(detail=True, methods=["post"], url_path="roster-errors", parser_classes=[MultiPartParser])
    def roster_errors(self, request, pk=None):
        report = self.get_object()
        upload = _roster_upload(request)
        if isinstance(upload, Response):
            return upload
        file = upload["file"]
        errors = services.roster_check(report=report, file=file, by=request.user)
        return xlsx_response(services.roster_error_workbook(errors), "roster-errors.xlsx")

    @extend_schema(
        methods=["GET"],
        summary="名册草稿：从实名制就业记录（和社保记录）建议的名册行",
        description=(
            "数据年度内在职的实名制就业记录（在岗月份为该年内覆盖的月份）和社保缴费记录建议的人员；"
            "已在名册或已处理过的人员不再建议。单位工作人员和负责区域的审核人员可以查看。"
        ),
        responses={200: ds.RosterDraftSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    @extend_schema(
        methods=["POST"],
        summary="名册草稿：确认加入名册或不列入（须写原因）",
        description="只有本单位工作人员可以处理；确认时按名册的全部规则加入一行（需填写月工资）。",
        request=ds.DraftDecisionInputSerializer,
        responses={
            200: ds.RosterDraftSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="roster-draft",
        url_name="roster-draft",
        filterset_class=None,
        parser_classes=[JSONParser],
    )
    def roster_draft(self, request, pk=None):
        report = self.get_object()
        if request.method == "POST":
            data = ds.DraftDecisionInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            v = data.validated_data
            if v["decision"] == "confirm":
                roster_draft.roster_draft_confirm(
                    report=report,
                    by=request.user,
                    person_id=v["person"],
                    monthly_wage=v["monthly_wage"],
                    months=v.get("months"),
                    on_establishment=v["on_establishment"],
                    expected_version=v.get("expected_version"),
                )
            else:
                roster_draft.roster_draft_remove(
                    report=report,
                    by=request.user,
                    person_id=v["person"],
                    reason=v["reason"],
                    expected_version=v.get("expected_version"),
                )
            report.refresh_from_db()
        body = {
            "data_year": report.data_year,
            "proposals": roster_draft.roster_draft_from_records(report=report, by=request.user),
            "decisions": roster_draft.roster_draft_decisions(report=report, by=request.user),
            "may_decide": roster_draft.may_decide_draft(request.user, report),
        }
        response = Response(ds.RosterDraftSerializer(body).data)
        response["Cache-Control"] = "no-store"
        return response


def _roster_upload(request, serializer=s.ImportUploadSerializer):
    """The upload's validated data, or the response that refuses it: 413 when the upload handler
    dropped a file over the limit (it is never stored), 400 when no file (or no mode) came."""
    upload = serializer(data=request.data)
    if refusal := upload_refusal(request):
        return error_response(
            {"file": [refusal]}, detail=refusal, code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    upload.is_valid(raise_exception=True)
    return upload.validated_data


@extend_schema_view(
    list=extend_schema(summary="名册（按申报筛选）"),
    retrieve=extend_schema(summary="名册行"),
    destroy=extend_schema(summary="删除名册行"),
)
class RosterLineViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Roster lines of visible reports.  Everyone sees certificate numbers masked (without the
    category and grade digits): an employer's staff entered the number and have no need to read
    it back, so the full number leaves the server only through the logged ``reveal`` action of
    an auditor or administrator (个人信息保护法 Art. 28; issue 9 §2)."""

    filterset_class = RosterLineFilterSet
    permission_classes = [HasRole]
    allowed_roles = {
        "default": REPORT_ROLES,
        "create": {Role.EMPLOYER},
        "partial_update": {Role.EMPLOYER},
        "destroy": {Role.EMPLOYER},
        "reveal": {Role.AUDITOR, Role.ADMIN},
    }
    ordering_fields = ["line_no", "id"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    parser_classes = [JSONParser]
    throttle_scope = None  # set per action (reveal)

    def get_queryset(self):
        return roster_lines_for(self.request.user).order_by("report_id", "line_no", "id")

    serializer_class = s.RosterLineSerializer

    def _render(self, line, code=200):
        line = self.get_queryset().get(pk=line.pk)
        return Response(s.RosterLineSerializer(line).data, status=code)

    @extend_schema(request=s.RosterLineCreateSerializer, responses={201: s.RosterLineSerializer})
    def create(self, request):
        data = s.RosterLineCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        report = get_object_or_404(QuotaReport.objects.visible_to(request.user), pk=v.pop("report"))
        identity = {key: v.pop(key) for key in ("name", "certificate_kind", "certificate_no")}
        expected = v.pop("expected_version", None)
        line = services.roster_line_add(
            report=report, by=request.user, data=LineData(**v), expected_version=expected, **identity
        )
        return self._render(line, 201)

    @extend_schema(request=s.RosterLineUpdateSerializer, responses=s.RosterLineSerializer)
    def partial_update(self, request, pk=None):
        line = self.get_object()
        data = s.RosterLineUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        expected = changes.pop("expected_version", None)
        line = services.roster_line_update(
            line=line, by=request.user, changes=changes, expected_version=expected
        )
        return self._render(line)

    def destroy(self, request, pk=None):
        services.roster_line_remove(line=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="查看完整证号（记录访问日志）",
        request=RevealRequestSerializer,
        responses=RevealResponseSerializer,
    )
    @action(detail=True, methods=["post"], throttle_scope="reveal")
    def reveal(self, request, pk=None):
        line = self.get_object()
        data = RevealRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = person_reveal(
            person=line.person,
            actor=request.user,
            purpose=data.validated_data["purpose"],
            reason=data.validated_data.get("reason", ""),
            request_id=getattr(request, "request_id", ""),
        )
        response = Response(values)
        response["Cache-Control"] = "no-store"
        return response
