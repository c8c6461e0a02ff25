"""The authentication backend: Django's model backend, with one difference each way."""

from django.contrib.auth.backends import AllowAllUsersModelBackend


class ModelBackend(AllowAllUsersModelBackend):
    """Checks the password of inactive users too, so an employer whose account awaits activation
    hears so instead of "wrong password" (the login form and API still refuse them), but never
    restores an inactive user from a session: a deactivated account's sessions end at once."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
