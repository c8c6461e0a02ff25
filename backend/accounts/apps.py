from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _record_key_canary(sender, **kwargs):
    from .keycheck import ensure_canary, verify_encryption_keys

    verify_encryption_keys()
    ensure_canary()


class AccountsConfig(AppConfig):
    name = "backend.accounts"
    label = "accounts"
    verbose_name = "账户与登记"

    def ready(self):
        from . import checks  # noqa: F401  (registers the encryption-key system check)
        from .signin import signals  # noqa: F401  (a password change ends the API tokens)

        post_migrate.connect(_record_key_canary, sender=self)
