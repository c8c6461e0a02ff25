from rest_framework import serializers

from ..choices import ContactMethod, NotificationKind, TimeSlot
from ..models import Notification, SignLanguageBooking


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unread = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "title", "body", "url", "created_at", "read_at", "unread"]

    def get_unread(self, obj) -> bool:
        return obj.read_at is None


class MarkReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=500, default=list
    )
    all = serializers.BooleanField(required=False, default=False, help_text="true：全部标为已读")

    def validate(self, attrs):
        if not attrs["all"] and not attrs["ids"]:
            raise serializers.ValidationError(
                {"ids": "请给出要标为已读的消息编号，或用 all=true 全部标为已读"}
            )
        return attrs


class MarkReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    label = serializers.CharField(read_only=True)
    sms = serializers.BooleanField()
    email = serializers.BooleanField()


class PreferenceUpdateSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(many=True, allow_empty=False, max_length=len(NotificationKind.values))


class BookingSerializer(serializers.ModelSerializer):
    slot_label = serializers.CharField(source="get_slot_display", read_only=True)
    contact_method_label = serializers.CharField(source="get_contact_method_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = SignLanguageBooking
        fields = [
            "id",
            "wanted_date",
            "slot",
            "slot_label",
            "topic",
            "contact_method",
            "contact_method_label",
            "contact_detail",
            "status",
            "status_label",
            "created_at",
            "handled_at",
        ]


class BookingCreateSerializer(serializers.Serializer):
    wanted_date = serializers.DateField(error_messages={"invalid": "日期格式应为 YYYY-MM-DD"})
    slot = serializers.ChoiceField(choices=TimeSlot.choices)
    topic = serializers.CharField(max_length=200)
    contact_method = serializers.ChoiceField(choices=ContactMethod.choices)
    contact_detail = serializers.CharField(max_length=100)
