"""手语视频服务预约: anyone signed in books a session; auditors (the service desk) arrange them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from backend.accounts import permissions
from notifications.choices import BookingStatus
from notifications.selectors import bookings_visible_to
from notifications.services.bookings import booking_create, booking_handle

from ..forms_notifications import BookingForm
from .roles import no_store

LAST_BOOKING = "sign_language_booking"


@login_required
def book(request):
    form = BookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            booking = booking_create(
                by=request.user,
                wanted_date=d["wanted_date"],
                slot=d["slot"],
                topic=d["topic"],
                contact_method=d["contact_method"],
                contact_detail=d["contact_detail"],
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            request.session[LAST_BOOKING] = booking.pk
            return redirect("frontend:sign_language_done")
    return render(request, "frontend/notifications/booking_form.html", {"form": form})


@login_required
def done(request):
    booking = (
        bookings_visible_to(user=request.user)
        .filter(requester=request.user, pk=request.session.get(LAST_BOOKING))
        .first()
    )
    if booking is None:
        return redirect("frontend:sign_language_mine")
    return no_store(render(request, "frontend/notifications/booking_done.html", {"booking": booking}))


@login_required
def mine(request):
    bookings = bookings_visible_to(user=request.user).filter(requester=request.user)
    return no_store(render(request, "frontend/notifications/booking_mine.html", {"bookings": bookings}))


def _service_desk(request):
    if not (permissions.is_auditor(request.user) or permissions.is_admin(request.user)):
        raise Http404


@login_required
def desk(request):
    """The service desk's list: pending first."""
    _service_desk(request)
    bookings = bookings_visible_to(user=request.user).order_by("-status", "wanted_date", "pk")
    pending = [b for b in bookings if b.status == BookingStatus.PENDING]
    handled = [b for b in bookings if b.status == BookingStatus.HANDLED][:50]
    context = {"pending": pending, "handled": handled}
    return no_store(render(request, "frontend/notifications/booking_desk.html", context))


@login_required
@require_POST
def desk_handle(request, pk):
    _service_desk(request)
    booking = get_object_or_404(bookings_visible_to(user=request.user), pk=pk)
    try:
        booking_handle(booking=booking, by=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"已将 {booking.requester} 的预约标为已安排，并通知了本人。")
    return redirect("frontend:sign_language_desk")
