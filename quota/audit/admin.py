"""Admin views of the audit and the decisions: read-only, with history.

Administrators do not take audit or money decisions (三员分立, security.md): these pages let
them look, search and read each record's history; every change goes through the services.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from quota.admin_forms import ServiceValidatedForm
from quota.audit.models import AuditFinding, AuditResult, AuditRun
from quota.models.credit import CreditAttachment, CreditCase, CreditClosure, CreditStatement
from quota.models.decision_policy import LEDGER_MAX_FIELDS, DecisionPolicy
from quota.models.decisions import (
    CreditFlag,
    CreditObjection,
    LedgerEntry,
    LevyAdjustment,
    LevyNotice,
    LevyPayment,
)
from quota.services.decision_policy import decision_policy_validate


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


# --- the decision parameters (editable, like the quota policy) and the credit process (read) ---
class DecisionPolicyForm(ServiceValidatedForm):
    validator = staticmethod(decision_policy_validate)

    class Meta:
        model = DecisionPolicy
        fields = [
            "region",
            "year_from",
            "year_to",
            *LEDGER_MAX_FIELDS.values(),
            "credit_statement_days",
            "sources",
            "unconfirmed",
            "notes",
        ]


@admin.register(DecisionPolicy)
class DecisionPolicyAdmin(SimpleHistoryAdmin):
    """Administrators keep the limits and periods as data (with history); they decide nothing."""

    form = DecisionPolicyForm
    list_display = ("region", "year_from", "year_to", "post_subsidy_max", "credit_statement_days")
    list_filter = ("region",)
    fieldsets = (
        ("适用范围（作出决定的年份）", {"fields": ("region", "year_from", "year_to")}),
        (
            "补贴奖励台账：每笔金额上限",
            {
                "fields": (
                    "post_subsidy_max",
                    "insurance_subsidy_max",
                    "meet_reward_max",
                    "above_reward_max",
                    "agency_reward_max",
                )
            },
        ),
        ("失信认定", {"fields": ("credit_statement_days",)}),
        ("来源与待确认", {"fields": ("sources", "unconfirmed", "notes")}),
    )


class StatementInline(ViewOnly, admin.TabularInline):
    model = CreditStatement
    fields = ("text", "submitted_by", "submitted_at")
    readonly_fields = fields
    extra = 0


class AttachmentInline(ViewOnly, admin.TabularInline):
    model = CreditAttachment
    fields = ("name", "content_type", "size", "sha256", "statement", "uploaded_by", "uploaded_at")
    readonly_fields = fields  # the file itself: through the permission-checked download only
    extra = 0


@admin.register(CreditCase)
class CreditCaseAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("employer", "level", "status", "notified_on", "statement_due", "opened_by", "decided_by")
    list_filter = ("status", "level")
    search_fields = ("employer__name", "employer__credit_code")
    inlines = [StatementInline, AttachmentInline]


@admin.register(CreditClosure)
class CreditClosureAdmin(ViewOnly, SimpleHistoryAdmin):
    list_display = ("flag", "action", "status", "proposed_by", "decided_by")
    list_filter = ("action", "status")
