"""Filters shared by the FilterSets of every app."""

import django_filters
from django import forms

# The largest BIGINT: a larger id cannot exist, and passing one to the database overflows it
# (SQLite raises OverflowError, a 500) instead of matching nothing.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A database id: a positive integer that fits a BIGINT (anything else is a Chinese 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
