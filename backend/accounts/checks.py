"""System check: the configured encryption keys can read the stored data (database-tagged,
so it runs with `migrate` and `check --database default`)."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.database)
def encryption_keys_check(app_configs, databases=None, **kwargs):
    if not databases:
        return []
    from .keycheck import verify_encryption_keys

    try:
        verify_encryption_keys()
    except ImproperlyConfigured as exc:
        return [checks.Critical(str(exc), id="accounts.E001")]
    return []
