"""Reads of the registry app, scoped to the reader (auditors and administrators only)."""

from django.db.models import QuerySet

from .models import DataImport


def data_import_list(*, user) -> QuerySet[DataImport]:
    """The import history the user may read (everyone else: none), newest first."""
    return DataImport.objects.visible_to(user).select_related("created_by")
