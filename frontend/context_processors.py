"""Layout context: the role's menu and the 长辈版 theme, the same on every page."""

from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count

from .menus import menu_for
from .theme import elder_mode_for


def layout(request):
    return {
        "elder_mode": elder_mode_for(request),
        "nav_items": menu_for(request),
        # Lazy: counted only when the header renders it (signed-in users).
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user=request.user)),
    }
