"""Admin forms whose whole-object rules live in a service, so the admin and the API refuse the
same values with the same Chinese messages."""

from django import forms
from django.core.exceptions import ValidationError


class ServiceValidatedForm(forms.ModelForm):
    """``validator(candidate)`` raises ValidationError for an invalid object; set it per form."""

    validator = None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = self.instance
        for name, value in cleaned.items():
            setattr(candidate, name, value)
        try:
            type(self).validator(candidate)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
        return cleaned
