"""Registry API: auth, registration, regions, employers, persons, consents, access log.

Every queryset goes through `visible_to(user)`, so an object outside the caller's scope is a 404.
"""

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..choices import Role
from ..filtersets import (
    AccessLogFilterSet,
    EmployerChangeRequestFilterSet,
    EmployerFilterSet,
    PersonFilterSet,
    RegionFilterSet,
    RegistrationReviewFilterSet,
)
from ..models import Consent, Employer, EmployerChangeRequest, Person, Region, RegistrationReview
from ..permissions import otp_required
from ..registration import (
    REGISTRATION_RECEIVED,
    registration_review_link,
    registration_review_reject,
)
from ..signin import credentials, guard, otp
from . import serializers as s
from .permissions import HasRole


class LoginView(APIView):
    """Exchange username and password — and, where the second factor is required (auditors and
    administrators in production), the authenticator's current code in ``otp`` — for an expiring
    API token (stored hashed by knox, at most REST_KNOX["TOKEN_LIMIT_PER_USER"] live at once).

    Throttled by client address (scope "login") and by failed sign-ins per username (shared with
    the page, backend/accounts/signin/guard.py), then django-axes' (username, address) lockout."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "login"

    def get_authenticate_header(self, request):
        return "Token"  # a failed login is 401 with a challenge, not 403

    @extend_schema(request=s.LoginSerializer, responses={200: s.TokenResponseSerializer})
    def post(self, request):
        data = s.LoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        if guard.login_username_limited(request, username):
            raise Throttled(detail=guard.LOGIN_THROTTLED)
        user = authenticate(request=request, username=username, password=data.validated_data["password"])
        if user is None:
            guard.login_failed(request, username)
            raise AuthenticationFailed("用户名或密码不正确。")
        if not user.is_active:
            raise AuthenticationFailed("账号尚未激活，请等待审核。")
        if otp_required(user):
            try:
                otp.totp_check(user=user, code=data.validated_data.get("otp", ""))
            except ValidationError as exc:
                guard.login_failed(request, username)
                errors = exc.message_dict
                return Response(
                    {"detail": errors["otp"][0], "errors": errors},
                    status=401,
                    headers={"WWW-Authenticate": "Token"},
                )
        try:
            instance, token = credentials.api_token_issue(user=user)
        except credentials.TokenLimitReached as exc:
            raise PermissionDenied(exc.args[0]) from exc
        return Response({"token": token, "expiry": instance.expiry})


class LogoutView(APIView):
    """Delete the token used for this request."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(responses=s.MeSerializer)
    def get(self, request):
        return Response(s.MeSerializer(request.user).data)


