"""Receivers that notice account events and hand them to the services."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import User
from .credentials import password_changed


@receiver(post_save, sender=User, dispatch_uid="accounts.signin.password_changed")
def _on_user_saved(sender, instance, created, **kwargs):
    # AbstractBaseUser keeps the new raw password in _password from set_password() until save()
    # has finished (and clears it before the silent hash upgrade at sign-in): a non-None value
    # after saving an existing row means the password was changed (admin, changepassword, a
    # password form).
    if not created and getattr(instance, "_password", None) is not None:
        password_changed(user=instance)
