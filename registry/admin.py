from django.contrib import admin

from .models import CertificateConfirmation, CertificateRecord, DataImport, InsuranceRecord


@admin.register(DataImport)
class DataImportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "source", "rows", "created", "updated", "unchanged", "created_by"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False  # imports go through the import service (validated whole)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CertificateRecord)
class CertificateRecordAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "issued_on", "valid_until", "status_changed_on"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InsuranceRecord)
class InsuranceRecordAdmin(admin.ModelAdmin):
    list_display = ["credit_code", "year", "month", "types", "base"]
    list_filter = ["year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CertificateConfirmation)
class CertificateConfirmationAdmin(admin.ModelAdmin):
    list_display = [
        "certificate_kind",
        "valid_from",
        "valid_until",
        "confirmed_by",
        "confirmed_at",
        "withdrawn_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
