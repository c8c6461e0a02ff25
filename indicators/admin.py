from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from .models import TrainingRecord
from .services import (
    EDITABLE_FIELDS,
    training_record_create,
    training_record_delete,
    training_record_update,
    training_record_validate,
)


class TrainingRecordAdminForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["person", *EDITABLE_FIELDS]

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            person = cleaned["person"].pk if cleaned.get("person") else self.instance.person_id
            values = {name: cleaned[name] for name in EDITABLE_FIELDS if name in cleaned}
            candidate = TrainingRecord(person_id=person, **values)
            try:
                training_record_validate(candidate)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return cleaned


@admin.register(TrainingRecord)
class TrainingRecordAdmin(SimpleHistoryAdmin):
    """Administrators correct reference data here; writes still go through the services."""

    form = TrainingRecordAdminForm
    list_display = (
        "person",
        "kind",
        "course_name",
        "provider",
        "end_date",
        "hours",
        "certificate_obtained",
        "region",
    )
    list_filter = ("kind", "certificate_obtained", "region")
    search_fields = ("course_name", "provider", "person__name")
    date_hierarchy = "end_date"
    raw_id_fields = ("person",)

    def get_readonly_fields(self, request, obj=None):
        return ("person",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS if name in form.changed_data}
            training_record_update(record=obj, by=request.user, **changes)
        else:
            values = {name: form.cleaned_data[name] for name in EDITABLE_FIELDS}
            obj.pk = training_record_create(person=form.cleaned_data["person"], by=request.user, **values).pk

    def delete_model(self, request, obj):
        training_record_delete(record=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            training_record_delete(record=obj, by=request.user)
