"""The inbox, notification channels and sign-language bookings over the API; each view parses,
calls one service or scoped query, and answers."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import Notification, SignLanguageBooking
from ..services.bookings import booking_create, booking_handle, require_service_desk
from ..services.inbox import notification_mark_read
from ..services.preferences import preferences_of, preferences_set
from . import serializers as s


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", bool, description="true：只列出未读消息")],
        responses={200: s.NotificationSerializer(many=True)},
    )
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's own inbox, newest first (unread first when ``unread`` is not given)."""

    serializer_class = s.NotificationSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        user = self.request.user
        if not user.is_authenticated:  # schema generation
            return Notification.objects.none()
        qs = Notification.objects.filter(recipient=user)
        if self.request.query_params.get("unread") in {"1", "true", "True"}:
            qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(
        request=s.MarkReadSerializer,
        responses={200: s.MarkReadResultSerializer, 400: OpenApiResponse(description="没有给出消息")},
    )
    @action(detail=False, methods=["post"], url_path="mark-read")
    def mark_read(self, request):
        data = s.MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = notification_mark_read(
            user=request.user, ids=data.validated_data["ids"], all_unread=data.validated_data["all"]
        )
        return Response({"marked": marked})


class PreferencesView(APIView):
    """The caller's channels per kind of message (the inbox is always on)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: s.PreferenceSerializer(many=True)})
    def get(self, request):
        return Response(s.PreferenceSerializer(preferences_of(user=request.user), many=True).data)

    @extend_schema(
        request=s.PreferenceUpdateSerializer,
        responses={200: s.PreferenceSerializer(many=True), 400: OpenApiResponse(description="输入有误")},
    )
    def put(self, request):
        data = s.PreferenceUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        choices = {
            p["kind"]: {"sms": p["sms"], "email": p["email"]} for p in data.validated_data["preferences"]
        }
        return Response(
            s.PreferenceSerializer(preferences_set(user=request.user, choices=choices), many=True).data
        )


class BookingViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Anyone signed in books and lists their own; auditors and administrators list all and mark
    them handled."""

    serializer_class = s.BookingSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        return SignLanguageBooking.objects.visible_to(self.request.user)

    @extend_schema(
        request=s.BookingCreateSerializer,
        responses={201: s.BookingSerializer, 400: OpenApiResponse(description="输入有误")},
    )
    def create(self, request):
        data = s.BookingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        booking = booking_create(by=request.user, **data.validated_data)
        return Response(s.BookingSerializer(booking).data, status=201)

    @extend_schema(
        request=None,
        responses={
            200: s.BookingSerializer,
            400: OpenApiResponse(description="已经安排过"),
            403: OpenApiResponse(description="不是服务窗口工作人员"),
            404: OpenApiResponse(description="没有这条预约"),
        },
    )
    @action(detail=True, methods=["post"])
    def handle(self, request, pk=None):
        require_service_desk(request.user)
        booking = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(s.BookingSerializer(booking_handle(booking=booking, by=request.user)).data)
