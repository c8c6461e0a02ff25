from django.urls import path

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("employers", views.EmployerViewSet, basename="employer")
router.register(
    "employer-change-requests", views.EmployerChangeRequestViewSet, basename="employer-change-request"
)
router.register("persons", views.PersonViewSet, basename="person")
router.register("consents", views.ConsentViewSet, basename="consent")
router.register("access-logs", views.AccessLogViewSet, basename="accesslog")
router.register("registration-reviews", views.RegistrationReviewViewSet, basename="registration-review")

urlpatterns = [
    path("auth/login", views.LoginView.as_view(), name="api-login"),
    path("auth/logout", views.LogoutView.as_view(), name="api-logout"),
    path("auth/me", views.MeView.as_view(), name="api-me"),
    path("auth/register/seeker", views.SeekerRegisterView.as_view(), name="api-register-seeker"),
    path("auth/register/employer", views.EmployerRegisterView.as_view(), name="api-register-employer"),
    *router.urls,
]
