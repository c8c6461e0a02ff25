"""The 长辈版 / 无障碍模式 theme: stored on the user when signed in, in a cookie otherwise."""

COOKIE = "elder_mode"


def elder_mode_for(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return bool(user.elder_mode)
    return request.COOKIES.get(COOKIE) == "1"
