from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from .models import TrainingCourse
from .services import EDITABLE, normalise_skills


class TrainingCourseAdminForm(forms.ModelForm):
    """The admin keeps the catalogue too: its skills are stored in the matcher's words, as the
    services store them, or a course would never be suggested for the gap it teaches."""

    class Meta:
        model = TrainingCourse
        fields = [*EDITABLE, "published"]

    def clean_skills(self):
        try:
            return normalise_skills(self.cleaned_data["skills"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["skills"]) from None


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    form = TrainingCourseAdminForm
    list_display = ["name", "provider", "region", "starts_on", "cost_kind", "published"]
    list_filter = ["published", "cost_kind"]
    search_fields = ["name", "provider"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
