"""Registry API: auth, registration, regions, employers, persons, consents, access log.

Every queryset goes through `visible_to(user)`, so an object outside the caller's scope is a 404.
"""

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..choices import Role
from ..filtersets import AccessLogFilterSet, EmployerFilterSet, PersonFilterSet, RegionFilterSet
from ..models import Consent, Employer, Person, Region
from . import serializers as s
from .permissions import HasRole


class LoginView(APIView):
    """Exchange username and password for an expiring API token (stored hashed by knox)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_scope = "login"

    def get_authenticate_header(self, request):
        return "Token"  # a failed login is 401 with a challenge, not 403

    @extend_schema(request=s.LoginSerializer, responses={200: s.TokenResponseSerializer})
    def post(self, request):
        data = s.LoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(request=request, **data.validated_data)
        if user is None:
            raise AuthenticationFailed("用户名或密码不正确。")
        if not user.is_active:
            raise AuthenticationFailed("账号尚未激活，请等待审核。")
        instance, token = AuthToken.objects.create(user)
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

    @extend_schema(request=s.SeekerRegisterSerializer, responses={201: s.RegisteredSerializer})
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
        return Response({"id": user.pk, "username": user.username, "active": user.is_active}, status=201)


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


@extend_schema_view(partial_update=extend_schema(request=s.EmployerUpdateSerializer))
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
    }
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return Employer.objects.visible_to(self.request.user).select_related("region")

    def partial_update(self, request, *args, **kwargs):
        employer = self.get_object()
        user = request.user
        if user.role == Role.EMPLOYER and not employer.memberships.filter(user=user, is_admin=True).exists():
            return Response({"detail": "只有本单位管理员可以修改单位信息。", "errors": {}}, status=403)
        if user.role == Role.AUDITOR:
            return Response({"detail": "审核人员不能修改单位资料。", "errors": {}}, status=403)
        data = s.EmployerUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        employer = services.employer_update(employer=employer, data=data.validated_data)
        return Response(s.EmployerSerializer(employer).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=s.EmployerSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        employer = services.employer_activate(employer=self.get_object(), by=request.user)
        return Response(s.EmployerSerializer(employer).data)


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
        response = Response(selectors.person_export(person))
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
