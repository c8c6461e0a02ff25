from django.urls import path

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.include_root_view = False
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("sign-language-bookings", views.BookingViewSet, basename="sign-language-booking")

urlpatterns = [
    path("notification-preferences", views.PreferencesView.as_view(), name="notification-preferences"),
    *router.urls,
]
