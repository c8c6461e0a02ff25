"""Admin: administrators read cases and assessments (security.md: they see all); the case work
itself is done by the 就业服务专员 through the services, so the admin is read-only here."""

from django.contrib import admin

from .models import Assessment, Case, Contact, FollowUp, Goal, Referral


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class GoalInline(ReadOnlyInline):
    model = Goal
    fields = ("text", "target_date", "done_on")


class ContactInline(ReadOnlyInline):
    model = Contact
    fields = ("on", "kind", "summary")


class ReferralInline(ReadOnlyInline):
    model = Referral
    fields = ("kind", "posting", "course_name", "status")


class FollowUpInline(ReadOnlyInline):
    model = FollowUp
    fields = ("month", "on", "kind", "still_employed", "note")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("person", "region", "status", "opened_at", "placed_on", "outcome")
    list_filter = ("status", "outcome")
    inlines = [GoalInline, ContactInline, ReferralInline, FollowUpInline]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("person", "assessed_on", "readiness", "status")
    list_filter = ("status", "readiness")
