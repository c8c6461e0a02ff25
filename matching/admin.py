"""Admin for the job market. The fit table is edited here (with history); other rows are mostly
read-only, because their writes belong to the services and the seekers' own consent."""

from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .core.fit import rules_from_json
from .models import (
    Application,
    Employment,
    FitRule,
    IndexVersion,
    JobPosting,
    LearnedAlias,
    MatchFeedback,
    Occupation,
    OccupationConfirmation,
    SeekerProfile,
)
from .services import fit_rule_save, index_record_change, learned_alias_revoke


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JobPosting)
class JobPostingAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "employer",
        "region",
        "employment_form",
        "status",
        "opens_on",
        "guaranteed_interview",
    ]
    list_filter = ["status", "employment_form", "hours", "guaranteed_interview"]
    search_fields = ["title", "employer__name"]
    raw_id_fields = ["employer"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        index_record_change(job_ids=[obj.pk])  # staff edits reach the matcher like any other


@admin.register(SeekerProfile)
class SeekerProfileAdmin(ReadOnlyAdmin):
    # No disability details here: they live encrypted on the person and need a logged reveal.
    list_display = ["person", "desired", "education", "visible_to_employers", "updated_at"]
    search_fields = ["desired"]
    fields = [
        "desired",
        "skills",
        "education",
        "regions",
        "employment_forms",
        "hours",
        "visible_to_employers",
    ]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["posting", "status", "share_disability", "created_at"]
    list_filter = ["status"]
    fields = ["posting", "status", "share_disability", "created_at", "updated_at"]


@admin.register(Employment)
class EmploymentAdmin(SimpleHistoryAdmin):
    """Read only: records are entered by 残联 and corrected by auditors with a reason, through
    the services (issue 10 §6); administrators read (三员分立)."""

    list_display = ["person", "employer", "start_date", "end_date", "end_reason", "source", "created_by"]
    list_filter = ["source"]
    search_fields = ["employer__name"]
    raw_id_fields = ["person", "employer", "posting", "application"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MatchFeedback)
class MatchFeedbackAdmin(ReadOnlyAdmin):
    list_display = ["posting", "reason", "created_at"]
    list_filter = ["reason"]
    fields = ["posting", "reason", "text", "created_at"]


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


class FitRuleForm(forms.ModelForm):
    class Meta:
        model = FitRule
        fields = ["demand", "label", "keywords", "effects", "position", "active"]

    def clean(self):
        data = super().clean()
        try:
            rules_from_json(
                [
                    {k: data.get(k) for k in ("demand", "label", "keywords")}
                    | {"effects": data.get("effects") or {}}
                ]
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise forms.ValidationError(f"规则格式有误：{exc}") from exc
        return data


@admin.register(FitRule)
class FitRuleAdmin(SimpleHistoryAdmin):
    form = FitRuleForm
    list_display = ["label", "demand", "position", "active"]
    list_editable = ["position", "active"]

    def save_model(self, request, obj, form, change):
        fit_rule_save(rule=obj)  # validates the whole table and queues an index rebuild
        messages.info(request, "规则已保存，匹配索引将在后台重建。")


@admin.register(IndexVersion)
class IndexVersionAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "jobs", "seekers", "covers_upto", "created_at"]
    list_filter = ["kind"]
    actions = ["rebuild"]

    @admin.action(description="完整重建匹配索引")
    def rebuild(self, request, queryset):
        from .tasks import rebuild_index

        rebuild_index.delay()
        messages.info(request, "已开始重建匹配索引。")


@admin.register(OccupationConfirmation)
class OccupationConfirmationAdmin(ReadOnlyAdmin):
    """Which employer kept which code for which title: the evidence behind a learned alias."""

    list_display = ["title_key", "code", "employer", "title", "confirmed_at"]
    list_filter = ["code"]
    search_fields = ["title_key", "title", "code"]


@admin.register(LearnedAlias)
class LearnedAliasAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    """Aliases employers taught the coder. Revoking goes through the service (a reason, who and
    when, kept in the history); a revoked alias is not re-activated by later confirmations."""

    list_display = ["title_key", "code", "status", "supporters", "dissenters", "promoted_at", "revoked_at"]
    list_filter = ["status"]
    search_fields = ["title_key", "code"]
    actions = ["revoke"]

    @admin.action(description="撤销所选的岗位别名")
    def revoke(self, request, queryset):
        for alias in queryset:
            learned_alias_revoke(by=request.user, alias=alias, reason="管理员在后台撤销")
        messages.success(request, f"已撤销 {queryset.count()} 个岗位别名。")
