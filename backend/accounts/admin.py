from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import AccessLog, Consent, Employer, EmployerMembership, Person, Region, User


@admin.register(User)
class AppUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (
        ("平台角色", {"fields": ("role", "auditor_kind", "regions", "person", "elder_mode")}),
    )
    list_display = ("username", "role", "auditor_kind", "is_active")
    list_filter = ("role", "auditor_kind", "is_active")
    raw_id_fields = ("person",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    search_fields = ("code", "name")


class MembershipInline(admin.TabularInline):
    model = EmployerMembership
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "credit_code", "org_type", "region", "status")
    list_filter = ("org_type", "status", "sheltered")
    search_fields = ("name", "credit_code")
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    # Identifiers are ciphertext; the admin never decrypts them (reveals go through the logged API).
    list_display = ("name", "certificate_kind", "region", "created_at")
    list_filter = ("certificate_kind",)
    search_fields = ("name",)
    exclude = ("resident_id_enc", "certificate_enc", "disability_enc")


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ("person", "scope", "granted_at", "withdrawn_at")
    list_filter = ("scope",)


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "actor_role", "person", "field", "purpose")
    list_filter = ("purpose", "actor_role")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
