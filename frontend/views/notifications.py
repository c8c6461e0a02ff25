"""消息: the signed-in user's inbox and their choice of channels per kind of message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from notifications.addresses import email_of, masked, phone_of
from notifications.selectors import inbox_for
from notifications.services.inbox import notification_mark_read
from notifications.services.preferences import preferences_of, preferences_set

from ..forms_notifications import PreferencesForm
from .roles import no_store

PAGE_SIZE = 20


@login_required
def inbox(request):
    page = Paginator(inbox_for(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    unread = inbox_for(user=request.user).filter(read_at__isnull=True).count()
    return no_store(render(request, "frontend/notifications/inbox.html", {"page": page, "unread": unread}))


@login_required
@require_POST
def mark_read(request):
    """Mark one message (``id``) or all (``all``) read; with ``open`` go on to its page."""
    if request.POST.get("all"):
        count = notification_mark_read(user=request.user, all_unread=True)
        messages.success(request, f"已将 {count} 条消息标为已读。" if count else "没有未读消息。")
        return redirect("frontend:notifications")
    note = get_object_or_404(inbox_for(user=request.user), pk=_int(request.POST.get("id")))
    notification_mark_read(user=request.user, ids=[note.pk])
    target = note.url
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    messages.success(request, f"已将“{note.title}”标为已读。")
    return redirect("frontend:notifications")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@login_required
def preferences(request):
    current = preferences_of(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    if request.method == "POST" and form.is_valid():
        preferences_set(user=request.user, choices=form.choices())
        messages.success(request, "通知方式已保存。")
        return redirect("frontend:notification_preferences")
    phone, email = phone_of(request.user), email_of(request.user)
    context = {"form": form, "phone": masked(phone), "email": masked(email)}
    return no_store(render(request, "frontend/notifications/preferences.html", context))
