"""Admin views of the audit and the decisions: read-only, with history.

Administrators do not take audit or money decisions (三员分立, security.md): these pages let
them look, search and read each record's history; every change goes through the services.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models.audit import AuditFinding, AuditResult, AuditRun
from .models.decisions import (
    CreditFlag,
    CreditObjection,
    LedgerEntry,
    LevyAdjustment,
    LevyNotice,
    LevyPayment,
)


class ViewOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditRun)
class AuditRunAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("id", "data_year", "status", "progress", "created_by", "created_at", "finished_at")
    list_filter = ("status", "data_year")


@admin.register(AuditResult)
class AuditResultAdmin(ViewOnly, admin.ModelAdmin):
    list_display = (
        "run",
        "employer",
        "status",
        "employee_count",
        "counted_disabled",
        "ratio",
        "levy_due",
        "findings_count",
    )
    list_filter = ("run", "status", "max_severity")
    search_fields = ("employer__name", "employer__credit_code")
    list_select_related = ("run", "employer")


@admin.register(AuditFinding)
class AuditFindingAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("run", "employer", "kind", "severity", "message")
    list_filter = ("run", "kind", "severity")
    search_fields = ("employer__name",)
    list_select_related = ("run", "employer")
    raw_id_fields = ("report", "roster_line")


class PaymentInline(ViewOnly, admin.TabularInline):
    model = LevyPayment
    fields = ("amount", "paid_on", "due_date_applied", "days_late", "surcharge", "recorded_by")
    readonly_fields = fields
    extra = 0


class AdjustmentInline(ViewOnly, admin.TabularInline):
    model = LevyAdjustment
    fields = ("kind", "amount", "new_due_date", "reason", "approved_by", "approved_at")
    readonly_fields = fields
    extra = 0


@admin.register(LevyNotice)
class LevyNoticeAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = (
        "employer",
        "data_year",
        "amount",
        "paid_amount",
        "surcharge_amount",
        "current_due_date",
        "status",
    )
    list_filter = ("status", "data_year")
    search_fields = ("employer__name", "employer__credit_code")
    inlines = [PaymentInline, AdjustmentInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("employer", "data_year", "kind", "amount", "status", "proposed_by", "approved_by")
    list_filter = ("kind", "status", "data_year")
    search_fields = ("employer__name",)


class ObjectionInline(ViewOnly, admin.TabularInline):
    model = CreditObjection
    fields = ("text", "submitted_by", "submitted_at", "decision", "decided_by", "decision_reason")
    readonly_fields = fields
    extra = 0


@admin.register(CreditFlag)
class CreditFlagAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("employer", "level", "status", "start_date", "end_date")
    list_filter = ("level", "status")
    search_fields = ("employer__name", "employer__credit_code")
    inlines = [ObjectionInline]
