from rest_framework.permissions import BasePermission

from ..choices import Role


class HasRole(BasePermission):
    """Allow only users whose role is in `view.allowed_roles` (per action if a dict)."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        roles = getattr(view, "allowed_roles", None)
        if isinstance(roles, dict):
            roles = roles.get(getattr(view, "action", None), roles.get("default"))
        return roles is None or request.user.role in roles


def roles(*names: str) -> set[str]:
    return {Role(n) for n in names}