class SeekerRegisterView(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "register"

    @extend_schema(
        request=s.SeekerRegisterSerializer,
        responses={201: s.SeekerRegisteredSerializer},
        description="每一个通过校验的注册都得到同样的回答（是否已在人员库中不会因注册而透露）。",
    )
    def post(self, request):
        data = s.SeekerRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = services.seeker_register(
            username=v["username"],
            password=v["password"],
            name=v["name"],
            resident_id=v["resident_id"],
            phone=v.get("phone", ""),
            region=v.get("region"),
            certificate=services.CertificateInput(
                kind=v["certificate_kind"],
                number=v.get("certificate_no", ""),
                veteran_grade=v.get("veteran_grade"),
                valid_until=v.get("certificate_valid_until"),
            ),
        )
        # The same body whether a new person was registered or a review was opened.
        return Response({"username": user.username, "detail": REGISTRATION_RECEIVED}, status=201)


class EmployerRegisterView(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "register"

    @extend_schema(request=s.EmployerRegisterSerializer, responses={201: s.RegisteredSerializer})
    def post(self, request):
        data = s.EmployerRegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.employer_register(**data.validated_data)
        return Response({"id": user.pk, "username": user.username, "active": user.is_active}, status=201)


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions are public reference data."""

    permission_classes = [AllowAny]
    queryset = Region.objects.select_related("parent")
    serializer_class = s.RegionSerializer
    filterset_class = RegionFilterSet
    lookup_field = "code"


@extend_schema_view(
    partial_update=extend_schema(
        summary="修改单位联系信息",
        description="只能修改行业、地址、联系人和联系电话；单位名称、统一社会信用代码、单位性质、"
        "所在区镇和集中安置认定是登记信息，只能通过变更申请修改（每个字段返回400和说明）。",
        request=s.EmployerContactUpdateSerializer,
    )
)
class EmployerViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    serializer_class = s.EmployerSerializer
    filterset_class = EmployerFilterSet
    ordering_fields = ["name", "created_at"]
    permission_classes = [HasRole]
    allowed_roles = {
        "default": {Role.EMPLOYER, Role.AUDITOR, Role.ADMIN},
        "activate": {Role.AUDITOR, Role.ADMIN},
        "registry_change": {Role.AUDITOR, Role.ADMIN},
    }
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return Employer.objects.visible_to(self.request.user).select_related("region")

    def partial_update(self, request, *args, **kwargs):
        employer = self.get_object()
        data = s.EmployerContactUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        employer = services.employer_update(employer=employer, data=data.validated_data, by=request.user)
        return Response(s.EmployerSerializer(employer).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=s.EmployerSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        employer = services.employer_activate(employer=self.get_object(), by=request.user)
        return Response(s.EmployerSerializer(employer).data)

    @extend_schema(
        summary="登记信息变更决定",
        description="审核人员（负责该单位所在区域）变更单位的登记信息，须写明理由；记入单位的变更记录。"
        "系统管理员不能作出该决定（三员分立）。",
        request=s.RegistryChangeSerializer,
        responses=s.EmployerSerializer,
    )
    @action(detail=True, methods=["post"], url_path="registry-change")
    def registry_change(self, request, pk=None):
        employer = self.get_object()
        data = s.RegistryChangeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employer = services.employer_registry_change(
            employer=employer, changes=data.changes(), reason=data.validated_data["reason"], by=request.user
        )
        return Response(s.EmployerSerializer(employer).data)

    @extend_schema(summary="单位信息变更记录", responses=s.EmployerHistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def history(self, request, pk=None):
        entries = selectors.employer_registry_history(self.get_object())
        return Response(s.EmployerHistoryEntrySerializer(entries, many=True).data)


@extend_schema_view(
    create=extend_schema(
        summary="申请变更单位登记信息",
        request=s.ChangeRequestCreateSerializer,
        responses={201: s.EmployerChangeRequestSerializer},
    )
)
class EmployerChangeRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Employers file requests to change their master data; an auditor of the region decides."""

    serializer_class = s.EmployerChangeRequestSerializer
    filterset_class = EmployerChangeRequestFilterSet
    permission_classes = [HasRole]
    allowed_roles = {
        "default": {Role.EMPLOYER, Role.AUDITOR, Role.ADMIN},
        "create": {Role.EMPLOYER},
        "approve": {Role.AUDITOR, Role.ADMIN},
        "reject": {Role.AUDITOR, Role.ADMIN},
    }

    def get_queryset(self):
        return EmployerChangeRequest.objects.visible_to(self.request.user).select_related(
            "employer", "requested_by", "decided_by"
        )

    def create(self, request, *args, **kwargs):
        data = s.ChangeRequestCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            employer = selectors.acting_employer(request.user, data.validated_data.get("employer"))
        except Employer.DoesNotExist:
            raise Http404 from None
        if employer is None:
            raise Http404
        change_request = services.employer_change_request_file(
            employer=employer, changes=data.changes(), reason=data.validated_data["reason"], by=request.user
        )
        return Response(s.EmployerChangeRequestSerializer(change_request).data, status=201)

    def _decide(self, request, *, approve: bool):
        # The request first: one outside the caller's scope is a 404 whatever the body says.
        change_request = self.get_object()
        data = s.ChangeRequestDecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        change_request = services.employer_change_request_decide(
            change_request=change_request,
            approve=approve,
            reason=data.validated_data["reason"],
            by=request.user,
        )
        return Response(s.EmployerChangeRequestSerializer(change_request).data)

    @extend_schema(
        summary="批准变更申请（按申请变更登记信息）",
        request=s.ChangeRequestDecideSerializer,
        responses=s.EmployerChangeRequestSerializer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, approve=True)

    @extend_schema(
        summary="驳回变更申请",
        request=s.ChangeRequestDecideSerializer,
        responses=s.EmployerChangeRequestSerializer,
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, approve=False)


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.PersonSerializer
    filterset_class = PersonFilterSet
    permission_classes = [IsAuthenticated]
    throttle_scope = None  # set per action (reveal)

    def get_queryset(self):
        return Person.objects.visible_to(self.request.user).select_related("region")

    @extend_schema(request=s.RevealRequestSerializer, responses=s.RevealResponseSerializer)
    @action(detail=True, methods=["post"], throttle_scope="reveal")
    def reveal(self, request, pk=None):
        """Full identifiers and disability details; every read by someone else is logged."""
        person = self.get_object()
        data = s.RevealRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = selectors.person_reveal(
            person=person,
            actor=request.user,
            purpose=data.validated_data["purpose"],
            reason=data.validated_data.get("reason", ""),
            request_id=getattr(request, "request_id", ""),
        )
        response = Response(values)
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(methods=["GET"], responses=s.PersonSerializer)
    @extend_schema(methods=["PATCH"], request=s.PersonUpdateSerializer, responses=s.PersonSerializer)
    @action(detail=False, methods=["get", "patch"], url_path="me")
    def me(self, request):
        """A job-seeker reads or corrects their own record."""
        person = Person.objects.filter(pk=request.user.person_id).first()
        if person is None:
            return Response({"detail": "您还没有个人档案。", "errors": {}}, status=404)
        if request.method == "PATCH":
            data = s.PersonUpdateSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            person = services.person_update(person=person, **data.validated_data)
        return Response(s.PersonSerializer(person).data)

    @extend_schema(responses=OpenApiResponse(description="本人全部数据（JSON）"))
    @action(detail=False, methods=["get"], url_path="me/export")
    def export_me(self, request):
        person = Person.objects.filter(pk=request.user.person_id).first()
        if person is None:
            return Response({"detail": "您还没有个人档案。", "errors": {}}, status=404)
        data = selectors.person_export_for(user=request.user, request_id=getattr(request, "request_id", ""))
        response = Response(data)
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        response["Cache-Control"] = "no-store"
        return response


class ConsentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """A job-seeker's own consents: list, grant, withdraw."""

    serializer_class = s.ConsentSerializer
    permission_classes = [HasRole]
    allowed_roles = {Role.SEEKER}

    def get_queryset(self):
        person_id = getattr(self.request.user, "person_id", None)  # AnonymousUser during schema generation
        return Consent.objects.filter(person_id=person_id) if person_id else Consent.objects.none()

    @extend_schema(request=s.ConsentGrantSerializer, responses={201: s.ConsentSerializer})
    def create(self, request):
        if not request.user.person_id:
            return Response({"detail": "您还没有个人档案。", "errors": {}}, status=404)
        data = s.ConsentGrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        consent = services.consent_grant(person=request.user.person, **data.validated_data)
        return Response(s.ConsentSerializer(consent).data, status=201)

    @extend_schema(request=s.ConsentGrantSerializer, responses={200: OpenApiResponse(description="已撤回")})
    @action(detail=False, methods=["post"])
    def withdraw(self, request):
        if not request.user.person_id:
            return Response({"detail": "您还没有个人档案。", "errors": {}}, status=404)
        data = s.ConsentGrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = services.consent_withdraw(person=request.user.person, scope=data.validated_data["scope"])
        return Response({"withdrawn": count})


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("ordering", str, description="排序字段")])
)
class AccessLogViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AccessLogSerializer
    filterset_class = AccessLogFilterSet
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.access_log_visible_to(self.request.user).select_related("actor")


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("ordering", str, description="排序字段")])
)
class RegistrationReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Seeker registrations whose resident ID or certificate already belonged to a registered
    person: 残联 auditors of that person's region check them and link or reject."""

    serializer_class = s.RegistrationReviewSerializer
    filterset_class = RegistrationReviewFilterSet
    ordering_fields = ["created_at"]
    # Other roles are refused outright (403) rather than shown an empty list.
    permission_classes = [HasRole]
    allowed_roles = {Role.AUDITOR, Role.ADMIN}

    def get_queryset(self):
        return RegistrationReview.objects.visible_to(self.request.user).select_related(
            "user", "person__region", "region", "submitted_region", "decided_by"
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"  # names, phones and masked identifiers
        return response

    def _decide(self, request, decide):
        review = self.get_object()
        data = s.RegistrationReviewDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        review = decide(review=review, by=request.user, note=data.validated_data.get("note", ""))
        return Response(self.get_serializer(review).data)

    @extend_schema(request=s.RegistrationReviewDecisionSerializer, responses=s.RegistrationReviewSerializer)
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        """核实为本人：把新账号关联到已登记的人员档案。"""
        return self._decide(request, registration_review_link)

    @extend_schema(request=s.RegistrationReviewDecisionSerializer, responses=s.RegistrationReviewSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """驳回：新账号不关联人员档案；须写明原因。"""
        return self._decide(request, registration_review_reject)
