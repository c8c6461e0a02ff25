"""Layout context: the role's menu and the 长辈版 theme, the same on every page."""

from .menus import menu_for
from .theme import elder_mode_for


def layout(request):
    return {"elder_mode": elder_mode_for(request), "nav_items": menu_for(request)}
