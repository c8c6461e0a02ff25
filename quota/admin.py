"""Admin: administrators edit policy parameters (with history); reports are read-only here.

Administrators never approve or change reports (三员分立): those decisions belong to auditors,
through the API and pages.  The audit/decision admin is in ``quota/audit/admin.py`` (quota-audit).
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .admin_forms import ServiceValidatedForm
from .models import QuotaPolicy, QuotaReport, ReportSnapshot, RosterLine
from .models.policy import POLICY_PARAMETERS
from .services.policy import policy_validate


class QuotaPolicyForm(ServiceValidatedForm):
    validator = staticmethod(policy_validate)

    class Meta:
        model = QuotaPolicy
        fields = [
            "region",
            "levy_year_from",
            "levy_year_to",
            *POLICY_PARAMETERS,
            "sources",
            "unconfirmed",
            "notes",
        ]


@admin.register(QuotaPolicy)
class QuotaPolicyAdmin(SimpleHistoryAdmin):
    form = QuotaPolicyForm
    list_display = (
        "region",
        "levy_year_from",
        "levy_year_to",
        "quota_ratio",
        "tiered_reduction",
        "minimum_wage_monthly",
        "social_average_wage",
        "unconfirmed_count",
    )
    list_filter = ("region", "tiered_reduction")
    search_fields = ("region__name", "region__code", "notes")
    fieldsets = (
        ("适用范围（征收年度 = 数据年度 + 1）", {"fields": ("region", "levy_year_from", "levy_year_to")}),
        (
            "比例与减免",
            {
                "fields": (
                    "quota_ratio",
                    "tiered_reduction",
                    "tier_lower_ratio",
                    "tier_share_between",
                    "tier_share_below",
                    "exemption_max_headcount",
                    "exempt_org_types",
                    "ratio_uses_weighted_count",
                    "severe_weight",
                )
            },
        ),
        (
            "工资与资格",
            {
                "fields": (
                    "wage_cap_multiple",
                    "social_average_wage",
                    "minimum_wage_monthly",
                    "working_age_min",
                    "retirement_age_male",
                    "retirement_age_female",
                    "retirement_schedules",
                    "min_contract_months",
                )
            },
        ),
        (
            "滞纳金与奖励",
            {"fields": ("surcharge_daily_rate", "reward_meet_multiple", "reward_above_multiple")},
        ),
        ("来源与待确认", {"fields": ("sources", "unconfirmed", "notes")}),
    )

    @admin.display(description="待确认参数数")
    def unconfirmed_count(self, obj):
        return len(obj.unconfirmed or [])


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: reports, rosters and snapshots are changed through the workflow services."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RosterInline(admin.TabularInline):
    model = RosterLine
    fields = ("line_no", "person", "certificate_kind", "months", "monthly_wage", "dispatched", "counts_here")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuotaReport)
class QuotaReportAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = (
        "employer",
        "data_year",
        "status",
        "employee_count",
        "total_wages",
        "submitted_at",
        "approved_at",
    )
    list_filter = ("data_year", "status", "employer__org_type")
    search_fields = ("employer__name", "employer__credit_code")
    inlines = [RosterInline]


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("report", "created_at")
    search_fields = ("report__employer__name",)


# The audit and decision admin registers itself from its own package's module.
from quota.audit import admin as _audit_admin  # noqa: E402, F401
