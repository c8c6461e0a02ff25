"""API of the credit process before a listing: cases with their notice and evidence files, the
employer's statements (陈述申辩) or waiver, and the decision by a second auditor.

Scope as everywhere (security.md): employer staff see their own employer's cases and answer
them; auditors see and act within their regions; administrators read only (三员分立).  Files
are downloaded here, through the same scope — MEDIA_ROOT is never served.
"""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action

from backend.accounts.choices import Role
from quota.audit.api.decision_views import AUDITOR, EVERYONE, _DecisionViewSet
from quota.audit.filtersets import CreditCaseFilterSet

from ..models.credit import CreditCase
from ..services import credit_case
from . import credit_serializers as s

FILE_RESPONSES = {
    (200, content_type): OpenApiResponse(OpenApiTypes.BINARY, description=label)
    for content_type, label in (("application/pdf", "PDF"), ("image/jpeg", "JPG"), ("image/png", "PNG"))
}


class CreditCaseViewSet(_DecisionViewSet):
    """失信认定案件：告知（含证据材料）、单位陈述申辩或放弃、另一名审核人员作出决定。"""

    serializer_class = s.CreditCaseSerializer
    filterset_class = CreditCaseFilterSet
    ordering_fields = ["opened_at", "statement_due"]
    allowed_roles = {
        "default": EVERYONE,
        "create": AUDITOR,
        "decide": AUDITOR,
        "statement": {Role.EMPLOYER},
        "waive": {Role.EMPLOYER},
    }
    model, related = CreditCase, ("employer", "opened_by", "decided_by", "flag")

    def get_queryset(self):
        return super().get_queryset().prefetch_related("statements", "attachments")

    @extend_schema(
        request={"multipart/form-data": s.CreditCaseOpenSerializer}, responses={201: s.CreditCaseSerializer}
    )
    def create(self, request):
        """告知单位拟认定失信：事由、依据、证据说明和证据文件；陈述申辩期自今天起算。"""
        v = self._input(s.CreditCaseOpenSerializer)
        case = credit_case.credit_case_open(by=request.user, **v)
        return self._out(case, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.CreditStatementInputSerializer},
        responses={201: s.CreditCaseSerializer},
    )
    @action(detail=True, methods=["post"])
    def statement(self, request, pk=None):
        """单位在陈述申辩期内提交陈述申辩（可附文件）。"""
        case = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(s.CreditStatementInputSerializer)
        credit_case.credit_statement_submit(
            case=case, text=v["text"], files=v.get("files", []), by=request.user
        )
        return self._out(case, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.CreditCaseSerializer)
    @action(detail=True, methods=["post"])
    def waive(self, request, pk=None):
        """单位管理员放弃（剩余的）陈述申辩期，案件可以立即作出决定。"""
        case = self.get_object()
        return self._out(credit_case.credit_statement_waive(case=case, by=request.user))

    @extend_schema(request=s.CreditCaseDecideSerializer, responses=s.CreditCaseSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """陈述申辩期满或单位放弃后，由告知人以外的审核人员认定失信（自起始日期生效）或不予认定。"""
        case = self.get_object()
        v = self._input(s.CreditCaseDecideSerializer)
        return self._out(credit_case.credit_case_decide(case=case, by=request.user, **v))

    @extend_schema(responses=FILE_RESPONSES, filters=False)
    @action(
        detail=True, methods=["get"], url_path=r"files/(?P<file_id>\d+)", url_name="file", filter_backends=[]
    )
    def file(self, request, pk=None, file_id=None):
        """下载证据材料或陈述申辩附件（仅限能查看该案件的用户）。"""
        case = self.get_object()
        attachment = case.attachments.filter(pk=file_id).first()
        if attachment is None:
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
