from django.contrib import admin

from .models import TrainingCourse


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "region", "starts_on", "cost_kind", "published"]
    list_filter = ["published", "cost_kind"]
    search_fields = ["name", "provider"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
