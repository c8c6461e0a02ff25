"""Public pages: home, help, and the 长辈版 switch."""

from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from backend.accounts.services import user_set_elder_mode

from ..theme import COOKIE


def home(request):
    pending = (
        request.user.is_authenticated
        and request.user.role == "employer"
        and not request.user.memberships.filter(employer__status="active").exists()
    )
    return render(request, "frontend/home.html", {"pending": pending})


def help_page(request):
    return render(request, "frontend/help.html")


def safe_next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def theme(request):
    """Switch 长辈版 on or off and remember it (on the user if signed in, else in a cookie)."""
    enabled = request.POST.get("elder") == "1"
    response = redirect(safe_next(request))
    if request.user.is_authenticated:
        user_set_elder_mode(user=request.user, enabled=enabled)
    response.set_cookie(
        COOKIE,
        "1" if enabled else "0",
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
