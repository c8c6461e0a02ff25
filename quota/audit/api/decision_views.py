"""API of the decisions: levy notices, payments, hardship adjustments, the subsidies-and-rewards
ledger and credit flags.

Scope (security.md): employer staff read their own employer's rows and may object to its credit
flags; auditors read and decide within their regions, as their agency may (``DECISIONS_BY_KIND``)
and with four eyes where the services ask for them; administrators read only (三员分立).  A flag
is created by deciding a credit case (``credit_views``), never posted here.
Every queryset is ``visible_to(user)``, so another employer's or region's row is a 404.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.accounts.api.permissions import HasRole
from backend.accounts.choices import Role
from quota.api import credit_serializers as cs
from quota.audit.api import serializers as s
from quota.audit.api.views import EXPORT_RESPONSES, FORMAT_PARAMETER, ExportNegotiation, file_response
from quota.audit.choices import ClosureStatus, ObjectionDecision
from quota.audit.filtersets import (
    CreditFlagFilterSet,
    LedgerEntryFilterSet,
    LevyAdjustmentFilterSet,
    LevyNoticeFilterSet,
    LevyPaymentFilterSet,
)
from quota.models.decisions import CreditFlag, LedgerEntry, LevyAdjustment, LevyNotice, LevyPayment
from quota.services import credit, decisions, ledger
from quota.services.exports import credit_flags_export

EVERYONE = {Role.EMPLOYER, Role.AUDITOR, Role.ADMIN}
AUDITOR = {Role.AUDITOR}


class _DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [HasRole]
    allowed_roles: dict = {"default": EVERYONE, "create": AUDITOR}
    model = None
    related: tuple = ()

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user).select_related(*self.related)

    def _input(self, serializer_class):
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    def _out(self, obj, code=status.HTTP_200_OK, serializer_class=None):
        obj = self.get_queryset().get(pk=obj.pk)
        return Response((serializer_class or self.get_serializer_class())(obj).data, status=code)


class LevyNoticeViewSet(_DecisionViewSet):
    """保障金缴款通知（按审核通过快照中的应缴金额开具）。"""

    serializer_class = s.LevyNoticeSerializer
    filterset_class = LevyNoticeFilterSet
    ordering_fields = ["issued_at", "due_date", "amount"]
    allowed_roles = {"default": EVERYONE, "create": AUDITOR, "cancel": AUDITOR}
    model, related = LevyNotice, ("employer", "employer__region", "issued_by")

    def get_serializer_context(self):
        # The surcharge accrued "to today": one date for the whole response.
        return {**super().get_serializer_context(), "today": timezone.localdate(), "policies": {}}

    @extend_schema(request=s.NoticeIssueSerializer, responses={201: s.LevyNoticeSerializer})
    def create(self, request):
        v = self._input(s.NoticeIssueSerializer)
        notice = decisions.notice_issue(
            report=v["report"], due_date=v["due_date"], issued_on=v.get("issued_on"), by=request.user
        )
        return self._out(notice, status.HTTP_201_CREATED)

    @extend_schema(request=s.ReasonSerializer, responses=s.LevyNoticeSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """作废缴款通知（尚无缴款和减免缓缴时）。"""
        notice = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(s.ReasonSerializer)
        return self._out(decisions.notice_cancel(notice=notice, reason=v["reason"], by=request.user))


class LevyPaymentViewSet(_DecisionViewSet):
    """保障金缴纳记录；逾期缴纳按日计算滞纳金。"""

    serializer_class = s.LevyPaymentSerializer
    filterset_class = LevyPaymentFilterSet
    ordering_fields = ["paid_on", "amount"]
    model, related = LevyPayment, ("notice", "recorded_by")

    @extend_schema(request=s.PaymentRecordSerializer, responses={201: s.LevyPaymentSerializer})
    def create(self, request):
        v = self._input(s.PaymentRecordSerializer)
        payment = decisions.payment_record(
            notice=v["notice"], amount=v["amount"], paid_on=v["paid_on"], by=request.user
        )
        return self._out(payment, status.HTTP_201_CREATED)


class LevyAdjustmentViewSet(_DecisionViewSet):
    """困难减免与缓缴（财税〔2015〕72号第十七条），由审核人员决定。"""

    serializer_class = s.LevyAdjustmentSerializer
    filterset_class = LevyAdjustmentFilterSet
    model, related = LevyAdjustment, ("notice", "approved_by")

    @extend_schema(request=s.AdjustmentInputSerializer, responses={201: s.LevyAdjustmentSerializer})
    def create(self, request):
        v = self._input(s.AdjustmentInputSerializer)
        adjustment = decisions.adjustment_approve(
            notice=v["notice"],
            kind=v["kind"],
            reason=v["reason"],
            amount=v.get("amount"),
            new_due_date=v.get("new_due_date"),
            by=request.user,
        )
        return self._out(adjustment, status.HTTP_201_CREATED)


class LedgerEntryViewSet(_DecisionViewSet):
    """补贴奖励台账：岗位补贴、社会保险补贴、达比例/超比例奖励、职业中介推荐奖励。"""

    serializer_class = s.LedgerEntrySerializer
    filterset_class = LedgerEntryFilterSet
    ordering_fields = ["proposed_at", "amount"]
    allowed_roles = {
        "default": EVERYONE,
        **dict.fromkeys(["create", "propose_from_policy", "approve", "reject", "paid"], AUDITOR),
    }
    model, related = LedgerEntry, ("employer", "proposed_by", "approved_by")

    @extend_schema(request=s.LedgerProposeSerializer, responses={201: s.LedgerEntrySerializer})
    def create(self, request):
        v = self._input(s.LedgerProposeSerializer)
        entry = ledger.ledger_entry_propose(by=request.user, **v)
        return self._out(entry, status.HTTP_201_CREATED)

    @extend_schema(request=s.DataYearSerializer, responses={201: s.LedgerEntrySerializer(many=True)})
    # A plain list of what was proposed: no pagination or list filters on this action.
    @action(
        detail=False,
        methods=["post"],
        url_path="propose-from-policy",
        pagination_class=None,
        filter_backends=[],
    )
    def propose_from_policy(self, request):
        """按政策参数为审核通过的申报提出达比例/超比例奖励（已提出的不重复）。"""
        v = self._input(s.DataYearSerializer)
        entries = ledger.ledger_propose_from_policy(data_year=v["data_year"], by=request.user)
        return Response(s.LedgerEntrySerializer(entries, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.NoteSerializer, responses=s.LedgerEntrySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """批准：须由提出人以外、所在机构可以复核批准的审核人员作出；金额不超过决定参数中的每笔上限。"""
        entry = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(s.NoteSerializer)
        entry = ledger.ledger_entry_approve(entry=entry, by=request.user, note=v.get("note", ""))
        return self._out(entry)

    @extend_schema(request=s.NoteSerializer, responses=s.LedgerEntrySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        entry = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(s.NoteSerializer)
        entry = ledger.ledger_entry_reject(entry=entry, by=request.user, note=v.get("note", ""))
        return self._out(entry)

    @extend_schema(request=None, responses=s.LedgerEntrySerializer)
    @action(detail=True, methods=["post"])
    def paid(self, request, pk=None):
        """登记已发放：所在机构负责发放登记、且不是提出人的审核人员（批准人可以登记）。"""
        return self._out(ledger.ledger_entry_mark_paid(entry=self.get_object(), by=request.user))


class CreditFlagViewSet(_DecisionViewSet):
    """失信记录（由失信认定案件的决定产生）：单位异议、异议处理、撤销或信用修复（一人提出、另一人复核）、导出当前名单。"""

    serializer_class = s.CreditFlagSerializer
    filterset_class = CreditFlagFilterSet
    ordering_fields = ["start_date", "level"]
    allowed_roles = {
        "default": EVERYONE,
        "objection": {Role.EMPLOYER},
        "export": {Role.AUDITOR, Role.ADMIN},
        **dict.fromkeys(["decide", "close", "close_decision"], AUDITOR),
    }
    model, related = CreditFlag, ("employer",)
    content_negotiation_class = ExportNegotiation
    throttle_scope = None  # "export" on the export action

    def get_queryset(self):
        return super().get_queryset().prefetch_related("objections", "closures")

    @extend_schema(request=s.ObjectionSubmitSerializer, responses={201: s.CreditFlagSerializer})
    @action(detail=True, methods=["post"])
    def objection(self, request, pk=None):
        """单位对本单位的失信记录提出异议。"""
        flag = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(s.ObjectionSubmitSerializer)
        objection = credit.credit_objection_submit(flag=flag, text=v["text"], by=request.user)
        return self._out(objection.flag, status.HTTP_201_CREATED)

    @extend_schema(request=s.ObjectionDecideSerializer, responses=s.CreditFlagSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """处理待处理的异议：成立则撤销失信记录，不成立则恢复生效。"""
        flag = self.get_object()
        v = self._input(s.ObjectionDecideSerializer)
        pending = flag.objections.filter(decision=ObjectionDecision.PENDING).first()
        if pending is None:
            raise ValidationError({"decision": "该失信记录没有待处理的异议"})
        credit.credit_objection_decide(
            objection=pending, decision=v["decision"], reason=v["reason"], by=request.user
        )
        return self._out(flag)

    @extend_schema(request=cs.ClosureProposeSerializer, responses={201: s.CreditFlagSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """提出撤销（认定有误）或信用修复（单位已纠正）；由另一名审核人员复核后生效。"""
        flag = self.get_object()  # out of scope → 404 whatever the body
        v = self._input(cs.ClosureProposeSerializer)
        credit.credit_closure_propose(flag=flag, action=v["action"], reason=v["reason"], by=request.user)
        return self._out(flag, status.HTTP_201_CREATED)

    @extend_schema(request=cs.ClosureDecideSerializer, responses=s.CreditFlagSerializer)
    @action(detail=True, methods=["post"], url_path="close-decision")
    def close_decision(self, request, pk=None):
        """复核待处理的撤销或信用修复申请（提出人不能自己复核）：批准则失信记录于今天结束。"""
        flag = self.get_object()
        v = self._input(cs.ClosureDecideSerializer)
        pending = flag.closures.filter(status=ClosureStatus.PENDING).first()
        if pending is None:
            raise ValidationError({"decision": "该失信记录没有待复核的撤销或信用修复申请"})
        credit.credit_closure_decide(
            closure=pending, approve=v["decision"] == "approve", note=v.get("note", ""), by=request.user
        )
        return self._out(flag)

    @extend_schema(parameters=[FORMAT_PARAMETER], responses=EXPORT_RESPONSES, filters=False)
    @action(detail=False, methods=["get"], throttle_scope="export", filter_backends=[])
    def export(self, request):
        """导出当前生效中（含异议处理中）的失信名单，供信用平台使用。"""
        return file_response(
            credit_flags_export(user=request.user, fmt=request.query_params.get("format", "xlsx"))
        )
