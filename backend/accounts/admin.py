from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin

from .identifiers import clean_credit_code
from .models import (
    AccessLog,
    Consent,
    Employer,
    EmployerChangeRequest,
    EmployerMembership,
    IdentifierFinding,
    Person,
    Region,
    User,
)
from .services import REGISTRY_FIELDS, REGISTRY_LABELS, user_link_person
from .signin.credentials import user_credentials_revoke, user_deactivate


class LinkPersonForm(forms.Form):
    person = forms.IntegerField(
        label="人员档案编号",
        min_value=1,
        help_text="“人员档案”列表中的编号",
        error_messages={"required": "请填写人员档案编号", "invalid": "人员档案编号应为数字"},
    )
    reason = forms.CharField(
        label="关联原因",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：本人持证件到窗口办理，原账号无法登录。会记入该人员的访问日志，本人可以看到。",
        error_messages={"required": "请写明关联原因"},
    )


@admin.register(User)
class AppUserAdmin(UserAdmin):
    # ``person`` cannot be edited here: attaching someone's record to a login opens their full
    # identifiers to it, so it goes through user_link_person (a reason, an access-log entry, and
    # the login's reads of the record logged from then on) — the "关联人员档案" page.
    fieldsets = UserAdmin.fieldsets + (
        (
            "平台角色",
            {
                "fields": (
                    "role",
                    "auditor_kind",
                    "regions",
                    "person",
                    "person_linked_by",
                    "person_linked_at",
                    "elder_mode",
                )
            },
        ),
    )
    readonly_fields = ("person", "person_linked_by", "person_linked_at")
    list_display = ("username", "role", "auditor_kind", "is_active")
    list_filter = ("role", "auditor_kind", "is_active")
    change_form_template = "admin/accounts/user/change_form_link.html"
    actions = ["deactivate_users"]

    @admin.action(description="停用所选账号（立即退出登录，接口令牌作废）")
    def deactivate_users(self, request, queryset):
        done = 0
        for user in queryset:
            try:
                user_deactivate(user=user, by=request.user)
            except PermissionDenied as refused:
                self.message_user(request, f"{user.username}：{refused}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"已停用 {done} 个账号。", messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Unticking "有效" ends the account's sessions and API tokens now, as the action does.
            user_credentials_revoke(user=obj)

    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/link-person/",
                self.admin_site.admin_view(self.link_person_view),
                name="accounts_user_link_person",
            )
        ]
        return extra + super().get_urls()

    def link_person_view(self, request, object_id):
        """关联人员档案: attach a registry person to a seeker login, with a logged reason."""
        user = self.get_object(request, object_id)
        if user is None or not self.has_change_permission(request, user):
            raise Http404("没有这个用户")
        form = LinkPersonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            person = Person.objects.filter(pk=form.cleaned_data["person"]).first()
            if person is None:
                form.add_error("person", "没有这个编号的人员档案")
            else:
                try:
                    user_link_person(
                        user=user, person=person, reason=form.cleaned_data["reason"], by=request.user
                    )
                except ValidationError as exc:
                    for field, messages_ in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages_)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    self.message_user(request, f"已将人员档案关联到账号 {user.username}，并记入访问日志。")
                    return redirect("admin:accounts_user_change", user.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"为账号 {user.username} 关联人员档案",
            "opts": self.model._meta,
            "original": user,
            "form": form,
        }
        return TemplateResponse(request, "admin/accounts/user/link_person.html", context)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    search_fields = ("code", "name")


class MembershipInline(admin.TabularInline):
    model = EmployerMembership
    extra = 0
    raw_id_fields = ("user",)


class EmployerAdminForm(forms.ModelForm):
    class Meta:
        model = Employer
        fields = [
            "name",
            "credit_code",
            "org_type",
            "sheltered",
            "region",
            "industry",
            "address",
            "contact_name",
            "contact_phone",
            "status",
        ]

    # Longer than the stored 18 characters: people type spaces and dashes, normalised below.
    credit_code = forms.CharField(label="统一社会信用代码", max_length=40)

    def clean_credit_code(self):
        # The one identifier function normalises and checks it, as at self-registration.
        try:
            return clean_credit_code(self.cleaned_data.get("credit_code", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["credit_code"]) from exc


@admin.register(Employer)
class EmployerAdmin(SimpleHistoryAdmin):
    """Administrators keep contact details and status; master data (登记信息) is read-only here:
    it changes only by an auditor's registry decision (三员分立, services.employer_registry_change).
    Reverting to an old version from the history is switched off for the same reason."""

    form = EmployerAdminForm
    list_display = ("name", "credit_code", "org_type", "region", "status")
    list_filter = ("org_type", "status", "sheltered")
    search_fields = ("name", "credit_code")
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        return REGISTRY_FIELDS if obj is not None else ()

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("登记信息只能由审核人员作出变更决定，不能从历史版本恢复")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            stored = Employer.objects.get(pk=obj.pk)
            changed = [REGISTRY_LABELS[f] for f in REGISTRY_FIELDS if getattr(stored, f) != getattr(obj, f)]
            if changed:
                raise PermissionDenied(f"{'、'.join(changed)}是登记信息，只能由审核人员作出变更决定")
        super().save_model(request, obj, form, change)


@admin.register(EmployerChangeRequest)
class EmployerChangeRequestAdmin(SimpleHistoryAdmin):
    """Read only: auditors decide change requests on their pages; administrators do not (三员分立)."""

    list_display = ("employer", "status", "requested_at", "decided_at")
    list_filter = ("status",)
    search_fields = ("employer__name", "employer__credit_code")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


@admin.register(IdentifierFinding)
class IdentifierFindingAdmin(admin.ModelAdmin):
    """Read-only: the findings are evidence of what the normalisation migration found."""

    list_display = ("found_at", "table", "field", "problem", "record_id", "other_id")
    list_filter = ("table", "field", "problem")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
