"""Read-only admin views: the outbox (so demo and staff can read codes), the inbox rows and the
sign-language bookings. Writes go through the services and pages."""

from django.contrib import admin

from .models import Notification, OutboxMessage, SignLanguageBooking


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "channel", "to", "subject", "body")
    list_filter = ("channel",)
    search_fields = ("to",)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "read_at")
    list_filter = ("kind",)
    search_fields = ("recipient__username", "title")


@admin.register(SignLanguageBooking)
class SignLanguageBookingAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "requester", "wanted_date", "slot", "contact_method", "status")
    list_filter = ("status", "slot")
